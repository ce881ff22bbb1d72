// The frontmatter of every document of a workspace read both ways, YAML and plain (issue 16):
//   npx tsx bench/frontmatter.ts bench/out/10000
// Prints the time of each reading, three rounds (the first warms the JIT).
import { readFileSync } from 'node:fs';
import { walkMarkdownFiles } from '../server/src/fs/files.ts';
import { LineIndex } from '../server/src/okr/model/text.ts';
import { findFrontmatter, readFrontmatter } from '../server/src/okr/parse/frontmatter.ts';
import { readPlainFrontmatter } from '../server/src/okr/parse/plainFrontmatter.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx bench/frontmatter.ts WORKSPACE');
  process.exit(2);
}
const inputs = walkMarkdownFiles(dir).map((file) => {
  const text = readFileSync(file, 'utf8');
  return { block: findFrontmatter(text), lines: new LineIndex(text) };
});
const plainBlocks = inputs.filter(({ block }) => block && readPlainFrontmatter(block.content)).length;
console.log(`${inputs.length} documents, ${plainBlocks} with plain frontmatter`);
for (const round of [1, 2, 3]) {
  for (const plain of [false, true]) {
    const started = performance.now();
    for (const { block, lines } of inputs) readFrontmatter(block, lines, { plain });
    console.log(`round ${round}, ${plain ? 'plain where it can' : 'YAML always'}: ${(performance.now() - started).toFixed(0)} ms`);
  }
}
