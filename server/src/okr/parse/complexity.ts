// Limits that keep parsing bounded. remark (micromark) is superlinear on some shapes —
// thousands of nested containers, long runs of emphasis or bracket delimiters in one block,
// very long documents of many lists — and one hostile file must not stall a language
// server or a CI run. A linear scan finds them before parsing; such a document is reported,
// not parsed. The limits are far above any OKR document written by people.

export const COMPLEXITY_LIMITS = {
  /** Characters in a document (a 256 KB OKR document would hold hundreds of objectives). */
  maxLength: 256 * 1024,
  /** Container markers (`>`, list bullets) opening one line. */
  maxNesting: 64,
  /**
   * Nested list structure, summed over lines: each line starting a list item inside another
   * list (`- - x`, or a bullet indented under an item) adds its depth below the first. Every
   * such line closes containers, and micromark copies the document's events at each close.
   */
  maxNestedListWeight: 1_000,
  /** Separate lists (a list item after a line that is not part of a list): each one closes too. */
  maxLists: 2_000,
  /** Columns of indentation before a line's content. */
  maxIndent: 512,
  /**
   * `[`, `]`, `*`, `_`, `` ` ``, `<`, `(`, `&` in one paragraph (micromark looks back over a
   * paragraph's brackets at each `]`). A list item or a heading starts a new paragraph here.
   */
  maxDelimitersPerParagraph: 5_000,
} as const;

const CONTAINER_MARKER = /^[ \t]{0,3}(?:>|([-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?/;

function isDelimiter(code: number): boolean {
  // [ ] * _ ` < ( &
  return code === 91 || code === 93 || code === 42 || code === 95 || code === 96 || code === 60 || code === 40 || code === 38;
}

const NEW_PARAGRAPH = /^[ \t]*(?:#|[-*+][ \t]+\S)/;

/** Why this text is too complex to parse, or undefined when it is not. */
export function complexityProblem(text: string): string | undefined {
  const limits = COMPLEXITY_LIMITS;
  if (text.length > limits.maxLength) {
    return `This document is ${Math.round(text.length / 1024)} KB; documents over ${limits.maxLength / 1024} KB are not analysed`;
  }
  let delimiters = 0;
  let nestedLists = 0;
  let lists = 0;
  let previousInList = false;
  // A text shorter than the limit cannot hold a paragraph over it: no count (most documents).
  const countDelimiters = text.length > limits.maxDelimitersPerParagraph;
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  let lineStart = 0;
  while (lineStart <= text.length) {
    if (nextLf !== -1 && nextLf < lineStart) nextLf = text.indexOf('\n', lineStart);
    if (nextCr !== -1 && nextCr < lineStart) nextCr = text.indexOf('\r', lineStart);
    const lineEnd = Math.min(nextLf === -1 ? text.length : nextLf, nextCr === -1 ? text.length : nextCr);
    // Indentation, then the containers that open the line.
    let at = lineStart;
    let columns = 0;
    while (at < lineEnd && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) {
      columns += text.charCodeAt(at) === 9 ? 4 - (columns % 4) : 1;
      at++;
    }
    if (columns > limits.maxIndent) return `A line is indented by ${columns} columns; more than ${limits.maxIndent} is not analysed`;
    let nesting = 0;
    let listMarkers = 0;
    // Only a line starting with > - * + # or a digit can open a container or a paragraph:
    // the others (most lines) skip the slice and the patterns.
    const first = text.charCodeAt(at);
    const mayOpen = first === 62 || first === 45 || first === 42 || first === 43 || first === 35 || (first >= 48 && first <= 57);
    const head = mayOpen ? text.slice(at, Math.min(lineEnd, at + 16 * (limits.maxNesting + 1))) : '';
    let rest = head;
    for (let match = CONTAINER_MARKER.exec(rest); match && match[0].length > 0; match = CONTAINER_MARKER.exec(rest)) {
      if (++nesting > limits.maxNesting) return `A line opens more than ${limits.maxNesting} nested lists or block quotes; this document is not analysed`;
      if (match[1]) listMarkers++;
      rest = rest.slice(match[0].length);
    }
    if (at < lineEnd) {
      if (listMarkers > 0 && !previousInList && ++lists > limits.maxLists) {
        return `This document holds more than ${limits.maxLists} separate lists; it is not analysed`;
      }
      previousInList = listMarkers > 0 || columns >= 2;
    }
    if (listMarkers > 0) {
      // Depth below the first list: markers on the line, and indentation (about 2 columns a level).
      nestedLists += nesting - 1 + Math.floor(columns / 2);
      if (nestedLists > limits.maxNestedListWeight) {
        return `This document nests lists more than ${limits.maxNestedListWeight} times in all; it is not analysed`;
      }
    }
    if (at === lineEnd || (mayOpen && NEW_PARAGRAPH.test(head))) delimiters = 0;
    for (let i = countDelimiters ? at : lineEnd; i < lineEnd; i++) {
      if (isDelimiter(text.charCodeAt(i)) && ++delimiters > limits.maxDelimitersPerParagraph) {
        return `A paragraph holds more than ${limits.maxDelimitersPerParagraph} brackets, emphasis or code marks; this document is not analysed`;
      }
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
  }
  return undefined;
}
