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
