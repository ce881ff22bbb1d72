#!/usr/bin/env node
// Writes a large, deterministic OKR workspace for benchmarks and scale tests.
//
//   node bench/generate.mjs <outDir> <fileCount> [--seed N]
//
// About 5 % of the documents are strategic (cycle 2026-Q4 or 2026, 3–5 objectives with
// 2–5 key results and explicit ids); the rest are operational (a month or two weeks
// inside Q4 2026, 1–3 objectives with 2–4 key results) aligned to the strategic ones
// with every reference form of SPEC §5. About 1 % of the references are broken
// (align-unresolved) and about 1 % of the operational objectives have a cycle outside
// their parent's (cycle-outside-parent); nothing else is an error or a warning. The
// same arguments always give byte-identical output. No dependencies.
//
// One strategic document, the focus strategy (the first team strategy,
// teams/platform/strategy/platform-strategy-0001.md — 00001 from 10,000 files — or the
// company's when it is the only one), has at least round(fileCount / 20) operational
// documents aligned to it (500 at 10,000 files): that many, spread evenly over the
// operational documents, align their first objective to one of its objectives or key
// results, with a reference that resolves and a cycle inside the focus strategy's (the
// "strategic document that 500 operational documents align to" of issue 6); others may
// align to it too, as to any strategy.
//
// outDir is deleted first, so it must be missing, empty, or a workspace this script
// wrote (only okr.config.json, company/ and teams/ at its top level).
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(SCRIPT), '..');
/** The only entries a generated workspace has at its top level. */
const GENERATED_ENTRIES = new Set(['okr.config.json', 'company', 'teams']);

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------
// Content banks

export const TEAMS = [
  { slug: 'platform', name: 'Platform team', key: 'PLAT', areas: ['API gateway', 'job scheduler', 'service mesh', 'deploy pipeline'] },
  { slug: 'payments', name: 'Payments team', key: 'PAY', areas: ['checkout', 'refunds', 'payouts', 'card vault'] },
  { slug: 'growth', name: 'Growth team', key: 'GRW', areas: ['sign-up', 'referral', 'pricing page', 'trial'] },
  { slug: 'mobile', name: 'Mobile team', key: 'MOB', areas: ['iOS app', 'Android app', 'push notification', 'offline sync'] },
  { slug: 'data', name: 'Data team', key: 'DATA', areas: ['warehouse', 'event tracking', 'reporting', 'forecasting'] },
  { slug: 'support', name: 'Support team', key: 'SUP', areas: ['help desk', 'help centre', 'live chat', 'escalation'] },
  { slug: 'security', name: 'Security team', key: 'SEC', areas: ['access review', 'secrets', 'vulnerability', 'audit logging'] },
  { slug: 'search', name: 'Search team', key: 'SRCH', areas: ['search index', 'autocomplete', 'ranking', 'query parser'] },
  { slug: 'billing', name: 'Billing team', key: 'BILL', areas: ['invoicing', 'dunning', 'tax', 'usage metering'] },
  { slug: 'onboarding', name: 'Onboarding team', key: 'ONB', areas: ['setup wizard', 'data import', 'welcome email', 'sample project'] },
  { slug: 'infrastructure', name: 'Infrastructure team', key: 'INFRA', areas: ['Kubernetes', 'database', 'CDN', 'backup'] },
  { slug: 'design', name: 'Design team', key: 'DES', areas: ['design system', 'settings page', 'dashboard', 'accessibility'] },
];

export const PEOPLE = ['Amara Okafor', 'Lukas Weber', 'Priya Raman', 'Tomás Silva', 'Hana Sato', 'Chloé Martin',
  'Jonas Berg', 'Fatima Zahra', 'Mei Lin', 'Owen Hughes', 'Sofia Rossi', 'Daniel Cohen'];

/** [title, id word, areas its key results talk about] */
const STRATEGIC_TITLES = [
  ['Delight customers in their first week', 'first-week', ['setup wizard', 'data import', 'trial']],
  ['Become the most reliable platform in our market', 'reliability', ['API gateway', 'database', 'deploy pipeline']],
  ['Grow self-serve revenue', 'self-serve', ['pricing page', 'checkout', 'trial']],
  ['Cut the cost of serving each customer', 'cost-to-serve', ['help desk', 'Kubernetes', 'CDN']],
  ['Earn the trust of enterprise security teams', 'enterprise-trust', ['audit logging', 'access review', 'secrets']],
  ['Ship a mobile experience customers love', 'mobile-experience', ['iOS app', 'Android app', 'offline sync']],
  ['Make data-driven decisions the default', 'data-driven', ['warehouse', 'reporting', 'event tracking']],
  ['Help customers find answers without contacting us', 'self-help', ['help centre', 'search index', 'live chat']],
  ['Expand into the German and French markets', 'europe', ['tax', 'invoicing', 'sign-up']],
  ['Speed up how fast we ship', 'delivery-speed', ['deploy pipeline', 'design system', 'job scheduler']],
  ['Make checkout effortless for first-time buyers', 'checkout', ['checkout', 'card vault', 'refunds']],
  ['Keep every customer we win', 'retention', ['dunning', 'escalation', 'usage metering']],
  ['Make our product accessible to everyone', 'accessibility', ['accessibility', 'dashboard', 'settings page']],
];

