// The markdown layer: remark-parse with frontmatter, and small helpers over mdast.
import type { Nodes, Root, RootContent } from 'mdast';
import { readSections, type FastSection } from './fastMarkdown.ts';
import { LineIndex } from '../model/text.ts';
import { mdastPosition, shiftPositions } from './mdastPositions.ts';
import { hasTableDelimiterRow, remarkRoot } from './remarkProcessor.ts';

/**
 * How to parse: `remark` alone turns the fast path off (the differential test compares both).
 */
export interface MarkdownOptions {
  parser?: 'fast' | 'remark';
}

/**
 * The mdast of `text`: from the fast path where it can read it, from remark elsewhere.
 * `lines`: the text's line table, when the caller has one.
 */
export function parseMarkdown(text: string, options: MarkdownOptions = {}, lines = new LineIndex(text)): Root {
  if (options.parser !== 'remark') {
    const read = readSections(text, lines);
    if ('sections' in read) return rootOf(lines, read.sections.flatMap((section) => section.blocks ?? remarkSection(text, lines, section, read.tables)));
  }
  return remarkRoot(text, hasTableDelimiterRow(text));
}

/** The fast path's reading of all of `text`; where it needs remark, how many characters remark would read. */
export function parseMarkdownWithoutRemark(text: string, lines = new LineIndex(text)): Root | { remarkCharacters: number } {
  const read = readSections(text, lines);
  if (!('sections' in read)) return { remarkCharacters: text.length };
  const unread = read.sections.filter((section) => !section.blocks);
  if (unread.length > 0) return { remarkCharacters: unread.reduce((sum, section) => sum + section.end - section.start, 0) };
  return rootOf(lines, read.sections.flatMap((section) => section.blocks!));
}

function rootOf(lines: LineIndex, children: RootContent[]): Root {
  return { type: 'root', children, position: mdastPosition(lines, 0, lines.text.length) };
}

/** remark's blocks of one section, read alone (sections.ts says why that reads the same). */
function remarkSection(text: string, lines: LineIndex, section: FastSection, tables: boolean): RootContent[] {
  // GFM tables as for the whole document: they decide what `a` then `:-` is in any section.
  const children = remarkRoot(text.slice(section.start, section.end), tables).children;
  for (const child of children) shiftPositions(child, section.start, lines);
  return children;
}

export function startOffset(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

export function endOffset(node: Nodes): number {
  return node.position?.end.offset ?? startOffset(node);
}

/**
 * The node's source with inline code and raw HTML blanked out (same length, so offsets
 * still line up): nothing inside backticks is a field, an id or a reference.
 */
export function maskedSource(text: string, node: Nodes): string {
  const start = startOffset(node);
  const end = endOffset(node);
  const blanks: [number, number][] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'inlineCode' || current.type === 'html') {
      blanks.push([startOffset(current), endOffset(current)]);
    } else if ('children' in current) {
      for (const child of current.children) stack.push(child);
    }
  }
  if (blanks.length === 0) return text.slice(start, end);
  blanks.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = start;
  for (const [from, to] of blanks) {
    if (from < at) continue;
    // Blanked, but line breaks kept: a code span or HTML over two lines does not join them.
    parts.push(text.slice(at, from), text.slice(from, to).replace(/[^\r\n]/g, ' '));
    at = to;
  }
  parts.push(text.slice(at, end));
  return parts.join('');
}

/** Splits `source` into lines with the offset of each line within it. */
export function splitLines(source: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  const lineBreak = /\r\n|\r|\n/g;
  let at = 0;
  for (let match = lineBreak.exec(source); match; match = lineBreak.exec(source)) {
    out.push({ text: source.slice(at, match.index), offset: at });
    at = match.index + match[0].length;
  }
  out.push({ text: source.slice(at), offset: at });
  return out;
}
