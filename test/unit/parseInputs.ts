// Parse inputs shared by the parse-pool and model-cache tests: a generated workspace read
// from disk, and odd but quick texts (each an OKR document by name or frontmatter).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ParseInput } from '../../server/src/parallel/parsePool.ts';

/** Every file of a folder, as workspace inputs sorted by path. */
export function readInputs(root: string): ParseInput[] {
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => ({ path: relative(root, join(root, file)).split('\\').join('/'), text: readFileSync(join(root, file), 'utf8') }));
}

/** Odd but quick texts, each a valid OKR document (by name or frontmatter). */
export function oddInputs(): ParseInput[] {
  const body = '## Objective: Ship it {#ship}\n\naligns:: [[company#growth]]\n\n- KR: Latency [start:: 300ms] [target:: 100ms] [current:: 200ms] ^latency\n- [x] KR: Done ^done\n';
  const front = '---\nokr: operational\ncycle: 2026-11\nowner: Ann\n---\n';
  return [
    { path: 'odd/bom.md', text: `\uFEFF${front}${body}` },
    { path: 'odd/crlf.md', text: `${front}${body}`.replace(/\n/g, '\r\n') },
    { path: 'odd/lone-cr.md', text: `${front}${body}`.replace(/\n/g, '\r') },
    { path: 'odd/mixed.md', text: `${front}${body}`.replace(/\n/g, (_, i: number) => (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : '\n')) },
    { path: 'odd/empty.okr.md', text: '' },
    { path: 'odd/only-frontmatter.md', text: front },
    { path: 'odd/only-frontmatter-no-newline.md', text: front.trimEnd() },
    { path: 'odd/broken-yaml.md', text: '---\nokr: [strategic\ncycle: : :\n---\n# Broken\n' },
    { path: 'odd/invalid-keys.md', text: '---\nokr: tactical\ncycle: 2026-Q9\nowner: [a, b]\n---\n## Objective: X {#Bad Id}\n' },
    { path: 'odd/whitespace.okr.md', text: ' \t\n\n\u00A0\n' },
    { path: 'odd/numbers.okr.md', text: '## Objective: 1 2 3 4 {#1-2-3-4}\n\n- KR: [1, 2, 3, 4] [current:: 1] [target:: 4] ^kr-1\n' },
    { path: 'odd/unicode.okr.md', text: `## Objective: Ünïcödé 🚀 𝒳 {#unicode}\n\n- KR: 😀 [current:: 5] [target:: 10]\n` },
    { path: 'odd/nul.okr.md', text: `## Objective: a\u0000b\n\n- KR: \u2028line\u2029sep [progress:: 10]\n` },
    { path: 'odd/lone-surrogate.okr.md', text: `## Objective: half \uD800 pair\n` },
  ];
}
