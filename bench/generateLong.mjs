#!/usr/bin/env node
// Writes a deterministic workspace of long OKR documents for benchmarks (issue 16):
//
//   node bench/generateLong.mjs <outDir> [fileCount] [--seed N]        (fileCount: 300)
//
// Every document is 50–200 KB, the size where remark's superlinear shapes start to show:
// frontmatter, a context section, then objectives with key results (some with nested notes
// and initiatives), weekly check-in logs, risks, numbered initiatives and notes. One in ten is
// strategic (the company's first, then the teams'), with explicit ids; the others are
// operational and align every objective to a strategic objective or key result, with the
// reference forms of bench/generate.mjs (about 1 % name nothing, with a near-miss typo).
//
// Every second document holds one block that the fast path (server/src/okr/parse/fastMarkdown.ts)
// hands to remark, somewhere between its start and its end: a fenced code block, a block
// quote, a table, an HTML comment (`<!-- okr: ignore -->` over a meeting-notes section) or a
// thematic break, in turn; the others stay in the fast path's subset (a paragraph with
// emphasis, code or a markdown link still goes through remark alone, as in real documents).
// Every document is within the limits of server/src/okr/parse/complexity.ts. The same
// arguments always give byte-identical output. No dependencies.
import { Buffer } from 'node:buffer';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  NOTES, OBJECTIVE_PREFIXES, OPERATIONAL_INTROS, OPERATIONAL_TITLES, PEOPLE, RISKS, TEAMS,
  ENDED_BEFORE, capitalise, cycleEnd, cycleFolder, fill, frontmatter, keyResult, makeRandom, operationalCycle, slugify, writeWorkspace,
} from './generate.mjs';

export const MIN_BYTES = 50 * 1024;
export const MAX_BYTES = 200 * 1024;
/** Kinds of block that send a document to remark, one per fallback document, in turn. */
export const FALLBACK_KINDS = ['fence', 'quote', 'table', 'html', 'break'];
/** Nested list weight per document (complexity.ts allows 1,000). */
const MAX_NESTED_WEIGHT = 800;
/** Every area of every team: objective titles are templates × areas. */
const AREAS = TEAMS.flatMap((team) => team.areas);
const CHECK_IN_STATUS = ['On track.', 'On track.', 'At risk.', 'Behind plan.', 'Ahead of plan.'];
const CONTEXT = [
  'This document is the single place where the plan, the weekly check-ins and the decisions live. Older check-ins stay below each objective so that the history is one scroll away.',
  'We read this page together in the weekly review. Numbers are updated before the meeting by the owner of each key result; the notes explain what changed and why.',
  'Objectives are ordered by priority. When two objectives compete for the same people, the one higher on this page wins unless the leadership review decides otherwise.',
];
const QUOTES = [
  'We stopped exporting to spreadsheets once the weekly report showed the same numbers as finance.',
  'Setting this up took an afternoon instead of the two weeks we had planned for.',
  'The new flow is faster, but our admins still cannot find the audit history.',
];

/**
 * One document being written: its lines, characters so far and nested list weight (as
 * complexity.ts counts it: a list item indented by c columns weighs floor(c / 2)).
 */
class Doc {
  constructor(r) {
    this.r = r;
    this.lines = [];
    this.chars = 0;
    this.nestedWeight = 0;
  }

  push(...lines) {
    for (const line of lines) {
      this.lines.push(line);
      this.chars += line.length + 1;
      const nested = /^( +)(?:[-*+]|\d+[.)]) /.exec(line);
      if (nested) this.nestedWeight += Math.floor(nested[1].length / 2);
    }
  }

  /** Whether to write an optional nested line of `weight` with probability `p`. */
  nest(p, weight = 1) {
    return this.r.chance(p) && this.nestedWeight + weight <= MAX_NESTED_WEIGHT;
  }

  text() {
    return `${this.lines.join('\n').trimEnd()}\n`;
  }
}

const isoDay = (t) => new Date(t).toISOString().slice(0, 10);
/** Mondays of the check-ins, from 2026-10-05. */
const MONDAYS = Array.from({ length: 12 }, (_, i) => isoDay(Date.UTC(2026, 9, 5) + i * 7 * 864e5));

/** A near miss of `id` that names nothing (explicit ids end in a number). */
const typo = (id) => `${id.slice(0, -1)}x`;

