// The progress dashboard as one self-contained HTML page (issue 8): `okr report --format
// html` writes it, and the VS Code extension shows it in a webview. A pure function of the
// dashboard data: no network, no external fonts or scripts, and every piece of document
// text escaped. Bars are SVG shapes, sized by attributes rather than inline styles, so that
// a Content-Security-Policy without 'unsafe-inline' still draws them (and print keeps them).
import { createHash } from 'node:crypto';
import { bySeverity, problemCounts, overallProgress, SEVERITIES, shownObjectives, type Dashboard, type DashboardKeyResult, type DashboardObjective, type DashboardProblem, type SeverityCounts } from '../okr/report/dashboard.ts';
import { measuredText, OUTLINE_NOTE, overAchievedText, percent, plural as countOf } from '../okr/report/format.ts';
import { shownCycles, timelines, type Timeline } from '../okr/report/timeline.ts';
import { DASHBOARD_STYLES } from './styles.ts';

export interface DashboardHtmlOptions {
  /** The nonce of the inline style (and script). Default: a hash of the page, so the output is reproducible. */
  nonce?: string;
  /** A script to run in the page (the editor's click and refresh handling); none by default. */
  script?: string;
  /** Objectives and problems are clickable: `data-open` / `data-problem` attributes instead of links. */
  interactive?: boolean;
  /** The link to a document for the static page (relative to where it is written). */
  hrefOf?: (path: string) => string;
  /** The page's version, for an editor that redraws it (`data-version` on `<main>`). */
  version?: number;
}

/**
 * Text as HTML, for element content and quoted attribute values alike. Characters beyond
 * Latin-1 become character references too, so that the page stays a one-byte string in V8
 * (half the memory of a two-byte one at 10,000 documents).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']|[\u{100}-\u{10ffff}]/gu, (c) => `&#${c.codePointAt(0)};`);
}

/** A whole percentage, or an em dash when unmeasured, as HTML. */
function percentHtml(progress: number | null): string {
  return escapeHtml(percent(progress));
}

/** The width of a progress bar's fill, in percent of the bar, two decimals. */
export function barWidth(progress: number): number {
  return Math.round(Math.min(1, Math.max(0, progress)) * 10000) / 100;
}

/** The policy of the page: nothing but its own nonce'd style and script. */
export function dashboardCsp(nonce: string, withScript: boolean): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; ${withScript ? `script-src 'nonce-${nonce}'; ` : ''}base-uri 'none'; form-action 'none'`;
}

/** `2 errors`, but `2 info`. */
function plural(count: number, word: string): string {
  return word === 'info' ? `${count} info` : countOf(count, word);
}

function countsText(counts: SeverityCounts): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => plural(counts[s], s))
    .join(', ');
}

function progressBar(progress: number | null, kind: 'objective' | 'keyResult' | 'overall', classes: string[] = []): string {
  const label = progress === null ? 'unmeasured' : `${percentHtml(progress)} done`;
  const fill = progress === null ? '' : `<rect class="fill" width="${barWidth(progress)}" height="8"/>`;
  const all = ['progress', ...(progress === null ? ['unmeasured'] : []), ...classes].join(' ');
  return `<svg class="${all}" data-kind="${kind}" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${label}"><rect class="track" width="100" height="8"/>${fill}</svg>`;
}

/** The whole page (see dashboardHtmlChunks). */
export function renderDashboardHtml(dashboard: Dashboard, options: DashboardHtmlOptions = {}): string {
  return [...dashboardHtmlChunks(dashboard, options)].join('');
}

/** The page's content: header, alignment tree, timelines and problems (what an editor swaps in). */
export function renderDashboardBody(dashboard: Dashboard, options: DashboardHtmlOptions = {}): string {
  return [...bodyChunks(dashboard, options)].join('');
}

/**
 * The page in pieces, in order: written one at a time, the page of 10,000 documents (tens
 * of megabytes) is never held whole. The default nonce is a hash of the content, so that
 * the same workspace gives the same page: that takes a first pass over the pieces.
 */
