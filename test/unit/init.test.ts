// Issue 15, "no starting point": `okr init [folder]`, run as the built executable (dist/cli.cjs:
// run `node esbuild.mjs` first) on temporary folders: a first workspace that `okr check` finds
// clean; an okr.config.json whose `documents` read markdown that already holds OKRs, and a
// README or CHANGELOG never taken for them; never overwriting; --dry-run. And the pure parts:
// which markdown looks like OKRs, and the globs written for it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import AjvModule from 'ajv';
import { documentsEntries } from '../../server/src/cli/documentsGlobs.ts';
import { documentsLevelMatcher } from '../../server/src/fs/configuredLevel.ts';
import { readAsOkrs } from '../../server/src/okr/parse/looksLikeOkrs.ts';
import { runCliProcess, writeFile, type Run } from './cliProcess.ts';
import { md } from './helpers.ts';

const Ajv = AjvModule.default ?? AjvModule;
const SCHEMA = resolve(import.meta.dirname, '../../dist/okr.config.schema.json');
const TODAY = '2026-11-25';

function env(): NodeJS.ProcessEnv {
  const copy = { ...process.env };
  delete copy.OKR_TODAY;
  return copy;
}

function okr(args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runCliProcess(args, cwd, { ...env(), ...extra });
}

/** Every file under `root`, relative, with `/`, and its content. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) visit(full);
      else files[relative(root, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  visit(root);
  return files;
}

interface CheckJson {
  files: { path: string; diagnostics: { code: string; severity: string }[] }[];
  summary: { files: number; objectives: number; keyResults: number; errors: number; warnings: number };
}

async function checkJson(cwd: string, args: string[] = []): Promise<{ run: Run; json: CheckJson }> {
  const run = await okr(['check', ...args, '--format', 'json', '--today', TODAY], cwd);
  return { run, json: JSON.parse(run.stdout) as CheckJson };
}

/** Outline OKRs with no frontmatter: a quarter's (strategic) and a month's (operational). */
const COMPANY = md('# Company OKRs Q4 2026', '', '## Make onboarding effortless', '', '- [x] Ship the setup wizard', '- Cut time to first deploy to 10 minutes => 60%', '', '## Be reliable', '', '### Key results', '', '1. KR1 - 99.95% uptime', '2. KR2: MTTR under 1 hour');
const SUPPORT = md('# Support, November 2026', '', '## Answer faster', '', '- First response under 2 hours => 40%', '- [ ] Publish response targets');
/** A project README of headings and lists, saying OKR: the outline reader alone would read objectives in it. */
const README = md('# Our OKR handbook', '', '## Features', '', '- Fast', '- Small', '', '## Install', '', '- npm install', '- npm test');
const CHANGELOG = md('# Changelog', '', '## 1.1.0 (2026)', '', '- Added a wizard', '- Fixed a crash', '', '## 1.0.0', '', '- First release');
const GUIDE = md('# Setup guide', '', '## Before you start', '', '- Install Node', '- Clone the repository');

