// "OKR: Open Dashboard": the progress dashboard (the page `okr report --format html`
// writes) in a webview, for the cycles the Progress view shows, refreshed as documents
// change. The page runs only its own nonce'd script, loads nothing, and can only ask the
// extension to open an objective or a problem that the page it was sent lists.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type Dashboard, DASHBOARD_REQUEST, type DashboardParams, escapeHtml, renderDashboardBody, renderDashboardHtml, shownObjectives } from '../../server/src/protocol.ts';
import { DASHBOARD_VIEW } from './commandIds.ts';
import { isStaleReady, openRequest, type Targets } from './dashboardMessages.ts';
import { DASHBOARD_SCRIPT } from './dashboardScript.ts';
import { filterParams, type CycleFilter } from './progressTree.ts';

/** Objectives drawn at most (whole levels): a page of 10,000 documents would be tens of megabytes. */
const DASHBOARD_BUDGET = 2000;
/** Problems listed at most (the rest are counted): the Problems panel has them all. */
const PROBLEMS_BUDGET = 500;

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}

export class DashboardPanel implements vscode.Disposable {
  private static current: DashboardPanel | undefined;
  private targets: Targets = { version: 0, objectives: [], problems: [] };
  private version = 0;
  private data: Dashboard | undefined;
  private loaded = false;
  /** Documents changed while it was hidden. */
  private stale = false;
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  /** Shows the dashboard (one panel at a time), or adopts a panel restored after a reload. */
  static show(context: vscode.ExtensionContext, client: LanguageClient, filter: () => CycleFilter, restored?: vscode.WebviewPanel): DashboardPanel {
    if (DashboardPanel.current && !restored) {
      DashboardPanel.current.panel.reveal();
      void DashboardPanel.current.refresh();
      return DashboardPanel.current;
    }
    const panel =
      restored ??
      vscode.window.createWebviewPanel(DASHBOARD_VIEW, 'OKR Dashboard', vscode.ViewColumn.Active, { ...webviewOptions(context.extensionUri), enableFindWidget: true });
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'okr.svg');
    DashboardPanel.current?.dispose();
    DashboardPanel.current = new DashboardPanel(panel, client, filter);
    return DashboardPanel.current;
  }

  /** The open dashboard, if any. */
  static get open(): DashboardPanel | undefined {
    return DashboardPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private readonly filter: () => CycleFilter,
  ) {
    panel.webview.html = loadingPage();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview is discarded, and shown again from the last whole page set: that
      // page says which version it shows when it loads (see open), and gets the newest.
      panel.webview.onDidReceiveMessage((message: unknown) => void this.open(message)),
      // A hidden dashboard is not redrawn on every change: once, when it is shown again.
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) void this.refresh();
      }),
    );
    void this.refresh();
  }

  /** Asks the server again and redraws (after documents change or the cycle filter does). */
  async refresh(): Promise<void> {
    if (this.loaded && !this.panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const generation = ++this.generation;
    let data: Dashboard;
    const params: DashboardParams = { ...filterParams(this.filter()), maxObjectives: DASHBOARD_BUDGET, maxProblems: PROBLEMS_BUDGET };
    try {
      data = await this.client.sendRequest<Dashboard>(DASHBOARD_REQUEST, params);
    } catch (error) {
      if (generation !== this.generation) return;
      const text = `The dashboard could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
      // Keep the last page, with the reason it is not up to date.
      if (this.data) void this.panel.webview.postMessage({ type: 'error', text });
      else this.panel.webview.html = messagePage(text);
      return;
    }
    if (generation !== this.generation || !data) return; // a newer refresh is on its way
    this.render(data, !this.loaded);
  }

  private render(data: Dashboard, wholePage: boolean): void {
    this.data = data;
    const shown = shownObjectives(data.objectives);
    this.targets = {
      version: ++this.version,
      objectives: shown.map((o) => ({ uri: o.uri, line: o.line, character: 0 })),
      problems: data.problems.map((p) => ({ uri: p.uri, line: p.line, character: p.character })),
    };
    if (wholePage) {
      this.panel.webview.html = renderDashboardHtml(data, { nonce: randomBytes(16).toString('base64'), script: DASHBOARD_SCRIPT, interactive: true, version: this.version });
      this.loaded = true;
    } else {
      void this.panel.webview.postMessage({ type: 'update', html: renderDashboardBody(data, { interactive: true }), version: this.version });
    }
  }

  private async open(message: unknown): Promise<void> {
    if (isStaleReady(message, this.version) && this.data) {
      this.render(this.data, false);
      return;
    }
    const target = openRequest(message, this.targets);
    if (!target) return;
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
      const position = new vscode.Position(target.line, target.character);
      // Beside the dashboard when it has the first column, so that it stays in sight.
      const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
      await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(position, position) });
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot open ${vscode.Uri.parse(target.uri).fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    this.generation++;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function simplePage(body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body>${body}</body></html>`;
}

function loadingPage(): string {
  return simplePage('<p>Loading the OKR dashboard…</p>');
}

function messagePage(text: string): string {
  return simplePage(`<p>${escapeHtml(text)}</p>`);
}