const STRATEGY_INTROS = [
  'These objectives were agreed at the planning offsite and reviewed with the leadership team. Progress is updated every Friday before the weekly business review.',
  'This is the strategic plan for the rest of the year. Each objective names the outcome we want, not the projects; the monthly team plans describe how we get there.',
  'We keep the list short on purpose: if everything is a priority, nothing is. Anything not on this page waits for the next planning cycle.',
];

export const OPERATIONAL_TITLES = [
  'Cut p95 latency of the {area} service',
  'Ship the redesigned {area} settings',
  'Remove flaky tests from the {area} pipeline',
  'Migrate {area} jobs to the new queue',
  'Improve alerting for {area} incidents',
  'Launch the {area} beta to design partners',
  'Clear the {area} backlog before the code freeze',
  'Instrument the {area} funnel end to end',
  'Lower the cost of running {area}',
  'Document the {area} on-call playbook',
  'Run usability sessions on the {area} flow',
  'Close the top customer requests for {area}',
  'Make {area} ready for enterprise customers',
  'Reduce support tickets about {area}',
];

export const OPERATIONAL_INTROS = [
  'Plan agreed in the cycle kick-off. We review it at Monday stand-up and update the numbers every Friday afternoon.',
  'Scope is deliberately small this cycle because two people are on holiday and one is on call for the whole period.',
  'Carried over from last cycle: the migration work that slipped because of the October incident backlog.',
  'Every objective below names its parent so the roll-up in the weekly business review stays honest.',
  'The numbers come from the team dashboard; if a number looks wrong, fix the query, not the target.',
];

export const NOTES = [
  'Numbers come from the Monday metrics review; the dashboard is pinned in the team channel.',
  'We paused this for a week while on call worked through the incident backlog.',
  'Risk: the vendor contract renewal may slip, which would delay the rollout by two weeks.',
  'Agreed with product and design in planning; revisit if beta feedback changes priorities.',
  'Baseline measured over the last four weeks of the previous cycle.',
  'Blocked until the security review signs off on the new data flow.',
  'Two customers volunteered as design partners and joined the weekly demo.',
  'The target is ambitious on purpose; reaching 70 percent of it would still be a good cycle.',
  'Tracked in the team board under the cycle label; the epic lists the remaining tasks.',
  'Needs a decision from finance on the budget before the second half of the cycle.',
  'Most of the work is already merged behind a feature flag and waits for the rollout.',
  'Measured on production traffic only; staging numbers are too noisy to be useful.',
  'Owner changed mid-cycle after the team reorganisation; the scope stayed the same.',
  'Dependent on the platform team finishing the queue migration first.',
  'Customer interviews showed this matters more to admins than to everyday users.',
];

export const RISKS = [
  'Hiring for the open backend role is taking longer than planned.',
  'The holiday season freezes production changes from mid-December.',
  'A large customer asked for a custom integration that competes for the same people.',
  'The old system has no owner, so nobody can answer questions about edge cases quickly.',
];

const CHECKBOX_KRS = [
  ['Publish the {area} migration guide', 'guide'],
  ['Retire the legacy {area} endpoint', 'retire-legacy'],
  ['Sign off the {area} design review', 'design-review'],
  ['Run a game day for {area}', 'game-day'],
  ['Hand the {area} runbook to on call', 'runbook'],
  ['Announce the {area} changes in the customer newsletter', 'announce'],
];

const PROGRESS_KRS = [
  ['Roll out {area} v2 to all customers', 'rollout'],
  ['Complete the {area} accessibility audit fixes', 'audit-fixes'],
  ['Move {area} dashboards to the new warehouse', 'dashboards'],
  ['Finish the {area} data retention clean-up', 'retention-cleanup'],
];

// ---------------------------------------------------------------------------
// Small helpers

