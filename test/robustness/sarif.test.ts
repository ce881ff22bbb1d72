// Issue 7: `okr check --format sarif` validates against the SARIF 2.1.0 schema, with
// repository-relative, percent-encoded URIs (RFC 3986).
//
// The schema is the OASIS one, vendored unchanged in test/fixtures/sarif-schema-2.1.0.json:
// SARIF v2.1.0 errata01 (OASIS Standard), from
// https://github.com/oasis-tcs/sarif-spec/blob/0a8091f7d4057e57b6d8d9b56129e5f918747b34/Schemata/sarif-schema-2.1.0.json
// (its id: https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json).
// It is a draft-04 schema, so it is compiled with ajv-draft-04. ajv-formats is not installed:
// the three formats it uses (uri, uri-reference, date-time) are checked here, the URIs
// strictly by RFC 3986's grammar.
//
// Runs the built command line (npm run build) in temporary folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AjvModule from 'ajv-draft-04';
import { encodeRelativeUri, formatSarif } from '../../server/src/cli/formats/sarif.ts';
import type { CheckResult } from '../../server/src/cli/formats/checkResult.ts';
import { DEFAULT_SEVERITY, DIAGNOSTIC_CODES, makeDiagnostic } from '../../server/src/okr/model/diagnostics.ts';
import { writeFile as write } from '../unit/cliProcess.ts';

const Ajv = AjvModule.default ?? AjvModule;
const REPO = resolve(import.meta.dirname, '../..');
const CLI = join(REPO, 'dist', 'cli.cjs');
const SCHEMA = join(REPO, 'test', 'fixtures', 'sarif-schema-2.1.0.json');

// ---------------------------------------------------------------------------
// RFC 3986 and the schema
// ---------------------------------------------------------------------------

