// Changes on disk: the client watches the workspace for us (didChangeWatchedFiles), or we
// watch it ourselves when it cannot; changed files are validated as a burst, and a change
// to okr.config.json reloads every document it may affect.
import { watch } from 'node:fs';
import { basename, join } from 'node:path';
import { FileChangeType, type Connection, type FileEvent } from 'vscode-languageserver/node';
import { fileUri, uriToPath } from '../features/context.ts';
import { isMarkdownFile } from '../fs/files.ts';
import { CONFIG_FILE_NAME } from '../okr/analysis/config.ts';
import type { OkrSession } from '../session/session.ts';
import type { DocumentSync } from './documentSync.ts';
import type { OpenDocuments } from './openDocuments.ts';
import type { DiagnosticsPublisher } from './publisher.ts';
import type { WorkspaceFolders } from './workspaceFolders.ts';

export interface FileWatchingParts {
  connection: Connection;
  session: OkrSession;
  open: OpenDocuments;
  publisher: DiagnosticsPublisher;
  sync: DocumentSync;
  folders: WorkspaceFolders;
  /** Called after a config was reloaded (its folder's root is a new one). */
  onRootsChanged?: () => void;
}

/** Names under a folder that are never OKR documents of it, for our own watcher. */
const IGNORED_DIRECTORY = /(^|[\\/])(node_modules|\.git)([\\/]|$)/;

/** The glob patterns the client is asked to watch. */
export const WATCHED_GLOBS = ['**/*.md', '**/*.mdx', `**/${CONFIG_FILE_NAME}`];

export class FileWatching {
  constructor(private readonly parts: FileWatchingParts) {}

  /** Clients that cannot watch files for us (Neovim before 0.9): Node's own recursive watcher. */
  watchOurselves(): void {
    const { connection, open } = this.parts;
    for (const folder of this.parts.folders.list()) {
      try {
        const watcher = watch(folder, { recursive: true }, (_event, name) => {
          if (!name || IGNORED_DIRECTORY.test(name)) return;
          const fsPath = join(folder, name);
          if (basename(fsPath) === CONFIG_FILE_NAME) void this.onFilesChanged([{ uri: fileUri(fsPath), type: FileChangeType.Changed }]);
          else if (isMarkdownFile(name) && !open.has(fsPath)) this.parts.sync.schedule(fsPath, true);
        });
        watcher.on('error', (error) => connection.console.error(`okr: cannot watch ${folder}: ${String(error)}`));
        watcher.unref();
      } catch (error) {
        connection.console.error(`okr: cannot watch ${folder}: ${String(error)}`);
      }
    }
  }

  /** Files changed on disk: validated as a burst; a config change reloads what it governs. */
  onFilesChanged = async (changes: FileEvent[] | undefined): Promise<void> => {
    const { session, publisher, open, sync } = this.parts;
    const configs = new Set<string>();
    for (const change of Array.isArray(changes) ? changes : []) {
      if (typeof change?.uri !== 'string') continue;
      const fsPath = uriToPath(change.uri);
      if (!fsPath) continue;
      if (basename(fsPath) === CONFIG_FILE_NAME) configs.add(fsPath);
      else if (!open.has(fsPath) || change.type === FileChangeType.Deleted) sync.enqueue(fsPath);
    }
    for (const config of configs) {
      sync.flush();
      const result = await session.reloadConfig(config);
      for (const root of session.allRoots()) publisher.publishConfig(root);
      if (!session.allRoots().some((root) => root.configPath === config)) publisher.clearConfig(config);
      void publisher.publishUpdate(result).then(() => session.saveModelCaches());
    }
    if (configs.size > 0) this.parts.onRootsChanged?.();
    sync.schedulePending(true);
  };
}