export function makeRandom(seed) {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** `count` distinct items in random order. */
    sample: (list, count) => {
      const copy = list.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, count);
    },
  };
}

/** 1234567.5 → "1,234,567.5"; rounds to `decimals` and drops a trailing ".0". */
function num(value, decimals = 0) {
  const fixed = value.toFixed(decimals);
  let [int, frac] = fixed.split('.');
  const neg = int.startsWith('-');
  if (neg) int = int.slice(1);
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (frac && /^0+$/.test(frac)) frac = undefined;
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** Upper-cases the first letter, but leaves words like iOS alone. */
export const capitalise = (s) => (/^\p{Ll}\p{Lu}/u.test(s) ? s : s.charAt(0).toUpperCase() + s.slice(1));
export const fill = (template, area) => template.replace('{area}', area);
export const slugify = (s) => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}\p{Nd}]+/gu, '-').replace(/^-+|-+$/g, '');

/**
 * A metric key result: [title, id base, fields]. Start and target always differ
 * after formatting, units are consistent, and current lies near the way to target.
 */
function metricKr(r, area) {
  const frac = r.pick([0, 0.15, 0.3, 0.45, 0.5, 0.6, 0.75, 0.9, 1, 1.1]);
  const between = (start, target) => start + (target - start) * frac;
  switch (r.int(0, 10)) {
    case 0: {
      const start = r.int(30, 120) * 10;
      const target = Math.round(start * r.pick([0.4, 0.5, 0.6]) / 10) * 10;
      return [`Cut p95 latency of ${area} requests`, 'latency', { start: `${num(start)}ms`, target: `${num(target)}ms`, current: `${num(between(start, target))}ms` }];
    }
    case 1: {
      const start = r.int(15, 40) / 10;
      const target = r.int(2, 8) / 10;
      return [`Error rate on ${area} endpoints`, 'error-rate', { start: `${num(start, 1)}%`, target: `${num(target, 1)}%`, current: `${num(between(start, target), 1)}%` }];
    }
    case 2: {
      const start = r.int(20, 60);
      const target = start + r.int(5, 15);
      return [`${capitalise(area)} conversion rate`, 'conversion', { start: `${start}%`, target: `${target}%`, current: `${num(between(start, target), 1)}%` }];
    }
    case 3: {
      const start = r.int(40, 800) * 500;
      const target = Math.round(start * r.pick([1.1, 1.2, 1.25, 1.4]) / 500) * 500;
      return [`Monthly revenue from ${area}`, 'revenue', { start: `$${num(start)}`, target: `$${num(target)}`, current: `$${num(Math.round(between(start, target) / 100) * 100)}` }];
    }
    case 4: {
      const target = r.int(2, 24) * 5;
      const fields = { target: String(target) };
      if (r.chance(0.8)) fields.current = String(Math.round(target * Math.min(frac, 1)));
      return [`Customer issues about ${area} closed`, 'closed', fields];
    }
    case 5: {
      const start = r.int(10, 500) * 100;
      const target = Math.round(start * r.pick([1.1, 1.2, 1.3]) / 100) * 100;
      return [`Weekly active users of ${area}`, 'wau', { start: `${num(start)} users`, target: `${num(target)} users`, current: `${num(Math.round(between(start, target)))} users` }];
    }
    case 6: {
      const start = r.int(40, 240) / 10;
      const target = Math.max(0.5, Math.round(start * 5) / 10);
      return [`Median time to resolve ${area} incidents`, 'mttr', { start: `${num(start, 1)}h`, target: `${num(target, 1)}h`, current: `${num(between(start, target), 1)}h` }];
    }
    case 7: {
      const start = r.int(4, 12);
      const target = r.int(2, 3);
      return [`Lead time from merge to deploy for ${area}`, 'lead-time', { start: `${start} days`, target: `${target} days`, current: `${num(between(start, target), 1)} days` }];
    }
    case 8: {
      const start = r.int(8, 60) * 1000;
      const target = Math.round(start * r.pick([0.7, 0.75, 0.8]) / 100) * 100;
      return [`Monthly cloud spend on ${area}`, 'cloud-spend', { start: `€${num(start)}`, target: `€${num(target)}`, current: `€${num(Math.round(between(start, target)))}` }];
    }
    case 9: {
      const start = r.int(45, 75);
      const target = Math.min(95, start + r.int(8, 20));
      return [`Test coverage of ${area} code`, 'coverage', { start: `${start}%`, target: `${target}%`, current: `${Math.round(between(start, target))}%` }];
    }
    default: {
      const start = r.int(70, 84);
      const target = r.int(88, 95);
      return [`Satisfaction score on ${area} tickets`, 'satisfaction', { start: String(start), target: String(target), current: String(Math.round(between(start, target))) }];
    }
  }
}