/** One reference to a strategic objective `parent`, in one of the forms of SPEC §5, from `rel`. */
function reference(r, parent, rel) {
  const kr = r.pick(parent.krs);
  const relPath = path.posix.relative(path.posix.dirname(rel), parent.path);
  switch (r.int(0, 6)) {
    case 0: return `[[${parent.id}]]`;
    case 1: return `[[${parent.id}|${parent.title}]]`;
    case 2: return `[[${parent.id}#${kr}]]`;
    case 3: return `[[${parent.id}#^${kr}]]`;
    case 4: return `[[${parent.doc}#^${kr}]]`;
    case 5: return `[${parent.title}](${relPath}#${parent.id})`;
    default: return `[${kr.replace(/-/g, ' ')}](${relPath}#${kr})`;
  }
}

/** Key results, some with nested initiatives and notes; returns their ids. */
function keyResults(doc, area, usedIds, { strategic, cycle }) {
  const r = doc.r;
  const ids = [];
  const titles = new Set();
  const count = r.int(2, 5);
  // As in generate.mjs: most objectives of an ended cycle are complete; at most one key result
  // of an operational objective is cancelled.
  const complete = r.chance(cycleEnd(cycle) < ENDED_BEFORE ? 0.85 : 0.1);
  let cancelled = strategic;
  for (let k = 1; k <= count; k++) {
    const kr = keyResult(r, area, k, usedIds, titles, { withId: strategic || r.chance(0.7), complete, allowCancelled: !cancelled });
    cancelled ||= kr.cancelled;
    doc.push(...(doc.nestedWeight + kr.lines.length > MAX_NESTED_WEIGHT ? kr.lines.slice(0, 1) : kr.lines));
    if (kr.id) ids.push(kr.id);
    if (doc.nest(0.3)) {
      doc.push(`  - Initiative: ${capitalise(fill(r.pick(OPERATIONAL_TITLES), r.pick(AREAS)))}, owned by ${r.pick(PEOPLE)}`);
      if (doc.nest(0.4, 2)) doc.push(`    - ${r.pick(NOTES)}`);
    }
  }
  doc.stats.keyResults += count;
  return ids;
}

/** The subsections that make long documents long: check-ins, risks, initiatives, notes. */
function objectiveBody(doc, area) {
  const r = doc.r;
  if (r.chance(0.6)) {
    doc.push('### Check-ins', '');
    for (const monday of MONDAYS.slice(0, r.int(3, MONDAYS.length))) {
      doc.push(`- ${monday}: ${r.pick(CHECK_IN_STATUS)} ${r.pick(NOTES)}`);
      if (doc.nest(0.2)) doc.push(`  - ${r.pick(NOTES)}`);
    }
    doc.push('');
  }
  if (r.chance(0.25)) doc.push('### Risks', '', ...r.sample(RISKS, 2).map((risk) => `- ${risk}`), '');
  if (r.chance(0.25)) {
    doc.push('Initiatives:', '');
    for (let n = 1; n <= r.int(2, 4); n++) {
      doc.push(`${n}. ${capitalise(fill(r.pick(OPERATIONAL_TITLES), area))} (${r.pick(PEOPLE)})`);
      if (doc.nest(0.3)) doc.push(`   - ${r.pick(NOTES)}`);
    }
    doc.push('');
  }
  if (r.chance(0.5)) doc.push(`${r.pick(NOTES)} ${r.pick(NOTES)}`, '');
  // Inline markup sends this one paragraph (not the document) through remark.
  if (r.chance(0.1)) doc.push(`**Decision:** ${r.pick(NOTES)} See \`${slugify(area)}-weekly\` on the team dashboard.`, '');
}

/** A block the fast path hands to remark (the whole document then goes to remark). */
function fallbackBlock(doc, kind, area) {
  const r = doc.r;
  if (kind === 'fence') {
    doc.push('The number comes from this query:', '', '```sql', 'SELECT date_trunc(\'week\', created_at) AS week, count(*) AS events',
      'FROM product_events', `WHERE area = '${area}'`, 'GROUP BY 1', 'ORDER BY 1;', '```', '');
  } else if (kind === 'quote') {
    doc.push(`> ${r.pick(QUOTES)}`, `> (customer interview, ${r.pick(MONDAYS)})`, '');
  } else if (kind === 'table') {
    doc.push('| Week | Current | Target |', '|---|---:|---:|');
    const target = r.int(20, 90) * 10;
    for (const monday of MONDAYS.slice(0, 6)) doc.push(`| ${monday} | ${r.int(1, target)} | ${target} |`);
    doc.push('');
  } else if (kind === 'html') {
    doc.push('## Meeting notes', '', '<!-- okr: ignore -->', '');
    for (const monday of MONDAYS.slice(0, 4)) doc.push(`- ${monday}: ${r.pick(NOTES)}`);
    doc.push('');
  } else {
    doc.push('---', '');
  }
}

