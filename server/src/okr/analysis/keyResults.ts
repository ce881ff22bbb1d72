// What one key result's own fields say: first values, measure, weight, field problems.
import { makeDiagnostic, type Diagnostic } from '../model/diagnostics.ts';
import type { Field, KeyResult } from '../model/model.ts';
import { ONE, type Rational } from '../model/rational.ts';
import { evaluateMeasure, parseWeight, type OwnMeasure } from '../model/values.ts';

export interface KeyResultInfo {
  /**
   * The first field of each key, in order: the key result's own list when no key repeats (the
   * usual case: no copy, and no Map per key result, which was 48 MB at 10,000 documents).
   */
  fields: readonly Field[];
  measure: OwnMeasure;
  weight: Rational;
  /** field-invalid: repeated fields, bad weight (one shared empty list when there are none). */
  problems: readonly Diagnostic[];
}

/** The field of `key` among a key result's first fields. */
export function fieldOf(fields: readonly Field[], key: string): Field | undefined {
  return fields.find((field) => field.key === key);
}

const NO_PROBLEMS: readonly Diagnostic[] = Object.freeze([]);

export function keyResultInfo(keyResult: KeyResult): KeyResultInfo {
  const problems: Diagnostic[] = [];
  // A Map only while reading (not kept): the first field of each key.
  const firsts = new Map<string, Field>();
  for (const field of keyResult.fields) {
    const first = firsts.get(field.key);
    if (!first) firsts.set(field.key, field);
    else problems.push(makeDiagnostic('field-invalid', field.range, `[${field.key}:: …] is already set to "${first.value}"; this one is ignored`));
  }
  const fields = problems.length === 0 ? keyResult.fields : [...firsts.values()];
  const measure = evaluateMeasure({
    start: fieldOf(fields, 'start')?.value,
    current: fieldOf(fields, 'current')?.value,
    target: fieldOf(fields, 'target')?.value,
    progress: fieldOf(fields, 'progress')?.value,
  });
  let weight = ONE;
  const weightField = fieldOf(fields, 'weight');
  if (weightField) {
    const parsed = parseWeight(weightField.value);
    if (parsed === undefined) {
      problems.push(makeDiagnostic('field-invalid', weightField.range, `\`[weight:: ${weightField.value}]\` is not a number greater than 0; counting it as 1`));
    } else weight = parsed;
  }
  return { fields, measure, weight, problems: problems.length > 0 ? problems : NO_PROBLEMS };
}
