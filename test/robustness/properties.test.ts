// Property-based robustness tests (issue 7) with fast-check. Random markdown and
// OKR-shaped workspaces (emoji and other astral characters, CRLF, lone CR, BOM, tabs,
// unicode ids; see arbitraries.ts) →
//   1. the engine never throws (parse, diagnostics, progress, support, pace);
//   2. every range of the model and of every diagnostic lies inside its document (line
//      < line count, character ≤ the line's UTF-16 length, not inside a surrogate pair,
//      start ≤ end), and the model's ranges hold the text they describe;
//   3. LF, CRLF, lone-CR and mixed line breaks give the same model and diagnostics;
//   4. a BOM changes neither;
//   5. what the engine says is well formed (known codes and severities, sorted, no
//      duplicates, no "undefined"/"null"/"NaN" in messages, progress and pace 0–1), and
//      the cheap OKR-document pre-filter never misses an OKR document;
//   6. the order in which files are indexed changes nothing;
//   7. an index updated document by document with shared caches (as the server does)
//      agrees with a fresh one;
//   8. `okr check --format json` (whole folder and one named file), the language server
//      and the engine agree on every file's diagnostics, also after an edit in the editor.
// Seeds are fixed, so runs are reproducible; fast-check prints the seed, the path and the
// shrunk counterexample on failure. FC_SEED, FC_RUNS_SCALE (multiplies numRuns) and
// FC_NO_SHRINK explore further.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { Analysis, AnalysisState } from '../../server/src/okr/analysis/analysis.ts';
import { defaultConfig, readConfig, type OkrConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { DEFAULT_SEVERITY, type Diagnostic } from '../../server/src/okr/model/diagnostics.ts';
import { looksLikeOkrDocument } from '../../server/src/okr/parse/frontmatter.ts';
import type { OkrDocument } from '../../server/src/okr/model/model.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { LineIndex, stripBom } from '../../server/src/okr/model/text.ts';
import { indexFiles } from '../../server/src/okr/engine.ts';
import { LspClient, SERVER } from '../protocol/lspClient.ts';
import {
  configText,
  LINE_ENDINGS,
  okrDocument,
  randomMarkdown,
  randomOkrishMarkdown,
  TODAYS,
  withLineEnding,
  withMixedLineEndings,
  workspace,
  workspaceEdit,
} from './arbitraries.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(REPO, 'dist', 'cli.cjs');

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261125;
const SCALE = process.env.FC_RUNS_SCALE ? Number(process.env.FC_RUNS_SCALE) : 1;
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const params = (numRuns: number, salt: number): fc.Parameters<unknown> => ({ seed: SEED + salt, numRuns: runs(numRuns), endOnFailure: !!process.env.FC_NO_SHRINK });

type Files = Record<string, string>;

// ---------------------------------------------------------------------------------------
// Engine helpers

function analyzeFiles(files: Files, today = '2026-11-25', config: OkrConfig = defaultConfig(), order?: string[]): Analysis {
  const paths = order ?? Object.keys(files);
  const index = indexFiles(paths.map((path) => ({ path, text: files[path]! })));
  return new Analysis(index, { config, today: parseIsoDay(today)! });
}

/** Comparable form of a diagnostic: everything but object identity. */
function key(d: Diagnostic): string {
  return JSON.stringify([d.code, d.severity, d.message, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
}

/** Every document's diagnostics, by path (non-OKR documents are absent). */
function allDiagnostics(analysis: Analysis): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const document of analysis.index.documents()) out[document.path] = analysis.diagnostics(document).map(key);
  return out;
}

/** Everything an analysis computes per objective and key result, exercised and collected. */
function everything(analysis: Analysis): unknown {
  const out: unknown[] = [];
  for (const document of analysis.index.documents()) {
    const diagnostics = analysis.diagnostics(document).map(key);
    const objectives = document.objectives.map((objective) => {
      const node = { document, objective };
      const progress = analysis.progress.objective(node);
      return {
        id: objective.id,
        progress: progress.value,
        from: progress.from,
        supported: analysis.progress.isSupported(node),
        pace: analysis.progress.pace(node) ?? null,
        settings: (({ level, status, cycle }) => ({ level, status, cycle: cycle ? [cycle.start, cycle.end] : null }))(analysis.settings(node)),
        references: analysis.references(node).length,
        children: analysis.allChildren(objective).length,
        keyResults: objective.keyResults.map((keyResult) => {
          const kr = analysis.progress.keyResult(keyResult);
          return { id: keyResult.id, progress: kr.value, rule: kr.rule };
        }),
      };
    });
    out.push({ path: document.path, diagnostics, objectives });
  }
  return out;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Every position (any `{line, character}`) in `value` lies inside `text` — line < line
 * count, character ≤ the line's length in UTF-16 code units, not between the halves of a
 * surrogate pair — and every range (`{start, end}`) has start ≤ end.
 */
function assertInside(value: unknown, text: string, where: string): void {
  const lines = new LineIndex(text);
  const seen = new Set<unknown>();
  const checkPosition = (p: { line: number; character: number }, path: string) => {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${where}${path}: non-integer position ${JSON.stringify(p)}`);
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `${where}${path}: line ${p.line} outside 0..${lines.lineCount - 1}`);
    const line = lines.lineText(p.line);
    assert.ok(p.character >= 0 && p.character <= line.length, `${where}${path}: character ${p.character} outside line ${p.line} of length ${line.length} ${JSON.stringify(line)}`);
    const before = line.charCodeAt(p.character - 1);
    const after = line.charCodeAt(p.character);
    assert.ok(!(isHigh(before) && isLow(after)), `${where}${path}: position ${JSON.stringify(p)} splits a surrogate pair in ${JSON.stringify(line)}`);
  };
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    if (typeof record.line === 'number' && typeof record.character === 'number') {
      checkPosition(record as { line: number; character: number }, path);
      return;
    }
    const { start, end } = record as { start?: { line: number; character: number }; end?: { line: number; character: number } };
    if (start && end && typeof start.line === 'number' && typeof end.line === 'number') {
      const ordered = start.line < end.line || (start.line === end.line && start.character <= end.character);
      assert.ok(ordered, `${where}${path}: range ends before it starts ${JSON.stringify(record)}`);
    }
    for (const [k, child] of Object.entries(record)) walk(child, `${path}.${k}`);
  };
  walk(value, '');
}

/** The model of a document as plain data, without its path: what line breaks and a BOM must not change. */
function modelShape(document: OkrDocument): unknown {
  return JSON.parse(JSON.stringify({ ...document, path: undefined }));
}

/** Checks all of (1), (2) and (5) for one workspace; returns the analysis. */
function checkWorkspace(files: Files, today = '2026-11-25', config?: OkrConfig): Analysis {
  const analysis = analyzeFiles(files, today, config);
  everything(analysis); // (1) nothing throws
  for (const [path, text] of Object.entries(files)) {
    // The cheap test that decides which files are parsed at all must not miss an OKR document.
    if (parseDocument(path, text).isOkr) assert.ok(looksLikeOkrDocument(path, text), `${path} is an OKR document but looksLikeOkrDocument says no`);
  }
  for (const document of analysis.index.documents()) {
    const text = stripBom(files[document.path]!);
    assert.equal(document.lineCount, new LineIndex(text).lineCount, `${document.path}: lineCount`);
    assertInside(document, text, `${document.path} model`);
    assertRangesHoldTheirText(document, text);
    const diagnostics = analysis.diagnostics(document);
    assertInside(diagnostics, text, `${document.path} diagnostics`);
    assertWellFormed(diagnostics, document.path, text);
  }
  for (const document of analysis.index.documents()) {
    for (const objective of document.objectives) {
      const node = { document, objective };
      assertFraction(analysis.progress.objective(node).value, `${document.path} objective ${objective.id} progress`);
      const pace = analysis.progress.pace(node);
      if (pace) assertFraction(pace.expected, `${document.path} objective ${objective.id} expected pace`);
      for (const keyResult of objective.keyResults) assertFraction(analysis.progress.keyResult(keyResult).value, `${document.path} key result ${keyResult.id} progress`);
    }
  }
  return analysis;
}

/** What the model says is at a range is what the text has there (offsets agree with positions). */
function assertRangesHoldTheirText(document: OkrDocument, text: string): void {
  const lines = new LineIndex(text);
  const at = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
  const where = (what: string) => `${document.path}: ${what}`;
  for (const objective of document.objectives) {
    if (objective.idRange) {
      const written = at(objective.idRange);
      assert.ok(written.startsWith('{#') && written.endsWith('}'), where(`objective id range holds ${JSON.stringify(written)}`));
      if (objective.id !== null) assert.ok(written.includes(objective.id), where(`objective id ${objective.id} not in ${JSON.stringify(written)}`));
    }
    assert.ok(at(objective.headingRange).length > 0, where('empty heading range'));
    for (const field of [...objective.fields, ...objective.keyResults.flatMap((kr) => kr.fields)]) {
      const value = at(field.valueRange);
      assert.equal(value.length, field.value.length, where(`value range of ${field.key}:: holds ${JSON.stringify(value)}, not ${JSON.stringify(field.value)}`));
      if (!/[`<]/.test(at(field.range))) assert.equal(value, field.value, where(`value range of ${field.key}::`));
      if (!/[`<]/.test(at(field.range))) assert.ok(at(field.range).toLowerCase().includes(field.key), where(`field range ${JSON.stringify(at(field.range))} lacks its key ${field.key}`));
    }
    for (const reference of objective.references) {
      // Inline code and HTML are blanked (same length) before references are read.
      const written = at(reference.range);
      if (/[`<]/.test(written)) assert.equal(written.length, reference.text.length, where(`reference range of ${JSON.stringify(reference.text)}`));
      else assert.equal(written, reference.text, where(`reference range of ${JSON.stringify(reference.text)}`));
      if (reference.targetRange) assert.equal(at(reference.targetRange), reference.target, where(`target range of ${JSON.stringify(reference.text)}`));
      if (reference.fragmentRange && reference.form === 'wikilink') assert.equal(at(reference.fragmentRange), reference.fragment, where(`fragment range of ${JSON.stringify(reference.text)}`));
    }
    for (const keyResult of objective.keyResults) {
      if (keyResult.idRange) assert.equal(at(keyResult.idRange), `^${keyResult.id}`, where(`key result id range`));
      assert.ok(at(keyResult.range).length > 0, where('empty key result range'));
    }
  }
}

