// Key-result values (SPEC §3): numbers with an optional sign, currency, thousands
// commas and unit, and what a key result's own fields say about its progress.
import { clamp01, compare, div, fromDecimal, fromInteger, ONE, sub, ZERO, type Rational } from './rational.ts';

export interface Quantity {
  value: number;
  /** The value exactly, for arithmetic. */
  exact: Rational;
  /** `%`, `h`, `users`, `$`…; a currency symbol counts as a unit. */
  unit: string | null;
}

const QUANTITY = /^(-?)([$€£]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(%|\p{L}+)?$/u;

/** Values quoted in messages are cut to this many characters (a diagnostic is one line). */
const MAX_QUOTE_LENGTH = 40;

function quote(text: string): string {
  const trimmed = text.trim();
  return `"${trimmed.length > MAX_QUOTE_LENGTH ? `${trimmed.slice(0, MAX_QUOTE_LENGTH)}…` : trimmed}"`;
}

/** Parses `-$1,200.50`, `2.5%`, `3.5h`, `1k` (the number 1 with unit `k`); undefined if not a value. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const [, sign, currency, integer, decimals, suffix] = match;
  const digits = integer!.replace(/,/g, '');
  const value = Number(`${sign}${digits}${decimals ?? ''}`);
  const unit = `${currency ?? ''}${suffix ?? ''}` || null;
  const exact = fromDecimal(sign === '-', digits, decimals?.slice(1) ?? '');
  return { value: Object.is(value, -0) ? 0 : value, exact, unit };
}

export function formatQuantity(q: Quantity): string {
  const n = Number.isInteger(q.value) ? String(q.value) : String(Number(q.value.toPrecision(12)));
  if (!q.unit) return n;
  if (/^[$€£]/.test(q.unit)) {
    const sign = q.value < 0 ? '-' : '';
    return `${sign}${q.unit[0]}${n.replace('-', '')}${q.unit.slice(1)}`;
  }
  return q.unit === '%' ? `${n}%` : `${n}${q.unit.length > 1 ? ' ' : ''}${q.unit}`;
}

/** A problem with a key result's values, in the order SPEC §6 reports them (first only). */
export interface ValueProblem {
  code: 'kr-value-invalid' | 'kr-unit-mismatch' | 'kr-invalid-range';
  message: string;
}

export interface Metric {
  start: Quantity;
  current: Quantity;
  target: Quantity;
  /** (current − start) / (target − start), clamped to 0–1. */
  fraction: Rational;
}

/** What a key result's own fields say: its `progress`, its metric, and the first problem. */
export interface OwnMeasure {
  /** The `progress` field as a fraction 0–1 (over 100 % counts as 1). */
  progress?: Rational;
  /** The `progress` field when it states more than 100 % (`144%` is 1.44): over-achieved. */
  overAchieved?: Rational;
  metric?: Metric;
  problem?: ValueProblem;
}

export interface MeasureFields {
  start?: string;
  current?: string;
  target?: string;
  progress?: string;
}

export function evaluateMeasure(fields: MeasureFields): OwnMeasure {
  const result: OwnMeasure = {};
  const invalid: string[] = [];
  const quantities: Partial<Record<'start' | 'current' | 'target', Quantity>> = {};
  for (const key of ['start', 'current', 'target'] as const) {
    const text = fields[key];
    if (text === undefined) continue;
    const q = parseQuantity(text);
    if (q) quantities[key] = q;
    else invalid.push(`${key} ${quote(text)} is not a number (write e.g. 45, 2.5%, $1,200 or 3.5h)`);
  }
  if (fields.progress !== undefined) {
    const q = parseQuantity(fields.progress);
    if (!q) invalid.push(`progress ${quote(fields.progress)} is not a percentage (write e.g. 60%)`);
    else if (q.unit !== null && q.unit !== '%') invalid.push(`progress is a percentage, not ${quote(fields.progress)}`);
    else if (compare(q.exact, ZERO) < 0) invalid.push(`progress ${formatQuantity(q)} is below 0 %`);
    else if (compare(q.exact, fromInteger(100)) > 0) {
      // Over-achieved: shown as such, counted as complete in roll-ups.
      result.overAchieved = div(q.exact, fromInteger(100));
      result.progress = ONE;
    } else result.progress = div(q.exact, fromInteger(100));
  }
  if (fields.target === undefined) {
    const orphan = (['start', 'current'] as const).filter((k) => fields[k] !== undefined);
    if (orphan.length > 0) invalid.push(`${orphan.join(' and ')} without a target: add [target:: …]`);
  }
  if (invalid.length > 0) {
    result.problem = { code: 'kr-value-invalid', message: invalid.join('; ') };
    return result;
  }
  const { target } = quantities;
  if (!target) return result;
  const start = quantities.start ?? { value: 0, exact: ZERO, unit: null };
  const current = quantities.current ?? start;
  const units = (['start', 'current', 'target'] as const)
    .map((key) => ({ key, unit: quantities[key]?.unit ?? null }))
    .filter((u): u is { key: 'start' | 'current' | 'target'; unit: string } => u.unit !== null);
  const first = units[0];
  const other = first && units.find((u) => u.unit !== first.unit);
  if (first && other) {
    result.problem = {
      code: 'kr-unit-mismatch',
      message: `${first.key} is in ${first.unit} but ${other.key} is in ${other.unit}: use one unit`,
    };
    return result;
  }
  if (compare(target.exact, start.exact) === 0) {
    result.problem = {
      code: 'kr-invalid-range',
      message: `target equals start (${formatQuantity(target)}): progress cannot be measured`,
    };
    return result;
  }
  const raw = div(sub(current.exact, start.exact), sub(target.exact, start.exact));
  result.metric = { start, current, target, fraction: clamp01(raw) };
  return result;
}

/** A key result's `weight`: a number > 0 without unit; undefined when invalid. */
export function parseWeight(text: string): Rational | undefined {
  const q = parseQuantity(text);
  return q && q.unit === null && compare(q.exact, ZERO) > 0 ? q.exact : undefined;
}
