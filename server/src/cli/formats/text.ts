// `okr check` text output: path:line:column: severity code message (1-based).
import type { CheckResult } from './checkResult.ts';

export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  for (const file of result.files) {
    for (const d of file.diagnostics) {
      lines.push(`${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
