// "Did you mean …?": the closest known ids to a misspelt one, offering only ids a
// reference could resolve to without an error.
import { editDistance } from '../model/editDistance.ts';
import type { Reference } from '../model/model.ts';
import type { Analysis } from './analysis.ts';

/**
 * Which characters a text holds, as bits (a code unit's bit is its value modulo 32). A bit of
 * `a` missing from `b` is a character of `a` that `b` lacks, and each such character costs an
 * edit: the bits are a lower bound of the distance that costs one pass, not a table.
 */
function characterBits(lower: string): number {
  let bits = 0;
  for (let i = 0; i < lower.length; i++) bits |= 1 << (lower.charCodeAt(i) & 31);
  return bits;
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** Candidates in lower case with their character bits, made once for many questions. */
class Candidates {
  readonly lower: string[];
  readonly bits: Int32Array;
  constructor(readonly texts: readonly string[]) {
    this.lower = texts.map((text) => text.toLowerCase());
    this.bits = Int32Array.from(this.lower, characterBits);
  }

  /** Up to `count` of the candidates at `indices` (all when absent) closest to `wanted`. */
  closest(wanted: string, count: number, indices?: readonly number[]): string[] {
    const key = wanted.toLowerCase();
    if (key.length > 200) return [];
    const limit = Math.max(2, Math.floor(key.length / 3));
    const keyBits = characterBits(key);
    const scored: { candidate: string; distance: number }[] = [];
    const total = indices ? indices.length : this.texts.length;
    for (let n = 0; n < total; n++) {
      const i = indices ? indices[n]! : n;
      const lower = this.lower[i]!;
      let distance: number;
      if (key.length >= 3 && lower.includes(key)) distance = 1;
      else if (Math.abs(lower.length - key.length) > limit) continue;
      else if (bitCount(keyBits & ~this.bits[i]!) > limit || bitCount(this.bits[i]! & ~keyBits) > limit) continue;
      else distance = editDistance(key, lower, limit);
      if (distance <= limit) scored.push({ candidate: this.texts[i]!, distance });
    }
    scored.sort((x, y) => x.distance - y.distance || (x.candidate < y.candidate ? -1 : 1));
    return scored.slice(0, count).map((s) => s.candidate);
  }
}

/** Up to `count` candidates closest to `wanted` (case-insensitive), best first. */
export function closest(wanted: string, candidates: Iterable<string>, count = 3): string[] {
  return new Candidates([...candidates]).closest(wanted, count);
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
  private readonly candidates: Candidates;

  constructor(private readonly ids: string[]) {
    this.candidates = new Candidates(ids);
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
      const answer = this.candidates.closest(wanted, count);
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
    const candidates: number[] = [];
    for (let count = buckets.length - 1; count > 0 && candidates.length < 48; count--) {
      for (const i of (buckets[count] ?? []).sort((a, b) => a - b)) {
        if (candidates.length === 48) break;
        candidates.push(i);
      }
    }
    for (const i of touched) shared[i] = 0;
    const answer = this.candidates.closest(wanted, count, candidates);
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
