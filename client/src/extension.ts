// The VS Code extension: starts the language server and adds the Progress view,
// the commands and the status-bar item. Everything else comes from the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { PROGRESS_TREE_CHANGED_NOTIFICATION, PROGRESS_TREE_REQUEST, type ProgressTreeResult } from '../../server/src/protocol.ts';
import { registerCommands } from './commands.ts';
import { DASHBOARD_VIEW, PROGRESS_VIEW } from './commandIds.ts';
import { DashboardPanel } from './dashboardPanel.ts';
import { ProgressTreeProvider, type CycleFilter } from './progressTree.ts';
import { startWhenNeeded } from './okrWorkspaceProbe.ts';
import { createStatusBar } from './statusBar.ts';

let client: LanguageClient | undefined;

/** How long the tree and the status bar wait after a change before asking the server again. */
const TREE_REFRESH_DELAY_MS = 300;

/** What `activate` returns (`extension.exports`): used by the extension-host tests. */
export interface OkrExtensionApi {
  readonly progressTree: vscode.TreeDataProvider<unknown>;
}

export async function activate(context: vscode.ExtensionContext): Promise<OkrExtensionApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'okr-markdown' },
      // MDX, read as markdown: by name, so that no MDX extension is needed.
      { scheme: 'file', pattern: '**/*.mdx' },
    ],
    outputChannelName: 'OKR Markdown',
    // Parsed models are kept here between starts, so that a warm start parses only what
    // changed; not in Restricted Mode (declared in package.json: capabilities.untrustedWorkspaces).
    initializationOptions: vscode.workspace.isTrusted ? { modelCacheDir: (context.storageUri ?? context.globalStorageUri).fsPath } : {},
  };
  client = new LanguageClient('okr', 'OKR Markdown', serverOptions, clientOptions);

  const configured = vscode.workspace.getConfiguration('okr').get<string>('progressTree.defaultCycle', 'current');
  const tree = new ProgressTreeProvider(client, configured || 'current');
  const view = vscode.window.createTreeView(PROGRESS_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  tree.isVisible = () => view.visible;
  const status = createStatusBar(`${PROGRESS_VIEW}.focus`);
  const describe = (filter: CycleFilter) => (filter === 'current' ? 'current cycles' : filter === 'all' ? 'all cycles' : filter);
  const onFilterChanged = (filter: CycleFilter) => {
    tree.setFilter(filter);
    view.description = describe(filter);
    void DashboardPanel.open?.refresh();
  };
  view.description = describe(tree.filter);
  context.subscriptions.push(view, status.item);
  // The dashboard shows the cycles the Progress view shows.
  const showDashboard = (restored?: vscode.WebviewPanel) => DashboardPanel.show(context, client!, () => tree.filter, restored);
  registerCommands(context, client, tree, onFilterChanged, () => void showDashboard());
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW, {
      deserializeWebviewPanel: async (panel) => {
        showDashboard(panel); // it sets the panel's options again
      },
    }),
    { dispose: () => DashboardPanel.open?.dispose() },
  );

  // The status bar shows the current cycles' progress whether or not the view is open.
  const refreshStatus = async () => {
    try {
      // The roots are enough for both (the mean of the strategic roots; any objective at all).
      const [current, all] = await Promise.all([
        client!.sendRequest<ProgressTreeResult>(PROGRESS_TREE_REQUEST, { depth: 0, attention: false }),
        client!.sendRequest<ProgressTreeResult>(PROGRESS_TREE_REQUEST, { all: true, depth: 0, attention: false }),
      ]);
      status.update(current, 'current cycles');
      await vscode.commands.executeCommand('setContext', 'okr.hasDocuments', all.objectives.length > 0);
    } catch {
      // the server is restarting; the next change refreshes it
    }
  };

  let refreshTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    client.onNotification(PROGRESS_TREE_CHANGED_NOTIFICATION, () => {
      // Every keystroke changes the tree; asking for it once typing pauses is enough.
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        tree.refresh();
        void refreshStatus();
        void DashboardPanel.open?.refresh();
      }, TREE_REFRESH_DELAY_MS);
    }),
    { dispose: () => refreshTimer && clearTimeout(refreshTimer) },
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('okr.progressTree.defaultCycle')) {
        onFilterChanged(vscode.workspace.getConfiguration('okr').get<string>('progressTree.defaultCycle', 'current') || 'current');
      }
    }),
  );
  // The server starts where there are OKR documents (or when a markdown file opens); the view,
  // the commands and the dashboard start it too, by asking it something.
  startWhenNeeded(context, () => {
    void client!.start().then(() => {
      void refreshStatus();
      tree.refresh();
    }, (error: unknown) => client!.error('The OKR language server did not start', error, 'force'));
  });
  return { progressTree: tree };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
