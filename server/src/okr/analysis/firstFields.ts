// The first field of each key of an objective or key result: what its settings and values
// read (a repeated field is reported, not used).
import type { Field } from '../model/model.ts';

/** The field of `key` among first fields. */
export function fieldOf(fields: readonly Field[], key: string): Field | undefined {
  return fields.find((field) => field.key === key);
}

/**
 * The first field of each key, in order: the list itself when no key repeats (the usual case:
 * no copy, and no Map per objective or key result kept); `onRepeat` hears of every later one.
 */
export function firstOfEachKey(fields: readonly Field[], onRepeat: (field: Field, first: Field) => void): readonly Field[] {
  // A Map only while reading (not kept).
  const firsts = new Map<string, Field>();
  for (const field of fields) {
    const first = firsts.get(field.key);
    if (!first) firsts.set(field.key, field);
    else onRepeat(field, first);
  }
  return firsts.size === fields.length ? fields : [...firsts.values()];
}
