// The markdown layer: remark-parse with frontmatter, and small helpers over mdast.
import type { Nodes, Root } from 'mdast';
import { parseMarkdownFast } from './fastMarkdown.ts';
import { remarkRoot } from './remarkProcessor.ts';

/**
 * A table needs a delimiter row (`| --- | :-: |`); the table extension costs micromark a fifth
 * of its time on every line, so it is used only for text that has such a row.
 */
export function hasTableDelimiterRow(text: string): boolean {
  const isBreak = (i: number) => text[i] === '\n' || text[i] === '\r';
  // Each character is looked at a bounded number of times: lines without `|` are skipped.
  let floor = 0;
  for (let at = text.indexOf('|'); at >= 0; at = text.indexOf('|', floor)) {
    let start = at;
    while (start > floor && !isBreak(start - 1)) start--;
    let end = at;
    while (end < text.length && !isBreak(end)) end++;
    const line = text.slice(start, end).replace(/[ \t>]/g, '');
    if (line.includes('-') && /^\|?:?-+:?(?:\|:?-+:?)*\|?$/.test(line)) return true;
    floor = end + 1;
  }
  return false;
}

/**
 * How to parse: `remark` alone turns the fast path off (the differential test compares both).
 */
export interface MarkdownOptions {
  parser?: 'fast' | 'remark';
}

/** The mdast of `text`: from the fast path when it can read it all, from remark otherwise (`fastOnly`: none). */
export function parseMarkdown(text: string, options?: MarkdownOptions): Root;
export function parseMarkdown(text: string, options: { parser: 'fastOnly' }): Root | undefined;
export function parseMarkdown(text: string, options: { parser?: 'fast' | 'remark' | 'fastOnly' } = {}): Root | undefined {
  const tables = hasTableDelimiterRow(text);
  if (!tables && options.parser !== 'remark') {
    const fast = parseMarkdownFast(text);
    if ('root' in fast) return fast.root;
  }
  return options.parser === 'fastOnly' ? undefined : remarkRoot(text, tables);
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
