// What `okr check` found, in the order every output format uses: files by path,
// diagnostics by line, character, then code.
import type { Diagnostic, Severity } from '../../okr/model/diagnostics.ts';

export interface FileResult {
  /** Relative to the current directory, with `/`. */
  path: string;
  diagnostics: Diagnostic[];
  /** The config file: listed, but not counted as a document. */
  isConfig?: boolean;
}

export interface CheckResult {
  files: FileResult[];
  /** Objectives in the documents checked (the config file has none). */
  objectives: number;
  /** Key results of those objectives, cancelled ones included. */
  keyResults: number;
}

export type SeverityCounts = Record<Severity, number>;

export function countSeverities(result: CheckResult): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of result.files) for (const d of file.diagnostics) counts[d.severity]++;
  return counts;
}
