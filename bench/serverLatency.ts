// Language-server latency on a generated workspace:
//   node bench/generate.mjs /tmp/okr-1k 1000 && npx tsx bench/serverLatency.ts /tmp/okr-1k [edits]
// Prints the time from initialize until every document's diagnostics are published, and
// keystroke (didChange) → diagnostics of that document, p50/p95 over the edits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkMarkdownFiles } from '../server/src/fs/files.ts';
import { LspClient, uriOf } from '../test/protocol/lspClient.ts';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const [dir, editsArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: npx tsx bench/serverLatency.ts WORKSPACE [EDITS]');
  process.exit(2);
}
const edits = Number(editsArg ?? 200);
const files = walkMarkdownFiles(dir).filter((f) => /^---\r?\nokr:/m.test(readFileSync(f, 'utf8').slice(0, 200)) || f.endsWith('.okr.md'));
const started = performance.now();
const client = await LspClient.start({ folders: [dir] });
await client.waitFor(() => client.diagnostics.size >= files.length, `${files.length} documents published`, 600_000);
const startup = performance.now() - started;
const rss = rssMb(client.process.pid!);

const target = files.find((f) => /okr: operational/.test(readFileSync(f, 'utf8'))) ?? join(dir, files[0]!);
const text = readFileSync(target, 'utf8');
const lines = text.split('\n');
const line = lines.findIndex((l) => /^- .*KR/.test(l));
client.open(target, text);
await client.waitFor(() => client.diagnostics.get(uriOf(target))?.version === 1, 'open published');
const latencies: number[] = [];
for (let i = 0; i < edits; i++) {
  const character = 8 + (i % 5);
  const t0 = performance.now();
  client.edit(target, { start: { line, character }, end: { line, character } }, 'x');
  const version = client.version(target);
  await client.waitFor(() => client.diagnostics.get(uriOf(target))?.version === version, `version ${version}`);
  latencies.push(performance.now() - t0);
  // A pause between keystrokes, as when a person types and then reads.
  await new Promise((resolve) => setTimeout(resolve, 120));
}
await client.stop();
console.log(`documents: ${files.length}`);
console.log(`initialize → all diagnostics published: ${(startup / 1000).toFixed(2)} s`);
console.log(`server RSS after indexing: ${rss.toFixed(0)} MB`);
console.log(`keystroke → diagnostics (${edits} edits): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`);
