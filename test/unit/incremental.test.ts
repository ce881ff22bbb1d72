// The "paranoid" test (issue 6): a long sequence of random edits applied to one index and
// one shared analysis state (as the language server does), checked against an index and
// analysis built from scratch on the same texts: diagnostics, progress, support, loops and
// the order of aligned children must be identical.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { walkMarkdownFiles } from '../../server/src/fs/files.ts';
import { Analysis, AnalysisState } from '../../server/src/okr/analysis/analysis.ts';
import { defaultConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { WorkspaceIndex } from '../../server/src/okr/workspace/workspaceIndex.ts';

const today = parseIsoDay('2026-11-25')!;
const config = defaultConfig();

/** Mulberry32: small, seeded, good enough to pick edits. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything a user sees, in a form deepEqual can compare. */
function snapshot(index: WorkspaceIndex, analysis: Analysis): unknown {
  return index.documents().map((document) => ({
    path: document.path,
    diagnostics: analysis.diagnostics(document).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code} ${d.message}`),
    objectives: document.objectives.map((objective) => {
      const node = { document, objective };
      const progress = analysis.progress.objective(node);
      return {
        id: objective.id,
        progress: progress.value,
        from: progress.from,
        supported: analysis.progress.isSupported(node),
        references: analysis.references(node).map((r) => `${r.reference.text} ${r.resolution.ok} ${r.loop}`),
        children: analysis.allChildren(objective).map((c) => `${c.node.document.path}#${c.node.objective.id}`),
        keyResults: objective.keyResults.map((kr) => {
          const p = analysis.progress.keyResult(kr);
          return `${kr.id} ${p.value} ${p.rule} ${analysis.childrenOf(kr).length}`;
        }),
      };
    }),
  }));
}

// Parsing is pure, so a rebuild may reuse parsed documents: what is under test is the index
// and the analysis, and a fresh index with a fresh analysis state shares nothing else.
const parsed = new Map<string, ReturnType<typeof parseDocument>>();
function parse(path: string, text: string) {
  const key = `${path}\0${text}`;
  let document = parsed.get(key);
  if (!document) parsed.set(key, (document = parseDocument(path, text)));
  return document;
}

function fromScratch(texts: Map<string, string>): unknown {
  const index = new WorkspaceIndex();
  for (const [path, text] of texts) index.set(parse(path, text));
  return snapshot(index, new Analysis(index, { config, today }));
}

type Edit = (texts: Map<string, string>, pick: <T>(list: T[]) => T, next: () => number) => [string, string | undefined] | undefined;

