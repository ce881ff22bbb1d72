// The extension's commands: refresh, dashboard, cycle filter, new documents, restart, open.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseCycle } from '../../server/src/protocol.ts';
import { COMMANDS } from './commandIds.ts';
import { fetchAll, newOperationalDocument, newStrategicDocument } from './newDocuments.ts';
import type { CycleFilter, ProgressTreeProvider } from './progressTree.ts';
import { flattenTree } from './workspaceDocuments.ts';

async function selectCycle(client: LanguageClient, tree: ProgressTreeProvider): Promise<CycleFilter | undefined> {
  const result = await fetchAll(client);
  const labels = [...new Set(flattenTree(result.objectives).flatMap((o) => (o.cycle ? [o.cycle.label] : [])))].sort();
  const items = [
    { label: 'Current cycles', description: 'cycles containing today', filter: 'current' },
    { label: 'All cycles', filter: 'all' },
    ...labels.map((label) => ({ label, filter: label })),
    { label: 'Other cycle…', description: 'type a cycle expression', filter: '' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Show the OKRs of', placeHolder: `Now: ${tree.filter}` });
  if (!picked) return undefined;
  if (picked.filter) return picked.filter;
  const typed = await vscode.window.showInputBox({
    title: 'Cycle',
    prompt: '2026-Q4, 2026-11, 2026-W47..2026-W48, FY2027…',
    validateInput: (value) => {
      const parsed = parseCycle(value);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  return typed?.trim() || undefined;
}

export function registerCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  tree: ProgressTreeProvider,
  onFilterChanged: (filter: CycleFilter) => void,
  openDashboard: () => void,
): void {
  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  register(COMMANDS.refresh, () => tree.refresh());
  register(COMMANDS.openDashboard, openDashboard);
  register(COMMANDS.showAllCycles, () => onFilterChanged('all'));
  register(COMMANDS.selectCycle, async () => {
    const filter = await selectCycle(client, tree);
    if (filter) onFilterChanged(filter);
  });
  register(COMMANDS.newStrategic, () => newStrategicDocument(client));
  register(COMMANDS.newOperational, () => newOperationalDocument(client));
  register(COMMANDS.restartServer, async () => {
    await client.restart();
    tree.refresh();
  });
  register(COMMANDS.open, async (uri: string, line: number, character: number) => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const position = new vscode.Position(line, character);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
  });
}
