// The diagnostic codes of SPEC §6, their default severities, and how a config changes them.
import type { Range } from './text.ts';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const DEFAULT_SEVERITY = {
  'frontmatter-invalid': 'error',
  'config-invalid': 'error',
  'level-missing': 'error',
  'field-invalid': 'error',
  // Not in SPEC §6 (issue 15): a line or bracket that looks like a known field but is not read.
  'field-near-miss': 'warning',
  'duplicate-id': 'error',
  'cycle-missing': 'error',
  'cycle-invalid': 'error',
  'cycle-too-long': 'warning',
  'cycle-too-short': 'warning',
  'cycle-outside-parent': 'error',
  'align-missing': 'error',
  'align-unresolved': 'error',
  'align-level': 'error',
  'align-cycle': 'error',
  'kr-missing': 'warning',
  'kr-too-many': 'info',
  'kr-value-invalid': 'error',
  'kr-unit-mismatch': 'error',
  'kr-unit-missing': 'warning',
  'kr-invalid-range': 'error',
  'kr-unmeasured': 'info',
  'strategic-unsupported': 'info',
  'cycle-ended-incomplete': 'info',
  'no-objectives': 'warning',
  // Not in SPEC §6, which has no code for it: a document the engine refuses to parse.
  'document-too-complex': 'error',
  // Not in SPEC §6 (issue 17): judged from the history in git, where there is one.
  'checkin-overdue': 'info',
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof DEFAULT_SEVERITY;

export const DIAGNOSTIC_CODES = Object.keys(DEFAULT_SEVERITY) as DiagnosticCode[];

/** One-line descriptions, for SARIF rules and documentation. */
export const CODE_DESCRIPTIONS: Record<DiagnosticCode, string> = {
  'frontmatter-invalid': 'The YAML frontmatter does not parse or a key has the wrong value.',
  'config-invalid': 'okr.config.json does not match its schema; defaults are used instead.',
  'level-missing': 'The objective has no level: no frontmatter `okr` and no `level::` field.',
  'field-invalid': 'A field has a bad value, is repeated, or the objective id is malformed.',
  'field-near-miss': 'A line or bracket looks like a known field (aligns: with one colon, align::) but is not read as one.',
  'duplicate-id': 'Two objectives share an id, or two key results of one objective do.',
  'cycle-missing': 'The objective has no cycle.',
  'cycle-invalid': 'The cycle does not parse or names an impossible date.',
  'cycle-too-long': 'The operational cycle is longer than operational.maxCycleDays.',
  'cycle-too-short': 'The strategic cycle is shorter than strategic.minCycleDays.',
  'cycle-outside-parent': 'The cycle does not lie within the cycle of the objective it aligns to.',
  'align-missing': 'The operational objective does not align to anything.',
  'align-unresolved': 'The alignment reference resolves to nothing.',
  'align-level': 'The alignment goes to an operational objective or key result.',
  'align-cycle': 'The alignment is circular.',
  'kr-missing': 'The objective has no key results and nothing aligns to it.',
  'kr-too-many': 'The objective has more key results than maxKeyResults.',
  'kr-value-invalid': 'A key-result value is not a number, is out of range, or lacks a target.',
  'kr-unit-mismatch': 'The start, current and target values carry different units.',
  'kr-unit-missing': 'A value has no unit while the other values of the key result have one (40 beside 30%): probably a slip.',
  'kr-invalid-range': 'The target equals the start.',
  'kr-unmeasured': 'The key result has no measurable progress.',
  'strategic-unsupported': 'No active operational objective supports this strategic objective.',
  'cycle-ended-incomplete': 'The operational cycle ended before the objective was complete.',
  'no-objectives': 'Nothing in this OKR document was read as an objective.',
  'document-too-complex': 'The document is too large or too deeply nested to analyse in bounded time.',
  'checkin-overdue': 'A key result of a running cycle has not changed in git for longer than checkIn.maxDays.',
};

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: Range;
}

export type SeveritySetting = Severity | 'off';

export function makeDiagnostic(code: DiagnosticCode, range: Range, message: string): Diagnostic {
  // A diagnostic leaves the engine: its range as positions, not as a document's offsets.
  return { code, severity: DEFAULT_SEVERITY[code], message, range: { start: range.start, end: range.end } };
}

/** Applies the config's per-code severities; `off` removes the diagnostic. */
export function applySeverities(
  diagnostics: Diagnostic[],
  overrides: Partial<Record<DiagnosticCode, SeveritySetting>>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = overrides[d.code];
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return out;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
