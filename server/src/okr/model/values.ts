// Key-result values (SPEC §3): numbers with an optional sign, currency, thousands
// commas and unit, and what a key result's own fields say about its progress.
import { clamp01, compare, div, fromDecimal, fromInteger, ONE, sub, ZERO, type Rational } from './rational.ts';

/** Shared between the fields that write the same text (see parseQuantity): never changed. */
export interface Quantity {
  readonly value: number;
  /** The value exactly, for arithmetic. */
  readonly exact: Rational;
  /** `%`, `h`, `users`, `$`…; a currency symbol counts as a unit. */
  readonly unit: string | null;
}

const QUANTITY = /^(-?)([$€£]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(%|\p{L}+)?$/u;

/** Values quoted in messages are cut to this many characters (a diagnostic is one line). */
const MAX_QUOTE_LENGTH = 40;

/** A field as written, for messages: `[target:: 0.4]` (long values cut). */
function shownField(key: string, text: string): string {
  const trimmed = text.trim();
  return `\`[${key}:: ${trimmed.length > MAX_QUOTE_LENGTH ? `${trimmed.slice(0, MAX_QUOTE_LENGTH)}…` : trimmed}]\``;
}

/**
 * The quantities read so far, by text: a workspace writes the same few values (`0`, `100%`,
 * `5`) in thousands of fields, and each quantity holds a fraction of two big integers.
 * Bounded: emptied when full, so a long-running server does not keep every value ever typed.
 */
const readQuantities = new Map<string, Quantity | undefined>();
const MAX_READ_QUANTITIES = 4096;

/** Parses `-$1,200.50`, `2.5%`, `3.5h`, `1k` (the number 1 with unit `k`); undefined if not a value. */
export function parseQuantity(text: string): Quantity | undefined {
  if (readQuantities.has(text)) return readQuantities.get(text);
  const quantity = readQuantity(text);
  if (text.length <= 64) {
    if (readQuantities.size >= MAX_READ_QUANTITIES) readQuantities.clear();
    readQuantities.set(text, quantity);
  }
  return quantity;
}

function readQuantity(text: string): Quantity | undefined {
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

/** The fields that make a metric. */
export type MetricKey = 'start' | 'current' | 'target';
const METRIC_KEYS = ['start', 'current', 'target'] as const;

/** A problem with a key result's values, in the order SPEC §6 reports them (first only). */
export interface ValueProblem {
  code: 'kr-value-invalid' | 'kr-unit-mismatch' | 'kr-invalid-range';
  message: string;
  /** The field it is about (the first one when several are), where it is reported. */
  field?: MetricKey | 'progress';
}

/**
 * A value without a unit beside values that carry one (`[target:: 0.4]` beside `0%` and
 * `20%`): allowed by SPEC §3 and computed as written, but most likely a slip, so it is
 * shown (a warning) with the value it probably means.
 */
export interface MissingUnit {
  field: MetricKey;
  /** What probably was meant: `40%` for 0.4 beside percentages, else the value with the unit. */
  suggestion: string;
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
  /** Unitless metric values beside ones with a unit; only when there is no problem. */
  missingUnits?: MissingUnit[];
}

export interface MeasureFields {
  start?: string;
  current?: string;
  target?: string;
  progress?: string;
}

type Quantities = Partial<Record<MetricKey, Quantity>>;

/** One thing wrong with one field, a part of a kr-value-invalid message. */
interface InvalidValue {
  key: MetricKey | 'progress';
  text: string;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "start", "start and current". */
function listed(keys: string[]): string {
  return keys.length < 2 ? keys.join('') : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
}

/** The `progress` field: its fraction, or what is wrong with it. */
function readProgress(text: string, result: OwnMeasure, invalid: InvalidValue[]): void {
  const q = parseQuantity(text);
  if (!q) invalid.push({ key: 'progress', text: `${shownField('progress', text)} is not a percentage (write e.g. 60%)` });
  else if (q.unit !== null && q.unit !== '%') invalid.push({ key: 'progress', text: `${shownField('progress', text)} is not a percentage: progress is 0–100 % (write e.g. 60%)` });
  else if (compare(q.exact, ZERO) < 0) invalid.push({ key: 'progress', text: `${shownField('progress', text)} is below 0 %` });
  else if (compare(q.exact, fromInteger(100)) > 0) {
    // Over-achieved: shown as such, counted as complete in roll-ups.
    result.overAchieved = div(q.exact, fromInteger(100));
    result.progress = ONE;
  } else result.progress = div(q.exact, fromInteger(100));
}

/** Start, current and target carrying two different units: the first field that differs. */
function unitMismatch(quantities: Quantities, fields: MeasureFields): ValueProblem | undefined {
  const units = METRIC_KEYS.flatMap((key) => (quantities[key]?.unit ? [{ key, unit: quantities[key].unit }] : []));
  const first = units[0];
  const other = first && units.find((u) => u.unit !== first.unit);
  if (!first || !other) return undefined;
  return {
    code: 'kr-unit-mismatch',
    message: `${shownField(other.key, fields[other.key]!)} is in ${other.unit} while ${first.key} is in ${first.unit}: use one unit`,
    field: other.key,
  };
}

/** `0.4` → `40`, `0.125` → `12.5`, `1` → `100`: the decimal point moved, exactly. */
function timesHundred(text: string): string | undefined {
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const [, sign, , integer, decimals] = match;
  const integerDigits = integer!.replace(/,/g, '');
  const digits = integerDigits + (decimals?.slice(1) ?? '').padEnd(2, '0');
  const point = integerDigits.length + 2;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** `text` written with `unit` as `like` writes it: `$` before the number, a space before `users` if `like` has one. */
function withUnit(text: string, unit: string, like: string): string {
  const number = text.trim();
  const currency = /^[$€£]/.test(unit) ? unit[0]! : '';
  const suffix = unit.slice(currency.length);
  const spaced = suffix !== '' && /\s(?:%|\p{L}+)$/u.test(like.trim());
  const sign = number.startsWith('-') ? '-' : '';
  return `${sign}${currency}${number.slice(sign.length)}${suffix ? `${spaced ? ' ' : ''}${suffix}` : ''}`;
}

/**
 * A fraction up to 1 beside percentages reads as a share (0.4 = 40%), unless the other values
 * are themselves that small (start 4%, current 3.1%, target 1 → 1%): ×100 when the geometric
 * mean of the other non-zero values is at least ten times the fraction.
 */
function readsAsShare(q: Quantity, others: Quantity[]): boolean {
  const magnitude = Math.abs(q.value);
  if (magnitude === 0 || magnitude > 1) return false;
  const sizes = others.map((o) => Math.abs(o.value)).filter((v) => v > 0);
  if (sizes.length === 0) return true;
  const typical = Math.exp(sizes.reduce((sum, v) => sum + Math.log(v), 0) / sizes.length);
  return typical >= 10 * magnitude;
}

/** Unitless non-zero values beside values that all carry one unit (zero is zero in any unit). */
function missingUnits(quantities: Quantities, fields: MeasureFields): MissingUnit[] {
  const withUnits = METRIC_KEYS.filter((key) => quantities[key]?.unit);
  const unit = withUnits.length > 0 ? quantities[withUnits[0]!]!.unit! : null;
  if (unit === null) return [];
  const out: MissingUnit[] = [];
  for (const key of METRIC_KEYS) {
    const q = quantities[key];
    if (!q || q.unit !== null || q.value === 0) continue;
    const written = fields[key]!;
    const others = withUnits.map((k) => quantities[k]!);
    const like = fields[withUnits[0]!]!;
    const share = unit === '%' && readsAsShare(q, others) ? timesHundred(written) : undefined;
    const suggestion = withUnit(share ?? written, unit, like);
    const verb = withUnits.length > 1 ? 'are' : 'is';
    out.push({
      field: key,
      suggestion,
      message: `${shownField(key, written)} has no unit while ${listed(withUnits)} ${verb} in ${unit}: did you mean ${suggestion}?`,
    });
  }
  return out;
}

/** The start of a key result that writes none. */
const ZERO_QUANTITY: Quantity = { value: 0, exact: ZERO, unit: null };

export function evaluateMeasure(fields: MeasureFields): OwnMeasure {
  const result: OwnMeasure = {};
  const invalid: InvalidValue[] = [];
  const quantities: Quantities = {};
  for (const key of METRIC_KEYS) {
    const text = fields[key];
    if (text === undefined) continue;
    const q = parseQuantity(text);
    if (q) quantities[key] = q;
    else invalid.push({ key, text: `${shownField(key, text)} is not a number (write e.g. 45, 2.5%, $1,200 or 3.5h)` });
  }
  if (fields.progress !== undefined) readProgress(fields.progress, result, invalid);
  if (fields.target === undefined) {
    const orphan = (['start', 'current'] as const).filter((k) => fields[k] !== undefined);
    if (orphan.length > 0) invalid.push({ key: orphan[0]!, text: `${orphan.join(' and ')} without a target: add [target:: …]` });
  }
  if (invalid.length > 0) {
    result.problem = { code: 'kr-value-invalid', message: capitalized(invalid.map((i) => i.text).join('; ')), field: invalid[0]!.key };
    return result;
  }
  const { target } = quantities;
  if (!target) return result;
  const start = quantities.start ?? ZERO_QUANTITY;
  const current = quantities.current ?? start;
  const mismatch = unitMismatch(quantities, fields);
  if (mismatch) {
    result.problem = mismatch;
    return result;
  }
  if (compare(target.exact, start.exact) === 0) {
    const equal = quantities.start ? 'equals start' : 'equals start, which is 0 when not written';
    result.problem = {
      code: 'kr-invalid-range',
      message: `${shownField('target', fields.target!)} ${equal}: progress cannot be measured`,
      field: 'target',
    };
    return result;
  }
  const raw = div(sub(current.exact, start.exact), sub(target.exact, start.exact));
  result.metric = { start, current, target, fraction: clamp01(raw) };
  const missing = missingUnits(quantities, fields);
  if (missing.length > 0) result.missingUnits = missing;
  return result;
}

/** A key result's `weight`: a number > 0 without unit; undefined when invalid. */
export function parseWeight(text: string): Rational | undefined {
  const q = parseQuantity(text);
  return q && q.unit === null && compare(q.exact, ZERO) > 0 ? q.exact : undefined;
}
