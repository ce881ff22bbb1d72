// Where a document can be cut into sections that CommonMark reads alone exactly as it reads
// them together, so that one block the fast path cannot read (a fence, a table, an HTML
// comment) costs remark only its own section. A cut is made before an ATX heading at the
// start of a line that follows a blank line: every block before it has ended there (a blank
// line ends paragraphs, HTML blocks of kinds 6 and 7, tables and block quotes; a line that is
// not indented ends list items and indented code) except a fenced code block, which runs to
// its closing fence. Fences are followed only in their plain form, opened at the start of a
// line (where nothing contains them) and closed by a fence line; an HTML comment only when it
// opens and closes on one line (`<!-- okr: ignore -->`). After any other fence or HTML (an
// info string with a backtick, a fence in a list item or a quote, a comment over several
// lines, `<pre>`, `<div>`…) nothing more is cut: which container holds it, or micromark's own
// end rules, decide where it ends. Link reference definitions reach across sections: the
// fast path refuses them.
import type { LineIndex } from '../model/text.ts';

/** A fence opening at the start of a line; backtick fences take no backtick in their info string. */
const PLAIN_FENCE = /^(?:(`{3,})[^`]*|(~{3,}).*)$/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
/** A fence or HTML anywhere: after indentation or container markers, or at the start. */
const FENCE_OR_HTML = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)*(?:`{3}|~{3}|<)/;
/** An HTML comment that opens and closes on its line, nothing after it. */
const ONE_LINE_COMMENT = /^<!--(?!-?>).*-->[ \t]*$/;
const ATX_HEADING = /^#{1,6}(?: |$)/;

/** Lines (from `firstLine`) at which sections start; the first is always `firstLine`. */
export function sectionStarts(text: string, lines: LineIndex, firstLine: number): number[] {
  const starts = [firstLine];
  let fence: string | undefined;
  let previousBlank = false;
  for (let line = firstLine; line < lines.lineCount; line++) {
    const content = text.slice(lines.lineStarts[line], lines.lineEnd(line));
    if (fence !== undefined) {
      // A closing fence: the same character, at least as long, nothing after it but spaces.
      const close = CLOSING_FENCE.exec(content);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) fence = undefined;
    } else if (line > firstLine && previousBlank && ATX_HEADING.test(content)) {
      starts.push(line);
    } else if (FENCE_OR_HTML.test(content)) {
      const plain = PLAIN_FENCE.exec(content);
      if (plain) fence = plain[1] ?? plain[2];
      else if (!ONE_LINE_COMMENT.test(content)) break;
    }
    // Blank as CommonMark says: spaces and tabs only (a no-break space is text).
    previousBlank = /^[ \t]*$/.test(content);
  }
  return starts;
}
