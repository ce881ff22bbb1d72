// How sure a team is that a key result or an objective will land (issue 17): written
// `confidence:: 0.7`, `70%`, or `low` / `medium` / `high`, read as a number from 0 to 1.
import type { Field } from './model.ts';

/** The words teams use, as the numbers the history, hovers and reports show. */
export const CONFIDENCE_WORDS: ReadonlyMap<string, number> = new Map([
  ['low', 0.3],
  ['medium', 0.6],
  ['high', 0.9],
]);

/** A confidence as written, or undefined when it is none of the accepted forms. */
export function readConfidence(written: string): number | undefined {
  const text = written.trim().toLowerCase();
  const word = CONFIDENCE_WORDS.get(text);
  if (word !== undefined) return word;
  const percent = /^(\d{1,3}(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) {
    const value = Number(percent[1]) / 100;
    return value <= 1 ? value : undefined;
  }
  if (!/^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/.test(text)) return undefined;
  return Number(text);
}

/** The first `confidence::` field's value, null when there is none or it cannot be read. */
export function confidenceOf(fields: readonly Field[]): number | null {
  const field = fields.find((candidate) => candidate.key === 'confidence');
  return field ? (readConfidence(field.value) ?? null) : null;
}
