// `okr check` text output: path:line:column: severity code message (1-based), and the
// summary line on stderr.
import { plural } from '../../okr/report/format.ts';
import { countSeverities, type CheckResult } from './checkResult.ts';

export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  for (const file of result.files) {
    for (const d of file.diagnostics) {
      lines.push(`${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * `okr: 3 OKR documents checked, 12 objectives, 40 key results, no problems`, or
 * `okr: 3 documents, 0 objectives, 0 key results: 0 errors, 3 warnings, 0 info`: what was
 * read is counted, so that documents read as nothing never pass unnoticed (issue 14).
 */
export function formatTextSummary(result: CheckResult): string {
  const counts = countSeverities(result);
  const documents = result.files.filter((f) => !f.isConfig).length;
  const read = `${plural(result.objectives, 'objective')}, ${plural(result.keyResults, 'key result')}`;
  const problems = counts.error + counts.warning + counts.info + counts.hint;
  return problems === 0
    ? `okr: ${plural(documents, 'OKR document')} checked, ${read}, no problems\n`
    : `okr: ${plural(documents, 'document')}, ${read}: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info + counts.hint} info\n`;
}
