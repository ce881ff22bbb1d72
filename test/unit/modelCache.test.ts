// The model cache (server/src/fs/modelCache.ts) and `okr check|report --cache` (issue 6:
// "another asserts that cached and uncached runs agree exactly"): a cached run, cold or
// warm, after an edit or with a damaged cache, prints exactly what an uncached run prints.
// The tests do not depend on the cache's layout on disk, except where a test says so.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../server/src/cli/main.ts';
import { ModelCache } from '../../server/src/fs/modelCache.ts';
import type { OkrDocument } from '../../server/src/okr/model/model.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import type { ParseInput } from '../../server/src/parallel/parsePool.ts';
import { oddInputs, readInputs } from './parseInputs.ts';
import { CLI, runCliProcess, type Run } from './cliProcess.ts';
import { plain } from './plain.ts';

/** Models compared as JSON: threads and the cache give plain ranges, parseDocument TextRange ones. */
function sameModels(actual: unknown, expected: unknown, message?: string): void {
  assert.deepStrictEqual(plain(actual), plain(expected), message);
}

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TODAY = '2026-11-25';
const BIG = 300;
const SMALL = 40;
const COMPANY = 'company/company-okrs-2026.md';


function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!('OKR_TODAY' in extra)) delete env.OKR_TODAY;
  delete env.OKR_PARSE_THREADS;
  return env;
}

/** Runs the built CLI (asynchronously, so that independent runs overlap). */
function okr(args: string[], cwd: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  return runCliProcess(args, cwd, cleanEnv(extraEnv));
}

