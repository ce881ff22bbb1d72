// The language server's wiring: makes the rooms (open documents, sync, publication,
// folders, watching, requests) around one session, and registers them on the connection.
// Each room is a file of lsp/; the state they share is passed to them explicitly.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DidChangeWatchedFilesNotification, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { formatIsoDay } from '../okr/model/calendar.ts';
import { OkrSession } from '../session/session.ts';
import { HistoryTracker, lastCheckInOf } from '../session/historyTracker.ts';
import { noClientSupport, readClientSupport, SERVER_CAPABILITIES } from './capabilities.ts';
import { DocumentSync } from './documentSync.ts';
import { registerFeatureRequests } from './featureRequests.ts';
import { FileWatching, WATCHED_GLOBS } from './fileWatching.ts';
import { registerOkrRequests } from './okrRequests.ts';
import { OpenDocuments } from './openDocuments.ts';
import { DiagnosticsPublisher } from './publisher.ts';
import { Readiness } from './readiness.ts';
import { RequestContexts } from './requestContext.ts';
import { makeGuard } from './requestGuard.ts';
import { today } from './today.ts';
import { WorkspaceFolders } from './workspaceFolders.ts';

declare const OKR_VERSION: string | undefined;

export function startServer(connection: Connection): void {
  const open = new OpenDocuments();
  /** Where parsed models are kept between starts: initializationOptions.modelCacheDir or OKR_MODEL_CACHE_DIR. */
  let modelCacheDir: string | undefined = process.env.OKR_MODEL_CACHE_DIR || undefined;
  const session = new OkrSession({
    openDocument: (fsPath) => open.openDocument(fsPath),
    today,
    log: (message) => connection.console.log(message),
    modelCacheFile: (folder) => join(modelCacheDir!, `models-${createHash('sha1').update(folder).digest('hex').slice(0, 16)}.json`),
  });
  const client = noClientSupport();
  const readiness = new Readiness();
  const publisher = new DiagnosticsPublisher(connection, session, open);
  const folders = new WorkspaceFolders({ connection, client, session, publisher });
  const sync = new DocumentSync({ connection, session, open, publisher, readiness, inWorkspaceFolder: (fsPath) => folders.contains(fsPath) });
  const watching = new FileWatching({ connection, session, open, publisher, sync, folders, onRootsChanged: () => syncHistorySoon() });
  const flush = () => sync.flush();
  const guard = makeGuard(connection, readiness);
  // History from git (issue 17), read after indexing and followed as roots come and go (a
  // config reloaded, a folder added); OKR_HISTORY=off leaves git alone.
  let historySync: NodeJS.Timeout | undefined;
  const syncHistory = () => {
    if (process.env.OKR_HISTORY !== 'off') void history.sync(session.allRoots().filter((root) => root.folder !== undefined));
  };
  const syncHistorySoon = () => {
    clearTimeout(historySync);
    historySync = setTimeout(syncHistory, 1000);
  };
  const history = new HistoryTracker({
    log: (message) => connection.console.log(message),
    belongsTo: (root, file) => session.allRoots().find((candidate) => candidate.contains(file)) === root,
    onUpdated: (root) => {
      const replayed = history.historyOf(root);
      void publisher.publishUpdate(session.checkInsChanged(root, replayed ? lastCheckInOf(replayed) : undefined));
    },
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    Object.assign(client, readClientSupport(params));
    const options = params.initializationOptions as { modelCacheDir?: unknown } | undefined;
    if (typeof options?.modelCacheDir === 'string' && options.modelCacheDir !== '') modelCacheDir = options.modelCacheDir;
    if (!modelCacheDir) session.disableModelCache();
    folders.setInitial(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: SERVER_CAPABILITIES,
      serverInfo: { name: 'okr-language-server', version: typeof OKR_VERSION === 'string' ? OKR_VERSION : '0.0.0-dev' },
    };
  });

  connection.onInitialized(async () => {
    try {
      if (client.watcherRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
      }
      await folders.indexAll();
    } catch (error) {
      connection.console.error(`okr: indexing failed: ${String(error)}`);
    }
    readiness.markReady();
    sync.schedulePending();
    syncHistory();
    if (!client.watcherRegistration) watching.watchOurselves();
    if (client.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((event) => void folders.onDidChange(event).finally(syncHistorySoon));
  });

  sync.listen();
  connection.onDidChangeWatchedFiles((params) => watching.onFilesChanged(params?.changes));
  const contexts = new RequestContexts(session, open, flush, (root) => history.historyOf(root));
  connection.onShutdown(() => {
    clearTimeout(historySync);
    history.dispose();
  });
  registerFeatureRequests({ connection, session, open, contexts, guard, client, flush });
  registerOkrRequests({ connection, session, guard, flush, uriOf: (root, path) => open.uriOf(root, path), today: () => formatIsoDay(today()) });

  open.documents.listen(connection);
  connection.listen();
}
