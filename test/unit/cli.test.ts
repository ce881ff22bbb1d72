// The `okr` command line (SPEC §9), run as the built executable `node dist/cli.cjs …`
// with a fixed "today", against the small workspaces in test/fixtures/cli/ and temp folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv-draft-04';
import { CLI, runCliProcess, writeFile as write, type Run } from './cliProcess.ts';

const Ajv = AjvModule.default ?? AjvModule;

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(REPO, 'test', 'fixtures', 'cli');
const BASIC = join(FIXTURES, 'basic');
const REPORT = join(FIXTURES, 'report');
const TODAY = '2026-11-25';


/** The environment without OKR_TODAY, so that only what a test sets counts. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OKR_TODAY;
  return env;
}

interface Invocation {
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

function invocation(args: string[], options: { cwd?: string; env?: Record<string, string> }): [string, Invocation] {
  const cwd = options.cwd ?? REPO;
  const env = options.env ?? {};
  return [JSON.stringify([cwd, args, env]), { args, cwd, env }];
}

/** Runs the built CLI synchronously (killed after two minutes: a guard against a hang, not a budget). */
function okr(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const [, { cwd, env }] = invocation(args, options);
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...baseEnv(), ...env }, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Runs in the read-only fixtures are declared while the suites are defined (`plan`) and
// started before the tests, as many at a time as there are cores, so that the file stays
// fast; each is run once.
const planned = new Map<string, Invocation>();
const results = new Map<string, Run>();

function plan(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): () => Run {
  const [key, spec] = invocation(args, options);
  planned.set(key, spec);
  return () => {
    let run = results.get(key);
    if (!run) {
      run = okr(spec.args, spec);
      results.set(key, run);
    }
    return run;
  };
}

function okrAsync({ args, cwd, env }: Invocation): Promise<Run> {
  return runCliProcess(args, cwd, { ...baseEnv(), ...env });
}

async function runPlanned(): Promise<void> {
  const queue = [...planned].filter(([key]) => !results.has(key));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results.set(next[0], await okrAsync(next[1]));
  };
  await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
}

/** Parsed `path:line:column: severity code message` lines; fails on any other line. */
function textLines(stdout: string): string[] {
  if (stdout === '') return [];
  assert.ok(stdout.endsWith('\n'), 'text output ends with a newline');
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = /^(.+):(\d+):(\d+): (error|warning|info|hint) ([a-z]+(?:-[a-z]+)*) (\S.*)$/.exec(line);
      assert.ok(match, `not "path:line:column: severity code message": ${JSON.stringify(line)}`);
      return `${match[1]}:${match[2]}:${match[3]}: ${match[4]} ${match[5]}`;
    });
}

function assertNoStackTrace(run: Run): void {
  assert.doesNotMatch(run.stderr, /^\s+at\s/m, `stack trace on stderr:\n${run.stderr}`);
  assert.doesNotMatch(run.stdout, /^\s+at\s/m, `stack trace on stdout:\n${run.stdout}`);
  assert.doesNotMatch(run.stderr, /internal error/i);
}

/** A usage or I/O error: exit 2, one `okr: ` line on stderr matching `pattern`, nothing on stdout. */
function assertUsageError(run: Run, pattern: RegExp): void {
  assertNoStackTrace(run);
  assert.equal(run.status, 2, `exit code (stderr: ${run.stderr})`);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `exactly one line on stderr, got:\n${run.stderr}`);
  assert.match(lines[0]!, /^okr: \S/);
  assert.match(lines[0]!, pattern);
  assert.equal(run.stdout, '');
}

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: JsonPosition; end: JsonPosition };
}
interface CheckJson {
  version: number;
  files: { path: string; diagnostics: JsonDiagnostic[] }[];
  summary: Record<string, number>;
}

function checkJson(run: Run): CheckJson {
  assertNoStackTrace(run);
  const parsed = JSON.parse(run.stdout) as CheckJson;
  assert.deepEqual(Object.keys(parsed), ['version', 'files', 'summary']);
  assert.equal(parsed.version, 1);
  assert.deepEqual(Object.keys(parsed.summary), ['files', 'objectives', 'keyResults', 'errors', 'warnings', 'infos', 'hints']);
  for (const file of parsed.files) {
    assert.deepEqual(Object.keys(file), ['path', 'diagnostics']);
    for (const d of file.diagnostics) {
      assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
      assert.deepEqual(Object.keys(d.range), ['start', 'end']);
      assert.deepEqual(Object.keys(d.range.start), ['line', 'character']);
      assert.deepEqual(Object.keys(d.range.end), ['line', 'character']);
      assert.equal(typeof d.message, 'string');
      assert.ok(d.message.length > 0);
    }
  }
  return parsed;
}

