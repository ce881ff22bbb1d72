// MDX read as markdown: its top-level ESM (`import …`, `export …`) and its `{/* … */}`
// comments are not text of the document, so they are blanked before parsing. Blanked means
// replaced by spaces of the same length, line breaks kept, so that every offset and position
// of the rest is what it is in the file. One pass over the lines: linear in the text.

/** One line of the text and the line break after it (empty at the end). */
interface Line {
  text: string;
  lineBreak: string;
}

function splitKeepingBreaks(text: string): Line[] {
  const lines: Line[] = [];
  const lineBreak = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    lines.push({ text: text.slice(start, match.index), lineBreak: match[0] });
    start = match.index + match[0].length;
  }
  lines.push({ text: text.slice(start), lineBreak: '' });
  return lines;
}

const blank = (text: string) => ' '.repeat(text.length);

/** A code fence's opening or closing: up to three spaces, then three or more ` or ~. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** An ESM statement starts a line, unindented (as MDX reads it). */
const ESM_START = /^(?:import|export)[ \t]/;
const COMMENT_OPEN = '{/*';
const COMMENT_CLOSE = '*/}';

/** The fence a line opens, if it opens one (a backtick fence's info string holds no backtick). */
function openingFence(line: string): { char: string; length: number } | undefined {
  const match = FENCE.exec(line);
  if (!match) return undefined;
  const marks = match[1]!;
  if (marks[0] === '`' && line.slice(match[0].length).includes('`')) return undefined;
  return { char: marks[0]!, length: marks.length };
}

/** Whether a line closes the fence: the same mark, at least as long, nothing after it. */
function closesFence(line: string, fence: { char: string; length: number }): boolean {
  const match = FENCE.exec(line);
  return match !== null && match[1]![0] === fence.char && match[1]!.length >= fence.length && line.slice(match[0].length).trim() === '';
}

/**
 * Blanks the `{/* … *\/}` comments of one line; returns the line and whether a comment is
 * still open. `closesLater(i)`: whether a comment opened at `i` of the line ends on a later
 * line (one never closed is left as it is, not the rest of the file blanked).
 */
function blankComments(line: string, open: boolean, closesLater: (i: number) => boolean): { text: string; open: boolean } {
  let out = '';
  let from = 0;
  let inComment = open;
  for (;;) {
    if (inComment) {
      const close = line.indexOf(COMMENT_CLOSE, from);
      if (close < 0) return { text: out + blank(line.slice(from)), open: true };
      out += blank(line.slice(from, close + COMMENT_CLOSE.length));
      from = close + COMMENT_CLOSE.length;
      inComment = false;
    } else {
      const start = line.indexOf(COMMENT_OPEN, from);
      if (start < 0) return { text: out + line.slice(from), open: false };
      const opened = start + COMMENT_OPEN.length;
      if (line.indexOf(COMMENT_CLOSE, opened) < 0 && !closesLater(opened)) return { text: out + line.slice(from), open: false };
      out += line.slice(from, start);
      from = start;
      inComment = true;
    }
  }
}

/**
 * The text with MDX's top-level `import`/`export` statements and `{/* … *\/}` comments
 * replaced by spaces (line breaks kept), outside fenced code and the frontmatter. A statement
 * starts at a line beginning with `import` or `export` and runs to the next blank line, as
 * MDX reads it. Everything else is left as it is.
 */
export function maskMdxSyntax(text: string): string {
  const lines = splitKeepingBreaks(text);
  let fence: { char: string; length: number } | undefined;
  let inStatement = false;
  let inComment = false;
  let inFrontmatter = lines[0]?.text.trimEnd() === '---';
  // Each search for a comment's end starts where it opens and stops where it ends (or, once,
  // at the end of the text), and those stretches do not overlap: linear.
  let noCloseAfter = Infinity;
  let lineStart = 0;
  const closesLater = (i: number) => {
    const at = lineStart + i;
    if (at >= noCloseAfter) return false;
    if (text.indexOf(COMMENT_CLOSE, at) >= 0) return true;
    noCloseAfter = at;
    return false;
  };
  const out: string[] = [];
  lines.forEach((line, i) => {
    let masked = line.text;
    if (i === 0 && inFrontmatter) {
      // the opening `---`: kept
    } else if (inFrontmatter) {
      if (line.text.trimEnd() === '---') inFrontmatter = false;
    } else if (fence) {
      if (closesFence(line.text, fence)) fence = undefined;
    } else if (inStatement && line.text.trim() === '') {
      inStatement = false;
    } else if (inStatement || (!inComment && ESM_START.test(line.text))) {
      inStatement = true;
      masked = blank(line.text);
    } else if (!inComment && openingFence(line.text)) {
      fence = openingFence(line.text);
    } else {
      ({ text: masked, open: inComment } = blankComments(line.text, inComment, closesLater));
    }
    out.push(masked, line.lineBreak);
    lineStart += line.text.length + line.lineBreak.length;
  });
  return out.join('');
}