function assertFraction(value: number | null, what: string): void {
  if (value === null) return;
  assert.ok(Number.isFinite(value) && value >= 0 && value <= 1, `${what} is ${value}, not a fraction 0–1`);
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

function assertWellFormed(diagnostics: Diagnostic[], path: string, text: string): void {
  const keys = new Set<string>();
  for (const [i, d] of diagnostics.entries()) {
    assert.ok(d.code in DEFAULT_SEVERITY, `${path}: unknown code ${d.code}`);
    assert.ok(SEVERITIES.has(d.severity), `${path}: unknown severity ${d.severity}`);
    assert.ok(typeof d.message === 'string' && d.message.trim() !== '', `${path}: empty message for ${d.code}`);
    // Words a template bug would print, unless the document itself says them.
    for (const word of d.message.match(/\bundefined\b|\bNaN\b|\[object Object\]|\bnull\b|\bInfinity\b/g) ?? []) {
      assert.ok(text.includes(word), `${path}: ${d.code} message ${JSON.stringify(d.message)} says ${word}`);
    }
    const k = key(d);
    assert.ok(!keys.has(k), `${path}: the same diagnostic twice ${k}`);
    keys.add(k);
    if (i > 0) {
      const p = diagnostics[i - 1]!;
      const order = p.range.start.line - d.range.start.line || p.range.start.character - d.range.start.character || (p.code < d.code ? -1 : p.code > d.code ? 1 : 0);
      assert.ok(order <= 0, `${path}: diagnostics out of order: ${key(p)} before ${key(d)}`);
    }
  }
}

function mapValues(files: Files, f: (text: string) => string): Files {
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [path, f(text)]));
}

