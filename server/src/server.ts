// The language server: connection wiring only. State lives in OkrSession, features in
// features/, the engine in okr/.
import { createHash } from 'node:crypto';
import { watch } from 'node:fs';
import { basename, join } from 'node:path';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './features/codeActions.ts';
import { codeLenses } from './features/codeLens.ts';
import { completion } from './features/completion.ts';
import { fileUri, uriToPath, type FeatureContext } from './features/context.ts';
import { documentSymbols, workspaceSymbols } from './features/documentSymbols.ts';
import { hover } from './features/hover.ts';
import { definition, references } from './features/navigation.ts';
import { progressTree } from './features/progressTree.ts';
import { prepareRename, renameEdits } from './features/rename.ts';
import { CONFIG_FILE_NAME } from './okr/config.ts';
import { dayFromDate, formatIsoDay, parseIsoDay, type Day } from './okr/cycles.ts';
import type { Diagnostic } from './okr/diagnostics.ts';
import { LineIndex } from './okr/text.ts';
import { PROGRESS_TREE_CHANGED_NOTIFICATION, PROGRESS_TREE_REQUEST, type ProgressTreeParams } from './protocol.ts';
import { OkrSession, type OkrRoot, type UpdateResult } from './session.ts';

/**
 * An edit after a quiet moment is validated at once; edits in a burst are coalesced and
 * validated at most this long after the last one (the issue asks ≤ 150 ms).
 */
const DEBOUNCE_MS = 100;

function toLsp(diagnostic: Diagnostic): LspDiagnostic {
  const severity = { error: 1, warning: 2, info: 3, hint: 4 } as const;
  return { range: diagnostic.range, severity: severity[diagnostic.severity], code: diagnostic.code, source: 'okr', message: diagnostic.message };
}