/** Objectives until the document reaches its size; `fallback` goes in at a random point. */
function objectives(doc, ctx) {
  const r = doc.r;
  const titles = r.sample(OPERATIONAL_TITLES.flatMap((t) => AREAS.map((a) => [t, a])), 600);
  let fallbackAt = ctx.fallback ? r.int(5, 95) / 100 : 2;
  const usedKrIds = new Set(); // a strategic document's key-result ids are unique in it
  for (let o = 0; doc.chars < ctx.targetChars && o < titles.length; o++) {
    const [template, area] = titles[o];
    const prefix = r.pick(OBJECTIVE_PREFIXES).replace('{n}', String(o + 1));
    let title = capitalise(fill(template, area));
    let id;
    if (ctx.strategic || r.chance(0.8)) {
      id = ctx.explicitId(ctx.team?.slug ?? 'co', ctx.strategic ? 'bet' : 'goal');
      doc.push(`## ${prefix} ${title} {#${id}}`, '');
    } else {
      // Implicit id: the slug of the title, made unique by the tracker key.
      title = `${title} (${ctx.team.key}-${++ctx.tracker.n})`;
      id = slugify(title);
      doc.push(`## ${prefix} ${title}`, '');
    }
    const fields = [];
    const parent = ctx.parents.length > 0 && (!ctx.strategic || r.chance(0.6)) ? r.pick(ctx.parents) : undefined;
    if (parent) {
      doc.stats.references++;
      const broken = r.chance(0.01);
      if (broken) doc.stats.brokenReferences++;
      fields.push(`aligns:: ${broken ? `[[${typo(parent.id)}]]` : reference(r, parent, ctx.rel)}`);
    }
    const ownCycle = !ctx.strategic && r.chance(0.05) ? operationalCycle(r) : undefined;
    if (ownCycle) fields.push(`cycle:: ${ownCycle}`);
    if (r.chance(0.15)) fields.push(`owner:: ${r.pick(PEOPLE)}`);
    if (fields.length) doc.push(...fields, '');
    if (r.chance(0.4)) doc.push(r.pick(NOTES), '');
    const krs = keyResults(doc, area, ctx.strategic ? usedKrIds : new Set(), { strategic: ctx.strategic, cycle: ownCycle ?? ctx.cycle });
    doc.push('');
    objectiveBody(doc, area);
    doc.stats.objectives++;
    ctx.objectives.push({ id, title, team: ctx.team?.slug ?? null, path: ctx.rel, doc: ctx.docName, krs });
    if (doc.chars >= fallbackAt * ctx.targetChars) {
      fallbackBlock(doc, ctx.fallback, area);
      fallbackAt = 2;
    }
  }
}

/**
 * Builds the workspace in memory: `files` (relative path → text), `fallbacks` (relative path
 * → the kind of block that sends it to remark) and `stats`. Pure and deterministic.
 */
