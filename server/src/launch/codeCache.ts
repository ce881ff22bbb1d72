// Runs a bundle with V8's code cache: the bytecode of every function the last run compiled,
// kept in a per-user cache folder, so that a start skips compiling the megabyte of code it
// runs (about 60 ms of each `okr check` and server start; bench/RESULTS.md). Node 20 has no
// compile cache of its own (module.enableCompileCache is Node 22), and v8-compile-cache
// stores the cache before the code runs, when it holds almost nothing.
//
// A cache is code that runs, so it is used only when it is whole and this user's own: V8
// checks its version, flags and the source's length, but (in Node 20's release builds) not a
// checksum, and a damaged cache can crash every start. Each file holds a SHA-256 of its data,
// checked before V8 sees it; its name holds a hash of the bundle's text; it lives in an
// absolute folder, never one found relative to the current directory. A cache that cannot
// be read, is refused or cannot be written costs the compile it would have saved, and
// nothing else: the bundle runs exactly as `node bundle.cjs` would run it.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, posix, resolve, win32 } from 'node:path';
import { Script } from 'node:vm';

const DIGEST_BYTES = 32;
/** Caches of older builds or Node versions are removed once this old. */
const STALE_MS = 7 * 24 * 3600 * 1000;

/** Where this user's caches go: `OKR_CODE_CACHE_DIR` (empty: off), else the platform's cache folder. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.OKR_CODE_CACHE_DIR !== undefined) return env.OKR_CODE_CACHE_DIR ? resolve(env.OKR_CODE_CACHE_DIR) : undefined;
  const paths = platform === 'win32' ? win32 : posix;
  const absolute = (folder: string | undefined) => (folder && paths.isAbsolute(folder) ? folder : undefined);
  let home: string | undefined;
  try {
    home = absolute(homedir());
  } catch {
    home = undefined; // no home (a uid without a passwd entry): only an absolute XDG_CACHE_HOME or LOCALAPPDATA
  }
  const under = (base: string | undefined, ...parts: string[]) => (base ? paths.join(base, ...parts) : undefined);
  if (platform === 'win32') return under(absolute(env.LOCALAPPDATA) ?? under(home, 'AppData', 'Local'), 'okr-markdown', 'Cache');
  if (platform === 'darwin') return under(home, 'Library', 'Caches', 'okr-markdown');
  return under(absolute(env.XDG_CACHE_HOME) ?? under(home, '.cache'), 'okr-markdown');
}

/** The cache file of one bundle's text on this Node (V8 version and architecture). */
export function codeCacheFile(folder: string, bundlePath: string, source: string): string {
  const key = createHash('sha1').update(source).update(process.version).update(process.arch).digest('hex').slice(0, 16);
  return join(folder, `${basename(bundlePath, '.cjs')}-${key}.v8cache`);
}

const digestOf = (data: Buffer) => createHash('sha256').update(data).digest();

/** The cache's data, if the file is this user's and whole. */
function readCache(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (process.getuid && fstatSync(fd).uid !== process.getuid()) return undefined;
    const bytes = readFileSync(fd);
    const data = bytes.subarray(DIGEST_BYTES);
    return data.length > 0 && digestOf(data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Written whole or not at all (a rename), so a run beside this one never reads half a file. */
function writeCache(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, Buffer.concat([digestOf(data), data]), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A read-only or full disk: the next start compiles, as it would without a cache.
    try {
      unlinkSync(temporary);
    } catch {
      // never written
    }
    return;
  }
  removeStaleCaches(file);
}

/** Other caches of the same bundle (older builds, other Node versions) not written for a week. */
function removeStaleCaches(file: string): void {
  const folder = dirname(file);
  const prefix = `${basename(file).replace(/-[0-9a-f]+\.v8cache$/, '')}-`;
  try {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (path === file || !name.startsWith(prefix) || !/\.v8cache(\.\d+\.tmp)?$/.test(name)) continue;
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    }
  } catch {
    // another run removed it first, or the folder cannot be listed: left for later
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