describe('okr init (issue 15)', function () {
  this.timeout(120_000);
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'okr-init-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  describe('in a folder without OKRs', () => {
    it('writes okr.config.json, a strategic document for the quarter and an operational one for the month, which okr check finds clean', async () => {
      writeFile(root, 'notes/ideas.md', GUIDE);
      const run = await okr(['init', '--today', TODAY], root);
      assert.equal(run.status, 0, run.stderr);
      const files = snapshot(root);
      assert.deepEqual(Object.keys(files), ['notes/ideas.md', 'okr.config.json', 'okrs/2026-11/team.md', 'okrs/2026-Q4/company.md']);
      assert.match(files['okrs/2026-Q4/company.md']!, /^---\nokr: strategic\ncycle: 2026-Q4\n---\n/);
      assert.match(files['okrs/2026-11/team.md']!, /^---\nokr: operational\ncycle: 2026-11\n---\n/);
      assert.match(files['okrs/2026-11/team.md']!, /^aligns:: \[\[delight-our-customers#delight-our-customers-kr1\]\]$/m);
      // What was written, then the next steps.
      assert.match(run.stdout, /^Wrote okr\.config\.json /m);
      assert.match(run.stdout, /^Wrote okrs\/2026-Q4\/company\.md \(strategic, 2026-Q4\)$/m);
      assert.match(run.stdout, /^Wrote okrs\/2026-11\/team\.md \(operational, 2026-11, aligned to /m);
      assert.match(run.stdout, /Next steps:\n {2}okr check +.*\n {2}okr report +.*\n {2}code \. +.*VS Code/);
      assert.match(run.stdout, /1 other markdown file does not look like OKRs and is left out: notes\/ideas\.md/);

      // The config is valid against the schema the editor uses; no $schema without a path to point at.
      const config = JSON.parse(files['okr.config.json']!) as Record<string, unknown>;
      assert.equal(config.$schema, undefined);
      const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
      assert.ok(validate(config), JSON.stringify(validate.errors));

      // No error, no warning, nothing at all; and the two documents are what is read.
      const { run: check, json } = await checkJson(root);
      assert.equal(check.status, 0, check.stderr);
      assert.deepEqual(
        json.files.map((file) => [file.path, file.diagnostics.map((d) => `${d.severity} ${d.code}`)]),
        [
          ['okrs/2026-11/team.md', []],
          ['okrs/2026-Q4/company.md', []],
        ],
      );
      assert.deepEqual([json.summary.objectives, json.summary.errors, json.summary.warnings], [2, 0, 0]);
      const text = await okr(['check', '--today', TODAY], root);
      assert.equal(text.status, 0);
      assert.equal(text.stdout, '');
      // The operational objective is under the strategic one's key result.
      const report = await okr(['report', '--format', 'json', '--today', TODAY], root);
      const tree = JSON.parse(report.stdout) as { objectives: { id: string; children: { id: string }[] }[] };
      assert.deepEqual(
        tree.objectives.map((objective) => [objective.id, objective.children.map((child) => child.id)]),
        [['delight-our-customers', ['answer-support-requests-faster']]],
      );
    });

    it('takes the quarter and month from --today, else OKR_TODAY; names the folder given in the next steps', async () => {
      const byOption = await okr(['init', 'plans', '--today', '2027-02-03'], root, { OKR_TODAY: '2026-11-25' });
      assert.equal(byOption.status, 0, byOption.stderr);
      assert.deepEqual(Object.keys(snapshot(join(root, 'plans'))), ['okr.config.json', 'okrs/2027-02/team.md', 'okrs/2027-Q1/company.md']);
      assert.match(byOption.stdout, /^Wrote plans\/okrs\/2027-Q1\/company\.md /m);
      assert.match(byOption.stdout, /^ {2}okr check plans +/m);
      const { run: check, json } = await checkJson(root, ['plans']);
      assert.equal(check.status, 0, check.stderr);
      assert.deepEqual([json.summary.files, json.summary.errors, json.summary.warnings], [2, 0, 0]);

      const byEnv = await okr(['init', 'other'], root, { OKR_TODAY: '2026-05-10' });
      assert.equal(byEnv.status, 0, byEnv.stderr);
      assert.ok(existsSync(join(root, 'other/okrs/2026-Q2/company.md')));
      assert.ok(existsSync(join(root, 'other/okrs/2026-05/team.md')));
    });

    it('points "$schema" at okr-markdown installed in the project, relative to the config', async () => {
      writeFile(root, 'node_modules/okr-markdown/dist/okr.config.schema.json', readFileSync(SCHEMA, 'utf8'));
      const run = await okr(['init', 'okrs-home', '--today', TODAY], root);
      assert.equal(run.status, 0, run.stderr);
      const config = JSON.parse(readFileSync(join(root, 'okrs-home/okr.config.json'), 'utf8')) as { $schema?: string };
      assert.equal(config.$schema, '../node_modules/okr-markdown/dist/okr.config.schema.json');
      assert.ok(existsSync(resolve(root, 'okrs-home', config.$schema)));
      const { json } = await checkJson(root, ['okrs-home']);
      assert.deepEqual([json.summary.errors, json.summary.warnings], [0, 0]);
    });

    it('does not take README.md or CHANGELOG.md for OKRs, even when the outline reader finds objectives in them', async () => {
      writeFile(root, 'README.md', README);
      writeFile(root, 'CHANGELOG.md', CHANGELOG);
      // Parsed as an OKR document, the README does yield objectives with key results.
      assert.ok(readAsOkrs('README.md', README).document.objectives.some((objective) => objective.keyResults.length > 0));
      const run = await okr(['init', '--today', TODAY], root);
      assert.equal(run.status, 0, run.stderr);
      assert.doesNotMatch(run.stdout, /look like OKRs but/);
      assert.match(run.stdout, /2 other markdown files do not look like OKRs and are left out: CHANGELOG\.md, README\.md/);
      const config = JSON.parse(readFileSync(join(root, 'okr.config.json'), 'utf8')) as { documents?: unknown };
      assert.equal(config.documents, undefined);
      const { json } = await checkJson(root);
      assert.deepEqual(json.files.map((file) => file.path), ['okrs/2026-11/team.md', 'okrs/2026-Q4/company.md']);
    });
  });

  describe('in a folder that holds OKRs not read yet', () => {
    it('writes documents globs that cover them, says what will be read, and okr check then reads them', async () => {
      writeFile(root, 'okrs/2026-Q4/company.md', COMPANY);
      writeFile(root, 'okrs/2026-11/support.md', SUPPORT);
      writeFile(root, 'okrs/2026-11/platform.md', SUPPORT.replace('Support', 'Platform'));
      writeFile(root, 'README.md', README);
      writeFile(root, 'CHANGELOG.md', CHANGELOG);
      writeFile(root, 'docs/guide.md', GUIDE);
      writeFile(root, 'teams/eng.okr.md', md('## Objective: Ship it', '', 'level:: strategic', 'cycle:: 2026-Q4', '', '- KR: Done [progress:: 10%]'));
      const before = snapshot(root);
      const { json: unread } = await checkJson(root, ['.']);
      assert.equal(unread.summary.objectives, 1);

      const run = await okr(['init', '--today', TODAY], root);
      assert.equal(run.status, 0, run.stderr);
      const lines = run.stdout.split('\n');
      assert.equal(lines[0], '3 markdown files look like OKRs but are not read yet:');
      assert.deepEqual(lines.slice(1, 4), [
        '  okrs/2026-11/platform.md: 1 objective, 2 key results, cycle November 2026: operational',
        '  okrs/2026-11/support.md: 1 objective, 2 key results, cycle November 2026: operational',
        '  okrs/2026-Q4/company.md: 2 objectives, 4 key results, cycle Q4 2026: strategic',
      ]);
      assert.match(run.stdout, /^1 file is an OKR document already \(okr: in the frontmatter, \*\.okr\.md or "documents" in okr\.config\.json\) and needs no glob: teams\/eng\.okr\.md$/m);
      assert.match(run.stdout, /^3 other markdown files do not look like OKRs and are left out: CHANGELOG\.md, README\.md, docs\/guide\.md$/m);
      assert.match(run.stdout, /^Wrote okr\.config\.json /m);

      // Only the config was written; the documents are as they were.
      const after = snapshot(root);
      assert.deepEqual(Object.keys(after), [...Object.keys(before), 'okr.config.json'].sort());
      for (const [path, text] of Object.entries(before)) assert.equal(after[path], text, path);
      const config = JSON.parse(after['okr.config.json']!) as { documents: unknown };
      assert.deepEqual(config.documents, [
        { include: 'okrs/2026-11/**', okr: 'operational' },
        { include: 'okrs/2026-Q4/**', okr: 'strategic' },
      ]);

      const { json } = await checkJson(root);
      assert.deepEqual(json.files.map((file) => file.path), ['okrs/2026-11/platform.md', 'okrs/2026-11/support.md', 'okrs/2026-Q4/company.md', 'teams/eng.okr.md']);
      assert.equal(json.summary.objectives, 5);
      assert.equal(json.summary.keyResults, 9);

      // Run again: nothing left to do.
      const again = await okr(['init', '--today', TODAY], root);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /^Nothing to write: okr\.config\.json exists and 4 OKR documents are read\.$/m);
      assert.deepEqual(snapshot(root), after);
    });

    it('names files one by one where their folder holds other markdown, and says when no cycle is found', async () => {
      writeFile(root, 'docs/okrs-2026-q4.md', COMPANY.replace('# Company OKRs Q4 2026', '# Company OKRs'));
      writeFile(root, 'docs/guide.md', GUIDE);
      writeFile(root, 'plans/objectives.md', md('# Objectives', '', '## Grow revenue', '', '- Sign 10 customers', '- Open 2 offices'));
      const run = await okr(['init', '--today', TODAY], root);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^ {2}plans\/objectives\.md: 1 objective, 2 key results, no cycle found \(okr check will ask for one\): strategic \(a guess\)$/m);
      const config = JSON.parse(readFileSync(join(root, 'okr.config.json'), 'utf8')) as { documents: unknown };
      assert.deepEqual(config.documents, [
        { include: 'docs/okrs-2026-q4.md', okr: 'strategic' },
        { include: 'plans/objectives.md', okr: 'strategic' },
      ]);
      const { json } = await checkJson(root);
      assert.deepEqual(json.files.map((file) => file.path), ['docs/okrs-2026-q4.md', 'plans/objectives.md']);
      assert.ok(json.files[1]!.diagnostics.some((d) => d.code === 'cycle-missing'));
    });
  });

  describe('never overwrites a file', () => {
    it('leaves an existing okr.config.json as it is, prints the entries to add, writes nothing and exits 2', async () => {
      writeFile(root, 'okr.config.json', '{ "maxKeyResults": 4 }\n');
      writeFile(root, 'okrs/2026-Q4/company.md', COMPANY);
      const before = snapshot(root);
      const run = await okr(['init', '--today', TODAY], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^okr: okr\.config\.json exists and okr init never changes it; to read the files above, add to its "documents":\n {4}\{ "include": "okrs\/\*\*", "okr": "strategic" \}\nokr: nothing was written\n$/);
      assert.deepEqual(snapshot(root), before);
    });

    it('proposes no glob over a folder that holds documents the config reads already (their level could be overridden)', async () => {
      writeFile(root, 'okr.config.json', '{ "documents": [{ "include": "okrs/2026-Q4/**", "okr": "strategic" }] }\n');
      writeFile(root, 'okrs/2026-Q4/company.md', COMPANY);
      writeFile(root, 'okrs/2026-11/support.md', '# Support OKRs November 2026\n\n## Answer faster\n\n- Answer within a day\n- Staff the weekend\n');
      const run = await okr(['init', '--today', TODAY], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /\n {4}\{ "include": "okrs\/2026-11\/\*\*", "okr": "operational" \}\n/);
      assert.doesNotMatch(run.stderr, /"okrs\/\*\*"/);
    });

    it('says what it could not understand in an existing okr.config.json', async () => {
      writeFile(root, 'okr.config.json', '{ "fiscalYearStartMonth": 13 }\n');
      const run = await okr(['init', '--dry-run', '--today', TODAY], root);
      assert.match(run.stderr, /^okr: okr\.config\.json:1:\d+: fiscalYearStartMonth: .*using the default/m);
    });

    it('writes nothing at all when one file it would write exists, and exits 2', async () => {
      writeFile(root, 'okrs/2026-Q4/company.md', 'My own notes\n');
      const before = snapshot(root);
      const run = await okr(['init', '--today', TODAY], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^okr: okrs\/2026-Q4\/company\.md exists; okr init never overwrites a file\nokr: nothing was written\n$/);
      assert.doesNotMatch(run.stdout, /Wrote/);
      assert.deepEqual(snapshot(root), before);
    });

    it('keeps an okr.config.json that needs no change, and writes the first documents beside it', async () => {
      writeFile(root, 'okr.config.json', '{ "maxKeyResults": 4 }\n');
      const run = await okr(['init', '--today', TODAY], root);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^okr\.config\.json exists: kept as it is\.$/m);
      assert.equal(readFileSync(join(root, 'okr.config.json'), 'utf8'), '{ "maxKeyResults": 4 }\n');
      assert.deepEqual(Object.keys(snapshot(root)), ['okr.config.json', 'okrs/2026-11/team.md', 'okrs/2026-Q4/company.md']);
    });
  });

  describe('--dry-run', () => {
    it('prints what it would write and writes nothing', async () => {
      writeFile(root, 'README.md', README);
      const before = snapshot(root);
      const run = await okr(['init', '--dry-run', '--today', TODAY], root);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(snapshot(root), before);
      assert.match(run.stdout, /^Would write okr\.config\.json \(.*\):\n {4}\{\n {6}"fiscalYearStartMonth": 1\n {4}\}\n/m);
      assert.match(run.stdout, /^Would write okrs\/2026-Q4\/company\.md \(strategic, 2026-Q4\):\n {4}---\n {4}okr: strategic\n/m);
      assert.match(run.stdout, /^Would write okrs\/2026-11\/team\.md /m);
      assert.match(run.stdout, /Nothing was written \(--dry-run\)\.\n$/);

      const missing = await okr(['init', 'new-folder', '--dry-run', '--today', TODAY], root);
      assert.equal(missing.status, 0, missing.stderr);
      assert.ok(!existsSync(join(root, 'new-folder')));

      writeFile(root, 'okrs/2026-Q4/company.md', COMPANY);
      const looking = await okr(['init', '--dry-run', '--today', TODAY], root);
      assert.equal(looking.status, 0, looking.stderr);
      assert.match(looking.stdout, /"documents": \[\n {8}\{ "include": "okrs\/\*\*", "okr": "strategic" \}\n/);
      assert.ok(!existsSync(join(root, 'okr.config.json')));
    });
  });

  describe('usage', () => {
    it('is listed by okr --help and okr init --help', async () => {
      for (const args of [['--help'], ['init', '--help']]) {
        const run = await okr(args, root);
        assert.equal(run.status, 0);
        assert.match(run.stdout, /^ {2}okr init \[folder\] \[--dry-run\] \[--today YYYY-MM-DD\]$/m);
        assert.match(run.stdout, /^init {4}sets up a folder/m);
      }
      assert.deepEqual(readdirSync(root), []);
    });

    it('exits 2 with one line on a bad argument, and writes nothing', async () => {
      writeFile(root, 'a-file.md', GUIDE);
      const cases: [string[], RegExp][] = [
        [['init', 'a', 'b'], /^okr: okr init takes one folder, not 2\n$/],
        [['init', 'a-file.md'], /^okr: a-file\.md: not a folder\n$/],
        [['init', '--write'], /^okr: Unknown option '--write'\n$/],
        [['init', '--today', '25/11/2026'], /^okr: --today "25\/11\/2026" is not a date YYYY-MM-DD\n$/],
      ];
      for (const [args, stderr] of cases) {
        const run = await okr(args, root);
        assert.equal(run.status, 2, args.join(' '));
        assert.match(run.stderr, stderr);
      }
      assert.deepEqual(Object.keys(snapshot(root)), ['a-file.md']);
    });
  });
});

