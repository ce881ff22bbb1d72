// Publication of diagnostics: what the session computes for a file, as LSP diagnostics,
// and an empty list for a file that is no longer an OKR document (once it had some).
import type { Connection, Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { fileUri } from '../features/context.ts';
import type { Diagnostic } from '../okr/model/diagnostics.ts';
import { PROGRESS_TREE_CHANGED_NOTIFICATION } from '../protocol.ts';
import type { OkrRoot } from '../session/root.ts';
import type { OkrSession, UpdateResult } from '../session/session.ts';
import type { OpenDocuments } from './openDocuments.ts';

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

function toLsp(diagnostic: Diagnostic): LspDiagnostic {
  return { range: diagnostic.range, severity: SEVERITY[diagnostic.severity], code: diagnostic.code, source: 'okr', message: diagnostic.message };
}

/** Settles once a message is written; a write fails only when the client is gone, with nothing left to tell. */
function written(sent: Promise<void>): Promise<void> {
  return sent.catch(() => undefined);
}

export class DiagnosticsPublisher {
  /**
   * Files that have diagnostics on the client (so that clearing them is needed), by path: an
   * open document's URI as the client spells it may differ from ours (`q(1).md`,
   * `C:` on Windows), and the empty list that clears it after closing goes to ours.
   */
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly session: OkrSession,
    private readonly open: OpenDocuments,
  ) {}

  /** The diagnostics of one file, with the version of the editor's copy when it is open; settles once written. */
  publish(fsPath: string): Promise<void> {
    const ref = this.session.documentAt(fsPath);
    if (!ref) {
      const uri = this.open.byPath(fsPath)?.uri ?? fileUri(fsPath);
      return this.published.delete(fsPath) ? written(this.connection.sendDiagnostics({ uri, diagnostics: [] })) : Promise.resolve();
    }
    return this.send(fsPath, this.session.diagnostics(ref, fsPath));
  }

  /** Diagnostics known without a model (the model cache's stored answer at a warm start); settles once written. */
  publishStored(fsPath: string): Promise<void> {
    const diagnostics = this.session.storedAnswer(fsPath);
    return diagnostics ? this.send(fsPath, diagnostics) : Promise.resolve();
  }

  private send(fsPath: string, diagnostics: readonly Diagnostic[]): Promise<void> {
    const document = this.open.byPath(fsPath);
    const uri = document?.uri ?? fileUri(fsPath);
    // Nothing to show and nothing to clear: most files of a workspace are clean, and a message
    // for each (10,000 at the first start of a big one) only keeps the client busy. An open
    // document still gets its empty list, stamped with the version it was checked at.
    if (diagnostics.length === 0 && !document && !this.published.has(fsPath)) return Promise.resolve();
    this.published.add(fsPath);
    return written(this.connection.sendDiagnostics({ uri, ...(document ? { version: document.version } : {}), diagnostics: diagnostics.map(toLsp) }));
  }

  /** The problems of a root's okr.config.json (cleared once they are gone). */
  publishConfig(root: OkrRoot): void {
    if (!root.configPath) return;
    const uri = fileUri(root.configPath);
    if (root.configProblems.length === 0 && !this.published.has(root.configPath)) return;
    this.published.add(root.configPath);
    void this.connection.sendDiagnostics({ uri, diagnostics: root.configProblems.map(toLsp) });
  }

  /** A config file that no longer belongs to any root: its problems are cleared. */
  clearConfig(configPath: string): void {
    if (!this.published.delete(configPath)) return;
    void this.connection.sendDiagnostics({ uri: fileUri(configPath), diagnostics: [] });
  }

  /** Everything an update touched (but what `isPublished` says is out already), and a nudge to clients that show the progress tree. */
  publishUpdate({ affected, removed }: UpdateResult, isPublished?: (fsPath: string) => boolean): Promise<void> {
    const sends: Promise<void>[] = [];
    for (const fsPath of [...removed, ...affected]) {
      if (isPublished?.(fsPath)) continue;
      try {
        sends.push(this.publish(fsPath));
      } catch (error) {
        this.connection.console.error(`okr: cannot validate ${fsPath}: ${String(error)}`);
      }
    }
    if (affected.size > 0 || removed.size > 0) void this.connection.sendNotification(PROGRESS_TREE_CHANGED_NOTIFICATION, {});
    return Promise.all(sends).then(() => undefined);
  }
}
