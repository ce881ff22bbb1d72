// The inline part of the fast path (fastMarkdown.ts). Text with none of the characters that
// open inline markdown becomes one text node; remark reads anything else, from the block's
// own slice of the document (without link reference definitions, which the fast path
// refuses, a block's inline reading does not depend on the rest of the document).
import type { Heading, Paragraph, PhrasingContent } from 'mdast';
import type { LineIndex } from '../model/text.ts';
import { mdastPosition, shiftPositions } from './mdastPositions.ts';
import { remarkRoot } from './remarkProcessor.ts';

/** Escapes, code, emphasis, autolinks and HTML, character references; `[a](b)` is checked apart. */
const INLINE_SYNTAX = /[\\`*_<&]|\]\(/;
const SPACE = 32;

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
  return end;
}

/** The children of an ATX heading whose line runs from `at` (its first `#`) to `end`. */
export function readHeadingInline(
  text: string,
  lines: LineIndex,
  at: number,
  end: number,
  contentStart: number,
  contentEnd: number,
): PhrasingContent[] | undefined {
  const content = text.slice(contentStart, contentEnd);
  if (!INLINE_SYNTAX.test(content)) return [{ type: 'text', value: content, position: mdastPosition(lines, contentStart, contentEnd) }];
  const root = remarkRoot(text.slice(at, end), false);
  const heading = root.children[0];
  if (root.children.length !== 1 || heading?.type !== 'heading' || heading.position?.start.offset !== 0) return undefined;
  for (const child of heading.children) shiftPositions(child, at, lines);
  return (heading as Heading).children;
}

/**
 * A paragraph of the given lines, each starting at `starts[i]` (after indentation); undefined
 * when remark, reading it alone, does not find exactly one paragraph there.
 */
export function readParagraph(text: string, lines: LineIndex, starts: number[], lineNumbers: number[]): Paragraph | undefined {
  const last = lineNumbers.length - 1;
  const start = starts[0]!;
  // The paragraph ends at its last line's end, its text before the trailing spaces.
  const end = lines.lineEnd(lineNumbers[last]!);
  const position = mdastPosition(lines, start, end);
  const parts: string[] = [];
  let plain = true;
  for (let i = 0; i <= last && plain; i++) {
    const lineEnd = lines.lineEnd(lineNumbers[i]!);
    const contentEnd = trimEnd(text, starts[i]!, lineEnd);
    const content = text.slice(starts[i]!, contentEnd);
    // Two spaces before a line break make a hard break, which is not text.
    plain = !INLINE_SYNTAX.test(content) && (i === last || lineEnd - contentEnd < 2);
    parts.push(content);
    if (i < last) parts.push(text.slice(lineEnd, lines.lineStarts[lineNumbers[i]! + 1]));
  }
  if (plain) {
    const textPosition = mdastPosition(lines, start, trimEnd(text, starts[last]!, end));
    return { type: 'paragraph', children: [{ type: 'text', value: parts.join(''), position: textPosition }], position };
  }
  const root = remarkRoot(text.slice(start, end), false);
  const paragraph = root.children[0];
  if (root.children.length !== 1 || paragraph?.type !== 'paragraph' || paragraph.position?.end.offset !== end - start) return undefined;
  shiftPositions(paragraph, start, lines);
  return paragraph;
}
