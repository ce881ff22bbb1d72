// The shapes the outline reader recognises (outline.ts): which headings, lists, paragraphs
// and items state objectives or key results, and which sections are about something else.
import type { Heading, List, ListItem, Paragraph, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { labelLength, readAnnotations } from './annotations.ts';
import { endOffset } from './markdown.ts';
import type { Objective, WrittenCycle } from '../model/model.ts';

/** A heading and what lies under it, down to the next heading of its depth or less. */
export interface Section {
  heading?: Heading;
  depth: number;
  blocks: RootContent[];
  children: Section[];
}

export interface Context {
  parent?: Objective;
  cycle?: WrittenCycle;
  depth: number;
}

// Sections that are about the OKRs, not OKRs: a heading that is one of these words (after at
// most one other word: "External references", "Key concepts"), or opens with a phrase below.
export const NOT_OKRS = /^(?:[\p{L}-]+\s+)?(?:table of contents|contents|toc|notes?|background|context|summary|overview|intro(?:duction)?|appendix|references|resources|links|glossary|faq|changelog|history|retro(?:spective)?s?|learnings?|lessons(?: learned)?|process|templates?|instructions|initiatives|projects|tasks|actions|action items|risks?|dependencies|out of scope|non-goals|open questions|questions|timeline|schedule|updates?|mission|vision|values|principles|scoring|grading|definitions|concepts|terminology|related|archive|further reading|see also|details|task details|alternatives|rationale|rational|not included|discussion|comments|feedback|status updates?)\s*:?$/iu;
export const NOT_OKRS_OPENING = /^(?:how to|how we|about (?:this|these|the|our)|background|appendix|notes on|introduction|table of contents)\b/i;
export const KEY_RESULTS_HEADING = /^(?:key results?|krs?|results|measures(?: of success)?|success (?:metrics|criteria)|metrics)\b[\s:]*$/i;
/** Words of a heading that only says "these are the OKRs (of this cycle)". */
const CONTAINER_WORDS = new Set(['okr', 'okrs', 'objective', 'objectives', 'goal', 'goals', 'key', 'results', 'and', '&', 'our', 'company', 'the', 'for', 'of', 'in', 'quarterly', 'annual', 'yearly', 'quarter', 'year', 'draft', 'final', 'plan', 'planning', 'okr:', 'okrs:', 'objectives:', 'goals:']);
/** A paragraph that introduces a list of things that are not key results. */
export const NOT_KEY_RESULTS_INTRO = /^(?:\*\*|__)?(?:initiatives|projects|tasks|actions|action items|notes|risks|dependencies|out of scope|not included|excluded|non-goals|alternatives|rationale|ideas|learnings|how|to accomplish|we will do)\b|^[^\n]{0,120}\b(?:not (?:working on|doing|in scope)|won't|will not)\b[^\n]{0,80}:$/i;
/** A short line that introduces the key results after an objective: "Key results:", "We will measure this via …:". */
export const KEY_RESULTS_INTRO = /^(?:(?:\*\*|__)?(?:key results?|krs?|results|measured by|success (?:metrics|criteria))\b[^\n]{0,40}:?(?:\*\*|__)?:?|[^\n]{0,160}(?:key results?|measured?|measure[ds]? (?:this|it|by|via)|track(?:ed)? by)[^\n]{0,80}:)$/i;
/** `Owner: Alice`, `**Cycle:** Q3 2026`: a field of the objective written as a line. */
export const FIELD_LINE = /^(?:\*\*|__)?(owners?|dri|lead|cycle|quarter|period|status)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(\S[^\r\n]{0,200})$/i;
/** `- aligns:: [[x]]` in a list: a field of the objective, as the strict form reads it. */
export const DOUBLE_COLON_FIELD = /^[\p{L}\p{N}_][\p{L}\p{N}_ -]{0,40}::/u;
export const FIELD_OF: Record<string, string> = { owner: 'owner', owners: 'owner', dri: 'owner', lead: 'owner', cycle: 'cycle', quarter: 'cycle', period: 'cycle', status: 'status' };
/** `<!-- okr: ignore -->` in a section: the section is not read (the one-edit fix for a misreading). */
export const IGNORE = /<!--\s*okr:\s*ignore\s*-->/i;
export const NUMBERING = /^\d{1,3}[.)]\s+/;

export function sectionsOf(children: RootContent[]): Section {
  const root: Section = { depth: 0, blocks: [], children: [] };
  const stack = [root];
  for (const node of children) {
    if (node.type !== 'heading') {
      stack[stack.length - 1]!.blocks.push(node);
      continue;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= node.depth) stack.pop();
    const section: Section = { heading: node, depth: node.depth, blocks: [], children: [] };
    stack[stack.length - 1]!.children.push(section);
    stack.push(section);
  }
  return root;
}

export function sectionEnd(section: Section): number {
  const last = section.children.length > 0 ? undefined : section.blocks[section.blocks.length - 1];
  if (section.children.length > 0) return sectionEnd(section.children[section.children.length - 1]!);
  return last ? endOffset(last) : section.heading ? endOffset(section.heading) : 0;
}

export function isContainer(plain: string, cycleLabel: string | undefined): boolean {
  const text = (cycleLabel ? plain.replace(cycleLabel, ' ') : plain).toLowerCase().replace(/[-–—:|,()]/g, ' ');
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > 0 ? words.every((word) => CONTAINER_WORDS.has(word)) : cycleLabel !== undefined;
}

export function isIgnored(section: Section): boolean {
  return section.blocks.some((node) => node.type === 'html' && IGNORE.test(node.value));
}

/** Every item has a nested list (and none is a labelled key result), or some item says `Objective:`. */
/**
 * A list item that states an objective: labelled `Objective:`; or, not labelled as a key result,
 * bold as a whole or over labelled key results, with a nested list (GitLab's nested OKR lists).
 */
export function isObjectiveItem(item: ListItem): boolean {
  const text = itemText(item);
  if (labelLength(text, 'objective') > 0) return true;
  if (labelLength(text, 'keyResult') > 0) return false;
  const nested = item.children.find((child): child is List => child.type === 'list');
  if (!nested) return false;
  const first = item.children[0];
  const bold = first?.type === 'paragraph' && isWholeBold(first);
  return bold || nested.children.some((child) => labelLength(itemText(child), 'keyResult') > 0 || isObjectiveItem(child));
}

/** Bold as a whole (a trailing `(link)` or `:` aside): `**Grow revenue**`, `**Ship X** ([#24](…))`. */
function isWholeBold(paragraph: Paragraph): boolean {
  const first = paragraph.children[0];
  const plain = toString(paragraph).trim();
  // Trimmed by hand: `/[:\s]+$/` backtracks quadratically on a long run of spaces.
  let end = plain.length;
  while (end > 0 && (plain[end - 1] === ':' || /\s/.test(plain[end - 1]!))) end--;
  let rest = plain.slice(0, end);
  const group = rest.endsWith(')') ? rest.lastIndexOf('(') : -1;
  if (group >= 0 && rest.length - group <= 202 && !/[()]/.test(rest.slice(group + 1, -1))) rest = rest.slice(0, group).trimEnd();
  // `**Cut costs** @ops {#costs}`: an id and annotations after the bold text do not count.
  if (rest.endsWith('}')) {
    const id = rest.lastIndexOf('{#');
    if (id >= 0 && rest.length - id <= 202) rest = rest.slice(0, id).trimEnd();
  }
  rest = readAnnotations(rest).rest.trimEnd();
  return first?.type === 'strong' && toString(first).trim().length >= rest.length && !/\n/.test(plain);
}

export function isBoldItem(item: ListItem): boolean {
  const first = item.children[0];
  return first?.type === 'paragraph' && isWholeBold(first);
}

/** An item that is neither an objective nor holds a nested list: a key result where one is expected. */
export function isPlainItem(item: ListItem): boolean {
  return !isObjectiveItem(item) && !item.children.some((child) => child.type === 'list');
}

export function hasPlainItems(list: List): boolean {
  return list.children.some((item) => item.children.length > 0 && isPlainItem(item));
}

export function isObjectiveList(list: List): boolean {
  const items = list.children.filter((item) => item.children.length > 0);
  if (items.some(isObjectiveItem)) return true;
  if (items.some((item) => isContainer(itemText(item), undefined) || KEY_RESULTS_HEADING.test(itemText(item).trim()))) return false;
  return (
    items.length > 0 &&
    items.every((item) => item.children.some((child) => child.type === 'list') && labelLength(itemText(item), 'keyResult') === 0)
  );
}

export function itemText(item: ListItem): string {
  const first = item.children[0];
  return first && first.type === 'paragraph' ? toString(first).replace(/^\[[ xX-]\][ \t]+/, '') : '';
}

/** A paragraph that states an objective: bold as a whole, or opening with an objective label. */
export function isObjectiveParagraph(paragraph: Paragraph): boolean {
  const plain = toString(paragraph).trim();
  if (labelLength(plain, 'objective') > 0) return true;
  if (KEY_RESULTS_INTRO.test(plain) || NOT_KEY_RESULTS_INTRO.test(plain) || isContainer(plain, undefined) || FIELD_LINE.test(plain)) return false;
  if (/:(?:\*\*|__)?$/.test(plain) || NOT_OKRS.test(plain)) return false; // "**What we'll ship:**" introduces a list
  return isWholeBold(paragraph);
}

