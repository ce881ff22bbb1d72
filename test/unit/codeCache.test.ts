// The executables run their bundles with V8's code cache (issue 16): written once per build and
// Node, then read and accepted (never rewritten), and never a reason for a different answer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { codeCacheFolder } from '../../server/src/launch/codeCache.ts';
import { LspClient } from '../protocol/lspClient.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.cjs');
const EXAMPLES = join(ROOT, 'examples');

function check(cacheFolder: string | undefined, env: NodeJS.ProcessEnv = {}, cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, 'check', EXAMPLES, '--today', '2026-11-25', '--format', 'json'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, OKR_CODE_CACHE_DIR: cacheFolder, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The cache files in a folder, with what tells a rewrite apart (inode and modification time). */
function cacheFiles(folder: string, prefix: string): { name: string; stamp: string; bytes: Buffer }[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.v8cache'))
    .map((name) => {
      const stat = statSync(join(folder, name));
      return { name, stamp: `${stat.ino}:${stat.mtimeMs}`, bytes: readFileSync(join(folder, name)) };
    });
}

describe('code cache: the executables start from V8 bytecode kept per user', function () {
  this.timeout(120_000); // runs the built CLI and server (processes)
  let folder: string;
  let uncached: ReturnType<typeof check>;

  before(function () {
    if (!existsSync(CLI)) this.skip();
    uncached = check('');
  });
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'okr-code-cache-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('finds the folder: OKR_CODE_CACHE_DIR (empty: off), else the platform cache folder, never a relative one', () => {
    assert.equal(codeCacheFolder({ OKR_CODE_CACHE_DIR: '/x/cache' }, 'linux'), '/x/cache');
    assert.equal(codeCacheFolder({ OKR_CODE_CACHE_DIR: '' }, 'linux'), undefined);
    assert.equal(codeCacheFolder({ XDG_CACHE_HOME: '/xdg' }, 'linux'), join('/xdg', 'okr-markdown'));
    // The XDG spec: a relative XDG_CACHE_HOME is ignored (it would put code to run in the current folder).
    assert.match(codeCacheFolder({ XDG_CACHE_HOME: '.cache' }, 'linux')!, /^[\\/].*[\\/]\.cache[\\/]okr-markdown$/);
    assert.match(codeCacheFolder({ LOCALAPPDATA: 'relative' }, 'win32') ?? '', /AppData[\\/]Local[\\/]okr-markdown[\\/]Cache$/);
    assert.match(codeCacheFolder({}, 'linux')!, /[\\/]\.cache[\\/]okr-markdown$/);
    assert.match(codeCacheFolder({}, 'darwin')!, /[\\/]Library[\\/]Caches[\\/]okr-markdown$/);
    assert.equal(codeCacheFolder({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32'), 'C:\\Users\\a\\AppData\\Local\\okr-markdown\\Cache');
  });

  it('okr: the first run writes the cache, later runs accept it (no rewrite), and every answer is the same', () => {
    assert.equal(uncached.stderr, '');
    assert.deepEqual(check(folder), uncached);
    const written = cacheFiles(folder, 'cli-main-');
    assert.equal(written.length, 1, readdirSync(folder).join(', '));
    assert.ok(written[0]!.bytes.length > 100_000, `${written[0]!.bytes.length} bytes: the functions the run compiled`);
    assert.deepEqual(check(folder), uncached);
    assert.deepEqual(check(folder), uncached);
    assert.deepEqual(cacheFiles(folder, 'cli-main-'), written, 'read and accepted, not written again');
    assert.deepEqual(readdirSync(folder), [written[0]!.name], 'no temporary file left');
  });

  it('okr: a cache from a run that compiled little (okr --version) grows with the next run that compiles more', () => {
    const version = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8', env: { ...process.env, OKR_CODE_CACHE_DIR: folder } });
    assert.equal(version.status, 0);
    const [small] = cacheFiles(folder, 'cli-main-');
    assert.deepEqual(check(folder), uncached);
    const [grown] = cacheFiles(folder, 'cli-main-');
    assert.ok(grown!.bytes.length > small!.bytes.length * 1.1, `${small!.bytes.length} → ${grown!.bytes.length} bytes`);
    assert.deepEqual(check(folder), uncached);
    assert.deepEqual(cacheFiles(folder, 'cli-main-'), [grown], 'then kept');
  });

  it('okr: a damaged cache is replaced, and the answer is the same', () => {
    check(folder);
    const [written] = cacheFiles(folder, 'cli-main-');
    const garbage = Buffer.alloc(written!.bytes.length, 7);
    writeFileSync(join(folder, written!.name), garbage);
    assert.deepEqual(check(folder), uncached);
    const [replaced] = cacheFiles(folder, 'cli-main-');
    assert.notDeepEqual(replaced!.bytes, garbage, 'rejected by V8 and written again');
    assert.deepEqual(check(folder), uncached);
  });

  it('okr: a cache with flipped bits is refused before V8 sees it (V8 does not check), and replaced', () => {
    check(folder);
    const [written] = cacheFiles(folder, 'cli-main-');
    for (let run = 0; run < 5; run++) {
      const damaged = Buffer.from(written!.bytes);
      for (let flip = 0; flip < 3; flip++) {
        const at = 32 + Math.floor(((run * 3 + flip + 1) / 16) * (damaged.length - 32));
        damaged[at]! ^= 1 << (run + flip) % 8;
      }
      writeFileSync(join(folder, written!.name), damaged);
      assert.deepEqual(check(folder), uncached, `damaged at run ${run}`);
      assert.notDeepEqual(cacheFiles(folder, 'cli-main-')[0]!.bytes, damaged, 'written again');
    }
  });

  it('okr: an empty HOME and XDG_CACHE_HOME: no cache (none under the current folder), the same answer', () => {
    const expected = check('', {}, folder);
    assert.deepEqual(check(undefined, { HOME: '', XDG_CACHE_HOME: '' }, folder), expected);
    assert.equal(expected.status, uncached.status);
    assert.deepEqual(readdirSync(folder), [], 'nothing written under the current folder');
  });

  it('okr: caches of other builds are removed once a week old; a failed write leaves no temporary file', () => {
    const old = join(folder, 'cli-main-0123456789abcdef.v8cache');
    const recent = join(folder, 'cli-main-fedcba9876543210.v8cache');
    writeFileSync(old, 'old build');
    writeFileSync(recent, 'recent build');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(old, eightDaysAgo, eightDaysAgo);
    check(folder);
    const names = readdirSync(folder);
    assert.ok(!names.includes(basename(old)) && names.includes(basename(recent)), names.join(', '));
    // A folder where the cache file should be: the rename fails.
    const blocked = mkdtempSync(join(tmpdir(), 'okr-code-cache-blocked-'));
    try {
      check(blocked);
      const [name] = cacheFiles(blocked, 'cli-main-').map((f) => f.name);
      rmSync(join(blocked, name!));
      mkdirSync(join(blocked, name!));
      assert.deepEqual(check(blocked), uncached);
      assert.deepEqual(readdirSync(blocked), [name], 'no .tmp left');
    } finally {
      rmSync(blocked, { recursive: true, force: true });
    }
  });

  it('okr: a cache folder that cannot be made costs nothing but the cache', () => {
    const file = join(folder, 'a-file');
    writeFileSync(file, 'not a folder');
    assert.deepEqual(check(join(file, 'cache')), uncached);
  });

  it('okr-language-server: a start writes the cache, the next one accepts it', async () => {
    const env = { OKR_CODE_CACHE_DIR: join(folder, 'cache'), OKR_MODEL_CACHE_DIR: join(folder, 'models') };
    const start = async () => {
      const client = await LspClient.start({ folders: [EXAMPLES], env });
      try {
        await client.waitForIndexed();
        assert.ok(client.diagnostics.size > 0, 'the examples have problems to publish');
      } finally {
        await client.stop();
      }
      return cacheFiles(env.OKR_CODE_CACHE_DIR, 'server-main-');
    };
    const written = await start();
    assert.equal(written.length, 1, 'written as the server exits');
    assert.deepEqual(await start(), written, 'accepted: not written again');
  });
});
