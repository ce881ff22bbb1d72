// Runs a bundle with V8's code cache: the bytecode of every function the last run compiled,
// kept in a per-user cache folder, so that a start skips compiling the megabyte of code it
// runs (about 60 ms of each `okr check` and server start; bench/RESULTS.md). Node 20 has no
// compile cache of its own (module.enableCompileCache is Node 22), and v8-compile-cache
// stores the cache before the code runs, when it holds almost nothing.
//
// Safe by construction: V8 checks a cache against its own version, flags and a checksum, and
// the file's name holds a hash of the bundle's text (V8 itself only compares lengths). A cache
// that cannot be read, is rejected or cannot be written costs the compile it would have saved,
// and nothing else: the bundle runs exactly as `node bundle.cjs` would run it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Where this user's caches go: `OKR_CODE_CACHE_DIR`, else the platform's cache folder. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.OKR_CODE_CACHE_DIR !== undefined) return env.OKR_CODE_CACHE_DIR || undefined; // empty: off
  const home = homedir();
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'okr-markdown', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'okr-markdown');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'okr-markdown');
}

/** The cache file of one bundle's text on this Node (V8 version and architecture). */
export function codeCacheFile(folder: string, bundlePath: string, source: string): string {
  const key = createHash('sha1').update(source).update(process.version).update(process.arch).digest('hex').slice(0, 16);
  return join(folder, `${basename(bundlePath, '.cjs')}-${key}.v8cache`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a rename), so a run beside this one never reads half a file. */
function writeCache(file: string, data: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A read-only or full disk: the next start compiles, as it would without a cache.
  }
}

export interface RunOptions {
  /** The cache folder; undefined: no cache. */
  folder?: string;
  /**
   * Also write the cache this long after the start (a long-running program, such as the
   * server, is often ended by a signal, when no exit handler runs).
   */
  saveAfterMs?: number;
}

/**
 * Runs the CommonJS bundle at `bundlePath` as the main program. As the process exits (or
 * `saveAfterMs` after the start, if sooner), the cache is written when it was missing, was
 * rejected, or holds notably less than this run compiled.
 */
export function runBundle(bundlePath: string, options: RunOptions = { folder: codeCacheFolder() }): void {
  // A shebang line is no JavaScript; a comment of the same length keeps every position.
  const source = readFileSync(bundlePath, 'utf8').replace(/^#!/, '//');
  const file = options.folder === undefined ? undefined : codeCacheFile(options.folder, bundlePath, source);
  const cachedData = file === undefined ? undefined : readCache(file);
  const script = new Script(Module.wrap(source), { filename: bundlePath, cachedData });
  if (file !== undefined) {
    const held = cachedData !== undefined && !script.cachedDataRejected ? cachedData.length : 0;
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      // A cache holds what its run compiled (`okr --version`, little): written again when a
      // run compiled notably more, so it grows to what the runs use. Making it takes ~4 ms.
      const data = script.createCachedData();
      if (data.length > held * 1.1) writeCache(file, data);
    };
    process.once('exit', save);
    if (options.saveAfterMs !== undefined) setTimeout(save, options.saveAfterMs).unref();
  }
  const module = new Module(bundlePath);
  module.filename = bundlePath;
  module.loaded = true;
  const require = createRequire(bundlePath);
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, require, module, bundlePath, dirname(bundlePath));
}
