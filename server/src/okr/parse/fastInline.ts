// The inline part of the fast path (fastMarkdown.ts). Text with none of the characters that
// open inline markdown becomes text nodes, and `[text](destination)` with plain text and a
// plain destination a link (an `aligns::` line written as a markdown link); remark reads
// anything else, from the block's own slice of the document (without link reference
// definitions, which the fast path refuses, a block's inline reading does not depend on the
// rest of the document). Brackets beside links (`[[wiki]]`, `[x]`) are text.
import type { Heading, Link, Paragraph, PhrasingContent } from 'mdast';
import type { LineIndex } from '../model/text.ts';
import { mdastPosition, shiftPositions } from './mdastPositions.ts';
import { remarkRoot } from './remarkProcessor.ts';

/** Escapes, code, emphasis, autolinks and HTML, character references, images. */
const INLINE_SYNTAX = /[\\`*_<&]|!\[/;
/** `[text](destination)`: no brackets in the text; no space, control character, parenthesis or angle bracket in the destination. */
// eslint-disable-next-line no-control-regex -- control characters are what the destination must not hold
const PLAIN_LINK = /\[([^[\]]+)\]\(([^\s()<>[\]\0-\x1f\x7f]+)\)/g;
const SPACE = 32;

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
  return end;
}

/** One line of inline content: from its first character to its last one that is not a space. */
interface Piece {
  start: number;
  end: number;
  /** The line break after it (none after the last line). */
  lineBreak: string;
  /** Offset after that line break. */
  breakEnd: number;
}

/**
 * The inline nodes of `pieces` when they are plain text and plain links; undefined when remark
 * must read them.
 */
function plainInline(text: string, lines: LineIndex, pieces: Piece[]): PhrasingContent[] | undefined {
  const children: PhrasingContent[] = [];
  let runStart = pieces[0]!.start;
  let runValue = '';
  const endRun = (end: number) => {
    if (end > runStart) children.push({ type: 'text', value: runValue, position: mdastPosition(lines, runStart, end) });
  };
  for (const [i, piece] of pieces.entries()) {
    const content = text.slice(piece.start, piece.end);
    if (INLINE_SYNTAX.test(content)) return undefined;
    let at = 0;
    PLAIN_LINK.lastIndex = 0;
    for (let link = PLAIN_LINK.exec(content); link; link = PLAIN_LINK.exec(content)) {
      const before = content.slice(at, link.index);
      if (before.includes('](')) return undefined;
      runValue += before;
      // Text that ends at a line's start ends after the line break, before the indentation.
      endRun(link.index === 0 && i > 0 ? pieces[i - 1]!.breakEnd : piece.start + link.index);
      children.push(plainLink(lines, piece.start + link.index, link[1]!, link[2]!));
      at = link.index + link[0].length;
      // Text after a link that ends a line starts at the line break, after the trailing spaces.
      runStart = at === content.length ? piece.breakEnd - piece.lineBreak.length : piece.start + at;
      runValue = '';
    }
    const rest = content.slice(at);
    // Any other `](` (a link with brackets in its text or a title, one across lines…): remark
    // decides. Other brackets are text: without link reference definitions (the fast path
    // refuses them) `[x]` and `[[wiki]]` are no links, and a plain link has no bracket in its
    // text, so it closes at its own `]` and is a link whatever brackets stand around it.
    if (rest.includes('](')) return undefined;
    runValue += rest + piece.lineBreak;
    if (i === pieces.length - 1) endRun(piece.end);
  }
  return children;
}

function plainLink(lines: LineIndex, at: number, label: string, destination: string): Link {
  const textStart = at + 1;
  return {
    type: 'link',
    title: null,
    url: destination,
    children: [{ type: 'text', value: label, position: mdastPosition(lines, textStart, textStart + label.length) }],
    position: mdastPosition(lines, at, at + label.length + destination.length + 4),
  };
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
  const plain = plainInline(text, lines, [{ start: contentStart, end: contentEnd, lineBreak: '', breakEnd: end }]);
  if (plain) return plain;
  const root = remarkRoot(text.slice(at, end), false);
  const heading = root.children[0];
  if (root.children.length !== 1 || heading?.type !== 'heading' || heading.position?.start.offset !== 0) return undefined;
  for (const child of heading.children) shiftPositions(child, at, lines);
  return (heading as Heading).children;
}

/**
 * A paragraph of the given lines, each starting at `starts[i]` (after indentation); undefined
 * when its inline text is not plain and `remarkAlone` is false, or when remark, reading it
 * alone, does not find exactly one paragraph there.
 */
export function readParagraph(text: string, lines: LineIndex, starts: number[], lineNumbers: number[], remarkAlone: boolean): Paragraph | undefined {
  const last = lineNumbers.length - 1;
  const start = starts[0]!;
  // The paragraph ends at its last line's end, its text before the trailing spaces.
  const end = lines.lineEnd(lineNumbers[last]!);
  const position = mdastPosition(lines, start, end);
  const pieces: Piece[] = [];
  let hardBreak = false;
  for (let i = 0; i <= last; i++) {
    const lineEnd = lines.lineEnd(lineNumbers[i]!);
    const contentEnd = trimEnd(text, starts[i]!, lineEnd);
    // Two spaces before a line break make a hard break, which is not text.
    hardBreak ||= i < last && lineEnd - contentEnd >= 2;
    const breakEnd = i < last ? lines.lineStarts[lineNumbers[i]! + 1]! : lineEnd;
    pieces.push({ start: starts[i]!, end: contentEnd, lineBreak: text.slice(lineEnd, breakEnd), breakEnd });
  }
  const plain = hardBreak ? undefined : plainInline(text, lines, pieces);
  if (plain) return { type: 'paragraph', children: plain, position };
  if (!remarkAlone) return undefined;
  const root = remarkRoot(text.slice(start, end), false);
  const paragraph = root.children[0];
  if (root.children.length !== 1 || paragraph?.type !== 'paragraph' || paragraph.position?.end.offset !== end - start) return undefined;
  shiftPositions(paragraph, start, lines);
  return paragraph;
}