describe('okr init: what looks like OKRs, and the globs for it', () => {
  it('takes outline OKRs with a word, a label or a cycle that says so; not project files, nor headings over lists alone', () => {
    const looks = (path: string, text: string) => readAsOkrs(path, text).looksLikeOkrs;
    assert.ok(looks('plans/company.md', COMPANY));
    assert.ok(looks('support.md', SUPPORT));
    assert.ok(looks('plans/goals.md', md('# Goals', '', '## Objective 1: Grow', '', '- KR1: Sign 10 customers')));
    assert.ok(looks('q4-2026/goals.md', md('# Goals', '', '## Grow', '', '- Sign 10 customers')));
    assert.ok(looks('okrs/goals.md', md('# Goals', '', '## Grow', '', '- Sign 10 customers')));
    // The same without any such sign, a numbered heading, or no key results: not OKRs.
    assert.ok(!looks('plans/goals.md', md('# Goals', '', '## Grow', '', '- Sign 10 customers')));
    assert.ok(!looks('docs/steps.md', md('# Steps', '', '## 1. Install', '', '- Node 20')));
    assert.ok(!looks('okrs/draft.md', md('# OKRs', '', 'To be written.')));
    for (const name of ['README.md', 'readme.md', 'CHANGELOG.md', 'CONTRIBUTING.md', 'docs/README.mdx', 'SUPPORT.md']) assert.ok(!looks(name, COMPANY), name);
    assert.ok(!looks('GUIDE.md', GUIDE));
  });

  it('globs the outermost folder holding only OKRs of one level (two or more, or named for OKRs or a cycle), else the file', () => {
    const looking = [
      { path: 'okrs/company/2026.md', level: 'strategic' as const },
      { path: 'okrs/company/2025.md', level: 'strategic' as const },
      { path: 'okrs/teams/2026-11/a.md', level: 'operational' as const },
      { path: 'okrs/teams/2026-11/b.md', level: 'operational' as const },
      { path: 'notes/q4 (draft) [v2].md', level: 'strategic' as const },
      { path: 'single/plan.md', level: 'operational' as const },
      { path: 'top.md', level: 'strategic' as const },
    ];
    const others = ['notes/meeting.md', 'README.md'];
    const entries = documentsEntries(looking, others);
    assert.deepEqual(entries, [
      { include: 'notes/q4 \\(draft\\) \\[v2\\].md', okr: 'strategic' },
      { include: 'okrs/company/**', okr: 'strategic' },
      { include: 'okrs/teams/**', okr: 'operational' },
      { include: 'single/plan.md', okr: 'operational' },
      { include: 'top.md', okr: 'strategic' },
    ]);
    // As the config reads them: each file gets its level, and no other markdown is taken.
    const levelOf = documentsLevelMatcher(entries);
    for (const file of looking) assert.equal(levelOf(file.path), file.level, file.path);
    for (const path of [...others, 'notes/q4 (draft) v2.md', 'single/other.md']) assert.equal(levelOf(path), undefined, path);
  });
});
