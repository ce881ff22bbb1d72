// The status-bar item: overall progress of the strategic objectives shown in the tree.
import * as vscode from 'vscode';
import { overallProgress as overallOf, type ProgressTreeResult } from '../../server/src/protocol.ts';
import { overallProgress, percent } from './treeModel.ts';

export function createStatusBar(focusCommand: string): { item: vscode.StatusBarItem; update(result: ProgressTreeResult, filterLabel: string): void } {
  const item = vscode.window.createStatusBarItem('okr.progress', vscode.StatusBarAlignment.Left, 50);
  item.name = 'OKR progress';
  item.command = focusCommand;
  return {
    item,
    update(result, filterLabel) {
      const overall = overallProgress(result);
      if (result.objectives.length === 0) {
        item.hide();
        return;
      }
      item.text = `$(target) OKR ${percent(overall)}`;
      item.tooltip = `OKR progress (${filterLabel}): mean of ${overallOf(result.objectives).measured} top-level strategic objectives`;
      item.show();
    },
  };
}
