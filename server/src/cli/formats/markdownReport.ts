// `okr report --format markdown`: the alignment tree as nested lists, for a README,
// a wiki page or a pull-request comment.
import { CANCELLED_NOTE, escapeMarkdown, keyResultStateText, measuredText, OUTLINE_NOTE, overAchievedText, percent, progressWord } from '../../okr/report/format.ts';
import type { Report, ReportKeyResult, ReportObjective } from '../../okr/report/report.ts';
import { overallProgress } from '../../okr/report/dashboard.ts';
import { parseIsoDay } from '../../okr/model/calendar.ts';
import { timelines, type Timeline } from '../../okr/report/timeline.ts';

/** A ten-cell text bar: ▰▰▰▰▰▰▱▱▱▱. */
export function bar(progress: number | null): string {
  if (progress === null) return '';
  const filled = Math.max(0, Math.min(10, Math.round(progress * 10)));
  return `${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)} `;
}

function objectiveLine(objective: ReportObjective): string {
  const parts = [
    objective.level ?? 'no level',
    objective.cycle?.label ?? 'no cycle',
    ...(objective.owner ? [escapeMarkdown(objective.owner)] : []),
    ...optional(measuredText(objective.keyResultsCounted ?? 0, objective.keyResultsMeasured ?? 0)),
    `\`${objective.path}:${objective.line + 1}\``,
    ...(objective.inferred ? [`_${OUTLINE_NOTE}_`] : []),
  ];
  const title = objective.status === 'dropped' ? `~~${escapeMarkdown(objective.title)}~~ (dropped)` : `**${escapeMarkdown(objective.title)}**`;
  return `${bar(objective.progress)}${progressWord(objective.progress)} ${title} · ${parts.join(' · ')}`;
}

function optional(text: string | undefined): string[] {
  return text === undefined ? [] : [text];
}

/**
 * `KR 60 % Title ^id`, `KR ✓ 100 % …`, `KR unmeasured …` or `KR cancelled ~~Title~~ … · not
 * counted`, then `· 144 % — over-achieved` and `· read from the outline` (unless its objective says so).
 */
function keyResultLine(keyResult: ReportKeyResult, showOutline: boolean): string {
  const id = keyResult.id ? ` \`^${keyResult.id}\`` : '';
  const title = keyResult.cancelled && keyResult.title ? `~~${escapeMarkdown(keyResult.title)}~~` : escapeMarkdown(keyResult.title);
  const notes = [
    ...(keyResult.cancelled ? [CANCELLED_NOTE] : []),
    ...(keyResult.overAchieved !== undefined ? [overAchievedText(keyResult.overAchieved)] : []),
    ...(showOutline && keyResult.inferred ? [`_${OUTLINE_NOTE}_`] : []),
  ];
  return `KR ${keyResultStateText(keyResult)} ${title}${id}${notes.map((note) => ` · ${note}`).join('')}`;
}

function renderObjective(objective: ReportObjective, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  lines.push(`${indent}- ${objectiveLine(objective)}`);
  for (const keyResult of objective.keyResults) lines.push(`${indent}  - ${keyResultLine(keyResult, !objective.inferred)}`);
  for (const child of objective.children) renderObjective(child, depth + 1, lines);
}

export function formatMarkdownReport(report: Report, cycleLabel?: string): string {
  const lines = [`# OKR progress, ${report.today}`, ''];
  if (cycleLabel) lines.push(`Cycles overlapping ${escapeMarkdown(cycleLabel)}.`, '');
  if (report.objectives.length === 0) {
    lines.push('No objectives to report.');
    return `${lines.join('\n')}\n`;
  }
  const overall = overallProgress(report.objectives);
  if (overall.progress !== null) {
    lines.push(`Overall progress of ${overall.measured} top-level strategic objective${overall.measured === 1 ? '' : 's'}: ${percent(overall.progress)}`, '');
  }
  for (const objective of report.objectives) renderObjective(objective, 0, lines);
  const all = timelines(report.objectives, report.today);
  if (all.length > 0) {
    lines.push('', '## Timeline', '');
    for (const timeline of all) lines.push(...mermaidGantt(timeline, report.today), '');
    lines.pop();
  }
  return `${lines.join('\n')}\n`;
}

/** What Mermaid's gantt lexer reads at the start of a line as a statement, not a task name. */
const GANTT_STATEMENT = /^(?:acc\w*|href|call|click|gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|title|section)\b|^[\d(%]/i;

/**
 * Document text as a Mermaid gantt task name: `:` `;` `#` `%` end or comment a task line,
 * and backticks or angle brackets could close the fence or read as HTML, so they become
 * spaces; a name that would read as a statement (`Section 508…`, `2026-12-01 launch`) is
 * prefixed with a middle dot.
 */
export function mermaidText(text: string): string {
  const cut = mermaidLabel(text);
  return GANTT_STATEMENT.test(cut) ? `· ${cut}` : cut;
}

/** Text for a `title` or `section` line, which runs to the end of the line. */
function mermaidLabel(text: string): string {
  const cleaned = text.replace(/[:;#%`<>{}"\\[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  return (cleaned.length > 80 ? `${cleaned.slice(0, 79)}…` : cleaned) || 'untitled';
}

function days(start: string, end: string): number {
  return parseIsoDay(end)! - parseIsoDay(start)! + 1;
}

/**
 * One strategic cycle as a Mermaid `gantt` block (GitHub renders it): the cycle as a task,
 * each operational objective below it as a task (`crit` when it sticks out of the cycle,
 * `done` when complete), and the report's today as a milestone. Durations in days, because
 * Mermaid reads an end date as exclusive.
 */
export function mermaidGantt(timeline: Timeline<ReportObjective>, today: string): string[] {
  const lines = ['```mermaid', 'gantt', `    title ${mermaidLabel(`${timeline.label} (${timeline.start} to ${timeline.end})`)}`, '    dateFormat YYYY-MM-DD', '    axisFormat %b %d', '    todayMarker off'];
  lines.push(`    section ${mermaidLabel(timeline.label)}`);
  const objectives = timeline.strategic.length;
  lines.push(`    ${mermaidText(`Strategic cycle ${timeline.label}, ${objectives} objective${objectives === 1 ? '' : 's'}`)} :active, ${timeline.start}, ${days(timeline.start, timeline.end)}d`);
  if (timeline.today !== null) lines.push(`    Today ${today} :milestone, ${today}, 0d`);
  if (timeline.bars.length > 0) lines.push('    section Operational');
  for (const bar of timeline.bars) {
    const { objective } = bar;
    const cycle = objective.cycle!;
    const tags = [...(bar.outside ? ['crit'] : []), ...(objective.progress !== null && objective.progress >= 1 - 1e-9 ? ['done'] : [])];
    const name = mermaidText(`${objective.title}${objective.status === 'dropped' ? ' (dropped)' : ''} (${cycle.label})`);
    // Dates cut to the timeline's span, as the dashboard draws them (the name keeps the cycle).
    lines.push(`    ${name} :${tags.map((t) => `${t}, `).join('')}${bar.from}, ${days(bar.from, bar.to)}d`);
  }
  lines.push('```');
  return lines;
}
