// Document sync and scheduling: the editor's open/change/close notifications and changes
// on disk become pending files, validated together after a short pause (the debounce) or
// at once after a quiet moment, and published.
import type { Connection } from 'vscode-languageserver/node';
import { uriToPath } from '../features/context.ts';
import type { OkrSession, UpdateResult } from '../session/session.ts';
import type { OpenDocuments } from './openDocuments.ts';
import type { DiagnosticsPublisher } from './publisher.ts';
import type { Readiness } from './readiness.ts';

/**
 * An edit after a quiet moment is validated at once; edits in a burst are coalesced and
 * validated at most this long after the last one (the issue asks ≤ 150 ms).
 */
const DEBOUNCE_MS = 100;
/** However long a burst of changes lasts, they are validated at least this often. */
const MAX_WAIT_MS = 1000;

export interface DocumentSyncParts {
  connection: Connection;
  session: OkrSession;
  open: OpenDocuments;
  publisher: DiagnosticsPublisher;
  readiness: Readiness;
  /** Whether a file lies in one of the workspace folders. */
  inWorkspaceFolder(fsPath: string): boolean;
}

export class DocumentSync {
  private readonly pending = new Set<string>();
  /**
   * Files outside every workspace folder, closed since the last flush. An editor's other
   * files are served only while open (SPEC §8 covers the workspace folders): the next flush
   * forgets them, their diagnostics and the roots made for them.
   */
  private readonly forgotten = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** When the oldest change still pending arrived. */
  private firstPending: number | undefined;
  private lastFlush = 0;

  constructor(private readonly parts: DocumentSyncParts) {}

  /** Follows the editor's documents: each change is validated soon. */
  listen(): void {
    const { documents } = this.parts.open;
    documents.onDidOpen(({ document }) => {
      const fsPath = uriToPath(document.uri);
      if (!fsPath) return;
      this.forgotten.delete(fsPath);
      this.parts.open.set(fsPath, document);
      this.schedule(fsPath);
    });
    documents.onDidChangeContent(({ document }) => {
      const fsPath = uriToPath(document.uri);
      if (!fsPath) return;
      this.parts.open.set(fsPath, document);
      this.schedule(fsPath);
    });
    documents.onDidClose(({ document }) => {
      const fsPath = uriToPath(document.uri);
      if (!fsPath) return;
      this.parts.open.delete(fsPath);
      // Back to the file on disk, if it is in a workspace folder; else forgotten.
      if (!this.parts.inWorkspaceFolder(fsPath)) this.forgotten.add(fsPath);
      this.schedule(fsPath);
    });
  }

  /** A file to validate with the next flush, without scheduling one. */
  enqueue(fsPath: string): void {
    this.pending.add(fsPath);
  }

  /** Schedules the files enqueued so far, if any. */
  schedulePending(burst = false): void {
    const first = this.pending.values().next();
    if (!first.done) this.schedule(first.value, burst);
  }

  /**
   * Validates a change soon. `burst`: it comes with many others (changes on disk: a branch
   * switch, a build), so wait until they pause and validate them together.
   */
  schedule(fsPath: string, burst = false): void {
    this.pending.add(fsPath);
    if (!this.parts.readiness.ready) return;
    const now = Date.now();
    const quiet = !burst && !this.timer && now - this.lastFlush >= DEBOUNCE_MS;
    this.firstPending ??= now;
    if (this.timer) clearTimeout(this.timer);
    // An edit after a quiet moment: on the next turn of the event loop (changes already
    // queued in this one coalesce); in a burst, or changes on disk: once they pause, and
    // never later than MAX_WAIT_MS after the first (a stream of changes cannot starve it).
    const wait = quiet ? 0 : Math.max(0, Math.min(DEBOUNCE_MS, this.firstPending + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      try {
        this.flush();
      } catch (error) {
        this.parts.connection.console.error(`okr: validation failed: ${String(error)}`);
      }
    }, wait);
  }

  /**
   * Applies pending changes now; requests call it first so they never see an older version.
   * Not before the folders are indexed: a file updated then would get a root of its own
   * folder, splitting the workspace.
   */
  flush(): void {
    if (!this.parts.readiness.ready) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.firstPending = undefined;
    if (this.pending.size === 0) return;
    const files = new Set(this.pending);
    this.pending.clear();
    this.lastFlush = Date.now();
    let dropped = new Set<string>();
    if (this.forgotten.size > 0) {
      // Closed files outside the workspace folders: the session keeps a root for each
      // lone file's folder, never removed; drop them all (the roots of no workspace
      // folder, hence `undefined`) and index again the lone files still open.
      dropped = this.parts.session.forgetLoneRoots();
      for (const file of dropped) if (this.parts.open.has(file) || this.parts.inWorkspaceFolder(file)) files.add(file);
      for (const file of this.forgotten) files.delete(file);
      this.forgotten.clear();
    }
    const result = this.update(files);
    for (const file of dropped) if (!result.affected.has(file)) result.removed.add(file);
    void this.parts.publisher.publishUpdate(result);
  }

  /** session.update, but one file that cannot be read or parsed does not hold back the others. */
  private update(files: Iterable<string>): UpdateResult {
    const { session, connection } = this.parts;
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
  }
}
