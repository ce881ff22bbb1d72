// `okr report --format markdown`: the alignment tree as nested lists, for a README,
// a wiki page or a pull-request comment.
import { escapeMarkdown, percent } from '../../okr/format.ts';
import type { Report, ReportKeyResult, ReportObjective } from '../../okr/report.ts';

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
    `\`${objective.path}:${objective.line + 1}\``,
  ];
  const title = objective.status === 'dropped' ? `~~${escapeMarkdown(objective.title)}~~ (dropped)` : `**${escapeMarkdown(objective.title)}**`;
  return `${bar(objective.progress)}${percent(objective.progress)} ${title} · ${parts.join(' · ')}`;
}

function keyResultLine(keyResult: ReportKeyResult): string {
  const id = keyResult.id ? ` \`^${keyResult.id}\`` : '';
  return `KR ${percent(keyResult.progress)} ${escapeMarkdown(keyResult.title)}${id}`;
}

function renderObjective(objective: ReportObjective, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  lines.push(`${indent}- ${objectiveLine(objective)}`);
  for (const keyResult of objective.keyResults) lines.push(`${indent}  - ${keyResultLine(keyResult)}`);
  for (const child of objective.children) renderObjective(child, depth + 1, lines);
}

export function formatMarkdownReport(report: Report, cycleLabel?: string): string {
  const lines = [`# OKR progress, ${report.today}`, ''];
  if (cycleLabel) lines.push(`Cycles overlapping ${escapeMarkdown(cycleLabel)}.`, '');
  if (report.objectives.length === 0) {
    lines.push('No objectives to report.');
    return `${lines.join('\n')}\n`;
  }
  const strategic = report.objectives.filter((o) => o.level === 'strategic' && o.status === 'active' && o.progress !== null);
  if (strategic.length > 0) {
    const overall = strategic.reduce((sum, o) => sum + (o.progress ?? 0), 0) / strategic.length;
    lines.push(`Overall progress of ${strategic.length} top-level strategic objective${strategic.length === 1 ? '' : 's'}: ${percent(overall)}`, '');
  }
  for (const objective of report.objectives) renderObjective(objective, 0, lines);
  return `${lines.join('\n')}\n`;
}