const idsIn = (text: string) => [...text.matchAll(/\{#([\w-]+)\}|\^([\w-]+)/g)].map((m) => m[1] ?? m[2]!);

const edits: Edit[] = [
  // Point an alignment at another objective or key result, anywhere (loops and level errors included).
  (texts, pick) => {
    const [path, text] = pick([...texts]);
    const others = [...texts].filter(([p]) => p !== path || true);
    const [otherPath, otherText] = pick(others);
    const ids = idsIn(otherText);
    if (ids.length === 0 || !/^aligns::/m.test(text)) return undefined;
    const id = pick(ids);
    const name = otherPath.replace(/\.md$/, '').split('/').pop()!;
    const reference = pick([`[[${id}]]`, `[[${name}#${id}]]`, `[[${name}#^${id}]]`, `[x](/${otherPath}#${id})`, `[[${id}-typo]]`]);
    const lines = text.split('\n');
    const at = pick(lines.flatMap((l, i) => (l.startsWith('aligns::') ? [i] : [])));
    lines[at] = pick([`aligns:: ${reference}`, `${lines[at]}, ${reference}`]);
    return [path, lines.join('\n')];
  },
  // Rename an objective id, sometimes to an id that already exists elsewhere.
  (texts, pick) => {
    const [path, text] = pick([...texts]);
    const ids = [...text.matchAll(/\{#([\w-]+)\}/g)];
    if (ids.length === 0) return undefined;
    const all = [...texts.values()].flatMap((t) => [...t.matchAll(/\{#([\w-]+)\}/g)].map((m) => m[1]!));
    const from = pick(ids)[1]!;
    const to = pick([`${from}-2`, pick(all), 'fresh-id']);
    return [path, text.replace(`{#${from}}`, `{#${to}}`)];
  },
  // Delete a document, or bring back a copy of another under a new name.
  (texts, pick, next) => {
    const [path, text] = pick([...texts]);
    if (next() < 0.5) return [path, undefined];
    return [path.replace(/\.md$/, `-copy${Math.floor(next() * 3)}.md`), text];
  },
  // Progress: tick, untick or cancel a key result; change a current value.
  (texts, pick) => {
    const [path, text] = pick([...texts]);
    const lines = text.split('\n');
    const candidates = lines.flatMap((l, i) => (/^- (\[[ x-]\] )?(KR|Key result)/i.test(l) ? [i] : []));
    if (candidates.length === 0) return undefined;
    const at = pick(candidates);
    const line = lines[at]!.replace(/^- (\[[ x-]\] )?/, '');
    lines[at] = pick([`- [x] ${line}`, `- [ ] ${line}`, `- [-] ${line}`, `- ${line.replace(/\[current:: [^\]]*\]/, '[current:: 1]')}`]);
    return [path, lines.join('\n')];
  },
  // Remove an objective section, or change a document's level or cycle.
  (texts, pick) => {
    const [path, text] = pick([...texts]);
    const sections = text.split(/\n(?=## )/);
    const choice = pick(['drop', 'level', 'cycle', 'status']);
    if (choice === 'drop' && sections.length > 2) {
      sections.splice(1 + Math.floor(sections.length / 2) - 1, 1);
      return [path, sections.join('\n')];
    }
    if (choice === 'level') return [path, text.replace(/^okr: (strategic|operational)/m, (_m, l: string) => `okr: ${l === 'strategic' ? 'operational' : 'strategic'}`)];
    if (choice === 'cycle') return [path, text.replace(/^cycle: .*$/m, pick(['cycle: 2026-Q4', 'cycle: 2026-11', 'cycle: 2026', 'cycle: bogus']))];
    return [path, text.replace(/^(## Objective[^\n]*\n)/m, '$1\nstatus:: dropped\n')];
  },
];

describe('incremental analysis (paranoid)', function () {
  // The hook runs a process (bench/generate.mjs): a generous timeout, a guard against a hang.
  this.timeout(300_000);
  let dir: string;
  const initial = new Map<string, string>();

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'okr-paranoid-'));
    execFileSync(process.execPath, ['bench/generate.mjs', dir, '120'], { stdio: 'ignore' });
    for (const file of walkMarkdownFiles(dir)) initial.set(relative(dir, file).split('\\').join('/'), readFileSync(file, 'utf8'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const seed of [1, 2, 3]) {
    it(`agrees with a rebuild after every one of 150 random edits (seed ${seed})`, () => {
      const next = random(seed);
      const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
      const texts = new Map(initial);
      const index = new WorkspaceIndex();
      for (const [path, text] of texts) index.set(parseDocument(path, text));
      const state = new AnalysisState(index, config);
      assert.deepEqual(snapshot(index, new Analysis(index, { config, today }, state)), fromScratch(texts));
      let applied = 0;
      for (let step = 0; step < 150; step++) {
        const edit = pick(edits)(texts, pick, next);
        if (!edit) continue;
        const [path, text] = edit;
        if (text === undefined) {
          texts.delete(path);
          index.remove(path);
        } else {
          texts.set(path, text);
          index.set(parseDocument(path, text));
        }
        applied++;
        // Several edits between looks now and then, as when the server coalesces a burst.
        if (next() < 0.3) continue;
        const incremental = snapshot(index, new Analysis(index, { config, today }, state));
        assert.deepEqual(incremental, fromScratch(texts), `after edit ${step} (${path})`);
      }
      assert.ok(applied > 100, `only ${applied} edits applied`);
      assert.deepEqual(snapshot(index, new Analysis(index, { config, today }, state)), fromScratch(texts));
    });
  }
});