const KR_PREFIXES = ['KR:', 'KR:', 'KR:', 'KR:', 'KR:', 'KR{n}:', 'KR {n}:', 'Key result:'];
export const OBJECTIVE_PREFIXES = ['Objective:', 'Objective:', 'Objective:', 'Objective:', 'O{n}:', 'Objective {n}:'];

function fieldText(fields) {
  return Object.entries(fields).map(([k, v]) => `[${k}:: ${v}]`).join('  ');
}

/**
 * One key result line (plus an optional nested note). `kind` is 'metric', 'progress',
 * 'check' or 'any'. Returns { lines, id, cancelled }. Only callers that allow it get a
 * cancelled (`[-]`) key result; strategic ones never do, so every key result a
 * reference names counts.
 */
export function keyResult(r, area, n, usedIds, usedTitles, { withId, kind = 'any', complete = false, allowCancelled = false }) {
  const prefix = r.pick(KR_PREFIXES).replace('{n}', String(n));
  if (kind === 'any') kind = r.pick(['metric', 'metric', 'metric', 'metric', 'progress', 'check']);
  let box = '';
  let title;
  let base;
  let fields = {};
  // No two key results of one objective share a title.
  for (let attempt = 0; attempt === 0 || (usedTitles.has(title) && attempt < 30); attempt++) {
    if (attempt > 20) kind = 'metric';
    if (kind === 'check') {
      [title, base] = r.pick(CHECKBOX_KRS);
      title = fill(title, area);
    } else if (kind === 'progress') {
      [title, base] = r.pick(PROGRESS_KRS);
      title = fill(title, area);
    } else {
      [title, base, fields] = metricKr(r, area);
    }
  }
  usedTitles.add(title);
  if (kind === 'check') {
    box = complete || r.chance(0.5) ? '[x] ' : !allowCancelled || r.chance(0.9) ? '[ ] ' : '[-] ';
  } else if (kind === 'progress') {
    const p = complete ? 100 : r.int(0, 20) * 5;
    fields.progress = r.chance(0.7) ? `${p}%` : String(p);
  } else if (complete) {
    fields = { ...fields, current: fields.target };
  }
  if (r.chance(0.08)) fields.weight = String(r.int(2, 3));
  if (r.chance(0.1)) fields.owner = r.pick(PEOPLE);
  let id = null;
  if (withId) {
    id = base;
    for (let k = 2; usedIds.has(id); k++) id = `${base}-${k}`;
    usedIds.add(id);
  }
  const parts = [`- ${box}${prefix} ${capitalise(title)}`];
  const f = fieldText(fields);
  if (f) parts.push(f);
  const lines = [`${parts.join('  ')}${id ? ` ^${id}` : ''}`];
  if (r.chance(0.3)) lines.push(`  - ${r.pick(NOTES)}`);
  return { lines, id, cancelled: box === '[-] ' };
}

// ---------------------------------------------------------------------------
// Cycles (every operational cycle below lies inside 2026-Q4, 2026-10-01..2026-12-31)

const DAY = 864e5;
const isoDate = (t) => new Date(t).toISOString().slice(0, 10);
const MONTHS = ['2026-10', '2026-11', '2026-12'];
/** Two ISO weeks: 2026-W41 starts on 2026-10-05, 2026-W52 ends on 2026-12-27. */
const TWO_WEEKS = [41, 43, 45, 47, 49, 51].map((w) => `2026-W${w}..2026-W${w + 1}`);
/** Fourteen-day explicit ranges starting on Mondays between 2026-10-05 and 2026-12-14. */
const DATE_RANGES = [];
for (let day = Date.UTC(2026, 9, 5); day <= Date.UTC(2026, 11, 14); day += 14 * DAY) {
  DATE_RANGES.push(`${isoDate(day)}..${isoDate(day + 13 * DAY)}`);
}
/** Cycles outside 2026 (and so outside every strategic cycle), each ≤ 42 days. */
const OUTSIDE_CYCLES = ['2027-01', '2026-W53', '2026-12-21..2027-01-03', '2027-W01..2027-W02'];

export function operationalCycle(r) {
  const roll = r.next();
  if (roll < 0.5) return r.pick(MONTHS);
  if (roll < 0.85) return r.pick(TWO_WEEKS);
  return r.pick(DATE_RANGES);
}

