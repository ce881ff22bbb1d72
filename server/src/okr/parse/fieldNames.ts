// Near misses of field names (issue 15): a line or bracket that looks like a known field but is
// not read as one (`aligns: [[kv]]`, `Align:: [[kv]]`, `**Owner:** Sam`, `[targte:: 40]`).
// Only where fields are read, and only when the value looks like that field's value, so that
// prose ("Note: we aim…", "Target: 40%" in a paragraph) stays prose.
import { editDistance } from '../model/editDistance.ts';

/** A field key as read in `key:: value` and `[key:: value]` (SPEC §2). */
export const FIELD_KEY = /^[\p{L}\p{N}_][\p{L}\p{N}_ -]*$/u;

/** The fields an objective's `key:: value` lines set, and those a key result's `[key:: value]` set. */
export const OBJECTIVE_FIELDS = ['aligns', 'cycle', 'level', 'owner', 'status'] as const;
export const KEY_RESULT_FIELDS = ['start', 'current', 'target', 'progress', 'weight'] as const;

/** One string per known field name, so that 100,000 fields do not each hold a copy of `current`. */
const KNOWN_KEYS = new Map<string, string>([...OBJECTIVE_FIELDS, ...KEY_RESULT_FIELDS, 'unit', 'id', 'confidence', 'score', 'type'].map((key) => [key, key]));

/** A field's key as the model keeps it: lower case, and the shared string when it is a known name. */
export function fieldKey(written: string): string {
  const lower = written.toLowerCase();
  return KNOWN_KEYS.get(lower) ?? lower;
}

type Family = readonly string[];