export function planLongWorkspace(fileCount = 300, seed = 1) {
  if (!Number.isInteger(fileCount) || fileCount < 1) throw new RangeError(`fileCount must be a positive integer, not ${fileCount}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, not ${seed}`);
  const r = makeRandom(seed);
  const files = new Map();
  const fallbacks = new Map();
  const stats = { files: fileCount, strategicFiles: 0, operationalFiles: 0, objectives: 0, keyResults: 0, references: 0, brokenReferences: 0 };
  let counter = 0;
  const explicitId = (prefix, word) => `${prefix}-${word}-${++counter}`;
  const tracker = { n: 100 };
  const strategicCount = Math.max(1, Math.round(fileCount / 10));
  const strategic = []; // objectives of strategic documents: { id, title, team, path, doc, krs }
  const width = Math.max(4, String(fileCount).length);
  for (let i = 0; i < fileCount; i++) {
    const isStrategic = i < strategicCount;
    const company = i === 0;
    const team = company ? null : isStrategic ? TEAMS[(i - 1) % TEAMS.length] : r.pick(TEAMS);
    const number = String(i).padStart(width, '0');
    const cycle = company ? '2026' : isStrategic ? (r.chance(0.8) ? '2026-Q4' : '2026') : operationalCycle(r);
    const squadArea = team ? r.pick(team.areas) : '';
    const docName = company ? 'company-okrs-2026' : isStrategic ? `${team.slug}-strategy-${number}` : `${slugify(squadArea)}-plan-${number}`;
    const rel = company ? `company/${docName}.md` : `teams/${team.slug}/${isStrategic ? 'strategy' : cycleFolder(cycle)}/${docName}.md`;
    const fallback = i % 2 === 1 ? FALLBACK_KINDS[((i - 1) / 2) % FALLBACK_KINDS.length] : undefined;
    const doc = new Doc(r);
    doc.stats = stats;
    doc.push(...frontmatter([`okr: ${isStrategic ? 'strategic' : 'operational'}`, `cycle: ${cycle}`, `owner: ${team ? team.name : 'Leadership team'}`]));
    doc.push(company ? '# Company OKRs, 2026' : isStrategic ? `# ${team.name} strategy, ${cycle}` : `# ${team.name}: ${squadArea} squad plan for ${cycle}`, '');
    doc.push('## Context', '', r.pick(CONTEXT), '', r.pick(OPERATIONAL_INTROS), '');
    const ownTeam = team ? strategic.filter((s) => s.team === team.slug) : [];
    const parents = isStrategic
      ? strategic.filter((s) => s.team === null)
      : ownTeam.length > 0 && r.chance(0.7) ? ownTeam : strategic;
    const objectivesOfDoc = [];
    objectives(doc, {
      strategic: isStrategic, cycle, team, rel, docName, parents, fallback, explicitId, tracker,
      // The last objective may go past the target by a few KB: stay under MAX_BYTES.
      targetChars: r.int(MIN_BYTES, MAX_BYTES - 8 * 1024), objectives: objectivesOfDoc,
    });
    if (isStrategic) strategic.push(...objectivesOfDoc);
    files.set(rel, doc.text());
    if (fallback) fallbacks.set(rel, fallback);
    stats[isStrategic ? 'strategicFiles' : 'operationalFiles']++;
  }
  files.set('okr.config.json', `${JSON.stringify({ operational: { maxCycleDays: 42 }, strategic: { minCycleDays: 60 }, maxKeyResults: 5 }, null, 2)}\n`);
  const sizes = [...files].filter(([rel]) => rel.endsWith('.md')).map(([, text]) => Buffer.byteLength(text));
  Object.assign(stats, {
    bytes: sizes.reduce((a, b) => a + b, 0), minBytes: Math.min(...sizes), maxBytes: Math.max(...sizes),
    fallbackFiles: fallbacks.size, fastFiles: fileCount - fallbacks.size,
  });
  return { files, fallbacks, stats };
}

/** Deletes `outDir` (see assertSafeOutDir in generate.mjs) and writes the workspace; returns the statistics. */
export function generateLongWorkspace(outDir, fileCount = 300, seed = 1) {
  const { files, stats } = planLongWorkspace(fileCount, seed);
  return { outDir: writeWorkspace(outDir, files), seed, ...stats };
}

const USAGE = 'usage: node bench/generateLong.mjs <outDir> [fileCount] [--seed N]';

function main(argv) {
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? argv[seedAt + 1] : '1';
  const positional = seedAt >= 0 ? [...argv.slice(0, seedAt), ...argv.slice(seedAt + 2)] : argv;
  if (positional.length < 1 || positional.length > 2 || !/^\d+$/.test(positional[1] ?? '1') || !/^-?\d+$/.test(seed ?? '')) {
    console.error(USAGE);
    return 2;
  }
  try {
    const s = generateLongWorkspace(positional[0], Number(positional[1] ?? 300), Number(seed));
    console.log(`generated ${s.files} long files (${s.strategicFiles} strategic, ${s.operationalFiles} operational; ` +
      `${s.fastFiles} in the fast path's subset, ${s.fallbackFiles} with a block for remark) + okr.config.json, ` +
      `${s.bytes} bytes (${(s.minBytes / 1024).toFixed(0)}–${(s.maxBytes / 1024).toFixed(0)} KB each), in ${positional[0]} ` +
      `(seed ${seed}): ${s.objectives} objectives, ${s.keyResults} key results, ${s.references} references, ${s.brokenReferences} broken`);
    return 0;
  } catch (error) {
    console.error(`bench/generateLong: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