/** Last day (ms since epoch) of a cycle made by operationalCycle or OUTSIDE_CYCLES. */
export function cycleEnd(cycle) {
  const last = cycle.split('..').pop();
  let m;
  if ((m = /^(\d{4})-(\d{2})$/.exec(last))) return Date.UTC(+m[1], +m[2], 0);
  if ((m = /^(\d{4})-W(\d{2})$/.exec(last))) {
    // ISO week 1 contains 4 January; weeks start on Monday.
    const jan4 = Date.UTC(+m[1], 0, 4);
    const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
    return monday1 + ((+m[2] - 1) * 7 + 6) * DAY;
  }
  return Date.parse(`${last}T00:00:00Z`);
}
/** Objectives whose cycle ended before this day (the tests' "today") are mostly complete. */
export const ENDED_BEFORE = Date.UTC(2026, 10, 25);

/** Folder name for a cycle: 2026-11, 2026-W47-W48, 2026-11-02--2026-11-15. */
export const cycleFolder = (cycle) => cycle.replace('..', '--').replace(/--2026-(W\d+)$/, '-$1');

// ---------------------------------------------------------------------------
// The workspace plan

export function frontmatter(entries) {
  return ['---', ...entries.filter(Boolean), '---'];
}

/**
 * Builds the workspace in memory: `files`, a Map from relative path (with `/`) to
 * file text, and `stats`. Pure and deterministic.
 */
