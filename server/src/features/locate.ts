// What sits at a position of an OKR document: a reference, a heading, a key result,
// a cycle value, a frontmatter key.
import type { Field, KeyResult, Objective, OkrDocument, Reference } from '../okr/model/model.ts';
import { contains, type Position, type Range } from '../okr/model/text.ts';

export { contains };

export type Located =
  | { kind: 'reference'; objective: Objective; reference: Reference; part: 'target' | 'fragment' | 'whole' }
  | { kind: 'heading'; objective: Objective }
  | { kind: 'keyResult'; objective: Objective; keyResult: KeyResult; onId: boolean }
  | { kind: 'cycle'; objective?: Objective; text: string; range: Range }
  | { kind: 'field'; objective: Objective; field: Field };


export function locate(document: OkrDocument, position: Position): Located | undefined {
  const cycle = document.frontmatter.cycle;
  if (cycle && contains(cycle.range, position)) return { kind: 'cycle', text: cycle.value, range: cycle.range };
  for (const objective of document.objectives) {
    if (!contains(objective.sectionRange, position)) continue;
    if (contains(objective.headingRange, position)) return { kind: 'heading', objective };
    for (const reference of objective.references) {
      if (!contains(reference.range, position)) continue;
      const part =
        reference.fragmentRange && contains(reference.fragmentRange, position)
          ? 'fragment'
          : reference.targetRange && contains(reference.targetRange, position)
            ? 'target'
            : 'whole';
      return { kind: 'reference', objective, reference, part };
    }
    for (const keyResult of objective.keyResults) {
      if (contains(keyResult.range, position)) {
        return { kind: 'keyResult', objective, keyResult, onId: !!keyResult.idRange && contains(keyResult.idRange, position) };
      }
    }
    for (const field of objective.fields) {
      if (!contains(field.range, position)) continue;
      if (field.key === 'cycle') return { kind: 'cycle', objective, text: field.value, range: field.range };
      return { kind: 'field', objective, field };
    }
  }
  return undefined;
}
