// `okr history` as text, CSV and markdown (with a Mermaid chart per strategic objective,
// which GitHub renders). Document text and author names are data: escaped for each format.
import type { HistoryPointJson, HistoryReport, KeyResultHistory, ObjectiveHistory } from '../../okr/history/historyReport.ts';
import { codeSpan, escapeMarkdown, percent } from '../../okr/report/format.ts';
import { singleLine } from '../../okr/model/text.ts';

/** `+16 pts`, `−4 pts`, `±0 pts`; empty when unmeasured. */
function changeText(change: number | null): string {
  if (change === null) return '';
  const points = Math.round(change * 100);
  return points > 0 ? `+${points} pts` : points < 0 ? `−${-points} pts` : '±0 pts';
}

/** One line's worth of text: a title or a name cannot move the cursor. */
const plain = singleLine;

function pointText(point: HistoryPointJson): string {
  const confidence = point.confidence !== null ? `, confidence ${point.confidence}` : '';
  const who = point.commit === null ? 'not committed' : `${plain(point.author ?? '?')}, ${point.commit.slice(0, 8)}`;
  return `${point.date}  ${percent(point.progress).padStart(5)}${confidence}  (${who})`;
}

function seriesSummary(series: KeyResultHistory): string {
  const first = series.points[0];
  const last = series.points.at(-1);
  if (!first || !last) return 'no change in the period';
  const change = changeText(series.change);
  return `${percent(last.progress)}${change ? ` (${change})` : ''}, ${series.points.length} point${series.points.length === 1 ? '' : 's'}`;
}

export function formatHistoryText(report: HistoryReport): string {
  if (report.unavailable) return `No history: ${report.unavailable}\n`;
  const lines: string[] = [];
  for (const objective of report.objectives) {
    const id = objective.id !== null ? ` {#${plain(objective.id)}}` : '';
    const forecast = objective.forecast !== null ? `, forecast ${percent(objective.forecast)} at the end of ${objective.cycle}` : '';
    lines.push(`${plain(objective.path)}: ${plain(objective.title)}${id}: ${seriesSummary(objective)}${forecast}`);
    for (const point of objective.points) lines.push(`  ${pointText(point)}`);
    for (const keyResult of objective.keyResults) {
      const krId = keyResult.id !== null ? ` ^${plain(keyResult.id)}` : '';
      lines.push(`  KR ${plain(keyResult.title)}${krId}: ${seriesSummary(keyResult)}`);
      for (const point of keyResult.points) lines.push(`    ${pointText(point)}`);
    }
  }
  if (lines.length === 0) lines.push('No objectives in the period.');
  return `${lines.join('\n')}\n`;
}

/** A CSV field (RFC 4180), with a leading `=`, `+`, `-` or `@` quoted away from spreadsheets' formulas. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatHistoryCsv(report: HistoryReport): string {
  const rows = [['path', 'objective_id', 'objective', 'key_result_id', 'key_result', 'date', 'progress', 'confidence', 'author', 'commit'].join(',')];
  const add = (objective: ObjectiveHistory, keyResult: KeyResultHistory | undefined, point: HistoryPointJson) =>
    rows.push(
      [objective.path, objective.id, objective.title, keyResult?.id ?? null, keyResult?.title ?? null, point.date, point.progress, point.confidence, point.author, point.commit].map(csvField).join(','),
    );
  for (const objective of report.objectives) {
    for (const point of objective.points) add(objective, undefined, point);
    for (const keyResult of objective.keyResults) for (const point of keyResult.points) add(objective, keyResult, point);
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** Text inside a Mermaid `"…"` string: no quotes, brackets, or characters that end the block. */
function mermaidString(text: string): string {
  const cleaned = text.replace(/["`<>{}[\]\\;#%]/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.length > 80 ? `${cleaned.slice(0, 79)}…` : cleaned || 'untitled';
}

/** A Mermaid `xychart-beta` of an objective's progress, one value per day (its last). */
function progressChart(objective: ObjectiveHistory): string[] {
  const byDay = new Map<string, number>();
  for (const point of objective.points) if (point.progress !== null) byDay.set(point.date, Math.round(point.progress * 100));
  if (byDay.size === 0) return [];
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${mermaidString(objective.title)}"`,
    `    x-axis [${[...byDay.keys()].map((day) => `"${day}"`).join(', ')}]`,
    '    y-axis "Progress (%)" 0 --> 100',
    `    line [${[...byDay.values()].join(', ')}]`,
    '```',
  ];
}

export function formatHistoryMarkdown(report: HistoryReport): string {
  const lines = [`# OKR history (${report.today})`, ''];
  if (report.unavailable) return `${lines.join('\n')}No history: ${escapeMarkdown(report.unavailable)}\n`;
  for (const objective of report.objectives) {
    const id = objective.id !== null ? ` ${codeSpan(`{#${objective.id}}`)}` : '';
    lines.push(`## ${escapeMarkdown(objective.title)}${id}`, '', `${codeSpan(objective.path)}: ${escapeMarkdown(seriesSummary(objective))}`);
    if (objective.forecast !== null) lines.push('', `Forecast: ${percent(objective.forecast)} at the end of ${escapeMarkdown(objective.cycle ?? '')}.`);
    if (objective.level === 'strategic') {
      const chart = progressChart(objective);
      if (chart.length > 0) lines.push('', ...chart);
    }
    if (objective.keyResults.length > 0) {
      lines.push('', '| key result | now | change | points | last check-in |', '|---|---:|---:|---:|---|');
      for (const keyResult of objective.keyResults) {
        const last = keyResult.points.at(-1);
        const who = last ? `${last.date}${last.author ? ` by ${escapeMarkdown(last.author)}` : last.commit === null ? ' (not committed)' : ''}` : '—';
        lines.push(`| ${escapeMarkdown(keyResult.title)} | ${last ? percent(last.progress) : '—'} | ${changeText(keyResult.change) || '—'} | ${keyResult.points.length} | ${who} |`);
      }
    }
    lines.push('');
  }
  if (report.objectives.length === 0) lines.push('No objectives in the period.', '');
  return lines.join('\n');
}
