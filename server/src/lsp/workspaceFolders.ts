// The workspace folders: indexed at start and when the client adds them (with progress),
// forgotten when it removes them.
import { basename, sep } from 'node:path';
import type { Connection, WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { uriToPath } from '../features/context.ts';
import type { OkrSession } from '../session/session.ts';
import type { ClientSupport } from './capabilities.ts';
import { IndexingProgress } from './indexingProgress.ts';
import type { DiagnosticsPublisher } from './publisher.ts';

export interface WorkspaceFoldersParts {
  connection: Connection;
  client: ClientSupport;
  session: OkrSession;
  publisher: DiagnosticsPublisher;
}

export class WorkspaceFolders {
  private folders: string[] = [];

  constructor(private readonly parts: WorkspaceFoldersParts) {}

  /** The folders of the initialize request (by URI; only file: URIs can be indexed). */
  setInitial(uris: readonly string[]): void {
    this.folders = uris.flatMap((uri) => {
      const path = uriToPath(uri);
      return path ? [path] : [];
    });
  }

  list(): readonly string[] {
    return this.folders;
  }

  contains(fsPath: string): boolean {
    return this.folders.some((folder) => fsPath.startsWith(folder.endsWith(sep) ? folder : folder + sep));
  }

  /** Indexes the initial folders. */
  indexAll(): Promise<void> {
    return this.index(this.folders);
  }

  /** Follows the client's adding and removing of folders. */
  onDidChange = async (event: WorkspaceFoldersChangeEvent): Promise<void> => {
    const { session, publisher } = this.parts;
    const configs = () => new Set(session.allRoots().flatMap((root) => (root.configPath ? [root.configPath] : [])));
    for (const folder of event.removed) {
      const path = uriToPath(folder.uri);
      if (path) {
        const before = configs();
        void publisher.publishUpdate({ affected: new Set(), removed: session.removeFolder(path) });
        // Its okr.config.json's problems go with it (unless another folder still reads that file).
        const after = configs();
        for (const config of before) if (!after.has(config)) publisher.clearConfig(config);
      }
      this.folders = this.folders.filter((f) => f !== path);
    }
    const added = event.added.flatMap((f) => uriToPath(f.uri) ?? []);
    this.folders.push(...added);
    await this.index(added);
  };

  private async index(added: string[]): Promise<void> {
    const { connection, session, publisher } = this.parts;
    const progress = await IndexingProgress.begin(connection, this.parts.client.workDoneProgress);
    const affected = new Set<string>();
    // Published from the model cache's stored answer before the models were read (warm start).
    const publishedEarly: string[] = [];
    for (const folder of added) {
      // Removed while the progress was created (a round trip to the client) or while an
      // earlier folder was read: not indexed.
      if (!this.folders.includes(folder)) continue;
      const onProgress = (done: number, total: number) => {
        progress.report(Math.round((done / Math.max(total, 1)) * 100), `${done} of ${total} markdown files in ${basename(folder)}`);
      };
      const indexed = await session.addFolder(folder, onProgress, async (files) => {
        publishedEarly.push(...files);
        // Written before the models are read: reading them holds the thread for a while.
        await Promise.all(files.map((file) => publisher.publishStored(file)));
      });
      for (const file of indexed) affected.add(file);
    }
    for (const root of session.allRoots()) publisher.publishConfig(root);
    // What was published early is published again only if it may have changed since.
    const early = new Set(publishedEarly);
    // The progress ends after the diagnostics, in the order written: a client that sees the
    // end has every problem (clean files get no message). The model caches are written once
    // both are out (not awaited: requests and our own file watching start as soon as they
    // are queued).
    const published = publisher.publishUpdate({ affected, removed: new Set() }, (file) => early.has(file) && session.storedAnswer(file) !== undefined);
    void Promise.all([published, progress.end()]).then(() => session.saveModelCaches());
  }
}
