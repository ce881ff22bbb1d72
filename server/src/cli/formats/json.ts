// `okr check --format json` (SPEC §9), exactly that shape.
import { countSeverities, type CheckResult } from './checkResult.ts';

export function formatCheckJson(result: CheckResult): string {
  const counts = countSeverities(result);
  const output = {
    version: 1,
    files: result.files.map((file) => ({
      path: file.path,
      diagnostics: file.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
    })),
    summary: {
      files: result.files.filter((f) => !f.isConfig).length,
      objectives: result.objectives,
      keyResults: result.keyResults,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      hints: counts.hint,
    },
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
