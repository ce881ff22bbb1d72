// The heap an analysed workspace holds (models and analysis state), after a full collection:
//   NODE_OPTIONS=--expose-gc npx tsx bench/analysisHeap.ts bench/out/10000
// Every document's diagnostics and every key result's fields are computed first, as the
// language server does when it publishes.
import { readFileSync } from 'node:fs';
import { walkMarkdownFiles } from '../server/src/fs/files.ts';
import { defaultConfig } from '../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../server/src/okr/model/calendar.ts';
import { analyzeFiles } from '../server/src/okr/engine.ts';

const dir = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
if (!dir || !gc) {
  console.error('usage: NODE_OPTIONS=--expose-gc npx tsx bench/analysisHeap.ts WORKSPACE');
  process.exit(2);
}
const files = walkMarkdownFiles(dir).map((file) => ({ path: file.slice(dir.length + 1), text: readFileSync(file, 'utf8') }));
const analysis = analyzeFiles(files, { config: defaultConfig(), today: parseIsoDay('2026-11-25')! });
let keyResults = 0;
for (const document of analysis.index.documents()) {
  analysis.diagnostics(document);
  for (const objective of document.objectives) {
    for (const keyResult of objective.keyResults) {
      analysis.keyResult(keyResult);
      keyResults++;
    }
  }
}
gc();
gc();
const heap = process.memoryUsage().heapUsed;
// Read after measuring, so that the analysis is alive when the heap is measured.
console.log(`${analysis.index.size} documents, ${keyResults} key results: ${(heap / 1e6).toFixed(0)} MB of heap`);
