// "Did you mean" skips candidates whose characters alone put them too far away (issue 16: the
// full distance table for every id was 5 % of a 1,000-file check); the answers must be exactly
// those of comparing the wanted text with every candidate.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closest, Suggester } from '../../server/src/okr/analysis/suggest.ts';
import { editDistance } from '../../server/src/okr/model/editDistance.ts';

/** The plain definition: every candidate's full distance, no pruning. */
function closestByDefinition(wanted: string, candidates: string[], count: number): string[] {
  const key = wanted.toLowerCase();
  if (key.length > 200) return [];
  const limit = Math.max(2, Math.floor(key.length / 3));
  return candidates
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      return { candidate, distance: key.length >= 3 && lower.includes(key) ? 1 : editDistance(key, lower) };
    })
    .filter((scored) => scored.distance <= limit)
    .sort((x, y) => x.distance - y.distance || (x.candidate < y.candidate ? -1 : 1))
    .slice(0, count)
    .map((scored) => scored.candidate);
}

// Few letters, so that near ids are common; code units 32 apart (a, A, !) share a bit.
const letter = fc.constantFrom('a', 'b', 'c', 'A', 'B', '!', '"', '-', 'é', 'É', '1', '\u0101', '😀');
const id = fc.array(letter, { minLength: 0, maxLength: 12 }).map((letters) => letters.join(''));
/** An id and some of its neighbours: a swap, a dropped or a changed letter. */
const ids = fc.array(id, { minLength: 1, maxLength: 40 }).map((list) =>
  list.flatMap((text) => [text, text.slice(1), text.length > 1 ? text[1]! + text[0]! + text.slice(2) : text, `${text}c`]),
);

describe('did you mean: the closest candidates', () => {
  it('are those of comparing with every candidate, for any ids and any wanted text', () => {
    fc.assert(
      fc.property(ids, id, fc.integer({ min: 1, max: 5 }), (candidates, wanted, count) => {
        assert.deepEqual(closest(wanted, candidates, count), closestByDefinition(wanted, candidates, count));
        assert.deepEqual(new Suggester(candidates).suggest(wanted, count), closestByDefinition(wanted, candidates, count));
      }),
      { numRuns: 2000 },
    );
  });

  it('still offer a swap of two letters, a case change and a longer id holding the text', () => {
    const candidates = ['csat', 'CSAT-2027', 'CSAT', 'growth', 'platform', 'cast-away'];
    assert.deepEqual(closest('cast', candidates), ['CSAT', 'cast-away', 'csat']);
    assert.deepEqual(closest('GROWHT', candidates), ['growth']);
    assert.deepEqual(closest('zzzz', candidates), []);
  });
});
