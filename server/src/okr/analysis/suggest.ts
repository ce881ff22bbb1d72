// "Did you mean …?": the closest known ids to a misspelt one, offering only ids a
// reference could resolve to without an error.
import { editDistance } from '../model/editDistance.ts';
import type { Reference } from '../model/model.ts';
import type { Analysis } from './analysis.ts';

/** Up to `count` candidates closest to `wanted` (case-insensitive), best first. */
export function closest(wanted: string, candidates: Iterable<string>, count = 3): string[] {
  const key = wanted.toLowerCase();
  if (key.length > 200) return [];
  const limit = Math.max(2, Math.floor(key.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance = key.length >= 3 && lower.includes(key) ? 1 : editDistance(key, lower, limit);
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || (x.candidate < y.candidate ? -1 : 1));
  return scored.slice(0, count).map((s) => s.candidate);
}

/**
 * The three-character pieces of `^text$` (lower case), each as one number (three UTF-16
 * code units of 16 bits: exact below 2^53): no string per piece for 20,000 ids.
 */
function forEachTrigram(text: string, visit: (gram: number) => void): void {
  const padded = `^${text.toLowerCase()}$`;
  for (let i = 0; i + 3 <= padded.length; i++) visit((padded.charCodeAt(i) * 65536 + padded.charCodeAt(i + 1)) * 65536 + padded.charCodeAt(i + 2));
}

/**
 * `closest` for many questions over one set of ids: candidates are first narrowed to the
 * ids sharing the most trigrams with the wanted text, so a workspace with thousands of
 * broken references does not compare each with every id.
 */
export class Suggester {
  private readonly postings = new Map<number, number[]>();
  private readonly answers = new Map<string, string[]>();
  private shared?: Uint16Array;

  constructor(private readonly ids: string[]) {
    ids.forEach((id, i) => {
      forEachTrigram(id, (gram) => {
        const list = this.postings.get(gram);
        if (!list) this.postings.set(gram, [i]);
        else if (list[list.length - 1] !== i) list.push(i); // once per id, however often the piece recurs
      });
    });
  }

  suggest(wanted: string, count = 3): string[] {
    const cacheKey = `${count}\u0000${wanted}`;
    const cached = this.answers.get(cacheKey);
    if (cached) return cached;
    if (wanted.length > 200) return [];
    if (this.ids.length <= 2000) {
      // Few enough to compare with each (trigrams miss transpositions in short ids: cast/csat).
      const answer = closest(wanted, this.ids, count);
      this.answers.set(cacheKey, answer);
      return answer;
    }
    // Counting in a typed array (reset through the touched list) rather than a Map: a
    // workspace with hundreds of broken references asks this hundreds of times.
    this.shared ??= new Uint16Array(this.ids.length);
    const shared = this.shared;
    const touched: number[] = [];
    const common = Math.max(64, this.ids.length / 8);
    const grams = new Set<number>();
    forEachTrigram(wanted, (gram) => grams.add(gram));
    for (const gram of grams) {
      const list = this.postings.get(gram);
      if (!list || list.length > common) continue; // too common to tell ids apart
      for (const i of list) if (shared[i]!++ === 0) touched.push(i);
    }
    // The 48 ids sharing the most trigrams (counts are small: bucket them, no sort).
    const buckets: number[][] = [];
    for (const i of touched) (buckets[shared[i]!] ??= []).push(i);
    const candidates: string[] = [];
    for (let count = buckets.length - 1; count > 0 && candidates.length < 48; count--) {
      for (const i of (buckets[count] ?? []).sort((a, b) => a - b)) {
        if (candidates.length === 48) break;
        candidates.push(this.ids[i]!);
      }
    }
    for (const i of touched) shared[i] = 0;
    const answer = closest(wanted, candidates, count);
    this.answers.set(cacheKey, answer);
    return answer;
  }
}

/** How many close ids to look at before keeping those that resolve. */
const CANDIDATES = 12;

/**
 * Up to `count` ids closest to `wanted` that a reference resolves to without an error: not an
 * id defined more than once (it resolves to nothing), not an operational objective (an
 * alignment to it is `align-level`). The wanted id itself stays when it qualifies: a bare
 * `csat` is rightly "did you mean [[csat]]?".
 */
export function suggestTargets(analysis: Analysis, wanted: string, count = 3): string[] {
  const out: string[] = [];
  for (const id of analysis.state.suggester().suggest(wanted, CANDIDATES)) {
    const nodes = analysis.index.objectivesWithId(id);
    if (nodes.length !== 1 || analysis.settings(nodes[0]!).level === 'operational') continue;
    out.push(id);
    if (out.length === count) break;
  }
  return out;
}

/**
 * "Did you mean" for a reference that does not resolve, as the text between `[[` and `]]`.
 * Each resolves: for a misspelt key result of a known objective (`[[csat#npss]]`) its closest
 * key results (`csat#nps`), then the objective itself; for a misspelt id with a key result
 * (`[[cast#nps]]`) the close ids that have that key result; else the closest ids.
 */
export function suggestReferences(analysis: Analysis, reference: Reference, count = 3): string[] {
  if (reference.form === 'markdown') return [];
  if (reference.form === 'text') return suggestTargets(analysis, reference.text, count);
  if (reference.target === '') return []; // [[#id]]: the document itself, nothing to propose
  const { fragment } = reference;
  if (fragment === undefined) return suggestTargets(analysis, reference.target, count);
  const caret = reference.blockRef ? '^' : '';
  const keyResultIds = (id: string) => analysis.index.objectivesWithId(id)[0]!.objective.keyResults.flatMap((keyResult) => (keyResult.id ? [keyResult.id] : []));
  if (analysis.index.objectivesWithId(reference.target).length === 1) {
    const keyResults = closest(fragment, keyResultIds(reference.target), count).map((id) => `${reference.target}#${caret}${id}`);
    return [...keyResults, ...suggestTargets(analysis, reference.target, count)].slice(0, count);
  }
  const lower = fragment.toLowerCase();
  return suggestTargets(analysis, reference.target, CANDIDATES)
    .filter((id) => keyResultIds(id).some((keyResult) => keyResult.toLowerCase() === lower))
    .slice(0, count)
    .map((id) => `${id}#${caret}${fragment}`);
}