export function planWorkspace(fileCount, seed = 1) {
  if (!Number.isInteger(fileCount) || fileCount < 1) throw new RangeError(`fileCount must be a positive integer, not ${fileCount}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, not ${seed}`);
  const r = makeRandom(seed);
  const files = new Map();
  const stats = {
    files: fileCount, strategicFiles: 0, operationalFiles: 0, objectives: 0, keyResults: 0,
    references: 0, brokenReferences: 0, outOfParentCycle: 0, outOfParentCycleReferences: 0, dropped: 0,
  };
  const takenIds = new Set();
  let counter = 0;
  const explicitId = (prefix, word) => {
    let id;
    do id = `${prefix}-${word}-${++counter}`; while (takenIds.has(id));
    takenIds.add(id);
    return id;
  };

  const strategicCount = Math.min(fileCount, Math.max(1, Math.round(fileCount * 0.05)));
  const width = Math.max(4, String(fileCount).length);
  const pad = (i) => String(i).padStart(width, '0');

  // ---- strategic documents: the company's first, then the teams'
  const strategic = []; // { id, title, team, cycle, path, doc, krs }
  const docNames = new Set();
  for (let i = 0; i < strategicCount; i++) {
    const company = i === 0;
    const team = company ? null : TEAMS[(i - 1) % TEAMS.length];
    const doc = company ? 'company-okrs-2026' : `${team.slug}-strategy-${pad(i)}`;
    docNames.add(doc);
    const rel = company ? `company/${doc}.md` : `teams/${team.slug}/strategy/${doc}.md`;
    const cycle = company ? '2026' : r.chance(0.8) ? '2026-Q4' : '2026';
    const owner = company ? 'Leadership team' : team.name;
    const lines = [
      ...frontmatter(['okr: strategic', `cycle: ${cycle}`, `owner: ${owner}`, r.chance(0.3) ? 'tags: [okr, planning]' : '']),
      company ? '# Company OKRs, 2026' : `# ${team.name} strategy, ${cycle === '2026' ? '2026' : 'Q4 2026'}`,
      '',
      r.pick(STRATEGY_INTROS),
      '',
    ];
    const companyObjectives = strategic.filter((s) => s.team === null);
    // Key-result ids are unique in the whole document, so [[doc#^kr]] and
    // [text](doc.md#kr) name exactly one key result.
    const docKrIds = new Set();
    for (const [title, word, areas] of r.sample(STRATEGIC_TITLES, r.int(3, 5))) {
      const id = explicitId(company ? 'co' : team.slug, word);
      lines.push(`## Objective: ${title} {#${id}}`, '');
      const fields = [];
      // Team objectives (cycle 2026-Q4 or 2026) may align to the company's (2026).
      if (!company && companyObjectives.length > 0 && r.chance(0.6)) {
        const parent = r.pick(companyObjectives);
        const form = r.int(0, 2);
        if (form === 0) fields.push(`aligns:: [[${parent.id}]]`);
        else if (form === 1) fields.push(`aligns:: [[${parent.id}#${r.pick(parent.krs)}]]`);
        else fields.push(`aligns:: [${parent.title}](${path.posix.relative(path.posix.dirname(rel), parent.path)}#${parent.id})`);
        stats.references++;
      }
      if (r.chance(0.15)) fields.push(`owner:: ${r.pick(PEOPLE)}`);
      if (fields.length) lines.push(...fields, '');
      const krIds = new Set();
      const krTitles = new Set();
      const krCount = r.int(2, 5);
      const before = new Set(docKrIds);
      for (let k = 1; k <= krCount; k++) {
        const kind = r.pick(['metric', 'metric', 'metric', 'progress', 'check']);
        lines.push(...keyResult(r, r.pick(areas), k, docKrIds, krTitles, { withId: true, kind }).lines);
      }
      for (const kr of docKrIds) if (!before.has(kr)) krIds.add(kr);
      stats.keyResults += krCount;
      stats.objectives++;
      lines.push('');
      if (r.chance(0.5)) lines.push(`${r.pick(NOTES)} ${r.pick(NOTES)}`, '');
      strategic.push({ id, title, team: team ? team.slug : null, cycle, path: rel, doc, krs: [...krIds] });
    }
    files.set(rel, `${lines.join('\n').trimEnd()}\n`);
    stats.strategicFiles++;
  }

  // ---- operational documents
  const byTeam = new Map(TEAMS.map((t) => [t.slug, strategic.filter((s) => s.team === t.slug)]));
  const knownNames = new Set([...takenIds, ...docNames]);
  /** A plausible typo of `id` that names nothing: two neighbouring characters swapped. */
  const typo = (id) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const at = r.int(1, id.length - 3);
      const t = id.slice(0, at) + id[at + 1] + id[at] + id.slice(at + 2);
      if (t !== id && !knownNames.has(t) && !/--|-$/.test(t)) return t;
    }
    return `${id}-old`;
  };
  // The focus strategy and the operational documents aligned to it: every `focusStep`-th
  // one, `focusCount` in all.
  const focusPath = (strategic.find((s) => s.team !== null) ?? strategic[0]).path;
  const focus = strategic.filter((s) => s.path === focusPath); // its objectives
  const operationalCount = fileCount - strategicCount;
  const focusCount = Math.min(operationalCount, Math.round(fileCount / 20));
  const focusStep = focusCount > 0 ? Math.floor(operationalCount / focusCount) : 0;
  stats.focusDocument = focus[0]?.path ?? null;
  stats.focusDependents = 0;
  let tracker = 100;
  for (let i = strategicCount; i < fileCount; i++) {
    const k = i - strategicCount;
    const alignsToFocus = focusCount > 0 && k % focusStep === 0 && k / focusStep < focusCount;
    const team = r.pick(TEAMS);
    const cycle = operationalCycle(r);
    const squadArea = r.pick(team.areas);
    const squad = `${slugify(squadArea)}-squad`;
    // A `.okr.md` file needs no `okr:` key; its objectives set `level::` instead.
    const okrSuffix = r.chance(0.1);
    const nested = r.chance(0.3);
    const name = `${squad}-${pad(i)}${okrSuffix ? '.okr.md' : '.md'}`;
    const rel = `teams/${team.slug}/${cycleFolder(cycle)}/${nested ? `${squad}/` : ''}${name}`;
    const owner = r.chance(0.5) ? team.name : r.pick(PEOPLE);
    const lines = [
      ...frontmatter([okrSuffix ? '' : 'okr: operational', `cycle: ${cycle}`, `owner: ${owner}`, r.chance(0.2) ? `aliases: [${squad} plan]` : '']),
      `# ${team.name}: ${squadArea} squad plan for ${cycle}`,
      '',
      r.pick(OPERATIONAL_INTROS),
      '',
    ];
    const candidates = byTeam.get(team.slug).length > 0 && r.chance(0.7) ? byTeam.get(team.slug) : strategic;
    const objectiveCount = r.int(1, 3);
    const titles = r.sample(OPERATIONAL_TITLES, objectiveCount);
    let risksWritten = false;
    for (let o = 0; o < objectiveCount; o++) {
      const area = r.pick(team.areas);
      const prefix = r.pick(OBJECTIVE_PREFIXES).replace('{n}', String(o + 1));
      let title = capitalise(fill(titles[o], area));
      let heading;
      if (r.chance(0.3)) {
        // Implicit id: the slug of the title, made unique by the tracker key.
        title = `${title} (${team.key}-${++tracker})`;
        heading = `## ${prefix} ${title}`;
        if (takenIds.has(slugify(title))) throw new Error(`internal error: duplicate id ${slugify(title)}`);
        takenIds.add(slugify(title));
      } else {
        heading = `## ${prefix} ${title} {#${explicitId(team.slug, cycle.includes('W') ? 'sprint' : 'goal')}}`;
      }
      lines.push(heading, '');
      const fields = [];
      if (okrSuffix) fields.push('level:: operational');
      // The focus objective is never outside its parent's cycle.
      const toFocus = alignsToFocus && o === 0;
      const outside = !toFocus && r.chance(0.01);
      const dropped = !outside && r.chance(0.02);
      let ownCycle;
      if (outside) {
        ownCycle = r.pick(OUTSIDE_CYCLES);
        stats.outOfParentCycle++;
      } else if (r.chance(0.05)) {
        ownCycle = operationalCycle(r);
      }
      if (ownCycle) fields.push(`cycle:: ${ownCycle}`);
      if (dropped) {
        fields.push('status:: dropped');
        stats.dropped++;
      }
      if (r.chance(0.1)) fields.push(`owner:: ${r.pick(PEOPLE)}`);
      const refs = [];
      const parents = r.sample(candidates, Math.min(candidates.length, r.chance(0.1) ? 2 : 1));
      if (toFocus) {
        // One of the focus strategy's objectives first; a second parent (if any) elsewhere.
        parents[0] = r.pick(focus);
        if (parents[1] && focus.includes(parents[1])) parents.pop();
        stats.focusDependents++;
      }
      for (const [p, parent] of parents.entries()) {
        stats.references++;
        if (!outside && !(toFocus && p === 0) && r.chance(0.01)) {
          stats.brokenReferences++;
          refs.push(r.chance(0.5) ? `[[${typo(parent.id)}]]` : `[[${typo(parent.id)}#${r.pick(parent.krs)}]]`);
          continue;
        }
        if (outside) stats.outOfParentCycleReferences++;
        const kr = r.pick(parent.krs);
        const relPath = path.posix.relative(path.posix.dirname(rel), parent.path);
        switch (r.int(0, 7)) {
          case 0: refs.push(`[[${parent.id}]]`); break;
          case 1: refs.push(`[[${parent.id}|${parent.title}]]`); break;
          case 2: refs.push(`[[${parent.id}#${kr}]]`); break;
          case 3: refs.push(`[[${parent.id}#^${kr}]]`); break;
          case 4: refs.push(`[[${parent.doc}#^${kr}]]`); break;
          case 5: refs.push(`[[${parent.doc}#${parent.title}]]`); break;
          case 6: refs.push(`[${parent.title}](${relPath}#${parent.id})`); break;
          default: refs.push(`[${kr.replace(/-/g, ' ')}](${relPath}#${kr})`); break;
        }
      }
      fields.push(`aligns:: ${refs.join(', ')}`);
      lines.push(...fields, '');
      const krIds = new Set();
      const krTitles = new Set();
      const krCount = r.int(2, 4);
      const complete = r.chance(cycleEnd(ownCycle ?? cycle) < ENDED_BEFORE ? 0.85 : 0.1);
      let cancelled = false; // at most one cancelled key result per objective
      for (let k = 1; k <= krCount; k++) {
        const kr = keyResult(r, area, k, krIds, krTitles, { withId: r.chance(0.7), complete, allowCancelled: !cancelled });
        cancelled ||= kr.cancelled;
        lines.push(...kr.lines);
      }
      stats.keyResults += krCount;
      stats.objectives++;
      lines.push('');
      if (r.chance(0.6)) lines.push(`${r.pick(NOTES)} ${r.pick(NOTES)}`, '');
      if (!risksWritten && r.chance(0.25)) {
        // A subheading inside an objective's section does not end it (SPEC §2).
        risksWritten = true;
        lines.push('### Risks', '', ...r.sample(RISKS, 2).map((risk) => `- ${risk}`), '');
      }
    }
    if (r.chance(0.5)) lines.push(`Retrospective notes: ${r.pick(NOTES)} ${r.pick(NOTES)}`, '');
    files.set(rel, `${lines.join('\n').trimEnd()}\n`);
    stats.operationalFiles++;
  }

  files.set('okr.config.json', `${JSON.stringify({
    operational: { maxCycleDays: 42 },
    strategic: { minCycleDays: 60 },
    maxKeyResults: 5,
  }, null, 2)}\n`);
  // One error per broken reference and per reference of an out-of-cycle objective.
  stats.expectedErrors = stats.brokenReferences + stats.outOfParentCycleReferences;
  stats.bytes = 0;
  for (const text of files.values()) stats.bytes += Buffer.byteLength(text);
  return { files, stats };
}

