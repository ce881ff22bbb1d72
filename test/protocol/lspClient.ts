// A small LSP client for protocol tests: starts the built server over stdio and speaks
// to it as an editor would (open, change, hover, definition, …).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  PublishDiagnosticsParams,
  Range,
  SymbolInformation,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const SERVER = resolve(import.meta.dirname, '../../dist/server.cjs');

export interface ClientOptions {
  /** Workspace folders (absolute paths). */
  folders: string[];
  today?: string;
  documentChanges?: boolean;
  watcherRegistration?: boolean;
  workDoneProgress?: boolean;
  /** Sent as initialize's initializationOptions (none by default). */
  initializationOptions?: unknown;
  /** Added to the server's environment. */
  env?: Record<string, string>;
}

/** Copies a fixture folder to a fresh temporary folder (tests change files). */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `okr-${name}-`));
  cpSync(resolve(import.meta.dirname, '../fixtures/protocol', name), dir, { recursive: true });
  return dir;
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly registrations: unknown[] = [];
  readonly progress: unknown[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  stderr = '';

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: ClientOptions): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], {
      env: { ...process.env, OKR_TODAY: options.today ?? '2026-11-25', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    child.stderr!.on('data', (chunk) => (client.stderr += String(chunk)));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.diagnostics.set(params.uri, params);
      // Kept in order with the other notifications too (tests check what came first).
      client.notifications.push({ method: 'textDocument/publishDiagnostics', params });
      client.wake();
    });
    connection.onNotification((method, params) => {
      client.notifications.push({ method, params });
      client.wake();
    });
    connection.onRequest('client/registerCapability', (params) => {
      client.registrations.push(params);
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', (params) => {
      client.progress.push(params);
      client.notifications.push({ method: '$/progress', params });
      client.wake();
    });
    connection.onRequest('workspace/configuration', () => []);
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.folders[0] ? uriOf(options.folders[0]) : null,
      workspaceFolders: options.folders.map((folder) => ({ uri: uriOf(folder), name: folder })),
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
      capabilities: {
        workspace: {
          workspaceEdit: { documentChanges: options.documentChanges ?? true },
          didChangeWatchedFiles: { dynamicRegistration: options.watcherRegistration ?? true },
          workspaceFolders: true,
        },
        window: { workDoneProgress: options.workDoneProgress ?? true },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `condition` holds (checked after every notification), or fails after `ms`. */
  async waitFor<T>(condition: () => T | undefined | false, what: string, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = condition();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what}. Server stderr: ${this.stderr}`);
      await new Promise<void>((resolveWait) => {
        const timer = setTimeout(resolveWait, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolveWait();
        });
      });
    }
  }

  /** The indexing of the workspace folders has ended (its work-done progress), `count` times: every diagnostic is out. */
  async waitForIndexed(count = 1, ms = 60_000): Promise<void> {
    const ended = () => this.progress.filter((p) => (p as { value?: { kind?: string } }).value?.kind === 'end').length >= count;
    await this.waitFor(ended, `the end of indexing (${count})`, ms);
  }

  /**
   * What the client shows for a file once the folders are indexed (and, if given, once
   * `predicate` accepts it): its last publication, or nothing, since the server sends no
   * message for a clean file it never published.
   */
  async shownDiagnostics(path: string, predicate: (d: Diagnostic[]) => boolean = () => true, ms?: number): Promise<Diagnostic[]> {
    await this.waitForIndexed();
    const uri = uriOf(path);
    return this.waitFor(() => {
      const shown = this.diagnostics.get(uri)?.diagnostics ?? [];
      return predicate(shown) ? shown : undefined;
    }, `diagnostics shown for ${path}`, ms);
  }

  /** Diagnostics of a file once published (and, if given, once `predicate` accepts them). */
  async diagnosticsOf(path: string, predicate: (d: Diagnostic[]) => boolean = () => true, ms?: number): Promise<Diagnostic[]> {
    const uri = uriOf(path);
    return this.waitFor(() => {
      const params = this.diagnostics.get(uri);
      return params && predicate(params.diagnostics) ? params.diagnostics : undefined;
    }, `diagnostics of ${path}`, ms);
  }

  open(path: string, text: string): void {
    this.versions.set(path, 1);
    this.texts.set(path, text);
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uriOf(path), languageId: 'markdown', version: 1, text },
    });
  }

  /** Replaces `range` with `text`, as one incremental change. */
  edit(path: string, range: Range, text: string): void {
    const version = (this.versions.get(path) ?? 0) + 1;
    this.versions.set(path, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uriOf(path), version },
      contentChanges: [{ range, text }],
    });
  }

  version(path: string): number | undefined {
    return this.versions.get(path);
  }

  close(path: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(path) } });
  }

  /** Tells the server that files changed on disk (1 created, 2 changed, 3 deleted). */
  filesChanged(changes: { path: string; type: 1 | 2 | 3 }[]): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map((c) => ({ uri: uriOf(c.path), type: c.type })),
    });
  }

  private position(path: string, position: Position) {
    return { textDocument: { uri: uriOf(path) }, position };
  }

  hover(path: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', this.position(path, position));
  }

  definition(path: string, position: Position): Promise<Location[] | null> {
    return this.connection.sendRequest('textDocument/definition', this.position(path, position));
  }

  references(path: string, position: Position, includeDeclaration = false): Promise<Location[]> {
    return this.connection.sendRequest('textDocument/references', { ...this.position(path, position), context: { includeDeclaration } });
  }

  prepareRename(path: string, position: Position): Promise<{ range: Range; placeholder: string } | null> {
    return this.connection.sendRequest('textDocument/prepareRename', this.position(path, position));
  }

  rename(path: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
    return this.connection.sendRequest('textDocument/rename', { ...this.position(path, position), newName });
  }

  completion(path: string, position: Position): Promise<CompletionItem[]> {
    return this.connection.sendRequest('textDocument/completion', this.position(path, position));
  }

  documentSymbols(path: string): Promise<DocumentSymbol[]> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uriOf(path) } });
  }

  workspaceSymbols(query: string): Promise<SymbolInformation[]> {
    return this.connection.sendRequest('workspace/symbol', { query });
  }

  codeLens(path: string): Promise<CodeLens[]> {
    return this.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uriOf(path) } });
  }

  codeActions(path: string, range: Range, diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(path) }, range, context: { diagnostics } });
  }

  progressTree(params: { cycle?: string; all?: boolean } = {}): Promise<unknown> {
    return this.connection.sendRequest('okr/progressTree', params);
  }

  /** Shutdown and exit, as an editor ends a server: it is killed only if it has not exited 2 s later. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolveExit) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolveExit();
      else this.process.once('exit', () => resolveExit());
    });
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.connection.sendNotification('exit');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.process.kill();
  }
}

/** Applies LSP text edits to a text (edits must not overlap). */
/** The edits of a WorkspaceEdit for one URI (`changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'a WorkspaceEdit');
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) => {
    assert.ok('textDocument' in change, 'only text document edits');
    const { textDocument, edits } = change as TextDocumentEdit;
    return textDocument.uri === uri ? (edits as TextEdit[]) : [];
  });
  return [...fromChanges, ...fromDocumentChanges];
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
