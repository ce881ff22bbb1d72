// A fast path in front of remark for the markdown most OKR documents are made of: frontmatter,
// ATX headings, paragraphs and bullet or ordered lists, with plain inline text. It builds the
// mdast nodes extraction reads (types, offsets, depths, text) in one linear pass, and gives up
// on anything it cannot prove it reads exactly as remark-parse does (fences, HTML, block
// quotes, setext headings, thematic breaks, tabs, lazy continuation lines, indented code,
// empty list items, tables, …): remark reads that section of the document then (sections.ts),
// or all of it (link reference definitions, a byte-order mark, odd frontmatter). A heading or
// paragraph whose inline text is not plain is read by remark alone (fastInline.ts).
// test/unit/fastMarkdown.test.ts holds the result equal to remark's.
import type { Heading, List, ListItem, Paragraph, Root, RootContent, Yaml } from 'mdast';
import { LineIndex } from '../model/text.ts';
import { mdastPosition } from './mdastPositions.ts';
import { readHeadingInline, readParagraph } from './fastInline.ts';
import { hasTableDelimiterRow } from './remarkProcessor.ts';
import { sectionStarts } from './sections.ts';

/** Raised inside the fast path to hand the whole document to remark; never leaves this module. */
class NotInSubset extends Error {}

function giveUp(why: string): never {
  throw new NotInSubset(why);
}

/** Where a container's content starts on one line (after list item indentation). */
interface View {
  line: number;
  from: number;
}

interface Marker {
  ordered: boolean;
  /** The bullet character, or the ordered delimiter (`.` or `)`). */
  symbol: string;
  start: number;
  /** Columns from the view's start to the item's content. */
  contentIndent: number;
  /** Offset of the marker itself. */
  at: number;
}

const SPACE = 32;
const THEMATIC_OR_UNDERLINE = /^(?:([-*_])(?: *\1){2,}|=+|-+) *$/;
const ORDERED = /^(\d{1,9})([.)])/;
const NESTED_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?: |$)/;
const PIPELESS_DELIMITER = /(?:^|[\r\n])[ \t>]*(?::-|-+:)/;

class FastBlockReader {
  constructor(
    readonly text: string,
    readonly lines: LineIndex,
  ) {}

  private end(view: View): number {
    return this.lines.lineEnd(view.line);
  }

  /** Spaces after the view's start. */
  private indent(view: View): number {
    const end = this.end(view);
    let at = view.from;
    while (at < end && this.text.charCodeAt(at) === SPACE) at++;
    return at - view.from;
  }

  private isBlank(view: View): boolean {
    return view.from + this.indent(view) >= this.end(view);
  }

  /** Offset after the last non-space character before `end`, at least `start`. */
  private trimEnd(start: number, end: number): number {
    while (end > start && this.text.charCodeAt(end - 1) === SPACE) end--;
    return end;
  }

  blocks(views: View[]): RootContent[] {
    const out: RootContent[] = [];
    let i = 0;
    while (i < views.length) {
      const view = views[i]!;
      if (this.isBlank(view)) {
        i++;
        continue;
      }
      const indent = this.indent(view);
      if (indent >= 4) giveUp('indented code');
      const at = view.from + indent;
      this.refuseUnreadBlock(at, this.end(view));
      const heading = this.heading(at, this.end(view));
      if (heading) {
        out.push(heading);
        i++;
        continue;
      }
      const marker = this.listMarker(at, this.end(view), indent);
      if (marker) {
        const [list, next] = this.list(views, i, marker);
        out.push(list);
        i = next;
        continue;
      }
      const [paragraph, next] = this.paragraph(views, i);
      out.push(paragraph);
      i = next;
    }
    return out;
  }

  /** Blocks the fast path does not read: the document goes to remark. */
  private refuseUnreadBlock(at: number, end: number): void {
    const c = this.text[at];
    if (c === '>' || c === '<') giveUp('block quote or HTML');
    if ((c === '`' || c === '~') && this.text.startsWith(c.repeat(3), at)) giveUp('fenced code');
    if ((c === '-' || c === '*' || c === '_' || c === '=') && THEMATIC_OR_UNDERLINE.test(this.text.slice(at, end))) {
      giveUp('thematic break or setext underline');
    }
  }

  /** An ATX heading at `at`, or undefined when the line is not one. */
  private heading(at: number, end: number): Heading | undefined {
    let hashes = 0;
    while (hashes < 7 && this.text.charCodeAt(at + hashes) === 35 /* # */) hashes++;
    if (hashes === 0 || hashes > 6) return undefined;
    if (at + hashes < end && this.text.charCodeAt(at + hashes) !== SPACE) return undefined;
    let contentStart = at + hashes;
    while (contentStart < end && this.text.charCodeAt(contentStart) === SPACE) contentStart++;
    const trimmed = this.trimEnd(contentStart, end);
    // A closing run of `#` after a space is not content.
    let closing = trimmed;
    while (closing > contentStart && this.text.charCodeAt(closing - 1) === 35) closing--;
    const hasClosing = closing < trimmed && (closing === contentStart || this.text.charCodeAt(closing - 1) === SPACE);
    const contentEnd = hasClosing ? this.trimEnd(contentStart, closing) : trimmed;
    if (contentEnd <= contentStart) giveUp('empty heading');
    const heading: Heading = {
      type: 'heading',
      depth: hashes as Heading['depth'],
      children: [],
      position: mdastPosition(this.lines, at, end),
    };
    heading.children = readHeadingInline(this.text, this.lines, at, end, contentStart, contentEnd) ?? giveUp('heading inline');
    return heading;
  }

