// The language server's history of each OKR root (issue 17): read from git in the
// background once the folder is indexed, replayed in steps of a few milliseconds so that a
// keystroke's diagnostics never wait for it, and read again when HEAD moves (a commit, a
// pull, a branch switch: git's folder is watched).
import { watch, type FSWatcher } from 'node:fs';
import { isInside, isScannedMarkdown, pathsRelativeTo, realFolder } from '../fs/files.ts';
import { readGitHistory, readHead } from '../git/gitHistory.ts';
import { replayHistoryInSteps, type HistorySeries } from '../okr/history/replay.ts';
import { lastCheckIns } from '../okr/history/lastCheckIns.ts';
import type { OkrRoot } from './root.ts';
import type { AnalysisOptions } from '../okr/analysis/analysis.ts';

export interface HistoryHost {
  log(message: string): void;
  /** Whether a file (fsPath) belongs to this root (not to a nested one). */
  belongsTo(root: OkrRoot, file: string): boolean;
  /** Called when a root's history is read or read again. */
  onUpdated?(root: OkrRoot): void;
  env?: Record<string, string | undefined>;
}

/** Replay work between two pauses: short enough that a keystroke never waits behind it. */
const SLICE_MS = 8;
/** Git writes several files for one commit or checkout: one reading after they settle. */
const SETTLE_MS = 500;

class RootHistory {
  /** The series only: the replay's index and analysis are not kept (a second copy of every document). */
  replayed?: HistorySeries;
  head?: string;
  private running = false;
  private again = false;
  private watcher?: FSWatcher;
  private settle?: NodeJS.Timeout;
  private disposed = false;

  constructor(
    /** The root of this folder now (a new one after its config is reloaded). */
    public root: OkrRoot,
    private readonly host: HistoryHost,
  ) {}

  /** Reads the history (again); a reading asked for while one runs follows it. */
  async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.read();
      } while (this.again && !this.disposed);
    } catch (error) {
      this.host.log(`History of ${this.root.dir} not read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }

  private async read(): Promise<void> {
    const { host } = this;
    const root = this.root;
    const head = await readHead(root.dir, host.env);
    // The HEAD this reading is of, even when it finds nothing: git's folder changes all the
    // time (an editor's `git status` rewrites the index), and only HEAD moving means more.
    this.head = head;
    const isIncluded = (path: string) => {
      const file = root.fsPath(path);
      return isScannedMarkdown(path) && !root.isExcluded(file) && host.belongsTo(root, file);
    };
    // git's paths have links resolved: so has the folder they are compared with.
    const real = realFolder(root.dir);
    const relative = pathsRelativeTo(real);
    const workspacePath = (file: string) => (file !== real && isInside(file, real) ? relative(file) : undefined);
    const git = await readGitHistory(root.dir, { workspacePath, isIncluded, env: host.env });
    if (git.gitDir) this.watchGitDir(git.gitDir);
    if (git.unavailable) {
      host.log(`No history for ${root.dir}: ${git.unavailable}`);
      return;
    }
    let sliceStart = performance.now();
    const pause = async () => {
      if (performance.now() - sliceStart < SLICE_MS) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    };
    const levelOf = (path: string) => root.levelOf(root.fsPath(path));
    const replayed = await replayHistoryInSteps(git.versions, { config: root.config, levelOf }, pause, () => this.disposed || this.again);
    if (!replayed) return;
    const { series, objectiveIdentity, keyResultIdentity } = replayed;
    this.replayed = { series, objectiveIdentity, keyResultIdentity };
    host.log(`History of ${root.dir}: ${git.versions.length} commits read`);
    // The folder's root now: a config reloaded during the reading made a new one.
    if (!this.disposed) host.onUpdated?.(this.root);
  }

  private watchGitDir(gitDir: string): void {
    if (this.watcher || this.disposed) return;
    try {
      this.watcher = watch(gitDir, () => {
        clearTimeout(this.settle);
        this.settle = setTimeout(() => void this.headMaybeMoved(), SETTLE_MS);
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // No watching here (too many watchers, a network drive): history is read at start only.
    }
  }

  private async headMaybeMoved(): Promise<void> {
    if (this.disposed) return;
    if ((await readHead(this.root.dir, this.host.env)) !== this.head) await this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.settle);
    this.watcher?.close();
  }
}

/** Each key result's last check-in (its last committed change), from a root's history. */
export function lastCheckInOf(replayed: HistorySeries): NonNullable<AnalysisOptions['lastCheckIn']> {
  return (node, keyResult) => {
    const identity = replayed.keyResultIdentity(replayed.objectiveIdentity(node.document, node.objective), keyResult);
    const [last] = lastCheckIns(replayed.series.get(identity) ?? [], 1);
    return last && { day: last.day, author: last.author };
  };
}

export class HistoryTracker {
  /** By folder: a config reloaded or a folder added again makes a new root of the same folder. */
  private readonly roots = new Map<string, RootHistory>();

  constructor(private readonly host: HistoryHost) {}

  /** The root's history, once read. */
  historyOf(root: OkrRoot): HistorySeries | undefined {
    return this.roots.get(root.dir)?.replayed;
  }

  /**
   * Follows these roots: a new folder's history is read (not awaited by indexing), a new root
   * of a folder already read gets its history at once, and folders gone are let go.
   */
  sync(roots: readonly OkrRoot[]): Promise<void[]> {
    const dirs = new Set(roots.map((root) => root.dir));
    for (const [dir, history] of this.roots) {
      if (dirs.has(dir)) continue;
      history.dispose();
      this.roots.delete(dir);
    }
    return Promise.all(
      roots.map((root) => {
        const history = this.roots.get(root.dir);
        if (!history) {
          const created = new RootHistory(root, this.host);
          this.roots.set(root.dir, created);
          return created.refresh();
        }
        if (history.root !== root) {
          history.root = root;
          if (history.replayed) this.host.onUpdated?.(root);
        }
        return Promise.resolve();
      }),
    );
  }

  dispose(): void {
    for (const history of this.roots.values()) history.dispose();
    this.roots.clear();
  }
}
