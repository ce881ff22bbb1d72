// The warm start's shortcut: when every input of a workspace folder (files, configs, day) is
// as at the last start, its diagnostics come from the model cache's header, so a warm start
// publishes them before reading a model or analysing (both are made after, for requests and
// edits). Otherwise they are computed as usual and stored, with the models, once published.
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import type { ModelCache } from '../fs/modelCache.ts';
import type { Day } from '../okr/model/calendar.ts';
import type { Diagnostic } from '../okr/model/diagnostics.ts';
import type { OkrRoot } from './root.ts';

/** What the stored answer of a folder depends on. */
export interface StartupInputs {
  folder: string;
  today: Day;
  roots: readonly OkrRoot[];
  /** The OKR documents of the folder, as read when indexing. */
  candidates: readonly { file: string; path: string; text: string }[];
  /** Each candidate's contentHash. */
  hashes: readonly string[];
}

export class StartupAnswers {
  /** Diagnostics stored by the last start, valid until the first change. */
  private readonly stored = new Map<string, Diagnostic[]>();
  /** Model caches to write once the diagnostics of their folder's indexing are out. */
  private readonly pendingSaves: (() => void)[] = [];

  constructor(private readonly log: (message: string) => void) {}

  /** The stored diagnostics of a file, while nothing has changed since the start. */
  get(file: string): Diagnostic[] | undefined {
    return this.stored.get(file);
  }

  /** Something changed: every stored answer is stale. */
  clear(): void {
    this.stored.clear();
  }

  /**
   * Before the models are read: takes the folder's stored answer when its inputs (files,
   * configs, day) are as at the last start, so that it can be published at once; returns the
   * files it answers for (none without one) and what `settle` needs.
   */
  take(cache: ModelCache, inputs: StartupInputs): TakenAnswer {
    const key = startupKey(inputs);
    const stored = cache.answer(key) as Record<string, Diagnostic[]> | undefined;
    const files: string[] = [];
    for (const [file, diagnostics] of Object.entries(stored ?? {})) {
      const fsPath = join(inputs.folder, file);
      this.stored.set(fsPath, diagnostics);
      files.push(fsPath);
    }
    return { key, files };
  }

  /**
   * Once indexed: without a stored answer, stores the one `diagnosticsOf` gives, and writes
   * the cache, both at the next saveModelCaches (after the caller has published). `edited`: an edit arrived while indexing, so
   * the inputs are not the files: the answer taken is dropped and none is stored.
   */
  settle(cache: ModelCache, taken: TakenAnswer, inputs: StartupInputs, edited: boolean, diagnosticsOf: (file: string) => Diagnostic[] | undefined): void {
    const { folder, roots, candidates } = inputs;
    this.log(`Model cache: ${cache.hits} unchanged, ${cache.misses} parsed`);
    if (edited) this.clear();
    const versions = roots.map((root) => root.index.version);
    // Written once the caller has published (saveModelCaches): writing holds the thread a while.
    this.pendingSaves.push(() => {
      const unchanged = roots.every((root, i) => root.index.version === versions[i]);
      if (!edited && taken.files.length === 0 && unchanged) {
        const answer: Record<string, Diagnostic[]> = {};
        for (const { file } of candidates) {
          const diagnostics = diagnosticsOf(file);
          if (diagnostics) answer[relative(folder, file)] = diagnostics;
        }
        cache.setAnswer(taken.key, answer);
      }
      const failed = cache.save();
      if (failed) this.log(failed);
    });
  }

  /** Stores the answers and writes the model caches of the folders indexed since the last call. */
  saveModelCaches(): void {
    for (const save of this.pendingSaves.splice(0)) save();
  }
}

/** A stored answer taken before indexing: its key, and the files it answers for. */
export interface TakenAnswer {
  key: string;
  files: string[];
}

function startupKey({ folder, today, roots, candidates, hashes }: StartupInputs): string {
  const hash = createHash('sha1');
  hash.update(JSON.stringify([folder, today, roots.map((root) => [root.dir, root.config, root.configProblems])]));
  candidates.forEach(({ path }, i) => hash.update(`\0${path}\0${hashes[i]}`));
  return hash.digest('base64url');
}