  /** A list item marker with content after it, or undefined; gives up on what it cannot read. */
  private listMarker(at: number, end: number, indent: number): Marker | undefined {
    const c = this.text[at];
    let width: number;
    let ordered = false;
    let symbol = c!;
    let start = 1;
    if (c === '-' || c === '*' || c === '+') {
      width = 1;
    } else {
      const number = ORDERED.exec(this.text.slice(at, Math.min(end, at + 11)));
      if (!number) return undefined;
      width = number[0].length;
      ordered = true;
      symbol = number[2]!;
      start = Number(number[1]);
    }
    if (at + width >= end) giveUp('empty list item');
    if (this.text.charCodeAt(at + width) !== SPACE) return undefined;
    let content = at + width;
    while (content < end && this.text.charCodeAt(content) === SPACE) content++;
    if (content >= end) giveUp('empty list item');
    const spaces = content - at - width;
    if (spaces > 4) giveUp('list item starting with indented code');
    return { ordered, symbol, start, contentIndent: indent + width + spaces, at };
  }

  /** Would this line, after a paragraph line, start a block that interrupts the paragraph? */
  private interruptsParagraph(view: View): boolean {
    const indent = this.indent(view);
    if (indent >= 4) return false;
    const at = view.from + indent;
    const end = this.end(view);
    this.refuseUnreadBlock(at, end);
    if (this.heading(at, end)) return true;
    const c = this.text[at];
    const afterMarker = (width: number) => {
      if (this.text.charCodeAt(at + width) !== SPACE) return false;
      return this.trimEnd(at + width, end) > at + width;
    };
    if (c === '-' || c === '*' || c === '+') return afterMarker(1);
    const number = ORDERED.exec(this.text.slice(at, Math.min(end, at + 11)));
    return number !== null && number[1] === '1' && afterMarker(number[0].length);
  }

  private paragraph(views: View[], first: number): [Paragraph, number] {
    let next = first + 1;
    while (next < views.length && !this.isBlank(views[next]!) && !this.interruptsParagraph(views[next]!)) next++;
    const starts: number[] = [];
    const lineNumbers: number[] = [];
    for (let i = first; i < next; i++) {
      starts.push(views[i]!.from + this.indent(views[i]!));
      lineNumbers.push(views[i]!.line);
    }
    // In a list item, remark reading a paragraph of several lines alone gives its text nodes
    // other ends at line starts than in place (the item's indentation): the section goes to it.
    const remarkAlone = lineNumbers.length === 1 || views[first]!.from === this.lines.lineStarts[views[first]!.line];
    return [readParagraph(this.text, this.lines, starts, lineNumbers, remarkAlone) ?? giveUp('paragraph inline'), next];
  }

  private list(views: View[], first: number, firstMarker: Marker): [List, number] {
    const items: ListItem[] = [];
    let marker = firstMarker;
    let at = first;
    for (;;) {
      const [item, next] = this.listItem(views, at, marker);
      items.push(item);
      if (next >= views.length) {
        at = next;
        break;
      }
      const view = views[next]!;
      const afterBlank = this.isBlank(views[next - 1]!);
      const indent = this.indent(view);
      const following = indent < 4 ? this.nextMarker(view, indent) : undefined;
      if (following && following.ordered === marker.ordered && following.symbol === marker.symbol) {
        marker = following;
        at = next;
        continue;
      }
      // Not indented enough for the item, right after its text: a lazy continuation line,
      // unless it starts a block of its own.
      if (!afterBlank && !following && !(indent < 4 && this.heading(view.from + indent, this.end(view)))) giveUp('lazy continuation');
      at = next;
      break;
    }
    const list: List = {
      type: 'list',
      ordered: firstMarker.ordered,
      start: firstMarker.ordered ? firstMarker.start : null,
      children: items,
      position: mdastPosition(this.lines, items[0]!.position!.start.offset!, items[items.length - 1]!.position!.end.offset!),
    };
    // Trailing blank lines are not the list's: the caller reads on from the first of them.
    while (at > first && this.isBlank(views[at - 1]!)) at--;
    return [list, at];
  }

  private nextMarker(view: View, indent: number): Marker | undefined {
    const at = view.from + indent;
    this.refuseUnreadBlock(at, this.end(view));
    return this.listMarker(at, this.end(view), indent);
  }

