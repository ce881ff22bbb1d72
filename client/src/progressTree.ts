// The Progress view: a TreeDataProvider over the server's okr/progressTree request.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PROGRESS_TREE_REQUEST, type ProgressTreeParams, type ProgressTreeResult } from '../../server/src/protocol.ts';
import { COMMANDS } from './commandIds.ts';
import { treeNodes, type TreeNodeData } from './treeModel.ts';


/** `current`: the cycles containing today; `all`; or a cycle expression. */
export type CycleFilter = 'current' | 'all' | string;

export function filterParams(filter: CycleFilter): ProgressTreeParams {
  if (filter === 'current') return {};
  if (filter === 'all') return { all: true };
  return { cycle: filter };
}

export class ProgressTreeProvider implements vscode.TreeDataProvider<TreeNodeData> {
  private readonly changed = new vscode.EventEmitter<TreeNodeData | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<TreeNodeData[]> | undefined;

  constructor(
    private readonly client: LanguageClient,
    public filter: CycleFilter,
  ) {}

  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  setFilter(filter: CycleFilter): void {
    this.filter = filter;
    this.refresh();
  }

  private async load(): Promise<TreeNodeData[]> {
    try {
      const result = await this.client.sendRequest<ProgressTreeResult>(PROGRESS_TREE_REQUEST, filterParams(this.filter));
      return treeNodes(result);
    } catch (error) {
      void vscode.window.showWarningMessage(`OKR progress tree: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  async getChildren(element?: TreeNodeData): Promise<TreeNodeData[]> {
    if (element) return element.children;
    this.roots ??= this.load();
    return this.roots;
  }

  getTreeItem(node: TreeNodeData): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : node.kind === 'objective' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = node.id;
    item.description = node.description;
    // Document text: never trusted, no HTML, no command links.
    const tooltip = new vscode.MarkdownString(node.tooltip, false);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.contextValue = node.kind;
    item.command = { command: COMMANDS.open, title: 'Open', arguments: [node.uri, node.line, node.character] };
    return item;
  }
}
