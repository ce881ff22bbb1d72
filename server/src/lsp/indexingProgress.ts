// The "Indexing OKR documents" work-done progress. Its end is written after the diagnostics
// of the indexing and says that they are all out (a clean file gets no message), so its
// end settles once written: the model caches are saved only then, since saving 10,000 models
// holds the thread, and the end must not wait behind it in a full pipe.
import {
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type Connection,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';

export class IndexingProgress {
  private constructor(
    private readonly connection: Connection,
    /** Undefined when the client shows no progress (or refused this one). */
    private readonly token: string | undefined,
  ) {}

  static async begin(connection: Connection, clientShowsProgress: boolean): Promise<IndexingProgress> {
    if (!clientShowsProgress) return new IndexingProgress(connection, undefined);
    const token = crypto.randomUUID();
    try {
      await connection.sendRequest(WorkDoneProgressCreateRequest.type, { token });
    } catch {
      return new IndexingProgress(connection, undefined);
    }
    const progress = new IndexingProgress(connection, token);
    void progress.send({ kind: 'begin', title: 'Indexing OKR documents', percentage: 0, message: 'scanning', cancellable: false });
    return progress;
  }

  report(percentage: number, message: string): void {
    void this.send({ kind: 'report', percentage, message });
  }

  /** Settles once the end is written (or cannot be: the client is gone). */
  end(): Promise<void> {
    return this.send({ kind: 'end' });
  }

  private send(value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd): Promise<void> {
    if (this.token === undefined) return Promise.resolve();
    return this.connection.sendProgress(WorkDoneProgress.type, this.token, value).catch(() => undefined);
  }
}