const NUMBER = /^[-+−~≈]?[ \t]*[$€£]?[ \t]*\.?\d/u;
const LINK = /\[\[[^[\]\r\n]*\]\]|\]\(/;
const YEAR = /(?:^|\D)(?:19|20)\d\d(?!\d)|(?:^|[^\p{L}])FY ?\d\d/iu;

/** What a value of each field looks like. */
const VALUE_SHAPE: Record<string, (value: string) => boolean> = {
  aligns: (value) => LINK.test(value),
  cycle: (value) => YEAR.test(value),
  level: (value) => /^(?:strategic|operational)$/i.test(value),
  status: (value) => /^(?:active|dropped)$/i.test(value),
  // A name or a team, not a sentence.
  owner: (value) => value.length <= 60 && value.split(/\s+/).length <= 6 && !/[.!?:;,]$/.test(value) && !value.includes('['),
  start: (value) => NUMBER.test(value),
  current: (value) => NUMBER.test(value),
  target: (value) => NUMBER.test(value),
  progress: (value) => NUMBER.test(value),
  weight: (value) => NUMBER.test(value),
};

/** The known field a written name means: itself in any case, a close spelling, or `align…` for `aligns`. */
export function meantField(name: string, family: Family): string | undefined {
  const lower = name.trim().toLowerCase();
  if (lower.length < 3 || lower.length > 30) return undefined;
  if (family.includes(lower)) return lower;
  if (family.includes('aligns') && lower.startsWith('align')) return 'aligns';
  let best: { key: string; distance: number } | undefined;
  for (const key of family) {
    const distance = editDistance(lower, key);
    if (distance <= (key.length >= 6 ? 2 : 1) && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

/** A near miss, with offsets in the text it was found in. */
export interface NearMiss {
  /** The known field meant. */
  key: string;
  /** Where the written field starts (a `**` before its name included). */
  start: number;
  nameStart: number;
  nameEnd: number;
  /** Where its value starts, after the colons and spaces. */
  valueStart: number;
  /** The field as written, shortened for a message. */
  written: string;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

const NAME = /[\p{L}][\p{L}\p{N}_-]{0,30}/uy;
const BOLD = /\*\*|__/y;
const SPACES = /[ \t]*/y;

/** The end of `pattern` matched at `at` in `text`, or `at` when it does not match there. */
function skip(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.exec(text) ? pattern.lastIndex : at;
}

/**
 * After a name: spaces, a closing `**`, one or two colons, a closing `**`, spaces. The end of the
 * separator and how many colons it has (0: none).
 */
function separatorAfter(text: string, at: number): { end: number; colons: number } {
  let i = skip(BOLD, text, skip(SPACES, text, at));
  i = skip(SPACES, text, i);
  const colons = text.startsWith('::', i) ? 2 : text[i] === ':' ? 1 : 0;
  if (colons === 0) return { end: at, colons };
  i = skip(SPACES, text, skip(BOLD, text, i + colons));
  return { end: i, colons };
}

/** `key:: value` as the reader reads it: the key when it is one. */
function readKey(text: string): { key: string; separator: number } | undefined {
  const separator = text.indexOf('::');
  if (separator < 0) return undefined;
  const key = text.slice(0, separator).trim();
  return FIELD_KEY.test(key) ? { key, separator } : undefined;
}

/**
 * One line of a paragraph in an objective's section, where `key:: value` fields are read: a
 * near miss of an objective field, or undefined (a field read as written, or no field at all).
 */
export function lineNearMiss(line: string): NearMiss | undefined {
  const text = line.trimEnd();
  const read = readKey(text);
  if (read && OBJECTIVE_FIELDS.includes(read.key.toLowerCase() as never)) return undefined;
  const start = text.length - text.trimStart().length;
  const nameStart = read ? start : skip(BOLD, text, start);
  let nameEnd: number;
  let valueStart: number;
  if (read) {
    // Read, under a key no rule reads (`align:: [[kv]]`).
    nameEnd = start + text.slice(start, read.separator).trimEnd().length;
    valueStart = skip(SPACES, text, read.separator + 2);
  } else {
    NAME.lastIndex = nameStart;
    if (!NAME.exec(text)) return undefined;
    nameEnd = NAME.lastIndex;
    const separator = separatorAfter(text, nameEnd);
    if (separator.colons === 0) return undefined;
    valueStart = separator.end;
  }
  const key = meantField(text.slice(nameStart, nameEnd), OBJECTIVE_FIELDS);
  const value = text.slice(valueStart);
  if (!key || !value || !VALUE_SHAPE[key]!(value)) return undefined;
  return { key, start, nameStart, nameEnd, valueStart, written: shorten(text.slice(start)) };
}

const BRACKET = /\[([^[\]\r\n]*)\]/g;

/** Near misses of key-result fields among the `[…]` of a key result's text. */
export function bracketNearMisses(text: string): NearMiss[] {
  const out: NearMiss[] = [];
  BRACKET.lastIndex = 0;
  for (let match = BRACKET.exec(text); match; match = BRACKET.exec(text)) {
    const end = match.index + match[0].length;
    // Not a wikilink's inside, a link's text (`[text](url)`, `[text][ref]`) or a reference definition.
    if (text[match.index - 1] === '[' || text[end] === ']' || text[end] === '(' || text[end] === '[' || text[end] === ':') continue;
    const inside = match[1]!;
    const open = match.index + 1;
    const read = readKey(inside);
    if (read && KEY_RESULT_FIELDS.includes(read.key.toLowerCase() as never)) continue;
    const nameStart = open + (inside.length - inside.trimStart().length);
    let nameEnd: number;
    let valueStart: number;
    if (read) {
      nameEnd = open + inside.slice(0, read.separator).trimEnd().length;
      valueStart = skip(SPACES, text, open + read.separator + 2);
    } else {
      NAME.lastIndex = nameStart;
      if (!NAME.exec(text) || NAME.lastIndex > end - 1) continue;
      nameEnd = NAME.lastIndex;
      const separator = separatorAfter(text, nameEnd);
      if (separator.colons !== 1) continue;
      valueStart = separator.end;
    }
    const key = meantField(text.slice(nameStart, nameEnd), KEY_RESULT_FIELDS);
    const value = text.slice(valueStart, end - 1).trim();
    if (!key || !value || !VALUE_SHAPE[key]!(value)) continue;
    out.push({ key, start: nameStart, nameStart, nameEnd, valueStart, written: shorten(match[0]) });
  }
  return out;
}

/** The message of a near miss; `nearMissField` reads the field back from it. */
export function nearMissMessage(miss: NearMiss, inBrackets: boolean): string {
  const what = inBrackets ? 'The field' : 'The line';
  return `${what} \`${miss.written}\` is not read: did you mean \`${miss.key}::\`?`;
}

/** The field a `field-near-miss` message proposes. */
export function nearMissField(message: string): string | undefined {
  return /did you mean `([a-z]+)::`\?$/.exec(message)?.[1];
}

/**
 * The rewrite of the near miss whose name is at `nameStart` on this line (as the editor has it
 * now): from the field's start to its value, `key:: `. Undefined when the line no longer has it.
 */
export function nearMissRewrite(line: string, nameStart: number): { start: number; end: number; newText: string } | undefined {
  const misses = [lineNearMiss(line), ...bracketNearMisses(line)];
  // A field in a list item: the line holds its marker too.
  const marker = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(line);
  if (marker) {
    const inItem = lineNearMiss(line.slice(marker[0].length));
    if (inItem) misses.push({ ...inItem, start: inItem.start + marker[0].length, nameStart: inItem.nameStart + marker[0].length, valueStart: inItem.valueStart + marker[0].length });
  }
  const miss = misses.find((candidate) => candidate?.nameStart === nameStart);
  return miss ? { start: miss.start, end: miss.valueStart, newText: `${miss.key}:: ` } : undefined;
}
