// What one key result's own fields say: first values, measure, weight, field problems.
import { makeDiagnostic, type Diagnostic } from '../model/diagnostics.ts';
import type { Field, KeyResult } from '../model/model.ts';
import { fieldOf, firstOfEachKey } from './firstFields.ts';
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

const NO_PROBLEMS: readonly Diagnostic[] = Object.freeze([]);

export function keyResultInfo(keyResult: KeyResult): KeyResultInfo {
  const problems: Diagnostic[] = [];
  const fields = firstOfEachKey(keyResult.fields, (field, first) => {
    problems.push(makeDiagnostic('field-invalid', field.range, `[${field.key}:: …] is already set to "${first.value}"; this one is ignored`));
  });
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
