// What people write around an objective or key result when they do not use fields:
// labels (`Objective 1:`, `KR-1:`, `**Key Result:**`) and, at the end of a line, stated
// progress (`=> 63%`, `— 60%`, `(60 %)`), owners (`@alice`, `(owner: Bob)`), status words
// (`done`, `[WIP]`, `✅`) and priority tags (`P0`, `[P1]`). Only the outline reader uses
// these: documents in the strict form mean what their fields say.

/** `Objective:`, `Objective 1:`, `O1:`, `Obj 2 -`, `1. Objective:`; not `Objectives`. */
// Whitespace runs inside a label are bounded ({0,3}): unbounded neighbours backtrack cubically on long runs.
const OBJECTIVE_LABEL = /^(?:\d{1,3}[.)][ \t]{1,3})?(?:objective|obj\.?|o(?=[ \t]{0,3}-?\d))[ \t]{0,3}[-#]?[ \t]{0,3}(?:\d{1,3}(?:\.\d{1,3}){0,3})?[ \t]{0,3}(?:[:.)–—]|[ \t]-)[ \t]*/i;
/** `KR:`, `KR1 -`, `KR-1:`, `KR 1.2:`, `Key result:`, `Key Result 2.`, `Sales (Deals) KR:`, `KR1 Reduce…`. */
const KEY_RESULT_LABEL = /^(?:[^:\r\n]{1,40}?[ \t](?=kr[ \t]{0,3}\d{0,3}[ \t]{0,3}:))?(?:kr|key[ \t-]{0,3}result)[ \t]{0,3}[-#]?[ \t]{0,3}(\d{1,3}(?:\.\d{1,3}){0,3})?(?:[ \t]{0,3}(?:[:.)–—]|[ \t]-)|(?<=\d)[ \t])[ \t]*/i;
/** Emphasis, or leading numbering of a heading (`1.`, `1)`), around a label in the source. */
const SOURCE_LEAD = /^(?:\d{1,3}[.)][ \t]{1,3})?(?:\*\*|__)?/;

export type LabelKind = 'objective' | 'keyResult';

/** Length of the label at the start of plain text, 0 when there is none. */
export function labelLength(plain: string, kind: LabelKind): number {
  const match = (kind === 'objective' ? OBJECTIVE_LABEL : KEY_RESULT_LABEL).exec(plain);
  return match ? match[0].length : 0;
}

/**
 * The label as written in the source (`**Objective 1:**` with its emphasis, `1. Objective:`),
 * as [start, end) within `source`; undefined when the source does not open with one.
 */
export function sourceLabel(source: string, kind: LabelKind): [number, number] | undefined {
  const lead = SOURCE_LEAD.exec(source)![0];
  const emphasis = lead.endsWith('**') || lead.endsWith('__') ? lead.slice(-2) : '';
  const rest = source.slice(lead.length);
  const length = labelLength(rest, kind);
  if (length === 0) return undefined;
  // Numbering (`1. **Objective:**`) goes with the label: the strict prefix opens the heading.
  let start = 0;
  let end = lead.length + length;
  // `**Objective:** Title` loses both markers with its label; `**Objective: Title**` keeps them.
  if (emphasis && source.startsWith(emphasis, end)) end += 2;
  else if (emphasis) start = lead.length; // (a numbered `1. **Objective: Title**` keeps its number)
  while (end < source.length && (source[end] === ' ' || source[end] === '\t')) end++;
  return [start, end];
}

/** One annotation found at the end (or start) of a line. */
export interface Annotation {
  key: 'progress' | 'owner' | 'status' | 'priority';
  /** The value as a field would hold it: `63%`, `@alice`, `done`, `P1`. */
  value: string;
  /** [start, end) of the whole annotation (leader and brackets included) in the text. */
  start: number;
  end: number;
}

const STATUS_WORDS = 'done|completed?|achieved|finished|wip|in[ \\t]progress|on[ \\t]track|at[ \\t]risk|off[ \\t]track|behind|blocked|not[ \\t]started|missed|dropped|cancell?ed';
const LEADER = '(?:==? ?>|->|→|—|–|[ \\t]-|:|\\|)';
// Each pattern is tried on the last characters of a line only (see TAIL), anchored at its end.
const TRAILING: { key: Annotation['key']; pattern: RegExp; value: (m: RegExpExecArray) => string }[] = [
  { key: 'progress', pattern: /[([][ \t]*(?:progress[ \t]*[:=]?[ \t]*)?(\d{1,4}(?:\.\d{1,3})?)[ \t]*%[ \t]*(?:done|complete)?[ \t]*[)\]]$/i, value: (m) => `${m[1]}%` },
  { key: 'progress', pattern: new RegExp(`${LEADER}[ \\t]*(?:progress[ \\t]*[:=]?[ \\t]*)?(\\d{1,4}(?:\\.\\d{1,3})?)[ \\t]*%(?:[ \\t]*(?:done|complete))?$`, 'i'), value: (m) => `${m[1]}%` },
  { key: 'progress', pattern: /(?:^|[ \t])progress[ \t]*[:=]?[ \t]*(\d{1,4}(?:\.\d{1,3})?)[ \t]*%$/i, value: (m) => `${m[1]}%` },
  { key: 'owner', pattern: /(?:^|[ \t])(@[\p{L}\p{N}_][\p{L}\p{N}_.-]{0,38})$/u, value: (m) => m[1]! },
  { key: 'owner', pattern: /[([][ \t]*(?:owners?|dri|lead)[ \t]*[:=][ \t]*([^()[\]\s][^()[\]\r\n]{0,59}?)[ \t]*[)\]]$/i, value: (m) => m[1]! },
  { key: 'status', pattern: new RegExp(`[([][ \\t]*(${STATUS_WORDS})[ \\t]*[)\\]]$`, 'i'), value: (m) => statusOf(m[1]!) },
  { key: 'status', pattern: new RegExp(`${LEADER}[ \\t]*(${STATUS_WORDS})$`, 'i'), value: (m) => statusOf(m[1]!) },
  { key: 'status', pattern: /(?:^|[ \t])(✅|✔️|✔|☑️|❌|🟢|🟡|🟠|🔴)$/u, value: (m) => statusOf(m[1]!) },
  { key: 'priority', pattern: /(?:^|[ \t])(?:\[(P[0-4])\]|\((P[0-4])\)|(?:\*\*|__)?(P[0-4])(?:\*\*|__)?)$/, value: (m) => m[1] ?? m[2] ?? m[3]! },
];
const LEADING: { key: Annotation['key']; pattern: RegExp; value: (m: RegExpExecArray) => string }[] = [
  { key: 'priority', pattern: /^(?:\[(P[0-4])\]|\((P[0-4])\)|(?:\*\*|__)?(P[0-4])(?:\*\*|__)?(?=[ \t]*[:\-–—]))[ \t]*[:\-–—]?[ \t]*/, value: (m) => m[1] ?? m[2] ?? m[3]! },
  { key: 'status', pattern: /^(✅|✔️|✔|☑️|❌|🟢|🟡|🟠|🔴)[ \t]*/u, value: (m) => statusOf(m[1]!) },
];
const MAX_OWNERS = 5;
/** Annotations are looked for in this many last characters: bounded work on any line. */
const TAIL = 72;

const STATUS_OF: Record<string, string> = {
  '✅': 'done', '✔️': 'done', '✔': 'done', '☑️': 'done', '❌': 'missed', '🟢': 'on track', '🟡': 'at risk', '🟠': 'at risk', '🔴': 'off track',
  complete: 'done', completed: 'done', achieved: 'done', finished: 'done', canceled: 'dropped', cancelled: 'dropped',
};

/** A status word as a field holds it: lower case, one spelling per meaning. */
export function statusOf(written: string): string {
  const word = written.toLowerCase().replace(/[ \t]+/g, ' ');
  return STATUS_OF[word] ?? STATUS_OF[written] ?? word;
}

/**
 * The annotations of one line (outside code), the last one first, and the line without them.
 * Each kind is taken once; what is left is the title.
 */
export function readAnnotations(line: string): { rest: string; annotations: Annotation[] } {
  const annotations: Annotation[] = [];
  const taken = new Set<string>();
  let owners = 0;
  let end = line.trimEnd().length;
  for (let found = true; found && end > 0; ) {
    found = false;
    const from = Math.max(0, end - TAIL);
    const tail = line.slice(from, end);
    for (const { key, pattern, value } of TRAILING) {
      // Several owners (`@ana @bo`), but a bounded number: each one costs a pass over the tail.
      if (taken.has(key) && (key !== 'owner' || owners >= MAX_OWNERS)) continue;
      const match = pattern.exec(tail);
      if (!match) continue;
      const lead = match[0].length - match[0].trimStart().length;
      annotations.push({ key, value: value(match), start: from + match.index + lead, end });
      taken.add(key);
      if (key === 'owner') owners++;
      end = line.slice(0, from + match.index).trimEnd().length;
      found = true;
      break;
    }
  }
  let start = line.length - line.trimStart().length;
  for (const { key, pattern, value } of LEADING) {
    if (taken.has(key)) continue;
    const match = pattern.exec(line.slice(start, end));
    if (!match || start + match[0].length >= end) continue;
    annotations.push({ key, value: value(match), start, end: start + match[0].length });
    taken.add(key);
    start += match[0].length;
  }
  // `Ship X => 100%: we shipped it`: progress stated before a comment, which stays text.
  if (!taken.has('progress')) {
    const match = MIDLINE_PROGRESS.exec(line.slice(start, end));
    if (match) {
      const at = start + match.index;
      annotations.push({ key: 'progress', value: `${match[1]}%`, start: at, end: at + match[0].length });
      return { rest: `${line.slice(start, at).trimEnd()} ${line.slice(at + match[0].length).trimStart()}`, annotations };
    }
  }
  return { rest: line.slice(start, end), annotations };
}

const MIDLINE_PROGRESS = /(?:==? ?>|→)[ \t]*(\d{1,4}(?:\.\d{1,3})?)[ \t]*%[ \t]*:/;
