// What one key result's own fields say: first values, measure, weight, field problems.
import { makeDiagnostic, type Diagnostic } from '../model/diagnostics.ts';
import type { Field, KeyResult } from '../model/model.ts';
import { ONE, type Rational } from '../model/rational.ts';
import { evaluateMeasure, parseWeight, type OwnMeasure } from '../model/values.ts';

export interface KeyResultInfo {
  fields: Map<string, Field>;
  measure: OwnMeasure;
  weight: Rational;
  /** field-invalid: repeated fields, bad weight. */
  problems: Diagnostic[];
}

export function keyResultInfo(keyResult: KeyResult): KeyResultInfo {
  const fields = new Map<string, Field>();
  const problems: Diagnostic[] = [];
  for (const field of keyResult.fields) {
    const first = fields.get(field.key);
    if (!first) fields.set(field.key, field);
    else problems.push(makeDiagnostic('field-invalid', field.range, `[${field.key}:: …] is already set to "${first.value}"; this one is ignored`));
  }
  const measure = evaluateMeasure({
    start: fields.get('start')?.value,
    current: fields.get('current')?.value,
    target: fields.get('target')?.value,
    progress: fields.get('progress')?.value,
  });
  let weight = ONE;
  const weightField = fields.get('weight');
  if (weightField) {
    const parsed = parseWeight(weightField.value);
    if (parsed === undefined) {
      problems.push(makeDiagnostic('field-invalid', weightField.range, `\`[weight:: ${weightField.value}]\` is not a number greater than 0; counting it as 1`));
    } else weight = parsed;
  }
  return { fields, measure, weight, problems };
}
