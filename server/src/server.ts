// The language server: connection wiring only. State lives in OkrSession, features in
// features/, the engine in okr/.
import { createHash } from 'node:crypto';
import { readFileSync, watch } from 'node:fs';
import { basename, join, sep } from 'node:path';
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
import { asRange, clampPosition, clampRange, fileUri, uriToPath, type FeatureContext } from './features/context.ts';
import { documentSymbols, workspaceSymbols } from './features/documentSymbols.ts';
import { hover } from './features/hover.ts';
import { definition, references } from './features/navigation.ts';
import { prepareRename, renameEdits } from './features/rename.ts';
import { CONFIG_FILE_NAME } from './okr/config.ts';
import { dayFromDate, formatIsoDay, parseIsoDay, type Day } from './okr/cycles.ts';
import type { Diagnostic } from './okr/diagnostics.ts';
import { LineIndex, stripBom, type Position, type Range } from './okr/text.ts';
import { PROGRESS_TREE_CHANGED_NOTIFICATION } from './protocol.ts';
import { registerOkrRequests } from './okrRequests.ts';
import { invalidParams, positionParam, uriParam } from './requestParams.ts';
import { OkrSession, type OkrRoot, type UpdateResult } from './session.ts';

/**
 * An edit after a quiet moment is validated at once; edits in a burst are coalesced and
 * validated at most this long after the last one (the issue asks ≤ 150 ms).
 */
const DEBOUNCE_MS = 100;
/** However long a burst of changes lasts, they are validated at least this often. */
const MAX_WAIT_MS = 1000;

function toLsp(diagnostic: Diagnostic): LspDiagnostic {
  const severity = { error: 1, warning: 2, info: 3, hint: 4 } as const;
  return { range: diagnostic.range, severity: severity[diagnostic.severity], code: diagnostic.code, source: 'okr', message: diagnostic.message };
}

/**
 * Request handlers made to fail on purpose, named in OKR_FAULT_INJECTION (`hover,codeLens`):
 * the robustness tests check that a feature that throws answers an error and the server
 * keeps serving.
 */
const INJECTED_FAULTS = new Set((process.env.OKR_FAULT_INJECTION ?? '').split(',').map((name) => name.trim()).filter(Boolean));