export function* dashboardHtmlChunks(dashboard: Dashboard, options: DashboardHtmlOptions = {}): Generator<string> {
  let nonce = options.nonce;
  if (nonce === undefined) {
    const hash = createHash('sha256');
    for (const chunk of bodyChunks(dashboard, options)) hash.update(chunk);
    nonce = hash.update(options.script ?? '').digest('base64url').slice(0, 24);
  }
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${dashboardCsp(nonce, !!options.script)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="okr report">
<title>OKR progress, ${escapeHtml(dashboard.today)}</title>
<style nonce="${nonce}">${DASHBOARD_STYLES}</style>
</head>
<body>
<main id="dashboard"${options.version === undefined ? '' : ` data-version="${options.version}"`}>
`;
  yield* bodyChunks(dashboard, options);
  yield `
</main>${options.script ? `\n<script nonce="${nonce}">${options.script}</script>` : ''}
</body>
</html>
`;
}

function* bodyChunks(dashboard: Dashboard, options: DashboardHtmlOptions): Generator<string> {
  const shown = shownObjectives(dashboard.objectives);
  const numbers = new Map<DashboardObjective, number>();
  shown.forEach((objective, i) => numbers.has(objective) || numbers.set(objective, i));
  const context: RenderContext = { options, today: dashboard.today, numberOf: (o) => numbers.get(o) ?? -1, problemNumbers: new Map(dashboard.problems.map((p, i) => [p, i])) };
  // One list of timelines for the header's cycles and the timeline section: they cannot disagree.
  const drawn = timelines(dashboard.objectives, dashboard.today);
  yield header(dashboard, shown, drawn);
  yield '\n';
  yield* tree(dashboard, context);
  yield '\n';
  yield* timelineSection(drawn, context);
  yield '\n';
  yield* problemsSection(dashboard.problems, dashboard.moreProblems, context);
}

interface RenderContext {
  options: DashboardHtmlOptions;
  today: string;
  numberOf(objective: DashboardObjective): number;
  problemNumbers: Map<DashboardProblem, number>;
}

/** Problems by severity, with those cut beyond the request's `maxProblems`. */
function allCounts(problems: DashboardProblem[], more: SeverityCounts | undefined): SeverityCounts {
  const counts = problemCounts(problems);
  for (const severity of SEVERITIES) counts[severity] += more?.[severity] ?? 0;
  return counts;
}

/** `<strong>2026-Q4</strong> (2026-10, 2026-11) · 2026-12`: each timeline's cycle with its bars' cycles, then the tree's others. */
function cyclesHtml(objectives: DashboardObjective[], drawn: Timeline<DashboardObjective>[]): string {
  return shownCycles(objectives, drawn)
    .map((cycle) => {
      const label = cycle.strategic ? `<strong>${escapeHtml(cycle.label)}</strong>` : escapeHtml(cycle.label);
      return cycle.operational.length > 0 ? `${label} (${cycle.operational.map(escapeHtml).join(', ')})` : label;
    })
    .join(' · ');
}

function header(dashboard: Dashboard, shown: DashboardObjective[], drawn: Timeline<DashboardObjective>[]): string {
  const overall = overallProgress(dashboard.objectives);
  const counts = allCounts(dashboard.problems, dashboard.moreProblems);
  const cycles = cyclesHtml(dashboard.objectives, drawn);
  const filter = dashboard.cycle !== undefined ? `overlapping ${escapeHtml(dashboard.cycle)}` : dashboard.currentCycles ? 'current cycles' : 'all cycles';
  const shownCycles = cycles ? `${cycles} <span class="muted">(${filter})</span>` : `<span class="muted">${filter}</span>`;
  const overallText =
    overall.progress === null
      ? '<span class="muted">no measured strategic objective</span>'
      : `${progressBar(overall.progress, 'overall')} <strong>${percentHtml(overall.progress)}</strong> <span class="muted">mean of ${plural(overall.measured, 'top-level strategic objective')}</span>`;
  const problemText = SEVERITIES.map((s) => `<span class="count ${s}${counts[s] ? '' : ' zero'}">${plural(counts[s], s)}</span>`).join(' ');
  // Several roots (nested okr.config.json) can hold the same path: the editor's uri tells them apart.
  const objectives = new Set(shown.map((o) => `${o.uri ?? o.path}\0${o.line}`)).size;
  return `<header class="summary">
<h1>OKR progress</h1>
<dl>
<div><dt>Today</dt><dd><time datetime="${escapeHtml(dashboard.today)}">${escapeHtml(dashboard.today)}</time></dd></div>
<div><dt>Cycles</dt><dd>${shownCycles}</dd></div>
<div><dt>Overall</dt><dd class="overall">${overallText}</dd></div>
<div><dt>Objectives</dt><dd>${objectives}</dd></div>
<div><dt>Problems</dt><dd class="problem-counts">${problemText}</dd></div>
</dl>${dashboard.depth === undefined ? '' : `\n<p class="note">A large tree: ${dashboard.depth === 0 ? 'only the top-level objectives are shown' : `${plural(dashboard.depth, 'level')} of aligned objectives are shown below the top-level ones`}. Choose a cycle to see more.</p>`}
</header>`;
}

/** The clickable title: a data attribute in the editor, a link to the document in a file. */
function opener(text: string, number: number, path: string, context: RenderContext, classes: string): string {
  if (context.options.interactive && number >= 0) return `<a class="${classes}" data-open="${number}" role="button" tabindex="0">${text}</a>`;
  const href = context.options.hrefOf?.(path);
  return href ? `<a class="${classes}" href="${escapeHtml(href)}">${text}</a>` : `<span class="${classes}">${text}</span>`;
}

function problemBadge(counts: SeverityCounts): string {
  const serious = counts.error + counts.warning;
  if (serious === 0) return '';
  const worst = counts.error > 0 ? 'error' : 'warning';
  return ` <span class="badge problem ${worst}" title="${escapeHtml(countsText(counts))}">${serious} ${counts.error > 0 ? '&#10006;' : '&#9888;'}<span class="visually-hidden"> ${escapeHtml(countsText(counts))}</span></span>`;
}

function objectiveState(objective: DashboardObjective): string[] {
  if (objective.status === 'dropped') return ['dropped'];
  if (objective.progress !== null && objective.progress >= 1 - 1e-9) return ['done'];
  if (objective.pace?.behind) return ['behind'];
  return [];
}

/** Appends an objective's list item to `out` (one buffer for the whole tree: no copies of subtrees). */
function objectiveItem(objective: DashboardObjective, context: RenderContext, path: Set<DashboardObjective>, out: string[]): void {
  const state = objectiveState(objective);
  const dropped = objective.status === 'dropped';
  const titleText = escapeHtml(objective.title || objective.id || '(untitled objective)');
  const title = opener(dropped ? `<s>${titleText}</s>` : titleText, context.numberOf(objective), objective.path, context, 'title');
  const meta = [
    objective.level ?? 'no level',
    objective.cycle ? `<span title="${escapeHtml(`${objective.cycle.start} – ${objective.cycle.end}`)}">${escapeHtml(objective.cycle.label)}</span>` : 'no cycle',
    ...(objective.owner ? [escapeHtml(objective.owner)] : []),
    ...measuredNote(objective),
    `<span class="location">${escapeHtml(`${objective.path}:${objective.line + 1}`)}</span>`,
    ...(objective.inferred ? [outlineNote('No Objective: prefix: read from the outline of the document')] : []),
  ].join(' · ');
  const badges = [
    dropped ? ' <span class="badge dropped-badge" title="Dropped objectives are not counted in their parents\' progress">dropped</span>' : '',
    objective.pace?.behind && !dropped ? ` <span class="badge behind-badge" title="${escapeHtml(`expected ${percent(objective.pace.expected)} by today`)}">behind pace</span>` : '',
    problemBadge(objective.problems),
  ].join('');
  const keyResults = objective.keyResults.length > 0 ? `\n<ul class="key-results">${objective.keyResults.map((kr) => keyResultItem(kr, !objective.inferred)).join('')}</ul>` : '';
  out.push(`<li class="${['objective', objective.level ?? 'no-level', ...state].join(' ')}">
<div class="row">${progressBar(objective.progress, 'objective')}<span class="pct">${percentHtml(objective.progress)}</span> ${title}${badges}<div class="meta">${meta}</div></div>${keyResults}`);
  const children = objective.children.filter((c) => !path.has(c));
  if (children.length > 0 || objective.hiddenChildren) {
    out.push('\n<ul class="objectives">\n');
    const nextPath = new Set(path).add(objective);
    children.forEach((child, i) => {
      if (i > 0) out.push('\n');
      objectiveItem(child, context, nextPath, out);
    });
    if (objective.hiddenChildren) out.push(`${children.length > 0 ? '\n' : ''}<li class="hidden-children muted">+ ${plural(objective.hiddenChildren, 'aligned objective')} not shown</li>`);
    out.push('\n</ul>');
  }
  out.push('\n</li>');
}

/** `1 of 5 key results measured`, when some but not all are (the others count as 0 %); `unmeasured` when none is. */
function measuredNote(objective: DashboardObjective): string[] {
  if (objective.progress === null) return [`<span class="unmeasured-note" title="No key result and no aligned objective is measured">unmeasured</span>`];
  const text = measuredText(objective.keyResultsCounted ?? 0, objective.keyResultsMeasured ?? 0);
  return text ? [`<span class="measured" title="Unmeasured key results count as 0 %">${escapeHtml(text)}</span>`] : [];
}

function outlineNote(title: string): string {
  return `<span class="outline-note" title="${escapeHtml(title)}">${OUTLINE_NOTE}</span>`;
}

/**
 * After a key result's title: `unmeasured` (rather than a bare dash), `144 % — over-achieved`
 * when stated above 100 %, and whether it was read from the outline.
 */
function keyResultNotes(keyResult: DashboardKeyResult, showOutline: boolean): string {
  const unmeasured = keyResult.progress === null && !keyResult.cancelled ? ` <span class="meta">· <span class="unmeasured-note" title="No checkbox, progress or valid target to measure it by">unmeasured</span></span>` : '';
  const over = keyResult.overAchieved !== undefined ? ` <span class="over-achieved" title="Counts as 100 % in roll-ups">${escapeHtml(overAchievedText(keyResult.overAchieved))}</span>` : '';
  const outline = showOutline && keyResult.inferred ? ` <span class="meta">· ${outlineNote('No KR: prefix: read from the outline of the document')}</span>` : '';
  return unmeasured + over + outline;
}

/** A key result's list item; `showOutline` when its objective does not already say it was read from the outline. */
function keyResultItem(keyResult: DashboardKeyResult, showOutline: boolean): string {
  const id = keyResult.id ? ` <code>^${escapeHtml(keyResult.id)}</code>` : '';
  const owner = keyResult.owner ? ` <span class="meta">· ${escapeHtml(keyResult.owner)}</span>` : '';
  const title = escapeHtml(keyResult.title || '(key result)');
  const cancelled = keyResult.cancelled ? ' <span class="badge dropped-badge" title="Cancelled key results count for nothing">cancelled</span>' : '';
  const done = !keyResult.cancelled && keyResult.progress !== null && keyResult.progress >= 1 - 1e-9;
  return `<li class="key-result${keyResult.cancelled ? ' cancelled' : done ? ' done' : ''}">${progressBar(keyResult.progress, 'keyResult')}<span class="pct">${percentHtml(keyResult.progress)}</span> <span class="kr-title">${keyResult.cancelled ? `<s>${title}</s>` : title}</span>${keyResultNotes(keyResult, showOutline)}${id}${owner}${cancelled}${problemBadge(keyResult.problems)}</li>`;
}

function* tree(dashboard: Dashboard, context: RenderContext): Generator<string> {
  yield '<section class="tree" aria-labelledby="tree-heading">\n<h2 id="tree-heading">Alignment</h2>\n';
  if (dashboard.objectives.length === 0) yield '<p class="muted">No objectives to show.</p>';
  else {
    yield '<ul class="objectives root">\n';
    for (const [i, objective] of dashboard.objectives.entries()) {
      const out: string[] = i > 0 ? ['\n'] : [];
      objectiveItem(objective, context, new Set(), out);
      yield out.join('');
    }
    yield '\n</ul>';
  }
  yield '\n</section>';
}

function lane(label: string, tip: string, shapes: string, timeline: Timeline<DashboardObjective>): string {
  const grid = timeline.ticks.map((t) => `<line class="tick" x1="${t.at}" x2="${t.at}" y1="0" y2="10" vector-effect="non-scaling-stroke"/>`).join('');
  const today = timeline.today;
  const todayLine = today === null ? '' : `<line class="today" x1="${today}" x2="${today}" y1="0" y2="10" vector-effect="non-scaling-stroke"/>`;
  return `<div class="lane"><div class="lane-label" title="${escapeHtml(tip)}">${label}</div><svg class="lane-track" viewBox="0 0 100 10" preserveAspectRatio="none">${grid}${shapes}${todayLine}</svg></div>`;
}

/** Month names under the lanes, and today: SVG text placed in percent (no inline styles). */
function axis(timeline: Timeline<DashboardObjective>, today: string): string {
  const edge = (at: number) => (at < 3 ? 'start' : at > 97 ? 'end' : 'middle');
  const labels = timeline.ticks.map((t) => `<text x="${t.at}%" y="11" text-anchor="${edge(t.at)}">${escapeHtml(t.label)}</text>`);
  if (timeline.today !== null) {
    const anchor = timeline.today < 8 ? 'start' : timeline.today > 92 ? 'end' : 'middle';
    labels.push(`<text class="today-label" x="${timeline.today}%" y="25" text-anchor="${anchor}">today ${escapeHtml(today)}</text>`);
  }
  return `<div class="lane axis"><div class="lane-label muted">${escapeHtml(`${timeline.from} – ${timeline.to}`)}</div><svg class="axis-labels" width="100%" height="30">${labels.join('')}</svg></div>`;
}

function timelineFigure(timeline: Timeline<DashboardObjective>, context: RenderContext): string {
  const band = `<rect class="band" x="${timeline.band.left}" width="${timeline.band.width}" y="0" height="10"/>`;
  const bandBackground = `<rect class="band-background" x="${timeline.band.left}" width="${timeline.band.width}" y="0" height="10"/>`;
  const strategic = timeline.strategic.map((o) => escapeHtml(o.title || o.id || '(untitled objective)')).join(' · ');
  const lanes = [lane(`<strong>${escapeHtml(timeline.label)}</strong> <span class="muted">${escapeHtml(`${timeline.start} – ${timeline.end}`)}</span>`, `${timeline.label} ${timeline.start} – ${timeline.end}`, band, timeline)];
  for (const bar of timeline.bars) {
    const o = bar.objective;
    const cycle = o.cycle!;
    const classes = ['timeline-bar', ...(bar.outside ? ['outside'] : []), ...(bar.clipped ? ['clipped'] : []), ...objectiveState(o)].join(' ');
    const tip = `${o.title} · ${cycle.label} (${cycle.start} – ${cycle.end})${bar.outside ? ' · outside the strategic cycle' : ''}${bar.clipped ? ' · cut at the edge of the timeline' : ''}`;
    const title = opener(escapeHtml(o.title || o.id || '(untitled objective)'), context.numberOf(o), o.path, context, 'title');
    const label = `${o.status === 'dropped' ? `<s>${title}</s>` : title} <span class="muted">${escapeHtml(cycle.label)}</span>${bar.outside ? ' <span class="badge outside-badge">outside</span>' : ''}${bar.clipped ? ' <span class="badge outside-badge">beyond the timeline</span>' : ''}`;
    const shape = `<rect class="${classes}" x="${bar.left}" width="${bar.width}" y="2" height="6"><title>${escapeHtml(tip)}</title></rect>`;
    lanes.push(lane(label, tip, bandBackground + shape, timeline));
  }
  const empty = timeline.bars.length === 0 ? '<p class="muted">No operational objectives aligned below.</p>' : '';
  return `<figure class="timeline">
<figcaption><strong>${escapeHtml(timeline.label)}</strong>: ${strategic}</figcaption>
${lanes.join('\n')}
${axis(timeline, context.today)}${empty}
</figure>`;
}

function* timelineSection(all: Timeline<DashboardObjective>[], context: RenderContext): Generator<string> {
  yield '<section class="timelines" aria-labelledby="timeline-heading">\n<h2 id="timeline-heading">Timeline</h2>\n';
  if (all.length === 0) yield '<p class="muted">No strategic objective with a cycle.</p>';
  for (const [i, timeline] of all.entries()) yield `${i > 0 ? '\n' : ''}${timelineFigure(timeline, context)}`;
  yield '\n</section>';
}

/**
 * Errors and warnings first, then info and hints, quieter and after a line that counts them
 * (as VS Code's Problems view sorts: by severity, then file and line). The heading counts
 * each severity, so that one error among six infos is seen at once.
 */
function* problemsSection(problems: DashboardProblem[], more: SeverityCounts | undefined, context: RenderContext): Generator<string> {
  const counts = allCounts(problems, more);
  const any = SEVERITIES.some((severity) => counts[severity] > 0);
  yield `<section class="problems" aria-labelledby="problems-heading">\n<h2 id="problems-heading">Problems${any ? ` <span class="muted">${escapeHtml(countsText(counts))}</span>` : ''}</h2>\n`;
  if (!any) yield '<p class="muted">No problems.</p>';
  else {
    const left = more ? SEVERITIES.reduce((n, severity) => n + more[severity], 0) : 0;
    const moreItem = left > 0 ? `<li class="more-problems muted">+ ${plural(left, 'more problem')} (${escapeHtml(countsText(more!))}): see the Problems panel or okr check</li>` : undefined;
    // buildDashboard sorts them already; a page of data from elsewhere reads the same.
    const sorted = bySeverity(problems);
    const serious = sorted.filter((p) => p.severity === 'error' || p.severity === 'warning');
    const quiet = sorted.filter((p) => p.severity === 'info' || p.severity === 'hint');
    if (serious.length > 0 || quiet.length === 0) yield* problemList('problem-list', serious, quiet.length === 0 ? moreItem : undefined, context);
    if (quiet.length > 0) {
      if (serious.length > 0) yield `\n<p class="quiet-lead muted">And ${escapeHtml(countsText(problemCounts(quiet)))}, less urgent:</p>\n`;
      yield* problemList('problem-list quiet', quiet, moreItem, context);
    }
  }
  yield '\n</section>';
}

/** One `<ol>` of problems, item by item (a large workspace has thousands), and `last` after them. */
function* problemList(classes: string, problems: DashboardProblem[], last: string | undefined, context: RenderContext): Generator<string> {
  yield `<ol class="${classes}">\n`;
  for (const [i, problem] of problems.entries()) yield `${i > 0 ? '\n' : ''}${problemItem(problem, context)}`;
  if (last) yield `${problems.length > 0 ? '\n' : ''}${last}`;
  yield '\n</ol>';
}

function problemItem(problem: DashboardProblem, context: RenderContext): string {
  const where = escapeHtml(`${problem.path}:${problem.line + 1}:${problem.character + 1}`);
  const number = context.problemNumbers.get(problem)!;
  const href = context.options.hrefOf?.(problem.path);
  const link = context.options.interactive
    ? `<a class="location" data-problem="${number}" role="button" tabindex="0">${where}</a>`
    : href
      ? `<a class="location" href="${escapeHtml(href)}">${where}</a>`
      : `<span class="location">${where}</span>`;
  return `<li class="problem ${problem.severity}"><span class="severity">${problem.severity}</span> ${link} ${escapeHtml(problem.message)} <code>${escapeHtml(problem.code)}</code></li>`;
}
