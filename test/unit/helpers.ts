// Shared helpers for engine tests: an in-memory workspace analysed at a fixed "today".
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { defaultConfig, type OkrConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import type { Diagnostic } from '../../server/src/okr/model/diagnostics.ts';
import { indexFiles } from '../../server/src/okr/engine.ts';

export const TODAY = '2026-11-25';

/** `{ 'path.md': 'text' }` → an analysis of those files. */
export function analyze(files: Record<string, string>, options: { today?: string; config?: Partial<OkrConfig> } = {}): Analysis {
  const index = indexFiles(Object.entries(files).map(([path, text]) => ({ path, text })));
  return new Analysis(index, {
    config: { ...defaultConfig(), ...options.config },
    today: parseIsoDay(options.today ?? TODAY)!,
  });
}

/** Diagnostics of one file of an in-memory workspace. */
export function diagnose(files: Record<string, string>, path: string, options: Parameters<typeof analyze>[1] = {}): Diagnostic[] {
  const analysis = analyze(files, options);
  const document = analysis.index.get(path);
  if (!document) return [];
  return analysis.diagnostics(document);
}

/** `code@line` (0-based) for compact assertions. */
export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
}

/** Lines joined with \n, so fixtures read like files. */
export function md(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