/** "Today": OKR_TODAY when set (reproducible runs), else the local date. */
function today(): Day {
  const fixed = process.env.OKR_TODAY?.trim();
  const parsed = fixed ? parseIsoDay(fixed) : undefined;
  return parsed ?? dayFromDate(new Date());
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const openByPath = new Map<string, TextDocument>();
  const session = new OkrSession({
    openDocument: (fsPath) => {
      const open = openByPath.get(fsPath);
      return open && { uri: open.uri, version: open.version, text: open.getText() };
    },
    today,
    log: (message) => connection.console.log(message),
    modelCacheFile: (folder) => join(modelCacheDir!, `models-${createHash('sha1').update(folder).digest('hex').slice(0, 16)}.json`),
  });
  /** Where parsed models are kept between starts: initializationOptions.modelCacheDir or OKR_MODEL_CACHE_DIR. */
  let modelCacheDir: string | undefined = process.env.OKR_MODEL_CACHE_DIR || undefined;
  let folders: string[] = [];
  let supportsDocumentChanges = false;
  let supportsWatcherRegistration = false;
  let supportsWorkDoneProgress = false;
  let supportsWorkspaceFolders = false;
  let ready = false;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let lastFlush = 0;
  const published = new Set<string>();

  const uriOf = (root: OkrRoot, path: string) => {
    const fsPath = root.fsPath(path);
    return openByPath.get(fsPath)?.uri ?? fileUri(fsPath);
  };

  const publish = (fsPath: string) => {
    const ref = session.documentAt(fsPath);
    const open = openByPath.get(fsPath);
    const uri = open?.uri ?? fileUri(fsPath);
    if (!ref) {
      if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const diagnostics = session.diagnostics(ref, fsPath).map(toLsp);
    published.add(uri);
    void connection.sendDiagnostics({ uri, ...(open ? { version: open.version } : {}), diagnostics });
  };

  const publishConfig = (root: OkrRoot) => {
    if (!root.configPath) return;
    const uri = fileUri(root.configPath);
    if (root.configProblems.length === 0 && !published.has(uri)) return;
    published.add(uri);
    void connection.sendDiagnostics({ uri, diagnostics: root.configProblems.map(toLsp) });
  };

  const publishUpdate = ({ affected, removed }: UpdateResult) => {
    for (const fsPath of removed) publish(fsPath);
    for (const fsPath of affected) publish(fsPath);
    if (affected.size > 0 || removed.size > 0) void connection.sendNotification(PROGRESS_TREE_CHANGED_NOTIFICATION, {});
  };

  /** Applies pending changes now; requests call it first so they never see an older version. */
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    const files = [...pending];
    pending.clear();
    lastFlush = Date.now();
    publishUpdate(session.update(files));
  };

  const schedule = (fsPath: string) => {
    pending.add(fsPath);
    if (!ready) return;
    const quiet = !timer && Date.now() - lastFlush >= DEBOUNCE_MS;
    if (timer) clearTimeout(timer);
    // After a quiet moment: on the next turn of the event loop (changes already queued
    // in this one coalesce); in a burst: once typing pauses.
    timer = setTimeout(() => {
      try {
        flush();
      } catch (error) {
        connection.console.error(`okr: validation failed: ${String(error)}`);
      }
    }, quiet ? 0 : DEBOUNCE_MS);
  };

  /** The context of a request on a document, or undefined when it is not an OKR document. */
  const contextOf = (uri: string): FeatureContext | undefined => {
    flush();
    const fsPath = uriToPath(uri);
    const ref = fsPath === undefined ? undefined : session.documentAt(fsPath);
    if (!ref) return undefined;
    return {
      session,
      root: ref.root,
      analysis: session.analysis(ref.root),
      document: ref.document,
      uriOf: (path) => uriOf(ref.root, path),
    };
  };

  /** Runs a handler so that its failure is an error answer, never a crashed server. */
  const guard = <P, R>(name: string, handler: (params: P, token: CancellationToken) => R, empty: R) => {
    return (params: P, token: CancellationToken): R => {
      if (token?.isCancellationRequested) return empty;
      try {
        return handler(params, token);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        connection.console.error(`okr: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        throw new ResponseError(ErrorCodes.InternalError, `okr: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  };

  const indexFolders = async (added: string[]) => {
    const progress = supportsWorkDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Indexing OKR documents', 0, 'scanning', false);
    const affected = new Set<string>();
    for (const folder of added) {
      const indexed = await session.addFolder(folder, (done, total) => {
        progress?.report(Math.round((done / Math.max(total, 1)) * 100), `${done} of ${total} markdown files in ${basename(folder)}`);
      });
      for (const file of indexed) affected.add(file);
    }
    progress?.done();
    for (const root of session.allRoots()) publishConfig(root);
    publishUpdate({ affected, removed: new Set() });
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    supportsDocumentChanges = !!capabilities.workspace?.workspaceEdit?.documentChanges;
    supportsWatcherRegistration = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    supportsWorkDoneProgress = !!capabilities.window?.workDoneProgress;
    supportsWorkspaceFolders = !!capabilities.workspace?.workspaceFolders;
    const options = params.initializationOptions as { modelCacheDir?: unknown } | undefined;
    if (typeof options?.modelCacheDir === 'string' && options.modelCacheDir !== '') modelCacheDir = options.modelCacheDir;
    if (!modelCacheDir) session.disableModelCache();
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.flatMap((uri) => {
      const path = uriToPath(uri);
      return path ? [path] : [];
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: ['[', '#', '^', ':'] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'okr-language-server', version: typeof OKR_VERSION === 'string' ? OKR_VERSION : '0.0.0-dev' },
    };
  });

  connection.onInitialized(async () => {
    if (supportsWatcherRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.md' }, { globPattern: `**/${CONFIG_FILE_NAME}` }],
      });
    }
    try {
      await indexFolders(folders);
    } catch (error) {
      connection.console.error(`okr: indexing failed: ${String(error)}`);
    }
    ready = true;
    if (pending.size > 0) schedule([...pending][0]!);
    if (!supportsWatcherRegistration) watchFoldersOurselves();
    if (!supportsWorkspaceFolders) return;
    connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
      for (const folder of event.removed) {
        const path = uriToPath(folder.uri);
        if (path) publishUpdate({ affected: new Set(), removed: session.removeFolder(path) });
      }
      const added = event.added.flatMap((f) => uriToPath(f.uri) ?? []);
      await indexFolders(added);
    });
  });

  documents.onDidOpen(({ document }) => {
    const fsPath = uriToPath(document.uri);
    if (!fsPath) return;
    openByPath.set(fsPath, document);
    schedule(fsPath);
  });
  documents.onDidChangeContent(({ document }) => {
    const fsPath = uriToPath(document.uri);
    if (!fsPath) return;
    openByPath.set(fsPath, document);
    schedule(fsPath);
  });
  documents.onDidClose(({ document }) => {
    const fsPath = uriToPath(document.uri);
    if (!fsPath) return;
    openByPath.delete(fsPath);
    schedule(fsPath); // back to the file on disk
  });

  /** Clients that cannot watch files for us (Neovim before 0.9): Node's own recursive watcher. */
  const watchFoldersOurselves = () => {
    for (const folder of folders) {
      try {
        const watcher = watch(folder, { recursive: true }, (_event, name) => {
          if (!name || /(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(name)) return;
          const fsPath = join(folder, name);
          if (basename(fsPath) === CONFIG_FILE_NAME) void onFilesChanged([{ uri: fileUri(fsPath), type: FileChangeType.Changed }]);
          else if (/\.md$/i.test(name) && !openByPath.has(fsPath)) schedule(fsPath);
        });
        watcher.on('error', (error) => connection.console.error(`okr: cannot watch ${folder}: ${String(error)}`));
        watcher.unref();
      } catch (error) {
        connection.console.error(`okr: cannot watch ${folder}: ${String(error)}`);
      }
    }
  };

  const onFilesChanged = async (changes: FileEvent[]) => {
    const configs = new Set<string>();
    for (const change of changes) {
      const fsPath = uriToPath(change.uri);
      if (!fsPath) continue;
      if (basename(fsPath) === CONFIG_FILE_NAME) configs.add(fsPath);
      else if (!openByPath.has(fsPath) || change.type === FileChangeType.Deleted) pending.add(fsPath);
    }
    for (const config of configs) {
      flush();
      const result = await session.reloadConfig(config);
      for (const root of session.allRoots()) publishConfig(root);
      if (!session.allRoots().some((root) => root.configPath === config)) {
        void connection.sendDiagnostics({ uri: fileUri(config), diagnostics: [] });
      }
      publishUpdate(result);
    }
    if (pending.size > 0) schedule([...pending][0]!);
  };
  connection.onDidChangeWatchedFiles(({ changes }) => onFilesChanged(changes));

  connection.onHover(guard('hover', (params) => {
    const context = contextOf(params.textDocument.uri);
    return context ? hover(context, params.position) : null;
  }, null));

  connection.onDefinition(guard('definition', (params) => {
    const context = contextOf(params.textDocument.uri);
    return context ? definition(context, params.position) : null;
  }, null));

  connection.onReferences(guard('references', (params) => {
    const context = contextOf(params.textDocument.uri);
    return context ? references(context, params.position, params.context.includeDeclaration) : [];
  }, []));

  connection.onPrepareRename(guard('prepareRename', (params) => {
    const context = contextOf(params.textDocument.uri);
    if (!context) throw new ResponseError(ErrorCodes.InvalidRequest, 'This is not an OKR document.');
    return prepareRename(context, params.position);
  }, null));

  connection.onRenameRequest(guard('rename', (params): WorkspaceEdit | null => {
    const context = contextOf(params.textDocument.uri);
    if (!context) throw new ResponseError(ErrorCodes.InvalidRequest, 'This is not an OKR document.');
    const edits = renameEdits(context, params.position, params.newName);
    if (supportsDocumentChanges) {
      return {
        documentChanges: [...edits].map(([path, textEdits]) => {
          const open = openByPath.get(context.root.fsPath(path));
          return { textDocument: { uri: context.uriOf(path), version: open ? open.version : null }, edits: textEdits };
        }),
      };
    }
    return { changes: Object.fromEntries([...edits].map(([path, textEdits]) => [context.uriOf(path), textEdits])) };
  }, null));

  connection.onCompletion(guard('completion', (params) => {
    const context = contextOf(params.textDocument.uri);
    const open = documents.get(params.textDocument.uri);
    if (!context || !open) return [];
    return completion(context, new LineIndex(open.getText()), params.position);
  }, []));

  connection.onDocumentSymbol(guard('documentSymbol', (params) => {
    const context = contextOf(params.textDocument.uri);
    return context ? documentSymbols(context.analysis, context.document) : [];
  }, []));

  connection.onWorkspaceSymbol(guard('workspaceSymbol', (params) => {
    flush();
    const contexts = session.allRoots().map((root) => ({ analysis: session.analysis(root), uriOf: (path: string) => uriOf(root, path) }));
    return workspaceSymbols(contexts, params.query);
  }, []));

  connection.onCodeLens(guard('codeLens', (params) => {
    const context = contextOf(params.textDocument.uri);
    return context ? codeLenses(context.analysis, context.document) : [];
  }, []));

  connection.onCodeAction(guard('codeAction', (params) => {
    const context = contextOf(params.textDocument.uri);
    return context ? codeActions(context, params.range, params.context.diagnostics) : [];
  }, []));

  connection.onRequest(PROGRESS_TREE_REQUEST, guard('progressTree', (params: ProgressTreeParams | undefined) => {
    flush();
    const sourceOf = (root: OkrRoot) => ({ analysis: session.analysis(root), uriOf: (path: string) => uriOf(root, path) });
    const sources = session.allRoots().filter((root) => root.index.size > 0).map(sourceOf);
    const underPath = params?.under ? uriToPath(params.under.uri) : undefined;
    const underRef = underPath === undefined ? undefined : session.documentAt(underPath);
    try {
      return progressTree(sources, params ?? {}, formatIsoDay(today()), underRef && { source: sourceOf(underRef.root), document: underRef.document });
    } catch (error) {
      throw new ResponseError(ErrorCodes.InvalidParams, error instanceof Error ? error.message : String(error));
    }
  }, null));

  documents.listen(connection);
  connection.listen();
}

declare const OKR_VERSION: string | undefined;