/** `code@line:character` (0-based) per file, for compact assertions. */
function jsonCodes(json: CheckJson): Record<string, string[]> {
  return Object.fromEntries(
    json.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.severity} ${d.code}@${d.range.start.line}:${d.range.start.character}`)]),
  );
}

/** 0-based range of `needle` on 0-based `line` of a fixture file. */
function rangeOf(file: string, line: number, needle: string) {
  const text = readFileSync(file, 'utf8').split('\n')[line]!;
  const character = text.indexOf(needle);
  assert.ok(character >= 0, `${needle} not on line ${line} of ${file}`);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'okr-cli-'));
  tempDirs.push(dir);
  return dir;
}

const COMPANY = `---
okr: strategic
cycle: 2026-Q4
owner: Leadership team
---
## Objective: Enhance customer satisfaction {#csat}

- KR: Raise NPS  [start:: 32]  [target:: 45]  [current:: 38] ^nps
`;

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    columnKind: string;
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

let validateSarif: ((data: unknown) => boolean) & { errors?: unknown };

function sarif(run: Run): SarifLog {
  assertNoStackTrace(run);
  const log = JSON.parse(run.stdout) as SarifLog;
  if (!validateSarif) {
    const schema = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'sarif-2.1.0.schema.json'), 'utf8')) as object;
    // The schema's patterns are not all valid with the `u` flag; its uri formats are checked by hand.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    ajv.addFormat('uri-reference', (value: string) => !/[\s%](?![0-9A-Fa-f]{2})|\s/.test(value) && URL.canParse(value, 'file:///base/'));
    validateSarif = ajv.compile(schema);
  }
  assert.ok(validateSarif(log), `SARIF schema errors: ${JSON.stringify(validateSarif.errors, null, 2)}`);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const [sarifRun] = log.runs;
  assert.equal(sarifRun!.tool.driver.name, 'okr');
  assert.equal(sarifRun!.columnKind, 'utf16CodeUnits');
  const ids = sarifRun!.tool.driver.rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'one rule per code');
  for (const result of sarifRun!.results) {
    assert.ok(ids.includes(result.ruleId), `rule ${result.ruleId} is declared`);
    if (result.ruleIndex !== undefined) assert.equal(ids[result.ruleIndex], result.ruleId);
    const { uriBaseId } = result.locations[0]!.physicalLocation.artifactLocation;
    if (uriBaseId !== undefined) assert.ok(sarifRun!.originalUriBaseIds?.[uriBaseId], `${uriBaseId} is defined`);
  }
  return log;
}

/** `uri startLine:startColumn-endLine:endColumn level ruleId` per result. */
function sarifResults(log: SarifLog): string[] {
  return log.runs[0]!.results.map((r) => {
    const { artifactLocation, region } = r.locations[0]!.physicalLocation;
    return `${artifactLocation.uri} ${region.startLine}:${region.startColumn}-${region.endLine}:${region.endColumn} ${r.level} ${r.ruleId}`;
  });
}

interface ReportKeyResult {
  id: string | null;
  title: string;
  progress: number | null;
  line: number;
}
interface ReportObjective {
  id: string | null;
  title: string;
  level: string | null;
  status: string;
  owner: string | null;
  cycle: { label: string; start: string; end: string } | null;
  progress: number | null;
  keyResultsCounted: number;
  keyResultsMeasured: number;
  path: string;
  line: number;
  keyResults: ReportKeyResult[];
  children: ReportObjective[];
}
interface ReportJson {
  version: number;
  today: string;
  objectives: ReportObjective[];
}

/** Sorts roots and children by path and line (the SPEC does not fix their order). */
function normalise(objectives: ReportObjective[]): ReportObjective[] {
  return [...objectives]
    .sort((a, b) => (a.path !== b.path ? (a.path < b.path ? -1 : 1) : a.line - b.line))
    .map((o) => ({ ...o, children: normalise(o.children) }));
}

const FASTER_SUPPORT: ReportObjective = {
  id: 'faster-support',
  title: 'Faster support',
  level: 'operational',
  status: 'active',
  owner: null,
  cycle: { label: '2026-11', start: '2026-11-01', end: '2026-11-30' },
  progress: 0.75,
  keyResultsCounted: 2,
  keyResultsMeasured: 2,
  path: 'ops.md',
  line: 4,
  keyResults: [
    { id: 'response', title: 'First response hours', progress: 0.5, line: 8 },
    { id: null, title: 'Macros written', progress: 1, line: 9 },
  ],
  children: [],
};
const WEEKEND: ReportObjective = {
  id: 'weekend-phone-support',
  title: 'Weekend phone support',
  level: 'operational',
  status: 'dropped',
  owner: 'Night shift',
  cycle: { label: '2026-11', start: '2026-11-01', end: '2026-11-30' },
  progress: 0.2,
  keyResultsCounted: 1,
  keyResultsMeasured: 1,
  path: 'ops.md',
  line: 11,
  keyResults: [{ id: null, title: 'Calls answered', progress: 0.2, line: 17 }],
  children: [],
};
const CSAT: ReportObjective = {
  id: 'csat',
  title: 'Enhance customer satisfaction',
  level: 'strategic',
  status: 'active',
  owner: 'Leadership team',
  cycle: { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
  // (6/13 + 1) / 2 = 19/26 exactly (full precision, not the mean of two rounded doubles).
  progress: 19 / 26,
  keyResultsCounted: 2,
  keyResultsMeasured: 2,
  path: 'company.md',
  line: 7,
  keyResults: [
    { id: 'nps', title: 'Raise NPS', progress: 6 / 13, line: 9 },
    { id: null, title: 'Launch the advisory board', progress: 1, line: 10 },
  ],
  children: [FASTER_SUPPORT, WEEKEND],
};
const NORDICS: ReportObjective = {
  id: 'nordics',
  title: 'Enter the Nordic market',
  level: 'strategic',
  status: 'active',
  owner: 'Leadership team',
  cycle: { label: '2027-H1', start: '2027-01-01', end: '2027-06-30' },
  progress: 0,
  keyResultsCounted: 1,
  keyResultsMeasured: 1,
  path: 'company.md',
  line: 12,
  keyResults: [{ id: 'nordic-customers', title: 'Nordic customers signed', progress: 0, line: 16 }],
  children: [],
};
const DESIGNER: ReportObjective = {
  id: 'hire-a-designer',
  title: 'Hire a designer',
  level: 'strategic',
  status: 'active',
  owner: null,
  cycle: null,
  progress: null,
  keyResultsCounted: 0,
  keyResultsMeasured: 0,
  path: 'misc.okr.md',
  line: 0,
  keyResults: [],
  children: [],
};

function reportJson(run: Run): ReportJson {
  assertNoStackTrace(run);
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(run.stdout) as ReportJson;
  assert.deepEqual(Object.keys(json), ['version', 'today', 'objectives']);
  return json;
}

// Expected text output of `okr check` in test/fixtures/cli/basic (paths relative to it).
const BASIC_TEXT = [
  'ops/broken.md:7:19: error align-unresolved',
  'ops/broken.md:7:30: error align-unresolved',
  'ops/broken.md:9:23: error kr-value-invalid',
  'ops/broken.md:10:1: info kr-unmeasured',
  'ops/broken.md:12:1: error align-missing',
  'ops/broken.md:12:1: warning kr-missing',
  'ops/warnings.md:7:1: warning cycle-too-long',
  'ops/warnings.md:14:1: warning cycle-too-long',
  'ops/warnings.md:18:1: info kr-unmeasured',
];

describe('okr command line (dist/cli.cjs)', function () {
  // Every test runs the CLI as a process, and the hook below runs about 30: a generous
  // timeout for both (a guard against a hang), as a busy machine can take seconds for each.
  this.timeout(300_000);

  before(async function () {
    if (!existsSync(CLI)) assert.fail(`${CLI} is missing: run "npm run build" first (npm test builds before mocha)`);
    await runPlanned();
  });

  after(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('okr check: text output', () => {
    const all = plan(['check', '--today', TODAY], { cwd: BASIC });
    const reordered = plan(['check', 'ops/warnings.md', 'ops/broken.md', '--today', TODAY], { cwd: BASIC });
    const fromRepo = plan(['check', 'test/fixtures/cli/basic', '--today', TODAY]);
    const fromOps = plan(['check', '..', '--today', TODAY, '--format', 'json'], { cwd: join(BASIC, 'ops') });
    const allJson = plan(['check', '--today', TODAY, '--format', 'json'], { cwd: BASIC });
    const clean = plan(['check', 'ops/support.md', 'company.md', '--today', TODAY], { cwd: BASIC });

    it('prints path:line:column: severity code message, 1-based, files by path, then line, character, code; exit 1 on errors', () => {
      const run = all();
      assertNoStackTrace(run);
      assert.deepEqual(textLines(run.stdout), BASIC_TEXT);
      assert.equal(run.status, 1);
    });

    it('orders files by path whatever the order of the arguments', () => {
      assert.deepEqual(textLines(reordered().stdout), BASIC_TEXT);
      assert.equal(reordered().status, 1);
    });

    it('prints paths relative to the current directory, with /', () => {
      assert.deepEqual(
        textLines(fromRepo().stdout),
        BASIC_TEXT.map((line) => `test/fixtures/cli/basic/${line}`),
      );
      assert.equal(fromRepo().status, 1);
      assert.deepEqual(
        checkJson(fromOps()).files.map((f) => f.path),
        ['../company.md', 'broken.md', 'support.md', 'warnings.md'],
      );
    });

    it('ignores markdown without okr frontmatter or a .okr.md name, and skips the config exclude globs', () => {
      const json = checkJson(allJson());
      // docs/notes.md and README.md hold objective headings but are not OKR documents;
      // archive/old.md is excluded, so [[legacy]] (defined only there) does not resolve.
      assert.deepEqual(
        json.files.map((f) => f.path),
        ['company.md', 'ops/broken.md', 'ops/support.md', 'ops/warnings.md'],
      );
      assert.deepEqual(jsonCodes(json)['ops/broken.md']!.slice(0, 2), ['error align-unresolved@6:18', 'error align-unresolved@6:29']);
    });

    it('prints nothing on stdout and exits 0 when the named documents are clean', () => {
      assertNoStackTrace(clean());
      assert.equal(clean().stdout, '');
      assert.equal(clean().status, 0);
    });
  });

  describe('okr check: exit codes and --max-warnings', () => {
    // ops/warnings.md has 2 warnings and 1 info.
    const warnings = (...flags: string[]) => plan(['check', 'ops/warnings.md', '--today', TODAY, ...flags], { cwd: BASIC });
    const plain = warnings();
    const max2 = warnings('--max-warnings', '2');
    const max1 = warnings('--max-warnings', '1');
    const max0 = warnings('--max-warnings', '0');
    const errorsMax100 = plan(['check', 'ops/broken.md', '--today', TODAY, '--max-warnings', '100'], { cwd: BASIC });
    const lenient = warnings('--config', 'lenient.config.json', '--max-warnings', '0');

    it('exits 0 with only warnings and infos', () => {
      assert.deepEqual(textLines(plain().stdout), BASIC_TEXT.filter((l) => l.startsWith('ops/warnings.md')));
      assert.equal(plain().status, 0);
    });

    it('exits 1 when there are more warnings than --max-warnings N, 0 when there are N or fewer', () => {
      assert.equal(max2().status, 0);
      assertNoStackTrace(max1());
      assert.equal(max1().status, 1);
      assert.equal(max0().status, 1);
    });

    it('exits 1 on an error however high --max-warnings is', () => {
      assert.equal(errorsMax100().status, 1);
    });

    it('exits 0 when only infos and hints remain (--config FILE changes the severities)', () => {
      // lenient.config.json: cycle-too-long → info, kr-unmeasured → hint.
      assertNoStackTrace(lenient());
      assert.deepEqual(textLines(lenient().stdout), [
        'ops/warnings.md:7:1: info cycle-too-long',
        'ops/warnings.md:14:1: info cycle-too-long',
        'ops/warnings.md:18:1: hint kr-unmeasured',
      ]);
      assert.equal(lenient().status, 0);
    });
  });

  describe('okr check: usage errors exit 2 with one line on stderr', () => {
    const cases: [string, string[], RegExp][] = [
      ['an unknown command', ['frobnicate'], /frobnicate/],
      ['an unknown flag', ['check', '--bogus', '--today', TODAY], /--bogus/],
      ['a bad --format', ['check', '--format', 'xml', '--today', TODAY], /xml/],
      ['a bad --today', ['check', '--today', 'tomorrow'], /tomorrow/],
      ['an impossible --today', ['check', '--today', '2026-02-30'], /2026-02-30/],
      ['a missing path', ['check', 'no-such-file.md', '--today', TODAY], /no-such-file\.md/],
      ['a folder without OKR documents', ['check', 'docs', '--today', TODAY], /docs/],
      ['a missing --config file', ['check', '--config', 'no-such.json', '--today', TODAY], /no-such\.json/],
      ['a bad --max-warnings', ['check', '--max-warnings', 'many', '--today', TODAY], /many/],
      ['a bad report --format', ['report', '--format', 'pdf', '--today', TODAY], /pdf/],
      ['a bad --cycle', ['report', '--cycle', '2026-13', '--today', TODAY], /2026-13/],
    ];
    for (const [what, args, pattern] of cases) {
      const run = plan(args, { cwd: BASIC });
      it(`on ${what}`, () => assertUsageError(run(), pattern));
    }

    const badEnv = plan(['check', 'ops/support.md'], { cwd: BASIC, env: { OKR_TODAY: '2026-13-01' } });
    it('on a bad OKR_TODAY', () => assertUsageError(badEnv(), /OKR_TODAY/));

    it('on a named file that is not UTF-8', () => {
      const dir = tempDir();
      write(dir, 'okr.config.json', '{}\n');
      write(dir, 'company.md', COMPANY);
      // UTF-16 with a byte-order mark: 0xFF 0xFE is never valid UTF-8.
      write(dir, 'utf16.okr.md', Buffer.from('\uFEFF## Objective: Saved as UTF-16\n', 'utf16le'));
      assertUsageError(okr(['check', 'utf16.okr.md', '--today', TODAY], { cwd: dir }), /utf16\.okr\.md/);
    });

    it('on a named file that cannot be read', function () {
      const dir = tempDir();
      write(dir, 'okr.config.json', '{}\n');
      const file = write(dir, 'secret.okr.md', COMPANY);
      chmodSync(file, 0o000);
      let readable: boolean;
      try {
        readFileSync(file);
        readable = true;
      } catch {
        readable = false;
      }
      if (readable) {
        // Running as root (or on a file system without permissions): chmod 000 does not stop reading.
        chmodSync(file, 0o644);
        this.skip();
      }
      const run = okr(['check', 'secret.okr.md', '--today', TODAY], { cwd: dir });
      chmodSync(file, 0o644);
      assertUsageError(run, /secret\.okr\.md/);
    });
  });

  describe('okr check: files on disk', () => {
    it('skips a non-UTF-8 markdown file found while scanning a folder, says so, and still checks the others', () => {
      const dir = tempDir();
      write(dir, 'company.md', COMPANY);
      write(dir, 'latin1.md', Buffer.from('---\nokr: operational\ncycle: 2026-11\n---\n## Objective: R\xe9duire les d\xe9lais\n', 'latin1'));
      const run = okr(['check', '--today', TODAY, '--format', 'json'], { cwd: dir });
      assert.deepEqual(
        checkJson(run).files.map((f) => f.path),
        ['company.md'],
      );
      assert.match(run.stderr, /^okr: .*latin1\.md/m);
    });

    it('never scans node_modules or .git', () => {
      const dir = tempDir();
      write(dir, 'okr.config.json', '{}\n');
      write(dir, 'company.md', COMPANY);
      const strategic = (id: string) => `---\nokr: strategic\ncycle: 2026-Q4\n---\n## Objective: Vendored goal {#${id}}\n\nlevel:: sideways\n`;
      write(dir, 'node_modules/some-package/goals.okr.md', strategic('vendored'));
      write(dir, '.git/goals.okr.md', strategic('in-git'));
      write(dir, 'team/node_modules/goals.md', strategic('nested-vendored'));
      write(
        dir,
        'team/ops.md',
        '---\nokr: operational\ncycle: 2026-11\n---\n## Objective: Use the vendored goal {#ops}\n\naligns:: [[csat]] [[vendored]] [[in-git]]\n\n- [x] KR: Done\n',
      );
      const json = checkJson(okr(['check', '--today', TODAY, '--format', 'json'], { cwd: dir }));
      assert.deepEqual(
        json.files.map((f) => f.path),
        ['company.md', 'team/ops.md'],
      );
      // Objectives under node_modules and .git do not exist for references either.
      assert.deepEqual(jsonCodes(json)['team/ops.md'], ['error align-unresolved@6:18', 'error align-unresolved@6:31']);
      assert.equal(json.summary.objectives, 2);
    });

    it('without okr.config.json uses the defaults and resolves against the current directory', () => {
      const dir = tempDir();
      write(dir, 'company.md', COMPANY);
      // 2026-10-01..2026-11-20 is 51 days: longer than the default operational.maxCycleDays (42).
      write(
        dir,
        'team/ops.md',
        '---\nokr: operational\ncycle: 2026-10-01..2026-11-20\n---\n## Objective: Answer faster {#ops}\n\naligns:: [[csat#nps]]\n\n- [x] KR: Done\n',
      );
      const run = okr(['check', 'team/ops.md', '--today', TODAY], { cwd: dir });
      assertNoStackTrace(run);
      assert.deepEqual(textLines(run.stdout), ['team/ops.md:5:1: warning cycle-too-long']);
      assert.equal(run.status, 0);
    });
  });

  describe('okr check: today', () => {
    // ops/support.md: cycle 2026-11, progress 83 %: after 2026-11-30 it ended incomplete.
    const envOnly = plan(['check', 'ops/support.md'], { cwd: BASIC, env: { OKR_TODAY: '2026-12-05' } });
    const flagBefore = plan(['check', 'ops/support.md', '--today', TODAY], { cwd: BASIC, env: { OKR_TODAY: '2026-12-05' } });
    const flagAfter = plan(['check', 'ops/support.md', '--today', '2026-12-05'], { cwd: BASIC, env: { OKR_TODAY: TODAY } });
    const badEnv = plan(['check', 'ops/support.md', '--today', TODAY], { cwd: BASIC, env: { OKR_TODAY: 'yesterday' } });

    it('honours OKR_TODAY', () => {
      assert.deepEqual(textLines(envOnly().stdout), ['ops/support.md:6:1: info cycle-ended-incomplete']);
      assert.equal(envOnly().status, 0);
    });

    it('lets --today win over OKR_TODAY', () => {
      assertNoStackTrace(flagBefore());
      assert.equal(flagBefore().stdout, '');
      assert.equal(flagBefore().status, 0);
      assert.deepEqual(textLines(flagAfter().stdout), ['ops/support.md:6:1: info cycle-ended-incomplete']);
    });

    it('lets a valid --today win over an invalid OKR_TODAY', () => {
      assertNoStackTrace(badEnv());
      assert.equal(badEnv().stdout, '');
      assert.equal(badEnv().status, 0);
    });
  });

  describe('okr check --format json', () => {
    const all = plan(['check', '--today', TODAY, '--format', 'json'], { cwd: BASIC });
    const hints = plan(['check', 'ops/warnings.md', 'company.md', '--config', 'lenient.config.json', '--format', 'json', '--today', TODAY], { cwd: BASIC });
    const namedFromRepo = plan(['check', 'test/fixtures/cli/basic/ops/support.md', '--format', 'json', '--today', TODAY]);
    const namedInRoot = plan(['check', 'ops/support.md', '--today', TODAY], { cwd: BASIC });
    const badConfig = plan(['check', '--format', 'json', '--today', TODAY], { cwd: join(FIXTURES, 'bad-config') });
    const badConfigText = plan(['check', '--today', TODAY], { cwd: join(FIXTURES, 'bad-config') });

    it('has exactly the SPEC shape, 0-based ranges covering the construct, and the summary', () => {
      const json = checkJson(all());
      assert.equal(all().status, 1);
      assert.deepEqual(jsonCodes(json), {
        'company.md': [],
        'ops/broken.md': [
          'error align-unresolved@6:18',
          'error align-unresolved@6:29',
          'error kr-value-invalid@8:22',
          'info kr-unmeasured@9:0',
          'error align-missing@11:0',
          'warning kr-missing@11:0',
        ],
        'ops/support.md': [],
        'ops/warnings.md': ['warning cycle-too-long@6:0', 'warning cycle-too-long@13:0', 'info kr-unmeasured@17:0'],
      });
      assert.deepEqual(json.summary, { files: 4, objectives: 6, keyResults: 9, errors: 4, warnings: 3, infos: 2, hints: 0 });
      const broken = json.files.find((f) => f.path === 'ops/broken.md')!;
      const file = join(BASIC, 'ops', 'broken.md');
      // A reference's range runs from [[ to ]], or over the whole markdown link; end exclusive.
      assert.deepEqual(broken.diagnostics[0]!.range, rangeOf(file, 6, '[[legacy]]'));
      assert.deepEqual(broken.diagnostics[1]!.range, rangeOf(file, 6, '[legacy goals](../archive/old.md#legacy)'));
      // A value's diagnostic covers its field.
      assert.deepEqual(broken.diagnostics[2]!.range, rangeOf(file, 8, '[current:: 3]'));
      // A heading's diagnostics cover the heading.
      assert.deepEqual(broken.diagnostics[4]!.range, rangeOf(file, 11, '## Objective: Tidy the backlog {#tidy}'));
    });

    it('counts hints, and lists every scanned document even when clean', () => {
      const json = checkJson(hints());
      assert.deepEqual(jsonCodes(json), {
        'company.md': [],
        'ops/warnings.md': ['info cycle-too-long@6:0', 'info cycle-too-long@13:0', 'hint kr-unmeasured@17:0'],
      });
      assert.deepEqual(json.summary, { files: 2, objectives: 3, keyResults: 5, errors: 0, warnings: 0, infos: 2, hints: 1 });
    });

    it('resolves references against the whole workspace root but reports only the named paths', () => {
      // company.md (which defines csat and ^nps) is not named; the nearest okr.config.json makes
      // test/fixtures/cli/basic the workspace root even when run from the repository root.
      const json = checkJson(namedFromRepo());
      assert.deepEqual(json.files, [{ path: 'test/fixtures/cli/basic/ops/support.md', diagnostics: [] }]);
      assert.deepEqual(json.summary, { files: 1, objectives: 1, keyResults: 2, errors: 0, warnings: 0, infos: 0, hints: 0 });
      assert.equal(namedFromRepo().status, 0);
      assert.equal(namedInRoot().stdout, '');
      assert.equal(namedInRoot().status, 0);
    });

    it('lists an invalid okr.config.json with its config-invalid diagnostic on the offending key, not counted in summary.files', () => {
      const json = checkJson(badConfig());
      // "fiscalYearStartMonth": 13 is on line 2; maxKeyResults 2 and exclude drafts/** still apply.
      // okrs.md is the only (strategic) document: no operational document, so no strategic-unsupported.
      assert.deepEqual(jsonCodes(json), {
        'okr.config.json': ['error config-invalid@2:2'],
        'okrs.md': ['info kr-too-many@4:0'],
      });
      assert.deepEqual(json.summary, { files: 1, objectives: 1, keyResults: 3, errors: 1, warnings: 0, infos: 1, hints: 0 });
      assert.equal(badConfig().status, 1);
      assert.deepEqual(textLines(badConfigText().stdout), [
        'okr.config.json:3:3: error config-invalid',
        'okrs.md:5:1: info kr-too-many',
      ]);
    });
  });

  describe('okr check on examples/', () => {
    const text = plan(['check', 'examples', '--today', TODAY]);
    const json = plan(['check', 'examples', '--today', TODAY, '--format', 'json']);

    it('prints exactly the one deliberate problem and exits 1', () => {
      assertNoStackTrace(text());
      assert.deepEqual(textLines(text().stdout), ['examples/operational/2026-11/engineering.md:26:10: error align-unresolved']);
      assert.match(text().stdout, /platform/, 'the message suggests the closest id');
      assert.equal(text().status, 1);
    });

    it('as JSON: the reference range from [[ to ]], every document listed', () => {
      const output = checkJson(json());
      assert.deepEqual(
        output.files.map((f) => f.path),
        [
          'examples/company/company-2026-q4.md',
          'examples/operational/2026-10/engineering.md',
          'examples/operational/2026-10/support.md',
          'examples/operational/2026-11/engineering.md',
          'examples/operational/2026-11/support.md',
          'examples/teams/engineering-2026-q4.okr.md',
          'examples/teams/support-2026-q4.md',
        ],
      );
      const problems = output.files.flatMap((f) => f.diagnostics);
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.code, 'align-unresolved');
      assert.deepEqual(problems[0]!.range, { start: { line: 25, character: 9 }, end: { line: 25, character: 21 } });
      assert.deepEqual(output.summary, { files: 7, objectives: 16, keyResults: 41, errors: 1, warnings: 0, infos: 0, hints: 0 });
    });
  });

  describe('okr check --format sarif', () => {
    // sarif/okr.config.json turns kr-unmeasured into a hint.
    const fixture = plan(['check', 'test/fixtures/cli/sarif', '--format', 'sarif', '--today', TODAY]);
    const lenient = plan(['check', 'ops/broken.md', '--config', 'lenient.config.json', '--format', 'sarif', '--today', TODAY], { cwd: BASIC });

    it('is valid SARIF 2.1.0: driver okr, levels, 1-based exclusive UTF-16 columns, percent-encoded relative URIs', () => {
      const log = sarif(fixture());
      assert.equal(fixture().status, 1);
      const file = join(FIXTURES, 'sarif', 'my okrs.md');
      // After "🚀" (two UTF-16 code units) [[nowhere]] starts at UTF-16 column 35 (1-based), not 34.
      assert.equal(rangeOf(file, 6, '[[nowhere]]').start.character, 34);
      const lines = readFileSync(file, 'utf8').split('\n');
      const prefix = 'test/fixtures/cli/sarif/';
      assert.deepEqual(sarifResults(log), [
        `${prefix}my%20okrs.md 5:1-5:${lines[4]!.length + 1} warning cycle-too-long`,
        `${prefix}my%20okrs.md 7:35-7:46 error align-unresolved`,
        `${prefix}my%20okrs.md 10:1-10:${lines[9]!.length + 1} note kr-unmeasured`,
        `${prefix}strategy.md 9:1-9:${'## Objective: Explore a new market {#explore}'.length + 1} note strategic-unsupported`,
      ]);
    });

    it('percent-encodes "#" and makes URIs relative to the repository root', () => {
      const dir = tempDir();
      mkdirSync(join(dir, '.git'));
      write(dir, 'okrs/okr.config.json', '{}\n');
      write(dir, 'okrs/company.md', COMPANY);
      write(dir, 'okrs/q4#1.okr.md', '---\nokr: operational\ncycle: 2026-11\n---\n## Objective: Tidy {#tidy}\n\naligns:: [[csat]]\n');
      const log = sarif(okr(['check', 'okrs/q4#1.okr.md', '--format', 'sarif', '--today', TODAY], { cwd: dir }));
      assert.deepEqual(sarifResults(log), [`okrs/q4%231.okr.md 5:1-5:${'## Objective: Tidy {#tidy}'.length + 1} warning kr-missing`]);
      const fromSubfolder = sarif(okr(['check', 'q4#1.okr.md', '--format', 'sarif', '--today', TODAY], { cwd: join(dir, 'okrs') }));
      assert.deepEqual(sarifResults(fromSubfolder), sarifResults(log));
    });

    it('maps error, warning, info and hint to error, warning, note, note', () => {
      const levels = sarif(lenient()).runs[0]!.results.map((r) => `${r.ruleId} ${r.level}`);
      assert.deepEqual(levels, [
        'align-unresolved error',
        'align-unresolved error',
        'kr-value-invalid error',
        'kr-unmeasured note',
        'align-missing error',
        'kr-missing warning',
      ]);
    });
  });

  describe('okr report --format json', () => {
    const report = (...flags: string[]) => plan(['report', '--format', 'json', '--today', TODAY, ...flags], { cwd: REPORT });
    const all = report();
    const january = report('--cycle', '2027-01');
    const november = report('--cycle', '2026-11');
    const nothing = report('--cycle', '2025');
    const envToday = plan(['report', '--format', 'json'], { cwd: REPORT, env: { OKR_TODAY: '2026-12-01' } });
    const flagToday = plan(['report', '--format', 'json', '--today', TODAY], { cwd: REPORT, env: { OKR_TODAY: '2026-12-01' } });

    it('has the SPEC shape: roots with key results and aligned children, null for missing values', () => {
      const json = reportJson(all());
      assert.equal(json.version, 1);
      assert.equal(json.today, TODAY);
      const keys = ['id', 'title', 'level', 'status', 'owner', 'cycle', 'progress', 'keyResultsCounted', 'keyResultsMeasured', 'path', 'line', 'keyResults', 'children'];
      for (const o of json.objectives) assert.deepEqual(Object.keys(o).sort(), [...keys].sort());
      assert.deepEqual(normalise(json.objectives), [CSAT, NORDICS, DESIGNER]);
    });

    it('takes today from OKR_TODAY, and --today over it', () => {
      assert.equal(reportJson(envToday()).today, '2026-12-01');
      assert.equal(reportJson(flagToday()).today, TODAY);
    });

    it('--cycle keeps only the roots whose cycle overlaps it', () => {
      assert.deepEqual(normalise(reportJson(january()).objectives), [NORDICS]);
      assert.deepEqual(normalise(reportJson(november()).objectives), [CSAT]);
      assert.deepEqual(reportJson(nothing()).objectives, []);
    });

    it('--output FILE writes the report to that file (relative to the current directory) instead of stdout', () => {
      const dir = tempDir();
      cpSync(REPORT, dir, { recursive: true });
      const run = okr(['report', '--format', 'json', '--today', TODAY, '--output', 'out.json'], { cwd: dir });
      assertNoStackTrace(run);
      assert.equal(run.status, 0);
      assert.equal(run.stdout, '');
      const written = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as ReportJson;
      assert.equal(written.today, TODAY);
      assert.deepEqual(normalise(written.objectives), [CSAT, NORDICS, DESIGNER]);
    });
  });

  describe('okr report --format markdown', () => {
    const markdown = plan(['report', 'examples', '--format', 'markdown', '--today', TODAY]);

    it('prints the tree of examples/ with titles and whole percentages, children nested under parents', () => {
      const run = markdown();
      assertNoStackTrace(run);
      assert.equal(run.status, 0);
      const lines = run.stdout.split('\n');
      const find = (title: string, percent: number) => {
        const index = lines.findIndex((l) => l.includes(title));
        assert.ok(index >= 0, `${title} is in the report`);
        assert.match(lines[index]!, new RegExp(`(^|\\D)${percent}\\s?%`), `${title}: ${percent} %`);
        return { index, indent: /^\s*/.exec(lines[index]!)![0].length };
      };
      // Percentages per SPEC §3: csat (6/13 + 0.6 + 1) / 3 → 69 %; platform → 52 %; revenue (0.45·2 + 0.375 + 0.4) / 4 → 42 %.
      const csat = find('Enhance customer satisfaction', 69);
      const platform = find('Scale the platform for enterprise customers', 52);
      const revenue = find('Grow recurring revenue', 42);
      // Children: support-response (1 + 8/12 + 0.5 + 0) / 4 → 54 % under csat; eng-platform 74 % under platform;
      // sso-rollout 100 % under eng-platform (two levels deep).
      const support = find('Reduce average support response time to under 2 hours', 54);
      const engPlatform = find('Make the platform enterprise-ready', 74);
      const sso = find('Roll out single sign-on to every plan', 100);
      const nps = find('Raise NPS', 46);
      assert.ok(support.indent > csat.indent, 'support-response is nested under csat');
      assert.ok(engPlatform.indent > platform.indent, 'eng-platform is nested under platform');
      assert.ok(sso.indent > engPlatform.indent, 'sso-rollout is nested under eng-platform');
      assert.ok(nps.indent > csat.indent, 'key results are nested under their objective');
      assert.ok(csat.index < support.index && support.index < platform.index, 'support-response appears within csat');
      assert.ok(platform.index < engPlatform.index && engPlatform.index < sso.index);
      assert.equal(csat.indent, revenue.indent, 'roots at the same depth');
    });
  });
});
