// okr.config.json's `documents` (issue 14, "opt in without touching files"): the key read
// entry by entry, the one function that gives a path its level, and every adapter that
// decides what is an OKR document: the CLI (the built one, and the loader), the parse pool's
// threads, the model cache and the language server's session, with a config change.
import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadWorkspace } from '../../server/src/cli/loadWorkspace.ts';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { configuredLevelOf, documentsLevelMatcher } from '../../server/src/fs/configuredLevel.ts';
import { ModelCache } from '../../server/src/fs/modelCache.ts';
import { readConfig, type OkrConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { parseAll, type ParseInput } from '../../server/src/parallel/parsePool.ts';
import { OkrSession } from '../../server/src/session/session.ts';
import { runCliProcess, writeFile } from './cliProcess.ts';
import { md } from './helpers.ts';

const TODAY = '2026-11-25';
const CONFIG = {
  documents: [
    { include: 'okrs/company/**', okr: 'strategic' },
    { include: 'okrs/teams/**', okr: 'operational' },
  ],
};

/** A strategic document with no frontmatter at all: only the config makes it one. */
const COMPANY = md('# Company OKRs', '', '## Objective: Enhance customer satisfaction {#csat}', '', 'cycle:: 2026-Q4', '', '- KR: Raise NPS  [start:: 32]  [target:: 45]  [current:: 38] ^nps');
/** An operational .mdx document: a cycle in its frontmatter but no `okr:`, ESM around. */
const SUPPORT = md(
  '---',
  'cycle: 2026-11',
  '---',
  'import Chart from "./chart.js"',
  'export const meta = { team: "support" }',
  '',
  '## Objective: Faster support {/* draft */} {#support}',
  '',
  'aligns:: [[csat#nps]]',
  '',
  '- KR: Train staff  [current:: 8]  [target:: 12]',
);
/** Markdown the config does not name: still not an OKR document. */
const NOTES = md('# Notes', '', '## Objective: Not an OKR');

function workspace(config: object = CONFIG): string {
  const dir = mkdtempSync(join(tmpdir(), 'okr-documents-'));
  writeFile(dir, 'okr.config.json', JSON.stringify(config, null, 2));
  writeFile(dir, 'okrs/company/x.md', COMPANY);
  writeFile(dir, 'okrs/teams/support.mdx', SUPPORT);
  writeFile(dir, 'notes/notes.md', NOTES);
  return dir;
}

function problemsOf(text: string) {
  return readConfig(text).problems.map((p) => ({ line: p.range.start.line, character: p.range.start.character, code: p.code, message: p.message }));
}

describe('okr.config.json: documents', () => {
  describe('readConfig', () => {
    it('reads entries of include and okr, in order', () => {
      const { config, problems } = readConfig(JSON.stringify(CONFIG));
      assert.deepEqual(problems, []);
      assert.deepEqual(JSON.parse(JSON.stringify(config.documents)), CONFIG.documents);
      assert.deepEqual(readConfig('{}').config.documents, []);
    });

    it('reports each bad entry on the entry (or its bad key), skips it and keeps the others', () => {
      const text = [
        '{',
        '  "documents": [',
        '    { "include": "okrs/company/**", "okr": "strategic" },',
        '    { "include": "okrs/teams/**", "okr": "tactical" },',
        '    { "okr": "operational" },',
        '    { "include": "a/**", "okr": "operational", "level": "strategic" },',
        '    "okrs/**",',
        '    { "include": "a*b*c*d*e", "okr": "strategic" },',
        '    { "include": "okrs/ops/**", "okr": "operational" }',
        '  ]',
        '}',
      ].join('\n');
      const { config } = readConfig(text);
      assert.deepEqual(JSON.parse(JSON.stringify(config.documents)), [
        { include: 'okrs/company/**', okr: 'strategic' },
        { include: 'okrs/ops/**', okr: 'operational' },
      ]);
      const problems = problemsOf(text);
      assert.ok(problems.every((p) => p.code === 'config-invalid'));
      assert.deepEqual(
        problems.map((p) => [p.line, p.character]),
        [
          [3, 34], // "okr": "tactical"
          [4, 4], // the entry without include
          [5, 47], // "level": …
          [6, 4], // a string, not an entry
          [7, 6], // "include": "a*b*c*d*e"
        ],
      );
      assert.match(problems[0]!.message, /^documents\[1\]: "okr" must be "strategic" or "operational"/);
      assert.match(problems[1]!.message, /^documents\[2\]: "include" .* is missing/);
      assert.match(problems[2]!.message, /^documents\[3\]: unknown key "level"/);
      assert.match(problems[3]!.message, /^documents\[4\]: an entry must be an object/);
      assert.match(problems[4]!.message, /^documents\[5\]: "include" .* at most three \*/);
      for (const problem of problems) assert.match(problem.message, /the entry is ignored$/);
    });

    it('documents that is not an array falls back to none', () => {
      const { config, problems } = readConfig('{ "documents": { "include": "okrs/**", "okr": "strategic" } }');
      assert.deepEqual(config.documents, []);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!.message, /^documents: /);
    });
  });

  describe('the level of a path (fs/configuredLevel.ts)', () => {
    const levelOf = documentsLevelMatcher(CONFIG.documents as OkrConfig['documents']);

    it('the first matching entry wins; only markdown (.md, .mdx) gets a level', () => {
      assert.equal(levelOf('okrs/company/x.md'), 'strategic');
      assert.equal(levelOf('okrs/company/deep/y.MDX'), 'strategic');
      assert.equal(levelOf('okrs/teams/support.mdx'), 'operational');
      assert.equal(levelOf('okrs/company/x.txt'), undefined);
      assert.equal(levelOf('notes/notes.md'), undefined);
      const both = documentsLevelMatcher([
        { include: 'okrs/**', okr: 'operational' },
        { include: 'okrs/company/**', okr: 'strategic' },
      ]);
      assert.equal(both('okrs/company/x.md'), 'operational');
    });

    it('a glob naming a folder covers the files inside it, as exclude does', () => {
      const folder = documentsLevelMatcher([{ include: 'okrs/company', okr: 'strategic' }]);
      assert.equal(folder('okrs/company/2026/x.md'), 'strategic');
      assert.equal(folder('okrs/companyx/x.md'), undefined);
    });

    it('file-system paths are relative to the config file\'s folder; nothing above it matches', () => {
      const root = resolve('/w/repo');
      const fsLevel = configuredLevelOf(root, [{ include: '**/*.md', okr: 'strategic' }]);
      assert.equal(fsLevel(join(root, 'okrs', 'a.md')), 'strategic');
      assert.equal(fsLevel(join(root, '..', 'other', 'a.md')), undefined);
    });
  });

  describe('the command line', function () {
    this.timeout(120_000); // a guard against a hang, not a budget
    let dir: string;
    before(() => (dir = workspace()));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('okr check and report (dist/cli.cjs) take okrs/company/x.md as strategic and the .mdx as operational', async () => {
      const env = { ...process.env };
      delete env.OKR_TODAY;
      const check = await runCliProcess(['check', '.', '--today', TODAY, '--format', 'json'], dir, env);
      assert.equal(check.stderr.includes('no OKR documents'), false, check.stderr);
      const json = JSON.parse(check.stdout) as { files: { path: string; diagnostics: { code: string }[] }[] };
      assert.deepEqual(json.files.map((f) => f.path).sort(), ['okrs/company/x.md', 'okrs/teams/support.mdx']);
      for (const file of json.files) assert.deepEqual(file.diagnostics.map((d) => d.code).filter((code) => code.startsWith('level') || code.startsWith('align')), [], file.path);
      assert.equal(check.status, 0, check.stdout + check.stderr);

      const report = await runCliProcess(['report', '.', '--today', TODAY, '--format', 'json'], dir, env);
      const objectives = (JSON.parse(report.stdout) as { objectives: { id: string; level: string; title: string; children: { id: string; level: string; title: string }[] }[] }).objectives;
      assert.deepEqual(
        objectives.map((o) => [o.id, o.level, o.children.map((c) => [c.id, c.level, c.title])]),
        [['csat', 'strategic', [['support', 'operational', 'Faster support']]]],
      );
    });

    it('loadWorkspace passes the level to the parser it is given, and the frontmatter still wins', async () => {
      writeFile(dir, 'okrs/company/ops.md', md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Run ops {#ops}', '', 'aligns:: [[csat]]', '', '- KR: Ship  [progress:: 50%]'));
      try {
        const seen: ParseInput[] = [];
        const loaded = await loadWorkspace(dir, ['.'], undefined, {
          parse: async (inputs) => {
            seen.push(...inputs);
            return parseAll(inputs);
          },
        });
        assert.deepEqual(
          seen.map(({ path, level }) => [path, level]).sort(),
          [
            ['okrs/company/ops.md', 'strategic'],
            ['okrs/company/x.md', 'strategic'],
            ['okrs/teams/support.mdx', 'operational'],
          ],
        );
        assert.equal(loaded.index.get('notes/notes.md'), undefined);
        assert.equal(loaded.index.get('okrs/company/x.md')?.configuredLevel, 'strategic');
        // Its own okr: operational wins over the folder's strategic.
        const analysis = new Analysis(loaded.index, { config: loaded.config, today: parseIsoDay(TODAY)! });
        const levelOf = (path: string) => {
          const document = loaded.index.get(path)!;
          return analysis.settings({ document, objective: document.objectives[0]! }).level;
        };
        assert.equal(levelOf('okrs/company/ops.md'), 'operational');
        assert.equal(levelOf('okrs/company/x.md'), 'strategic');
        assert.equal(levelOf('okrs/teams/support.mdx'), 'operational');
      } finally {
        rmSync(join(dir, 'okrs/company/ops.md'));
      }
    });
  });

  describe('the parse pool and the model cache', function () {
    this.timeout(120_000);

    it('parseAll on worker threads parses each input at its configured level', async () => {
      assert.ok(existsSync(resolve(import.meta.dirname, '../../dist/parseWorker.cjs')), 'run npm run build first (dist/parseWorker.cjs)');
      const inputs: ParseInput[] = Array.from({ length: 256 }, (_, i) => ({ path: `okrs/d${i}.md`, text: `${COMPANY.replace('{#csat}', `{#o${i}}`)}\n> Quoted: remark reads this one.\n`, ...(i % 2 ? { level: 'strategic' as const } : {}) }));
      let workers = 0;
      const hook = createHook({ init: (_id, type) => void (type === 'WORKER' && workers++) });
      hook.enable();
      const documents = await parseAll(inputs, { threads: 2, minParallelCharacters: 0 }).finally(() => hook.disable());
      assert.ok(workers > 0, 'parsed on threads');
      documents.forEach((document, i) => {
        assert.equal(document.isOkr, i % 2 === 1, document.path);
        assert.equal(document.configuredLevel, i % 2 ? 'strategic' : undefined);
      });
    });

    it('ModelCache keeps a model per text and level: a level change parses again, the same level is a hit', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'okr-documents-cache-'));
      try {
        const file = join(dir, 'cache');
        const plain = { path: 'okrs/company/x.md', text: COMPANY };
        const first = ModelCache.load(file);
        assert.equal((await first.parse([plain]))[0]!.isOkr, false);
        assert.equal(first.save(), undefined);

        const second = ModelCache.load(file);
        const [strategic] = await second.parse([{ ...plain, level: 'strategic' }]);
        assert.equal(second.misses, 1, 'the level is part of the key');
        assert.equal(strategic!.isOkr, true);
        assert.equal(strategic!.configuredLevel, 'strategic');
        assert.equal(second.save(), undefined);

        const third = ModelCache.load(file);
        const [again] = await third.parse([{ ...plain, level: 'strategic' }]);
        assert.equal(third.hits, 1);
        assert.equal(again!.configuredLevel, 'strategic');
        const [operational] = await third.parse([{ ...plain, level: 'operational' }]);
        assert.equal(third.misses, 1);
        assert.equal(operational!.configuredLevel, 'operational');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('the language server session', function () {
    this.timeout(120_000);
    let dir: string;
    beforeEach(() => (dir = workspace()));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const session = (open: Record<string, string> = {}) =>
      new OkrSession({ openDocument: (file) => (open[file] === undefined ? undefined : { uri: `file://${file}`, version: 1, text: open[file] }), today: () => parseIsoDay(TODAY)!, log: () => {} });

    it('indexes the configured documents (and .mdx) of a folder, at their level, with no level or alignment errors', async () => {
      const okr = session();
      const indexed = await okr.addFolder(dir);
      const company = join(dir, 'okrs/company/x.md');
      const support = join(dir, 'okrs/teams/support.mdx');
      assert.deepEqual([...indexed].sort(), [company, support].sort());
      const ref = okr.documentAt(company)!;
      assert.equal(ref.document.configuredLevel, 'strategic');
      for (const file of [company, support]) {
        const found = okr.documentAt(file)!;
        const codes = okr.diagnostics(found, file).map((d) => d.code);
        assert.deepEqual(codes.filter((code) => code.startsWith('level') || code.startsWith('align')), [], file);
      }
      assert.equal(okr.documentAt(join(dir, 'notes/notes.md')), undefined);
    });

    it('an edit of a configured file keeps its level; a config change re-reads what it affects', async () => {
      const open: Record<string, string> = {};
      const okr = session(open);
      await okr.addFolder(dir);
      const company = join(dir, 'okrs/company/x.md');
      const notes = join(dir, 'notes/notes.md');
      open[company] = COMPANY.replace('Raise NPS', 'Raise the NPS');
      const edited = okr.update([company]);
      assert.ok(edited.affected.has(company));
      assert.equal(okr.documentAt(company)!.document.configuredLevel, 'strategic');

      // notes/ becomes strategic too; okrs/company/ leaves the config.
      const config = join(dir, 'okr.config.json');
      writeFileSync(config, JSON.stringify({ documents: [{ include: 'notes/**', okr: 'strategic' }, CONFIG.documents[1]] }));
      const result = await okr.reloadConfig(config);
      assert.ok(result.removed.has(company), 'no longer an OKR document');
      assert.equal(okr.documentAt(company), undefined);
      assert.ok(result.affected.has(notes));
      assert.equal(okr.documentAt(notes)!.document.configuredLevel, 'strategic');
    });
  });
});