// ---------------------------------------------------------------------------------------

describe('robustness: property-based (fast-check)', function () {
  this.timeout(60_000);

  describe('engine', () => {
    it('(1, 2) random markdown never throws and every range lies inside its document', () => {
      fc.assert(
        fc.property(fc.oneof(randomMarkdown, randomOkrishMarkdown), fc.constantFrom('r.okr.md', 'r.md'), (text, path) => {
          checkWorkspace({ [path]: text });
        }),
        params(300, 1),
      );
    });

    it('(1, 2, 5) OKR-shaped workspaces never throw, stay inside their documents and say well-formed things', () => {
      fc.assert(
        fc.property(workspace, fc.constantFrom(...TODAYS), configText, (files, today, config) => {
          checkWorkspace(files, today, config === undefined ? undefined : readConfig(config).config);
        }),
        params(250, 2),
      );
    });

    it('(3) LF, CRLF, lone CR and mixed line breaks give the same model and diagnostics', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            workspace,
            fc.oneof(randomOkrishMarkdown, randomMarkdown).map((text) => ({ 'r.okr.md': text })),
          ),
          fc.array(fc.constantFrom(...LINE_ENDINGS), { minLength: 2, maxLength: 3 }),
          fc.constantFrom(...TODAYS),
          (files, mixed, today) => {
            const lf = mapValues(files, (t) => withLineEnding(t, '\n'));
            const expected = allDiagnostics(analyzeFiles(lf, today));
            const expectedModels = Object.fromEntries(Object.entries(lf).map(([path, text]) => [path, modelShape(parseDocument(path, text))]));
            const variants: [string, Files][] = [
              ['CRLF', mapValues(files, (t) => withLineEnding(t, '\r\n'))],
              ['CR', mapValues(files, (t) => withLineEnding(t, '\r'))],
              ['mixed', mapValues(files, (t) => withMixedLineEndings(t, mixed))],
              ['as generated', files],
            ];
            for (const [name, variant] of variants) {
              assert.deepEqual(allDiagnostics(analyzeFiles(variant, today)), expected, `${name} diagnostics differ from LF`);
              for (const [path, text] of Object.entries(variant)) {
                assert.deepEqual(modelShape(parseDocument(path, text)), expectedModels[path], `${name} model of ${path} differs from LF`);
              }
            }
          },
        ),
        params(200, 3),
      );
    });

    it('(4) a byte-order mark changes neither the model nor the diagnostics', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            workspace,
            fc.oneof(randomOkrishMarkdown, randomMarkdown).map((text) => ({ 'r.okr.md': text })),
          ),
          fc.constantFrom(...TODAYS),
          (generated, today) => {
            const files = mapValues(generated, (t) => t.replace(/^\uFEFF/, ''));
            const withBom = mapValues(files, (t) => `\uFEFF${t}`);
            assert.deepEqual(allDiagnostics(analyzeFiles(withBom, today)), allDiagnostics(analyzeFiles(files, today)));
            for (const [path, text] of Object.entries(files)) {
              assert.deepEqual(modelShape(parseDocument(path, withBom[path]!)), modelShape(parseDocument(path, text)), `model of ${path}`);
            }
          },
        ),
        params(150, 4),
      );
    });

    it('(6) the order in which files are indexed changes nothing', () => {
      fc.assert(
        fc.property(workspace, fc.constantFrom(...TODAYS), fc.infiniteStream(fc.nat()), (files, today, randoms) => {
          const paths = Object.keys(files);
          const shuffled = [...paths];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = randoms.next().value % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const a = analyzeFiles(files, today, defaultConfig(), paths);
          const b = analyzeFiles(files, today, defaultConfig(), shuffled.reverse());
          assert.deepEqual(everything(b), everything(a));
        }),
        params(150, 6),
      );
    });

    it('(7) an index updated file by file with shared caches (as the server does) agrees with a fresh one', () => {
      fc.assert(
        fc.property(workspaceEdit, fc.constantFrom(...TODAYS), fc.boolean(), ({ before, after }, today, warm) => {
          const config = defaultConfig();
          const day = parseIsoDay(today)!;
          const index = indexFiles(Object.entries(before).map(([path, text]) => ({ path, text })));
          const state = new AnalysisState(index, config);
          // Warm the caches (progress, support, settings) the way publishing diagnostics does.
          if (warm) everything(new Analysis(index, { config, today: day }, state));
          for (const path of Object.keys(before)) if (!(path in after)) index.remove(path);
          for (const [path, text] of Object.entries(after)) if (before[path] !== text) index.set(parseDocument(path, text));
          const incremental = everything(new Analysis(index, { config, today: day }, state));
          const fresh = everything(analyzeFiles(after, today, config));
          assert.deepEqual(incremental, fresh);
        }),
        params(200, 7),
      );
    });

    it('single OKR documents built from the grammar: all of the above in one document', () => {
      fc.assert(
        fc.property(okrDocument, fc.constantFrom('a.okr.md', 'a.md'), (text, path) => {
          checkWorkspace({ [path]: text, [`b/${path}`]: withLineEnding(text, '\r') });
        }),
        params(150, 8),
      );
    });
  });

  describe('command line and language server', function () {
    // Each run starts the CLI twice and a server (processes): a generous timeout, a guard against a hang.
    this.timeout(300_000);
    before(function () {
      if (!existsSync(CLI) || !existsSync(SERVER)) throw new Error('run npm run build first (dist/cli.cjs, dist/server.cjs)');
    });

    it('(8) okr check --format json and the server publish identical diagnostics for the same workspace, also after an edit', async () => {
      await fc.assert(
        fc.asyncProperty(workspace, configText, fc.constantFrom(...TODAYS), editArbitrary, async (files, config, today, edit) => {
          const dir = mkdtempSync(join(tmpdir(), 'okr-robust-'));
          let client: LspClient | undefined;
          try {
            for (const [path, text] of Object.entries(files)) {
              mkdirSync(dirname(join(dir, path)), { recursive: true });
              writeFileSync(join(dir, path), text);
            }
            if (config !== undefined) writeFileSync(join(dir, 'okr.config.json'), config);

            // The engine in this process, for a third opinion and to know which files are OKR documents.
            const engineConfig = config === undefined ? defaultConfig() : readConfig(config).config;
            const engine = (workspaceFiles: Files) => {
              // Indexed in path order, as okr check and the server do at start-up.
              const analysis = analyzeFiles(workspaceFiles, today, engineConfig, Object.keys(workspaceFiles).sort());
              const out = new Map(analysis.index.documents().map((d) => [d.path, analysis.diagnostics(d).map(key)]));
              const configProblems = config === undefined ? [] : readConfig(config).problems;
              if (configProblems.length > 0) out.set('okr.config.json', configProblems.map(key));
              return { analysis, out };
            };
            const { analysis, out: fromEngine } = engine(files);
            const named = analysis.index.documents()[0]?.path;

            const [cli, cliNamed, started] = await Promise.all([
              runCli(dir, today, '.'),
              named ? runCli(dir, today, named) : undefined,
              LspClient.start({ folders: [dir], today }),
            ]);
            client = started;
            // A folder without OKR documents is a usage error for `okr check` (exit 2, no JSON).
            const none = cli.code === 2 && /no OKR documents found/.test(cli.stderr);
            assert.ok(cli.code === 0 || cli.code === 1 || none, `okr check exited ${cli.code}: ${cli.stderr}`);
            assert.equal(none, analysis.index.size === 0, `okr check: ${cli.stderr}`);
            const fromCli = new Map(none ? [] : parseCheckJson(cli.stdout));

            // Every OKR document with problems is published at start-up (a clean one gets no
            // message), then work-done progress ends; a request after that is answered after
            // every publication of the start-up.
            const c = client;
            await c.waitForIndexed(1, 20_000);
            await c.workspaceSymbols('');

            assert.deepEqual(sorted(shown(published(c, dir))), sorted(shown(fromEngine)), 'language server vs the engine');
            if (!none) {
              assert.deepEqual(sorted(fromCli), sorted(fromEngine), 'okr check --format json vs the engine');
              assert.deepEqual(sorted(shown(published(c, dir))), sorted(shown(fromCli)), 'language server vs okr check --format json');
            }
            // `okr check FILE` reports that file only, its references resolved against the whole workspace.
            if (named && cliNamed) {
              assert.ok(cliNamed.code === 0 || cliNamed.code === 1, `okr check ${named} exited ${cliNamed.code}: ${cliNamed.stderr}`);
              const only = new Map(parseCheckJson(cliNamed.stdout));
              only.delete('okr.config.json');
              assert.deepEqual(sorted(only), { [named]: fromEngine.get(named) }, `okr check ${named}`);
            }

            // An edit in the editor (UTF-16 positions, any line breaks): the edited file and
            // every file depending on it are published again, as the engine says.
            if (named) {
              const path = named;
              // Editors usually hide a BOM from the server; one that sends it must get the same answers.
              const body = edit.reencode ? withLineEnding(stripBom(files[path]!), edit.reencode) : stripBom(files[path]!);
              const opened = (edit.bom ? '\uFEFF' : '') + body;
              const lines = new LineIndex(opened);
              const from = safeOffset(opened, edit.at);
              const to = Math.max(from, safeOffset(opened, (from + edit.length) / Math.max(opened.length, 1)));
              const range = { start: lines.positionAt(from), end: lines.positionAt(to) };
              const text = stripBom(opened);
              const edited = stripBom(opened.slice(0, from) + edit.insert + opened.slice(to));
              c.open(join(dir, path), opened);
              c.edit(join(dir, path), range, edit.insert);
              const uri = pathToFileURL(join(dir, path)).href;
              await c.workspaceSymbols(''); // requests apply pending edits first: every publication is out
              const after = engine({ ...files, [path]: edited }).out;
              if (after.has(path) && edited !== text) assert.equal(c.diagnostics.get(uri)?.version, 2, 'the edited document is published with its version');
              const fromServer = published(c, dir);
              // Files no longer OKR documents are cleared (published empty) rather than forgotten.
              for (const [p, list] of fromServer) if (!after.has(p)) assert.deepEqual(list, [], `${p} is no longer an OKR document`);
              for (const p of [...fromServer.keys()]) if (!after.has(p)) fromServer.delete(p);
              assert.deepEqual(sorted(shown(fromServer)), sorted(shown(after)), `after replacing ${JSON.stringify(range)} of ${path} with ${JSON.stringify(edit.insert)}`);
            }
          } finally {
            await client?.stop();
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        // Each run starts two processes: shrinking a failure is cut short rather than let run for minutes.
        { ...params(8, 9), interruptAfterTimeLimit: 40_000 },
      );
    });
  });
});

const sorted = (m: Map<string, string[]>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
/** What a client shows: the files with problems (a clean file shows nothing, published or not). */
const shown = (m: Map<string, string[]>) => new Map([...m].filter(([, list]) => list.length > 0));

function parseCheckJson(stdout: string): [string, string[]][] {
  const json = JSON.parse(stdout) as { files: { path: string; diagnostics: Diagnostic[] }[] };
  return json.files.map((f) => [f.path, f.diagnostics.map(key)]);
}

/** An editor's edit: where (a fraction of the text), how many code units it replaces, what is typed, and the line breaks and BOM the editor sends. */
const editArbitrary = fc.record({
  at: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
  length: fc.nat({ max: 12 }),
  insert: fc.constantFrom('', 'x', '🎯', '\r\n', '\n## Objective: New 𝔘 {#new}\r\naligns:: [[csat]]\n', '[[csat#^nps]] ', '{#csat}', ' ^nps', '[target:: 10]', '---\nokr: strategic\n---\n', 'e\u0301'),
  reencode: fc.constantFrom<undefined | '\n' | '\r\n' | '\r'>(undefined, undefined, '\r\n', '\r'),
  bom: fc.boolean(),
});

/** The offset at `fraction` of `text`, moved off the middle of a surrogate pair or a \r\n. */
function safeOffset(text: string, fraction: number): number {
  let offset = Math.round(fraction * text.length);
  if (offset === 0 && text.startsWith('\uFEFF')) offset = 1;
  if (offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))) offset--;
  if (offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n') offset--;
  return offset;
}

/** What the server has published, by path relative to `dir` (empty lists included), as comparable keys. */
function published(client: LspClient, dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [uri, params] of client.diagnostics) {
    const path = relative(dir, fileURLToPath(uri)).split('\\').join('/');
    const severity = ['', 'error', 'warning', 'info', 'hint'] as const;
    out.set(
      path,
      params.diagnostics.map((d) => {
        assert.equal(d.source, 'okr', `${path}: source`);
        return key({ code: d.code as Diagnostic['code'], severity: severity[d.severity ?? 1] as Diagnostic['severity'], message: typeof d.message === 'string' ? d.message : JSON.stringify(d.message), range: d.range });
      }),
    );
  }
  return out;
}

function runCli(cwd: string, today: string, target: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const env = { ...process.env };
    delete env.OKR_TODAY;
    const child = spawn(process.execPath, [CLI, 'check', target, '--today', today, '--format', 'json'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