  private listItem(views: View[], first: number, marker: Marker): [ListItem, number] {
    const inner: View[] = [{ line: views[first]!.line, from: views[first]!.from + marker.contentIndent }];
    // A marker right after a marker (`- 2. x`): micromark applies the rules of an item that
    // interrupts a paragraph to the rest of such a line; not followed here.
    if (NESTED_MARKER.test(this.text.slice(inner[0]!.from, this.end(inner[0]!)))) giveUp('list marker after a list marker');
    let next = first + 1;
    while (next < views.length) {
      const view = views[next]!;
      const end = this.end(view);
      if (this.isBlank(view)) inner.push({ line: view.line, from: Math.min(view.from + marker.contentIndent, end) });
      else if (this.indent(view) >= marker.contentIndent) inner.push({ line: view.line, from: view.from + marker.contentIndent });
      else break;
      next++;
    }
    const children = this.blocks(inner);
    const last = children[children.length - 1]!;
    const item: ListItem = {
      type: 'listItem',
      checked: null,
      children: children as ListItem['children'],
      position: mdastPosition(this.lines, marker.at, last.position!.end.offset!),
    };
    return [item, next];
  }
}

/** What the fast path read, or why it handed the document to remark. */
export type FastParse = { root: Root } | { fallback: string };

/** One section of a document (sections.ts): its offsets, and its blocks where the fast path read them. */
export interface FastSection {
  start: number;
  end: number;
  blocks?: RootContent[];
  /** Why remark reads this section. */
  fallback?: string;
}

/**
 * The document's sections, each read by the fast path or left to remark; or why remark must
 * read the whole document. Never throws.
 */
export function readSections(text: string, lines: LineIndex): { sections: FastSection[]; tables: boolean } | { fallback: string } {
  let frontmatterNode: Yaml | undefined;
  let firstLine = 0;
  try {
    // micromark drops a leading byte-order mark (one is stripped before parsing; a second is text).
    if (text.includes('\0') || text.startsWith('\uFEFF')) giveUp('NUL or byte-order mark');
    if (text.includes(']:')) giveUp('link reference definition');
    if (text.startsWith('---')) ({ node: frontmatterNode, nextLine: firstLine } = frontmatter(text, lines));
  } catch (error) {
    return { fallback: error instanceof NotInSubset ? error.message : String(error) };
  }
  const reader = new FastBlockReader(text, lines);
  const tables = hasTableDelimiterRow(text);
  const starts = sectionStarts(text, lines, Math.min(firstLine, lines.lineCount));
  return {
    tables,
    sections: starts.map((line, i) => {
      const start = i === 0 ? 0 : lines.lineStarts[line]!;
      const end = i + 1 < starts.length ? lines.lineStarts[starts[i + 1]!]! : text.length;
      const section: FastSection = { start, end };
      try {
        const source = text.slice(start, end);
        if (source.includes('\t')) giveUp('tab');
        // With a table anywhere, remark reads the whole document with GFM tables, which also
        // take a delimiter row without pipes (`a` then `:-`): such a section is remark's too.
        if (tables && (hasTableDelimiterRow(source) || PIPELESS_DELIMITER.test(source))) giveUp('table');
        const views: View[] = [];
        for (let at = line; at < (starts[i + 1] ?? lines.lineCount); at++) views.push({ line: at, from: lines.lineStarts[at]! });
        section.blocks = [...(i === 0 && frontmatterNode ? [frontmatterNode] : []), ...reader.blocks(views)];
      } catch (error) {
        section.fallback = error instanceof NotInSubset ? error.message : `fast path failed: ${String(error)}`;
      }
      return section;
    }),
  };
}

/** The mdast of `text` when the fast path reads all of it; the reason otherwise. Never throws. */
export function parseMarkdownFast(text: string, lines = new LineIndex(text)): FastParse {
  const read = readSections(text, lines);
  if (!('sections' in read)) return read;
  const unread = read.sections.find((section) => !section.blocks);
  if (unread) return { fallback: unread.fallback! };
  const children = read.sections.flatMap((section) => section.blocks!);
  return { root: { type: 'root', children, position: mdastPosition(lines, 0, text.length) } };
}

/** remark-frontmatter's `---` block, when its fences are exactly `---`. */
function frontmatter(text: string, lines: LineIndex): { node: Yaml; nextLine: number } {
  if (lines.lineEnd(0) !== 3 || lines.lineCount < 2) giveUp('frontmatter fence');
  for (let line = 1; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line]!;
    if (!text.startsWith('---', start)) continue;
    // A fence with trailing whitespace closes it too, for remark-frontmatter.
    if (lines.lineEnd(line) - start !== 3) giveUp('frontmatter fence');
    const valueStart = lines.lineStarts[1]!;
    const valueEnd = line === 1 ? valueStart : lines.lineEnd(line - 1);
    const node: Yaml = { type: 'yaml', value: text.slice(valueStart, valueEnd), position: mdastPosition(lines, 0, start + 3) };
    return { node, nextLine: line + 1 };
  }
  return giveUp('unclosed frontmatter');
}
