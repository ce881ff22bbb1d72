// The Progress view: a TreeDataProvider over the server's okr/progressTree request.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PROGRESS_TREE_REQUEST, type ProgressTreeParams, type ProgressTreeResult } from '../../server/src/protocol.ts';
import { COMMANDS } from './commandIds.ts';
import { expansionOf, treeNodes, withLoadedChildren, type Expansion, type TreeNodeData } from './treeModel.ts';

/** Objectives per answer of the server: enough for any view, small enough to send at once. */
const TREE_BUDGET = 400;
const COLLAPSIBLE: Record<Expansion, vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};
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
  /** The answer the tree shows, as text: a refresh that brings the same answer redraws nothing. */
  private shownAnswer: string | undefined;
  /** A level was loaded on expanding: the roots' answer no longer says all the tree shows. */
  private loadedBelow = false;
  private generation = 0;
  /** Whether the view is on screen (set by the extension once the view exists). */
  isVisible: () => boolean = () => true;

  constructor(
    private readonly client: LanguageClient,
    public filter: CycleFilter,
  ) {}

  /**
   * Asks the server again, and redraws only when the answer changed: the server says the tree
   * changed on every pause in typing, and a redraw (which also races VS Code's own requests
   * for the children of expanded items) for nothing would flicker and could lose them.
   */
  refresh(): void {
    const generation = ++this.generation;
    if (!this.isVisible()) {
      this.forget(); // hidden: nothing to ask now; VS Code asks for the roots when it is shown
      return;
    }
    void this.load(filterParams(this.filter)).then(({ nodes, answer }) => {
      if (generation !== this.generation) return; // a newer refresh is under way
      if (answer === this.shownAnswer && !this.loadedBelow) return;
      this.show(nodes, answer);
    });
  }

  setFilter(filter: CycleFilter): void {
    this.filter = filter;
    this.generation++;
    this.forget();
  }

  /** Drops the roots shown, so that VS Code's next request for them asks the server. */
  private forget(): void {
    this.roots = undefined;
    this.shownAnswer = undefined;
    this.changed.fire(undefined);
  }

  private show(nodes: TreeNodeData[], answer: string | undefined): void {
    this.roots = Promise.resolve(nodes);
    this.shownAnswer = answer;
    this.loadedBelow = false;
    this.changed.fire(undefined);
  }

  private async load(params: ProgressTreeParams, parent?: TreeNodeData): Promise<{ nodes: TreeNodeData[]; answer?: string }> {
    try {
      // Whole levels while they fit: a small workspace comes in one answer, a large one by levels.
      const result = await this.client.sendRequest<ProgressTreeResult>(PROGRESS_TREE_REQUEST, { ...params, maxObjectives: TREE_BUDGET });
      return { nodes: treeNodes(result, parent), answer: JSON.stringify(result) };
    } catch (error) {
      void vscode.window.showWarningMessage(`OKR progress tree: ${error instanceof Error ? error.message : String(error)}`);
      return { nodes: [] };
    }
  }

  async getChildren(element?: TreeNodeData): Promise<TreeNodeData[]> {
    if (!element) {
      this.roots ??= this.load(filterParams(this.filter)).then(({ nodes, answer }) => {
        this.shownAnswer = answer;
        return nodes;
      });
      return this.roots;
    }
    if (element.unloaded === 0) return element.children;
    const { nodes } = await this.load({ under: { uri: element.uri, line: element.line } }, element);
    const complete = withLoadedChildren(element, nodes);
    element.children = complete.children;
    element.unloaded = 0;
    this.loadedBelow = true;
    return element.children;
  }

  getTreeItem(node: TreeNodeData): vscode.TreeItem {
    // The state it first shows in; VS Code keeps the user's choice by id across refreshes.
    const item = new vscode.TreeItem(node.label, COLLAPSIBLE[expansionOf(node)]);
    item.id = node.id;
    item.description = node.description;
    // Document text: never trusted, no HTML, no command links.
    const tooltip = new vscode.MarkdownString(node.tooltip, false);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.contextValue = node.kind;
    // A click on the group opens or closes it; on an objective or key result, opens its place.
    if (node.kind === 'showAll') item.command = { command: COMMANDS.showAllCycles, title: 'Show All Cycles' };
    else if (node.kind !== 'attention') item.command = { command: COMMANDS.open, title: 'Open', arguments: [node.uri, node.line, node.character] };
    return item;
  }
}
