// remark-parse, the parser of record: with frontmatter, and GFM tables only for text that has a
// delimiter row.
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';

// Of GFM only tables (key results as table rows): task checkboxes are read from the source
// (`[-]`, Obsidian's cancelled task, is not GFM), and the rest does not matter here.
function remarkGfmTable(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
const withTables = processor().use(remarkGfmTable).freeze();

/** remark's mdast of `text`; `tables` adds GFM tables (they cost micromark a fifth of its time). */
export function remarkRoot(text: string, tables: boolean): Root {
  return (tables ? withTables : processor).parse(text);
}

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