/** Runs the CLI from the sources in this process (its ModelCache is the one this file imports). */
async function okrHere(args: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { cwd, env: cleanEnv(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

const CHECK = ['check', '.', '--today', TODAY, '--format', 'json'];
const REPORT = ['report', '.', '--today', TODAY, '--format', 'json'];
const cached = (args: string[], location: string) => [...args, '--cache', '--cache-location', location];

function assertSameRun(actual: Run, expected: Run, what: string): void {
  assert.equal(actual.stderr, expected.stderr, `${what}: stderr`);
  assert.equal(actual.status, expected.status, `${what}: exit code`);
  // Not assert.equal on 50 kB strings: the first differing line is what helps.
  if (actual.stdout !== expected.stdout) {
    const a = actual.stdout.split('\n');
    const e = expected.stdout.split('\n');
    const line = a.findIndex((l, i) => l !== e[i]);
    assert.fail(`${what}: stdout differs at line ${line + 1}: ${JSON.stringify(a[line])} vs ${JSON.stringify(e[line])}`);
  }
}


function generate(dir: string, count: number): ParseInput[] {
  execFileSync(process.execPath, [join(REPO, 'bench', 'generate.mjs'), dir, String(count)], { stdio: 'ignore' });
  const inputs = readInputs(dir);
  assert.equal(inputs.length, count);
  return inputs;
}


const OLD = new Date('2001-02-03T04:05:06Z');
/** Back-dates a file, so that a later rewrite shows in its mtime. */
function backdate(file: string): void {
  utimesSync(file, OLD, OLD);
}
function rewritten(file: string): boolean {
  return statSync(file).mtimeMs !== OLD.getTime();
}

/** Stderr lines, order aside. */
function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '').sort();
}

describe('model cache (issue 6)', function () {
  // Most tests, and the hooks, run the CLI as processes (up to four at once, on 300
  // documents): a generous timeout (a guard against a hang), as a busy machine can take
  // many seconds for them.
  this.timeout(300_000);
  let base: string;
  /** 300 generated documents, and 40. */
  let big: string;
  let bigInputs: ParseInput[];
  let small: string;
  let smallInputs: ParseInput[];

  function scratch(name: string): string {
    const dir = join(base, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  before(() => {
    assert.ok(existsSync(CLI), 'run npm run build first');
    base = mkdtempSync(join(tmpdir(), 'okr-model-cache-'));
    big = join(base, 'big');
    bigInputs = generate(big, BIG);
    small = join(base, 'small');
    smallInputs = generate(small, SMALL);
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  describe('ModelCache', () => {
    /** The small workspace and the odd inputs. */
    let inputs: ParseInput[];
    let expected: OkrDocument[];
    before(() => {
      inputs = [...smallInputs, ...oddInputs()];
      expected = inputs.map((input) => parseDocument(input.path, input.text));
    });

    it('parses everything when cold, nothing when warm; models read back are exactly what parseDocument makes', async () => {
      // 300 documents and the odd ones: on threads, through the file and back.
      const inputs = [...bigInputs, ...oddInputs()];
      const expected = inputs.map((input) => parseDocument(input.path, input.text));
      const file = join(scratch('unit-roundtrip'), 'cache');
      const cold = ModelCache.load(file);
      sameModels(await cold.parse(inputs, { threads: 2 }), expected);
      assert.deepEqual([cold.hits, cold.misses], [0, inputs.length]);
      assert.equal(cold.save(), undefined);
      assert.ok(existsSync(file));

      const warm = ModelCache.load(file);
      // Through the file: no undefined-vs-missing key, no changed range or number is allowed.
      sameModels(await warm.parse(inputs, { threads: 2 }), expected);
      assert.deepEqual([warm.hits, warm.misses], [inputs.length, 0]);
      backdate(file);
      assert.equal(warm.save(), undefined);
      assert.equal(rewritten(file), false, 'nothing changed: the cache is not written again');
    });

    it('reparses exactly the changed inputs; keeps only the last run’s inputs', async () => {
      const file = join(scratch('unit-change'), 'cache');
      const first = ModelCache.load(file);
      await first.parse(inputs, { threads: 1 });
      first.save();

      const changed = inputs.map((input, i) => (i === 7 ? { ...input, text: input.text.replace(/\[current:: [^\]]*\]/, '[current:: 1]') } : input));
      assert.notEqual(changed[7]!.text, inputs[7]!.text);
      const second = ModelCache.load(file);
      const documents = await second.parse(changed, { threads: 1 });
      assert.deepEqual([second.hits, second.misses], [inputs.length - 1, 1]);
      sameModels(documents[7], parseDocument(changed[7]!.path, changed[7]!.text));
      assert.notDeepStrictEqual(documents[7], expected[7]);
      sameModels(documents, changed.map((input) => parseDocument(input.path, input.text)));

      // Same text under another path is another model (the path is part of it).
      const moved = [{ path: 'moved/elsewhere.md', text: inputs[0]!.text }];
      const third = ModelCache.load(file);
      sameModels(await third.parse(moved), [parseDocument('moved/elsewhere.md', inputs[0]!.text)]);
      assert.deepEqual([third.hits, third.misses], [0, 1]);
      assert.equal(third.save(), undefined);
      // Only that run's inputs are kept.
      const fourth = ModelCache.load(file);
      await fourth.parse([moved[0]!, inputs[1]!]);
      assert.deepEqual([fourth.hits, fourth.misses], [1, 1]);
    });

    it('keeps an answer for one exact key, beside the models', async () => {
      const file = join(scratch('unit-answer'), 'cache');
      const cache = ModelCache.load(file);
      assert.equal(cache.answer('k1'), undefined);
      await cache.parse(inputs.slice(0, 5));
      cache.setAnswer('k1', { total: 3, list: ['a', 'line\nbreak'] });
      assert.deepEqual(cache.answer('k1'), { total: 3, list: ['a', 'line\nbreak'] });
      assert.equal(cache.save(), undefined);
      const again = ModelCache.load(file);
      assert.deepEqual(again.answer('k1'), { total: 3, list: ['a', 'line\nbreak'] });
      assert.equal(again.answer('k2'), undefined);
      sameModels(await again.parse(inputs.slice(0, 5)), expected.slice(0, 5));
      assert.deepEqual([again.hits, again.misses], [5, 0]);
      again.setAnswer('k2', 42);
      assert.equal(again.answer('k1'), undefined, 'one answer at a time');
      assert.equal(again.answer('k2'), 42);
    });

    describe('ignores a cache it cannot trust, and never throws', () => {
      let few: ParseInput[];
      let fewExpected: OkrDocument[];
      let good: string;
      before(async () => {
        few = [...smallInputs, ...oddInputs()];
        fewExpected = few.map((input) => parseDocument(input.path, input.text));
        good = join(scratch('unit-good'), 'cache');
        const cache = ModelCache.load(good);
        await cache.parse(few, { threads: 1 });
        cache.save();
      });
      const goodText = () => readFileSync(good, 'utf8');
      const header = () => goodText().slice(0, goodText().indexOf('\n'));
      const models = () => goodText().slice(goodText().indexOf('\n') + 1);

      const cases: [string, (file: string) => void][] = [
        ['a missing file', () => {}],
        ['an empty file', (file) => writeFileSync(file, '')],
        ['garbage', (file) => writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x0a, 0x7b]))],
        ['a header cut short', (file) => writeFileSync(file, goodText().slice(0, 20))],
        ['a header and no newline', (file) => writeFileSync(file, header())],
        ['models cut short', (file) => writeFileSync(file, goodText().slice(0, Math.floor(goodText().length / 2)))],
        ['a header that is null', (file) => writeFileSync(file, `null\n${models()}`)],
        ['models that are not a list', (file) => writeFileSync(file, `${header()}\n{"a":1}`)],
        ['models that are a list of numbers', (file) => writeFileSync(file, `${header()}\n[1,2,3]`)],
        ['another engine', (file) => writeFileSync(file, `${JSON.stringify({ ...JSON.parse(header()), engine: 'another-build' })}\n${models()}`)],
        ['another format', (file) => writeFileSync(file, `${JSON.stringify({ ...JSON.parse(header()), format: 'okr-model-cache/0' })}\n${models()}`)],
        ['a directory', (file) => mkdirSync(file)],
      ];
      for (const [what, make] of cases) {
        it(`: ${what}`, async () => {
          const file = join(scratch(`unit-bad-${what.replace(/\W+/g, '-')}`), 'cache');
          make(file);
          const cache = ModelCache.load(file);
          sameModels(await cache.parse(few, { threads: 1 }), fewExpected);
          assert.deepEqual([cache.hits, cache.misses], [0, few.length]);
          const failed = cache.save();
          if (what === 'a directory') assert.match(String(failed), /^cannot write the cache /);
          else {
            assert.equal(failed, undefined);
            // Written again, good this time.
            const warm = ModelCache.load(file);
            await warm.parse(few, { threads: 1 });
            assert.deepEqual([warm.hits, warm.misses], [few.length, 0]);
          }
        });
      }

      it('reports (does not throw) when the folder cannot be made', async () => {
        const blocker = join(scratch('unit-blocked'), 'a-file');
        writeFileSync(blocker, 'not a folder');
        const cache = ModelCache.load(join(blocker, 'cache'));
        await cache.parse(few.slice(0, 3));
        assert.match(String(cache.save()), /^cannot write the cache .*a-file/);
      });

      // Depends on the layout: line 2 is a JSON list of [path, content hash, model].
      it('does not return an entry whose hash matches but whose model is null', async () => {
        const entries = JSON.parse(models()) as [string, string, unknown][];
        assert.ok(Array.isArray(entries) && entries.every((e) => Array.isArray(e) && e.length === 3), 'layout changed: update this test');
        entries[0]![2] = null;
        const file = join(scratch('unit-null-model'), 'cache');
        writeFileSync(file, `${header()}\n${JSON.stringify(entries)}`);
        const documents = await ModelCache.load(file).parse(few, { threads: 1 });
        assert.ok(
          documents.every((document) => typeof document === 'object' && document !== null),
          `returned ${documents.filter((document) => typeof document !== 'object' || document === null).length} model(s) that are null`,
        );
        sameModels(documents, fewExpected);
      });
    });
  });

  describe('okr check|report --cache agree exactly with uncached runs (300 documents)', function () {
    /** Uncached runs of the big workspace, the reference for every cached one. */
    let check: Run;
    let report: Run;

    before(async () => {
      [check, report] = await Promise.all([okr(CHECK, big), okr(REPORT, big)]);
      // The generated workspace has a few deliberate errors: exit 1, and a real report.
      assert.equal(check.status, 1, check.stderr);
      assert.equal(check.stderr, '');
      assert.equal(report.status, 0, report.stderr);
      assert.equal((JSON.parse(check.stdout) as { files: unknown[] }).files.length, BIG);
      assert.ok(report.stdout.length > 10_000);
    });

    it('cold, then warm: same stdout, stderr and exit code; the warm runs write nothing', async () => {
      const dir = scratch('cli-cold-warm');
      const checkCache = join(dir, 'check-cache');
      const reportCache = join(dir, 'report-cache');
      const [coldCheck, coldReport] = await Promise.all([okr(cached(CHECK, checkCache), big), okr(cached(REPORT, reportCache), big)]);
      assertSameRun(coldCheck, check, 'cold check');
      assertSameRun(coldReport, report, 'cold report');

      backdate(checkCache);
      backdate(reportCache);
      const [warmCheck, warmReport] = await Promise.all([okr(cached(CHECK, checkCache), big), okr(cached(REPORT, reportCache), big)]);
      assertSameRun(warmCheck, check, 'warm check');
      assertSameRun(warmReport, report, 'warm report');
      assert.equal(rewritten(checkCache), false, 'the warm check found everything in the cache');
      assert.equal(rewritten(reportCache), false, 'the warm report found everything in the cache');

      // check's cache serves report, and the reverse.
      const [crossReport, crossCheck] = await Promise.all([okr(cached(REPORT, checkCache), big), okr(cached(CHECK, reportCache), big)]);
      assertSameRun(crossReport, report, 'report from check’s cache');
      assertSameRun(crossCheck, check, 'check from report’s cache');
    });

    it('the cached run keeps every model: a ModelCache on its file parses nothing (sources, in process)', async () => {
      // (dist/cli.cjs writes for its own engine build, which the sources' ModelCache does not trust.)
      const file = join(scratch('cli-in-process'), 'cache');
      assertSameRun(await okrHere(cached(CHECK, file), big), check, 'cold check, in process (if only this fails: npm run build)');
      const cache = ModelCache.load(file);
      const documents = await cache.parse(bigInputs);
      assert.deepEqual([cache.hits, cache.misses], [BIG, 0]);
      sameModels(
        documents,
        bigInputs.map((input) => parseDocument(input.path, input.text)),
      );
    });

    it('after an edit (a current:: value, an objective id others align to), cached runs still equal uncached ones', async () => {
      const copy = join(scratch('cli-edit'), 'ws');
      cpSync(big, copy, { recursive: true });
      const checkCache = join(scratch('cli-edit-cache'), 'check');
      const reportCache = join(scratch('cli-edit-cache'), 'report');
      const [coldCheck, coldReport] = await Promise.all([okr(cached(CHECK, checkCache), copy), okr(cached(REPORT, reportCache), copy)]);
      assertSameRun(coldCheck, check, 'cold check of the copy');
      assertSameRun(coldReport, report, 'cold report of the copy');

      const companyFile = join(copy, COMPANY);
      const before = readFileSync(companyFile, 'utf8');
      const id = /\{#(co-[a-z-]+-1)\}/.exec(before)![1]!;
      assert.ok(
        bigInputs.some((input) => input.path !== COMPANY && input.text.includes(`[[${id}`)),
        `some documents align to ${id}`,
      );
      const current = /\[current:: ([^\]]+)\]/.exec(before)!;
      writeFileSync(companyFile, before.replace(current[0], '[current:: 1%]').replace(`{#${id}}`, '{#renamed-objective}'));

      backdate(checkCache);
      backdate(reportCache);
      const [freshCheck, freshReport, cachedCheck, cachedReport] = await Promise.all([
        okr(CHECK, copy),
        okr(REPORT, copy),
        okr(cached(CHECK, checkCache), copy),
        okr(cached(REPORT, reportCache), copy),
      ]);
      // The edit matters: references to the old id break, progress changes.
      assert.notEqual(freshCheck.stdout, check.stdout);
      assert.ok(freshCheck.stdout.includes(id), 'broken references reported');
      assert.notEqual(freshReport.stdout, report.stdout);
      assertSameRun(cachedCheck, freshCheck, 'cached check after the edit');
      assertSameRun(cachedReport, freshReport, 'cached report after the edit');
      assert.ok(rewritten(checkCache) && rewritten(reportCache), 'the changed model was written back');
    });
  });

  describe('okr --cache: the cache file is used, unless damaged; unwritable changes nothing (40 documents)', function () {
    let check: Run;
    let checkText: Run;
    let report: Run;
    let good: string;

    before(async () => {
      good = join(scratch('cli-good'), 'cache');
      let cold: Run;
      [check, checkText, report, cold] = await Promise.all([
        okr(CHECK, small),
        okr(['check', '.', '--today', TODAY], small),
        okr(REPORT, small),
        okr(cached(CHECK, good), small),
      ]);
      assertSameRun(cold, check, 'cold check');
      assert.ok(check.stdout.length > 1000);
    });

    it('the warm run takes what it prints from the cache file (a title changed in the file shows)', async () => {
      const file = join(scratch('cli-tamper'), 'cache');
      assertSameRun(await okr(cached(REPORT, file), small), report, 'cold report');
      const title = /^## Objective: (.+?) \{#/m.exec(smallInputs.find((i) => i.path === COMPANY)!.text)![1]!;
      const text = readFileSync(file, 'utf8');
      assert.match(title, /^[\w ,.-]+$/, 'a title that JSON writes as is');
      assert.ok(text.includes(title), `"${title}" in the cache file`);
      writeFileSync(file, text.split(title).join('Title only the cache knows'));
      const warm = await okr(cached(REPORT, file), small);
      assert.equal(warm.status, 0);
      assert.ok(warm.stdout.includes('Title only the cache knows'), 'the warm run used the cache');

      // The same file under another engine's name is not trusted.
      const newline = readFileSync(file, 'utf8').indexOf('\n');
      const header = JSON.parse(readFileSync(file, 'utf8').slice(0, newline)) as { engine: string };
      writeFileSync(file, `${JSON.stringify({ ...header, engine: `${header.engine}-other` })}${readFileSync(file, 'utf8').slice(newline)}`);
      assertSameRun(await okr(cached(REPORT, file), small), report, 'another engine’s cache');
    });

    it('garbage, truncated, another engine or format: ignored, then written good', async () => {
      const text = readFileSync(good, 'utf8');
      const newline = text.indexOf('\n');
      const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
      const dir = scratch('cli-damaged');
      const damaged: Record<string, string | Buffer> = {
        garbage: Buffer.from('\x00\xff garbage \n\n{{{', 'latin1'),
        empty: '',
        'truncated-header': text.slice(0, 30),
        'truncated-models': text.slice(0, Math.floor(text.length * 0.6)),
        'other-engine': `${JSON.stringify({ ...header, engine: 'another-build' })}${text.slice(newline)}`,
        'other-format': `${JSON.stringify({ ...header, format: 'okr-model-cache/0' })}${text.slice(newline)}`,
      };
      for (const [name, content] of Object.entries(damaged)) writeFileSync(join(dir, name), content);
      const names = Object.keys(damaged);
      const runs = await Promise.all(names.map((name) => okr(cached(CHECK, join(dir, name)), small)));
      for (const [i, name] of names.entries()) assertSameRun(runs[i]!, check, name);
      // Each was replaced by a good cache: the next runs find everything there.
      for (const name of names) backdate(join(dir, name));
      const again = await Promise.all(names.map((name) => okr(cached(CHECK, join(dir, name)), small)));
      for (const [i, name] of names.entries()) {
        assertSameRun(again[i]!, check, `${name}, again`);
        assert.equal(rewritten(join(dir, name)), false, `${name}: replaced by a good cache`);
      }
    });

    it('a directory where the cache should be: same output, one "cannot write the cache" line, the directory kept', async () => {
      const location = join(scratch('cli-directory'), 'cache');
      mkdirSync(location);
      const run = await okr(cached(CHECK, location), small);
      assert.equal(run.stdout, check.stdout);
      assert.equal(run.status, check.status);
      assert.match(run.stderr, /^okr: cannot write the cache [^\n]*\n$/);
      assert.ok(statSync(location).isDirectory());
    });

    it('a directory where the cache should be: no temporary file is left behind', async () => {
      const dir = scratch('cli-directory-leftover');
      mkdirSync(join(dir, 'cache'));
      await okr(cached(CHECK, join(dir, 'cache')), small);
      assert.deepEqual(readdirSync(dir), ['cache'], 'a failed write leaves no *.tmp file behind');
    });

    it('an unwritable location: same output and exit code, one more line "okr: cannot write the cache …" on stderr', async () => {
      const dir = scratch('cli-unwritable');
      writeFileSync(join(dir, 'a-file'), 'blocks the folder');
      const location = join(dir, 'a-file', 'cache');
      const [json, text, report, reportUncached] = await Promise.all([
        okr(cached(CHECK, location), small),
        okr(cached(['check', '.', '--today', TODAY], location), small),
        okr(cached(REPORT, location), small),
        okr(REPORT, small),
      ]);
      assert.equal(json.stdout, check.stdout);
      assert.equal(json.status, check.status);
      assert.match(json.stderr, /^okr: cannot write the cache [^\n]*a-file[^\n]*\n$/);
      // Text format: the summary line stays, the cache line is added.
      assert.equal(text.stdout, checkText.stdout);
      assert.equal(text.status, checkText.status);
      assert.deepEqual(lines(text.stderr), lines(`${checkText.stderr}${json.stderr}`));
      assert.equal(report.stdout, reportUncached.stdout);
      assert.equal(report.status, 0);
      assert.match(report.stderr, /^okr: cannot write the cache [^\n]*\n$/);
    });
  });

  describe('okr --cache: what a remembered answer must not hide', function () {

    /** Runs `args` uncached and cached (twice) in `cwd`; every run must agree. */
    async function agree(args: string[], cwd: string, location: string, what: string, env: Record<string, string> = {}): Promise<Run> {
      const fresh = await okr(args, cwd, env);
      assertSameRun(await okr([...args, '--cache', '--cache-location', location], cwd, env), fresh, `${what}, cached`);
      assertSameRun(await okr([...args, '--cache', '--cache-location', location], cwd, env), fresh, `${what}, cached again`);
      return fresh;
    }

    it('another day (OKR_TODAY)', async () => {
      const location = join(scratch('answer-today'), 'cache');
      const args = ['check', '.', '--format', 'json'];
      const a = await agree(args, small, location, 'today 2026-11-25', { OKR_TODAY: '2026-11-25' });
      const b = await agree(args, small, location, 'today 2027-06-30', { OKR_TODAY: '2027-06-30' });
      assert.notEqual(a.stdout, b.stdout, 'the day matters here');
    });

    it('okr.config.json turning invalid (the defaults it falls back to are the config it had)', async () => {
      const cwd = scratch('answer-config');
      cpSync(small, cwd, { recursive: true });
      const location = join(cwd, '..', 'answer-config-cache');
      writeFileSync(join(cwd, 'okr.config.json'), '{}\n');
      const valid = await agree(['check', '.', '--today', TODAY, '--format', 'json'], cwd, location, 'empty config');
      writeFileSync(join(cwd, 'okr.config.json'), '{ "maxKeyResults": "lots" }\n');
      const invalid = await agree(['check', '.', '--today', TODAY, '--format', 'json'], cwd, location, 'invalid config');
      assert.doesNotMatch(valid.stdout, /config-invalid/);
      assert.match(invalid.stdout, /config-invalid/, 'the invalid config is reported, not the remembered answer');
      assert.equal(invalid.status, 1, 'config-invalid is an error');
    });

    it('a .git folder appearing above (SARIF paths are relative to the repository root)', async () => {
      const repo = scratch('answer-git');
      const cwd = join(repo, 'ws');
      cpSync(small, cwd, { recursive: true });
      const location = join(repo, '..', 'answer-git-cache');
      const args = ['check', '.', '--today', TODAY, '--format', 'sarif'];
      const without = await agree(args, cwd, location, 'no repository');
      mkdirSync(join(repo, '.git'));
      const withGit = await agree(args, cwd, location, 'in a repository');
      assert.notEqual(without.stdout, withGit.stdout, 'the repository root matters');
    });

    it('report --output writes its file on every run', async () => {
      const cwd = scratch('answer-output');
      const location = join(cwd, 'cache');
      const output = join(cwd, 'report.md');
      const fresh = await okr(['report', small, '--today', TODAY], cwd);
      for (let i = 0; i < 2; i++) {
        rmSync(output, { force: true });
        const run = await okr(['report', small, '--today', TODAY, '--output', output, '--cache', '--cache-location', location], cwd);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, '');
        assert.equal(readFileSync(output, 'utf8'), fresh.stdout, `run ${i + 1}`);
      }
    });

    it('a file skipped as unreadable is reported on every run', async () => {
      const cwd = scratch('answer-skipped');
      cpSync(small, cwd, { recursive: true });
      writeFileSync(join(cwd, 'latin1.okr.md'), Buffer.from('## Objective: caf\xe9\n', 'latin1'));
      const fresh = await agree(['check', '.', '--today', TODAY, '--format', 'json'], cwd, join(cwd, '..', 'answer-skipped-cache'), 'skipped file');
      assert.match(fresh.stderr, /latin1\.okr\.md/);
    });
  });

  describe('okr --cache: command line', () => {
    it('--cache-location without --cache is a usage error: exit 2, one line, no cache written', async () => {
      const location = join(scratch('flags'), 'cache');
      for (const command of ['check', 'report']) {
        const run = await okr([command, '.', '--today', TODAY, '--cache-location', location], small);
        assert.equal(run.status, 2, `${command}: ${run.stderr}`);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, /^okr: [^\n]*--cache-location[^\n]*--cache\b[^\n]*\n$/, `${command}: one line naming both options`);
        assert.equal(existsSync(location), false);
      }
    });

    it('--cache-location needs a value', async () => {
      const run = await okr(['check', '.', '--cache', '--cache-location'], small);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^okr: [^\n]*cache-location[^\n]*\n$/);
    });

    it('--help of okr, okr check and okr report mentions --cache, --cache-location and .okrcache', async () => {
      for (const args of [['--help'], ['check', '--help'], ['report', '--help']]) {
        const run = await okr(args, small);
        assert.equal(run.status, 0, args.join(' '));
        assert.match(run.stdout, /--cache\b/);
        assert.match(run.stdout, /--cache-location/);
        assert.match(run.stdout, /\.okrcache/);
      }
    });

    it('--cache alone keeps .okrcache in the current directory, not in the checked folder', async () => {
      const cwd = scratch('default-location');
      const args = ['check', relative(cwd, small), '--today', TODAY, '--format', 'json'];
      const uncached = await okr(args, cwd);
      assertSameRun(await okr([...args, '--cache'], cwd), uncached, 'cold, default location');
      assert.ok(existsSync(join(cwd, '.okrcache')));
      assert.equal(existsSync(join(small, '.okrcache')), false);
      backdate(join(cwd, '.okrcache'));
      assertSameRun(await okr([...args, '--cache'], cwd), uncached, 'warm, default location');
      assert.equal(rewritten(join(cwd, '.okrcache')), false);
    });
  });
});