// ---------------------------------------------------------------------------
// Writing

/** Real path of `p`, resolving symbolic links in its longest existing prefix. */
function realish(p) {
  const resolved = path.resolve(p);
  try {
    return fs.realpathSync.native(resolved);
  } catch {
    const parent = path.dirname(resolved);
    return parent === resolved ? resolved : path.join(realish(parent), path.basename(resolved));
  }
}

const isSameOrAncestor = (dir, of) => {
  const rel = path.relative(dir, of);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * Throws unless `outDir` is safe to delete: not `/`, not the current directory, the
 * repository, this script's folder or the home directory, nor an ancestor of one; and,
 * when it exists, a folder that is empty or holds only a generated workspace.
 */
export function assertSafeOutDir(outDir) {
  if (typeof outDir !== 'string' || outDir.trim() === '') throw new Error('outDir is required');
  const target = realish(outDir);
  if (target === path.parse(target).root) throw new Error(`refusing to use the file system root ${target} as outDir`);
  const guarded = [
    ['the current directory', process.cwd()],
    ['the repository root', REPO_ROOT],
    ['this script', SCRIPT],
    ['the home directory', os.homedir()],
  ];
  for (const [what, p] of guarded) {
    if (isSameOrAncestor(target, realish(p))) throw new Error(`refusing to delete ${target}: it is or contains ${what}`);
  }
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isDirectory()) throw new Error(`refusing to replace ${target}: it is not a directory`);
    const foreign = fs.readdirSync(target).filter((name) => !GENERATED_ENTRIES.has(name));
    if (foreign.length > 0) {
      throw new Error(`refusing to delete ${target}: it holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}, ` +
        'which this script does not write (use a missing or empty folder)');
    }
  }
  return target;
}

