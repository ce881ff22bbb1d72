// Where a document can be cut into sections that CommonMark reads alone exactly as it reads
// them together, so that one block the fast path cannot read (a fence, a table, an HTML
// comment) costs remark only its own section. A cut is made before an ATX heading at the
// start of a line that follows a blank line: every block before it has ended there (a blank
// line ends paragraphs, HTML blocks of kinds 6 and 7, tables and block quotes; a line that is
// not indented ends list items and indented code) except a fenced code block or an HTML block
// of kinds 1–5 (`<!--`, `<?`, `<!X`, `<![CDATA[`, `<pre>`…), which run to their closing line.
// Those are followed when they open at the start of a line, where nothing can contain them.
// After one that opens anywhere else (indented, in a list item or a quote: which container
// it is in decides where it ends) or any other HTML, nothing more is cut. Link reference
// definitions reach across sections: the fast path refuses them.
import type { LineIndex } from '../model/text.ts';

const ATX_HEADING = /^#{1,6}(?: |$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A fence or HTML anywhere but at the start of a line: after indentation or container markers. */
const CONTAINED_FENCE_OR_HTML = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)*(?:`{3}|~{3}|<)/;
const HTML_START: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** Lines (from `firstLine`) at which sections start; the first is always `firstLine`. */
export function sectionStarts(text: string, lines: LineIndex, firstLine: number): number[] {
  const starts = [firstLine];
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = false;
  for (let line = firstLine; line < lines.lineCount; line++) {
    const content = text.slice(lines.lineStarts[line], lines.lineEnd(line));
    // Blank as CommonMark says: spaces and tabs only (a no-break space is text).
    const blank = /^[ \t]*$/.test(content);
    if (fence !== undefined) {
      // A closing fence: the same character, at least as long, nothing after it but spaces.
      const close = FENCE.exec(content);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && /^[ \t]*$/.test(content.slice(close[0].length))) fence = undefined;
    } else if (htmlEnd !== undefined) {
      if (htmlEnd.test(content)) htmlEnd = undefined;
    } else if (line > firstLine && previousBlank && ATX_HEADING.test(content)) {
      starts.push(line);
    } else if (/^(?:`{3}|~{3})/.test(content)) {
      fence = FENCE.exec(content)![1];
    } else if (CONTAINED_FENCE_OR_HTML.test(content)) {
      const kind = HTML_START.find(([start]) => content.startsWith('<') && start.test(content));
      if (!kind) break;
      if (!kind[1].test(content.slice(kind[0].exec(content)![0].length))) htmlEnd = kind[1];
    }
    previousBlank = blank;
  }
  return starts;
}