/** "Today": OKR_TODAY when set (reproducible runs), else the local date. */
function today(): Day {
  const fixed = process.env.OKR_TODAY?.trim();
  const parsed = fixed ? parseIsoDay(fixed) : undefined;
  return parsed ?? dayFromDate(new Date());
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const openByPath = new Map<string, TextDocument>();
  /**
   * Files outside every workspace folder, closed since the last flush. An editor's other
   * files are served only while open (SPEC §8 covers the workspace folders): the next flush
   * forgets them, their diagnostics and the roots made for them.
   */
  const forgotten = new Set<string>();
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
  /** Settles when the workspace folders are indexed: requests wait for it. */
  let markReady!: () => void;
  const indexed = new Promise<void>((resolve) => (markReady = resolve));
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  /** When the oldest change still pending arrived. */
  let firstPending: number | undefined;
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
    for (const fsPath of [...removed, ...affected]) {
      try {
        publish(fsPath);
      } catch (error) {
        connection.console.error(`okr: cannot validate ${fsPath}: ${String(error)}`);
      }
    }
    if (affected.size > 0 || removed.size > 0) void connection.sendNotification(PROGRESS_TREE_CHANGED_NOTIFICATION, {});
  };

  const inWorkspaceFolder = (fsPath: string) => folders.some((folder) => fsPath.startsWith(folder.endsWith(sep) ? folder : folder + sep));

  /** session.update, but one file that cannot be read or parsed does not hold back the others. */
  const update = (files: Iterable<string>): UpdateResult => {
    const list = [...files];
    try {
      return session.update(list);
    } catch (error) {
      connection.console.error(`okr: validation failed: ${String(error)}`);
      const result: UpdateResult = { affected: new Set(), removed: new Set() };
      for (const file of list) {
        try {
          const one = session.update([file]);
          for (const f of one.affected) result.affected.add(f);
          for (const f of one.removed) result.removed.add(f);
        } catch (fileError) {
          connection.console.error(`okr: cannot validate ${file}: ${String(fileError)}`);
        }
      }
      for (const f of result.affected) result.removed.delete(f);
      return result;
    }
  };

  /**
   * Applies pending changes now; requests call it first so they never see an older version.
   * Not before the folders are indexed: a file updated then would get a root of its own
   * folder, splitting the workspace.
   */
  const flush = () => {
    if (!ready) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    firstPending = undefined;
    if (pending.size === 0) return;
    const files = new Set(pending);
    pending.clear();
    lastFlush = Date.now();
    let dropped = new Set<string>();
    if (forgotten.size > 0) {
      // Closed files outside the workspace folders: the session keeps a root for each
      // lone file's folder, never removed; drop them all (the roots of no workspace
      // folder, hence `undefined`) and index again the lone files still open.
      dropped = session.forgetLoneRoots();
      for (const file of dropped) if (openByPath.has(file) || inWorkspaceFolder(file)) files.add(file);
      for (const file of forgotten) files.delete(file);
      forgotten.clear();
    }
    const result = update(files);
    for (const file of dropped) if (!result.affected.has(file)) result.removed.add(file);
    publishUpdate(result);
  };

  /**
   * Validates a change soon. `burst`: it comes with many others (changes on disk: a branch
   * switch, a build), so wait until they pause and validate them together.
   */
  const schedule = (fsPath: string, burst = false) => {
    pending.add(fsPath);
    if (!ready) return;
    const now = Date.now();
    const quiet = !burst && !timer && now - lastFlush >= DEBOUNCE_MS;
    firstPending ??= now;
    if (timer) clearTimeout(timer);
    // An edit after a quiet moment: on the next turn of the event loop (changes already
    // queued in this one coalesce); in a burst, or changes on disk: once they pause, and
    // never later than MAX_WAIT_MS after the first (a stream of changes cannot starve it).
    const wait = quiet ? 0 : Math.max(0, Math.min(DEBOUNCE_MS, firstPending + MAX_WAIT_MS - now));
    timer = setTimeout(() => {
      try {
        flush();
      } catch (error) {
        connection.console.error(`okr: validation failed: ${String(error)}`);
      }
    }, wait);
  };

  /** The text of a document as the features see it: the editor's copy, else the file (one entry per open document). */
  const linesCache = new WeakMap<TextDocument, { version: number; lines: LineIndex }>();
  const linesOf = (uri: string, fsPath: string): LineIndex | undefined => {
    const open = documents.get(uri) ?? openByPath.get(fsPath);
    if (open) {
      const cached = linesCache.get(open);
      if (cached?.version === open.version) return cached.lines;
      const lines = new LineIndex(open.getText());
      linesCache.set(open, { version: open.version, lines });
      return lines;
    }
    try {
      return new LineIndex(stripBom(readFileSync(fsPath, 'utf8')));
    } catch {
      return undefined;
    }
  };

  /** A request's position, clamped into the document: past the end of a line or of the document is its end. */
  const clampedPosition = (context: FeatureContext, uri: string, position: Position): Position => {
    const lines = linesOf(uri, context.root.fsPath(context.document.path));
    if (lines) return clampPosition(lines, position);
    const line = Math.max(0, Math.min(position.line, context.document.lineCount - 1));
    return { line, character: line === position.line ? Math.max(0, position.character) : 0 };
  };

  const clampedRange = (context: FeatureContext, uri: string, range: Range): Range => {
    const lines = linesOf(uri, context.root.fsPath(context.document.path));
    return lines ? clampRange(lines, range) : { start: clampedPosition(context, uri, range.start), end: clampedPosition(context, uri, range.end) };
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

  /**
   * Runs a handler so that its failure is an error answer, never a crashed server. Requests
   * that come while the folders are being indexed are answered once they are.
   */
  const guard = <P, R>(name: string, handler: (params: P, token: CancellationToken) => R, empty: R) => {
    const run = (params: P, token: CancellationToken): R => {
      if (token?.isCancellationRequested) return empty;
      try {
        if (INJECTED_FAULTS.has(name)) throw new Error(`fault injected into ${name} (OKR_FAULT_INJECTION)`);
        return handler(params, token);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        connection.console.error(`okr: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        throw new ResponseError(ErrorCodes.InternalError, `okr: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    return (params: P, token: CancellationToken): R | Promise<R> => (ready ? run(params, token) : indexed.then(() => run(params, token)));
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
    try {
      if (supportsWatcherRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.md' }, { globPattern: `**/${CONFIG_FILE_NAME}` }],
        });
      }
      await indexFolders(folders);
    } catch (error) {
      connection.console.error(`okr: indexing failed: ${String(error)}`);
    }
    ready = true;
    markReady();
    if (pending.size > 0) schedule(pending.values().next().value!);
    if (!supportsWatcherRegistration) watchFoldersOurselves();
    if (!supportsWorkspaceFolders) return;
    connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
      for (const folder of event.removed) {
        const path = uriToPath(folder.uri);
        if (path) publishUpdate({ affected: new Set(), removed: session.removeFolder(path) });
        folders = folders.filter((f) => f !== path);
      }
      const added = event.added.flatMap((f) => uriToPath(f.uri) ?? []);
      folders.push(...added);
      await indexFolders(added);
    });
  });

  documents.onDidOpen(({ document }) => {
    const fsPath = uriToPath(document.uri);
    if (!fsPath) return;
    forgotten.delete(fsPath);
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
    // Back to the file on disk, if it is in a workspace folder; else forgotten.
    if (!inWorkspaceFolder(fsPath)) forgotten.add(fsPath);
    schedule(fsPath);
  });

  /** Clients that cannot watch files for us (Neovim before 0.9): Node's own recursive watcher. */
  const watchFoldersOurselves = () => {
    for (const folder of folders) {
      try {
        const watcher = watch(folder, { recursive: true }, (_event, name) => {
          if (!name || /(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(name)) return;
          const fsPath = join(folder, name);
          if (basename(fsPath) === CONFIG_FILE_NAME) void onFilesChanged([{ uri: fileUri(fsPath), type: FileChangeType.Changed }]);
          else if (/\.md$/i.test(name) && !openByPath.has(fsPath)) schedule(fsPath, true);
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
    for (const change of Array.isArray(changes) ? changes : []) {
      if (typeof change?.uri !== 'string') continue;
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
    if (pending.size > 0) schedule(pending.values().next().value!, true);
  };
  connection.onDidChangeWatchedFiles((params) => onFilesChanged(params?.changes));

  /** The document and the clamped position of a request at a position (params checked first). */
  const at = (params: unknown): { context: FeatureContext; position: Position } | undefined => {
    const uri = uriParam(params);
    const position = positionParam(params);
    const context = contextOf(uri);
    return context && { context, position: clampedPosition(context, uri, position) };
  };

  connection.onHover(guard('hover', (params) => {
    const request = at(params);
    return request ? hover(request.context, request.position) : null;
  }, null));

  connection.onDefinition(guard('definition', (params) => {
    const request = at(params);
    return request ? definition(request.context, request.position) : null;
  }, null));

  connection.onReferences(guard('references', (params) => {
    const request = at(params);
    return request ? references(request.context, request.position, params.context?.includeDeclaration === true) : [];
  }, []));

  connection.onPrepareRename(guard('prepareRename', (params) => {
    const request = at(params);
    if (!request) throw new ResponseError(ErrorCodes.InvalidRequest, 'This is not an OKR document.');
    return prepareRename(request.context, request.position);
  }, null));

  connection.onRenameRequest(guard('rename', (params): WorkspaceEdit | null => {
    if (typeof params?.newName !== 'string') invalidParams('expected newName');
    const request = at(params);
    if (!request) throw new ResponseError(ErrorCodes.InvalidRequest, 'This is not an OKR document.');
    const { context } = request;
    const edits = renameEdits(context, request.position, params.newName);
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
    const request = at(params);
    const uri = uriParam(params);
    const open = documents.get(uri);
    if (!request || !open) return [];
    return completion(request.context, linesOf(uri, uriToPath(uri)!)!, request.position);
  }, []));

  connection.onDocumentSymbol(guard('documentSymbol', (params) => {
    const context = contextOf(uriParam(params));
    return context ? documentSymbols(context.analysis, context.document) : [];
  }, []));

  connection.onWorkspaceSymbol(guard('workspaceSymbol', (params) => {
    if (typeof params?.query !== 'string') invalidParams('expected query');
    flush();
    const contexts = session.allRoots().map((root) => ({ analysis: session.analysis(root), uriOf: (path: string) => uriOf(root, path) }));
    return workspaceSymbols(contexts, params.query);
  }, []));

  connection.onCodeLens(guard('codeLens', (params) => {
    const context = contextOf(uriParam(params));
    return context ? codeLenses(context.analysis, context.document) : [];
  }, []));

  connection.onCodeAction(guard('codeAction', (params) => {
    const uri = uriParam(params);
    const range = asRange(params?.range) ?? invalidParams('expected range { start, end }');
    const context = contextOf(uri);
    if (!context) return [];
    // The diagnostics are the client's hints: ones that are not diagnostics are left out.
    const given: unknown = params.context?.diagnostics;
    const diagnostics = (Array.isArray(given) ? given : []).filter(
      (d): d is LspDiagnostic => typeof d === 'object' && d !== null && asRange((d as LspDiagnostic).range) !== undefined,
    );
    return codeActions(context, clampedRange(context, uri, range), diagnostics);
  }, []));

  registerOkrRequests({ connection, session, guard, flush, uriOf, today: () => formatIsoDay(today()) });

  documents.listen(connection);
  connection.listen();
}

declare const OKR_VERSION: string | undefined;