/**
 * Deletes `outDir` and writes a workspace of `fileCount` OKR documents plus
 * `okr.config.json` into it. Returns the statistics: files, bytes, strategicFiles,
 * operationalFiles, objectives, keyResults, references, brokenReferences,
 * outOfParentCycle(References), dropped, expectedErrors, focusDocument (the strategic
 * document round(fileCount / 20) operational documents align to), focusDependents, outDir
 * and seed.
 */
export function generateWorkspace(outDir, fileCount, seed = 1) {
  const { files, stats } = planWorkspace(fileCount, seed);
  return { outDir: writeWorkspace(outDir, files), seed, ...stats };
}

/** Deletes `outDir` (when assertSafeOutDir allows) and writes `files` into it; returns its real path. */
export function writeWorkspace(outDir, files) {
  const target = assertSafeOutDir(outDir);
  fs.rmSync(target, { recursive: true, force: true });
  const dirs = new Set();
  for (const rel of [...files.keys()].sort()) {
    const file = path.join(target, ...rel.split('/'));
    const dir = path.dirname(file);
    if (!dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    fs.writeFileSync(file, files.get(rel));
  }
  return target;
}

// ---------------------------------------------------------------------------
// Command line

const USAGE = 'usage: node bench/generate.mjs <outDir> <fileCount> [--seed N]';

function main(argv) {
  const positional = [];
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      return 0;
    }
    let seedText;
    if (arg === '--seed') seedText = argv[++i];
    else if (arg.startsWith('--seed=')) seedText = arg.slice('--seed='.length);
    else if (arg.startsWith('-') && arg !== '-') {
      console.error(`unknown option ${arg}\n${USAGE}`);
      return 2;
    } else {
      positional.push(arg);
      continue;
    }
    if (seedText === undefined || !/^-?\d+$/.test(seedText)) {
      console.error(`--seed needs an integer\n${USAGE}`);
      return 2;
    }
    seed = Number(seedText);
  }
  if (positional.length !== 2 || !/^\d+$/.test(positional[1]) || Number(positional[1]) < 1) {
    console.error(USAGE);
    return 2;
  }
  try {
    const s = generateWorkspace(positional[0], Number(positional[1]), seed);
    console.log(`generated ${s.files} files (${s.strategicFiles} strategic, ${s.operationalFiles} operational) ` +
      `+ okr.config.json, ${s.bytes} bytes, in ${positional[0]} (seed ${seed}): ${s.objectives} objectives, ` +
      `${s.keyResults} key results, ${s.brokenReferences} broken references, ` +
      `${s.outOfParentCycle} out-of-parent cycles, ${s.expectedErrors} expected errors; ` +
      `${s.focusDependents} operational documents align to ${s.focusDocument}`);
    return 0;
  } catch (error) {
    console.error(`bench/generate: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