const PCHAR = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
const QUERY = `(?:${PCHAR}|[/?])*`;
/** scheme ":" hier-part [ "?" query ] [ "#" fragment ], hosts without IP literals (enough here). */
const ABSOLUTE_URI = new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:(?:${PCHAR}|/)*(?:\\?${QUERY})?(?:#${QUERY})?$`);
/** relative-ref's characters (its first segment may not hold ":", checked apart). */
const RELATIVE_REF = new RegExp(`^(?:${PCHAR}|/)*(?:\\?${QUERY})?(?:#${QUERY})?$`);

function isUri(value: string): boolean {
  return ABSOLUTE_URI.test(value) && URL.canParse(value);
}

function isUriReference(value: string): boolean {
  // A relative reference whose first segment held ":" would read as a scheme.
  return isUri(value) || (RELATIVE_REF.test(value) && !/^[^/?#]*:/.test(value));
}

let validate: ((data: unknown) => boolean) & { errors?: unknown };

function validateSarif(log: unknown): void {
  if (!validate) {
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as { id: string };
    assert.equal(schema.id, 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', isUri);
    ajv.addFormat('uri-reference', isUriReference);
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    validate = ajv.compile(schema);
  }
  assert.ok(validate(log), `SARIF schema errors: ${JSON.stringify(validate.errors, null, 2)}`);
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface SarifLog {
  runs: {
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: { ruleId: string; locations: { physicalLocation: { artifactLocation: ArtifactLocation } }[] }[];
  }[];
}

function sarifCheck(cwd: string, args: string[] = []): SarifLog {
  const env = { ...process.env };
  delete env.OKR_TODAY;
  const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', '--today', '2026-11-25', ...args], { cwd, env, encoding: 'utf8' });
  assert.equal(run.status, 1, `exit 1 (errors found); stderr: ${run.stderr}`);
  const log = JSON.parse(run.stdout) as SarifLog;
  validateSarif(log);
  return log;
}

function locations(log: SarifLog): ArtifactLocation[] {
  const seen = new Map<string, ArtifactLocation>();
  for (const result of log.runs[0]!.results) {
    const location = result.locations[0]!.physicalLocation.artifactLocation;
    seen.set(JSON.stringify(location), location);
  }
  return [...seen.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
}

/** The file an artifact location names, through originalUriBaseIds. */
function fileOf(log: SarifLog, location: ArtifactLocation): string {
  const base = location.uriBaseId === undefined ? undefined : log.runs[0]!.originalUriBaseIds![location.uriBaseId]!.uri;
  return fileURLToPath(new URL(location.uri, base));
}

const DOCUMENT = (id: string) => `---
okr: operational
cycle: 2026-11
owner: Ops
---
## Objective: Thing ${id} {#${id}}

aligns:: [[nowhere]]

- KR: Something  [progress:: 5]
`;

/** Workspace paths (under the workspace folder) → their expected URI relative to the repository root. */
const NAMES: Record<string, string> = {
  'a b.md': 'a%20b.md',
  'c#d.md': 'c%23d.md',
  '100%.md': '100%25.md',
  'café.md': 'caf%C3%A9.md',
  '🎯 goals.okr.md': '%F0%9F%8E%AF%20goals.okr.md',
  'équipe/x y.md': '%C3%A9quipe/x%20y.md',
  "it's (draft) [1]!.md": 'it%27s%20%28draft%29%20%5B1%5D%21.md',
  'a:b.md': 'a%3Ab.md',
  'q?.md': 'q%3F.md',
  'plus+and&=.md': 'plus%2Band%26%3D.md',
};


describe('SARIF output: schema and URIs', function () {
  // Every test runs the CLI as a process: a generous timeout, a guard against a hang.
  this.timeout(300_000);
  let base: string;
  let repository: string;
  let workspace: string;

  before(() => {
    assert.ok(existsSync(CLI), 'run npm run build first');
    base = mkdtempSync(join(tmpdir(), 'okr-sarif-'));
    // The repository's own folder name needs encoding too: spaces, #, %, brackets, é.
    repository = join(base, 'repo #1 100% [é]');
    workspace = join(repository, 'sub dir', 'okrs');
    mkdirSync(join(repository, '.git'), { recursive: true });
    Object.keys(NAMES).forEach((name, i) => write(workspace, name, DOCUMENT(`t${i}`)));
    write(workspace, 'okr.config.json', '{ "maxKeyResults": "five" }\n');
  });

  after(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('a workspace in a subfolder of a git repository: URIs relative to the repository root, percent-encoded', () => {
    const log = sarifCheck(workspace);
    const run = log.runs[0]!;
    assert.deepEqual(Object.keys(run.originalUriBaseIds ?? {}), ['%SRCROOT%']);
    const root = run.originalUriBaseIds!['%SRCROOT%']!.uri;
    assert.equal(root, `${pathToFileURL(repository).href}/`, 'the repository root, as a file URI ending in /');
    assert.ok(root.endsWith('/repo%20%231%20100%25%20%5B%C3%A9%5D/'), root);
    const expected = [...Object.values(NAMES), 'okr.config.json'].map((uri) => `sub%20dir/okrs/${uri}`).sort();
    assert.deepEqual(locations(log), expected.map((uri) => ({ uri, uriBaseId: '%SRCROOT%' })));
    for (const location of locations(log)) {
      assert.ok(isUriReference(location.uri), `${location.uri} is an RFC 3986 relative reference`);
      assert.ok(existsSync(fileOf(log, location)), `${location.uri} resolves to a file that exists`);
    }
    const files = locations(log).map((location) => fileOf(log, location)).sort();
    assert.deepEqual(files, [...Object.keys(NAMES), 'okr.config.json'].map((name) => join(workspace, name)).sort());
  });

  it('from a folder below the workspace root, the same repository-relative URIs', () => {
    const log = sarifCheck(join(workspace, 'équipe'));
    assert.deepEqual(locations(log), [{ uri: 'sub%20dir/okrs/%C3%A9quipe/x%20y.md', uriBaseId: '%SRCROOT%' }, { uri: 'sub%20dir/okrs/okr.config.json', uriBaseId: '%SRCROOT%' }]);
  });

  it('named files, and a file outside the repository (an absolute file URI, not ../)', () => {
    const outside = write(base, 'outside #2/x y.okr.md', DOCUMENT('far'));
    const log = sarifCheck(workspace, ['c#d.md', 'équipe/x y.md', outside]);
    assert.deepEqual(locations(log), [
      { uri: pathToFileURL(outside).href },
      { uri: 'sub%20dir/okrs/%C3%A9quipe/x%20y.md', uriBaseId: '%SRCROOT%' },
      { uri: 'sub%20dir/okrs/c%23d.md', uriBaseId: '%SRCROOT%' },
      { uri: 'sub%20dir/okrs/okr.config.json', uriBaseId: '%SRCROOT%' },
    ].sort((a, b) => (a.uri < b.uri ? -1 : 1)));
    assert.ok(pathToFileURL(outside).href.includes('outside%20%232/x%20y.okr.md'));
    for (const location of locations(log)) assert.equal(fileOf(log, location), location.uriBaseId ? join(repository, decodeURIComponent(location.uri)) : outside);
  });

  it('without a git repository, URIs are relative to the current folder', () => {
    const plain = join(base, 'no repo', 'okrs');
    write(plain, 'ä b#.md', DOCUMENT('plain'));
    const log = sarifCheck(plain);
    assert.equal(log.runs[0]!.originalUriBaseIds!['%SRCROOT%']!.uri, `${pathToFileURL(plain).href}/`);
    assert.deepEqual(locations(log), [{ uri: '%C3%A4%20b%23.md', uriBaseId: '%SRCROOT%' }]);
  });
});

describe('SARIF formatter', () => {
  it('percent-encodes each path segment by RFC 3986, keeping "/"', () => {
    const cases: [string, string][] = [
      ['a b/c d.md', 'a%20b/c%20d.md'],
      ['#/%/?.md', '%23/%25/%3F.md'],
      ['é/ü/ñ/漢字.md', '%C3%A9/%C3%BC/%C3%B1/%E6%BC%A2%E5%AD%97.md'],
      ['🎯.md', '%F0%9F%8E%AF.md'],
      ["!'()*.md", '%21%27%28%29%2A.md'],
      ['[x]|^`{}<>"\\.md', '%5Bx%5D%7C%5E%60%7B%7D%3C%3E%22%5C.md'],
      ['a:b/c:d.md', 'a%3Ab/c%3Ad.md'],
      ['unreserved-._~.md', 'unreserved-._~.md'],
      ['tab\there\nnl.md', 'tab%09here%0Anl.md'],
    ];
    for (const [path, uri] of cases) {
      assert.equal(encodeRelativeUri(path), uri, path);
      assert.ok(isUriReference(uri), `${uri} is an RFC 3986 relative reference`);
      assert.equal(uri.split('/').map(decodeURIComponent).join('/'), path, 'decodes back to the path');
    }
  });

  it('every rule and every level validates; each result names a declared rule', () => {
    const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } };
    const result: CheckResult = {
      objectives: 1,
      keyResults: 0,
      files: [
        { path: 'dir with space/100% #1.md', diagnostics: DIAGNOSTIC_CODES.map((code) => makeDiagnostic(code, range, `message of ${code}`)) },
        { path: 'ok.md', diagnostics: [] },
        { path: '../elsewhere/é.md', diagnostics: [makeDiagnostic('kr-missing', range, 'x')] },
      ],
    };
    const log = JSON.parse(formatSarif(result, '/tmp/a repo', '1.2.3')) as SarifLog & { runs: { tool: { driver: { rules: { id: string }[] } } }[] };
    validateSarif(log);
    const rules = log.runs[0]!.tool.driver.rules.map((rule) => rule.id);
    assert.deepEqual(rules, [...DIAGNOSTIC_CODES]);
    const level = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;
    for (const r of log.runs[0]!.results as unknown as { ruleId: (typeof DIAGNOSTIC_CODES)[number]; level: string }[]) {
      assert.ok(rules.includes(r.ruleId));
      assert.equal(r.level, level[DEFAULT_SEVERITY[r.ruleId]], r.ruleId);
    }
    assert.deepEqual(locations(log), [
      { uri: 'dir%20with%20space/100%25%20%231.md', uriBaseId: '%SRCROOT%' },
      { uri: 'file:///tmp/elsewhere/%C3%A9.md' },
    ]);
    assert.equal(log.runs[0]!.originalUriBaseIds!['%SRCROOT%']!.uri, 'file:///tmp/a%20repo/');
    // The check has teeth: an unencoded URI or a 0 column is refused.
    for (const broken of [(l: typeof log) => (l.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'dir with space/a.md'), (l: typeof log) => ((l.runs[0]!.results[0]!.locations[0]!.physicalLocation as unknown as { region: { startColumn: number } }).region.startColumn = 0)]) {
      const copy = structuredClone(log);
      broken(copy);
      assert.equal(validate(copy), false);
    }
  });

  it('the URI checks used above reject what RFC 3986 does not allow', () => {
    for (const bad of ['a b.md', 'a#b#c', '100%.md', 'é.md', 'x[1].md', 'a|b', '%zz']) assert.equal(isUriReference(bad), false, bad);
    for (const good of ['a%20b.md', 'x/y.md', '../z.md', 'file:///tmp/a%20b/', 'q?x=1#frag']) assert.equal(isUriReference(good), true, good);
    assert.equal(isUri('sub%20dir/a.md'), false, 'relative is not a uri');
    // Why ":" is encoded in a relative path: unencoded, the first segment reads as a scheme.
    assert.equal(isUri('a:b.md'), true);
  });
});
