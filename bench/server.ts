// Language-server benchmark on a generated workspace (one server process):
//
//   npx tsx bench/server.ts WORKSPACE [--edits 200] [--strategic-edits 20] [--requests 200] [--json]
//
// Measures: initialize → every document's diagnostics published; RSS after indexing;
// keystroke (didChange) in an operational document → its diagnostics (p50/p95); didChange in
// the strategic document with the most dependents → every dependent re-published (p50/p95);
// hover and definition latency on an alignment reference (p50/p95). With --json, prints one
// JSON object as the last line of output.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { walkMarkdownFiles } from '../server/src/fs/files.ts';
import { LspClient, uriOf } from '../test/protocol/lspClient.ts';

export interface ServerResult {
  documents: number;
  startupMs: number;
  rssMb: number;
  keystroke: { n: number; p50: number; p95: number };
  strategic: { n: number; p50: number; p95: number; dependents: number; operationalDependents: number; republished: number; file: string } | null;
  hover: { n: number; p50: number; p95: number };
  definition: { n: number; p50: number; p95: number };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const stats = (values: number[]) => ({ n: values.length, p50: percentile(values, 50), p95: percentile(values, 95) });

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

// LspClient.stop() sends `exit` without waiting; when the server is already gone, that write
// fails after the benchmark is done with it. Not an error of the benchmark.
process.on('unhandledRejection', (error) => {
  if ((error as { code?: string } | undefined)?.code === 'ERR_STREAM_DESTROYED') return;
  throw error;
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchServer(dirArg: string, opts: { edits?: number; strategicEdits?: number; requests?: number } = {}): Promise<ServerResult> {
  const dir = resolve(dirArg);
  const edits = opts.edits ?? 200;
  const strategicEdits = opts.strategicEdits ?? 20;
  const requests = opts.requests ?? 200;
  const texts = new Map<string, string>();
  for (const f of walkMarkdownFiles(dir)) texts.set(f, readFileSync(f, 'utf8'));
  const okrFiles = [...texts.keys()].filter((f) => /^---\r?\nokr:/.test(texts.get(f)!) || f.endsWith('.okr.md'));
  const operational = okrFiles.filter((f) => /^okr: operational/m.test(texts.get(f)!.slice(0, 200)));
  const strategicFiles = okrFiles.filter((f) => /^okr: strategic/m.test(texts.get(f)!.slice(0, 200)));

  // Dependents of each strategic document: the other OKR documents that align to it (name its
  // file or one of its ids) — the documents the server re-publishes when it changes.
  const dependentsOf = new Map<string, string[]>();
  const keyToStrategic = new Map<string, string>();
  for (const s of strategicFiles) {
    keyToStrategic.set(basename(s).replace(/(\.okr)?\.md$/, ''), s);
    for (const m of texts.get(s)!.matchAll(/\{#([\w-]+)\}/g)) keyToStrategic.set(m[1]!, s);
  }
  for (const o of okrFiles) {
    const targets = new Set<string>();
    for (const line of texts.get(o)!.matchAll(/aligns::.*$/gm)) {
      for (const m of line[0].matchAll(/[\w-]+/g)) {
        const s = keyToStrategic.get(m[0]);
        if (s && s !== o) targets.add(s);
      }
    }
    for (const s of targets) dependentsOf.set(s, [...(dependentsOf.get(s) ?? []), o]);
  }
  const [strategicTarget, dependents] = [...dependentsOf.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [undefined, []];

  // Count publications per URI, so "re-published" means "published again after the edit".
  const started = performance.now();
  const client = await LspClient.start({ folders: [dir] });
  // stop() may still be writing `exit` when the server is gone: not an error of the benchmark.
  client.process.stdin?.on('error', () => {});
  const counts = new Map<string, number>();
  client.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
    counts.set(params.uri, (counts.get(params.uri) ?? 0) + 1);
    client.diagnostics.set(params.uri, params as never);
    (client as unknown as { wake(): void }).wake();
  });
  try {
    await client.waitFor(() => okrFiles.every((f) => client.diagnostics.has(uriOf(f))), `${okrFiles.length} documents published`, 1_800_000);
    const startupMs = performance.now() - started;
    const rss = rssMb(client.process.pid!);

    // Keystrokes in an operational document.
    const target = operational.find((f) => /^- .*KR/m.test(texts.get(f)!) && /^aligns:: /m.test(texts.get(f)!)) ?? operational[0]!;
    const text = texts.get(target)!;
    const lines = text.split('\n');
    const krLine = lines.findIndex((l) => /^- .*KR/.test(l));
    client.open(target, text);
    await client.waitFor(() => client.diagnostics.get(uriOf(target))?.version === 1, 'open published');
    const keystrokes: number[] = [];
    for (let i = 0; i < edits; i++) {
      const character = 8 + (i % 5);
      const t0 = performance.now();
      client.edit(target, { start: { line: krLine, character }, end: { line: krLine, character } }, 'x');
      const version = client.version(target);
      await client.waitFor(() => client.diagnostics.get(uriOf(target))?.version === version, `version ${version}`);
      keystrokes.push(performance.now() - t0);
      // A pause between keystrokes, as when a person types and then reads.
      await pause(120);
    }

    // Hover and definition on the alignment reference (the document is open, as in an editor).
    const alignLine = lines.findIndex((l) => /^aligns:: /.test(l));
    const position = { line: alignLine, character: Math.min(lines[alignLine]!.length - 3, 'aligns:: [['.length + 3) };
    const hovers: number[] = [];
    const definitions: number[] = [];
    for (let i = 0; i < requests; i++) {
      let t0 = performance.now();
      await client.hover(target, position);
      hovers.push(performance.now() - t0);
      t0 = performance.now();
      await client.definition(target, position);
      definitions.push(performance.now() - t0);
    }

    // Edits of the strategic document with the most dependents, until every dependent is re-published.
    let strategic: ServerResult['strategic'] = null;
    if (strategicTarget && strategicEdits > 0) {
      const sText = texts.get(strategicTarget)!;
      const sLines = sText.split('\n');
      // A key result's title: changes the parent's content without breaking any reference.
      const sLine = sLines.findIndex((l) => /^- .*KR/.test(l));
      const sChar = sLines[sLine]!.indexOf('KR') + 4;
      client.open(strategicTarget, sText);
      await client.waitFor(() => client.diagnostics.get(uriOf(strategicTarget))?.version === 1, 'strategic open published');
      await pause(300);
      const times: number[] = [];
      let republished = dependents.length;
      for (let i = 0; i < strategicEdits; i++) {
        const before = new Map(dependents.map((d) => [d, counts.get(uriOf(d)) ?? 0]));
        const t0 = performance.now();
        client.edit(strategicTarget, { start: { line: sLine, character: sChar }, end: { line: sLine, character: sChar } }, 'x');
        const version = client.version(strategicTarget);
        const done = () => dependents.every((d) => (counts.get(uriOf(d)) ?? 0) > before.get(d)!);
        try {
          await client.waitFor(() => client.diagnostics.get(uriOf(strategicTarget))?.version === version && done(), `dependents re-published`, 30_000);
        } catch {
          republished = dependents.filter((d) => (counts.get(uriOf(d)) ?? 0) > before.get(d)!).length;
          break;
        }
        times.push(performance.now() - t0);
        await pause(300);
      }
      strategic = { ...stats(times), dependents: dependents.length, operationalDependents: dependents.filter((d) => operational.includes(d)).length, republished, file: strategicTarget.slice(dir.length + 1) };
    }
    return { documents: okrFiles.length, startupMs, rssMb: rss, keystroke: stats(keystrokes), strategic, hover: stats(hovers), definition: stats(definitions) };
  } finally {
    await client.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { edits: { type: 'string' }, 'strategic-edits': { type: 'string' }, requests: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!positionals[0]) {
    console.error('usage: npx tsx bench/server.ts WORKSPACE [--edits 200] [--strategic-edits 20] [--requests 200] [--json]');
    process.exit(2);
  }
  const result = await benchServer(positionals[0], {
    edits: values.edits ? Number(values.edits) : undefined,
    strategicEdits: values['strategic-edits'] ? Number(values['strategic-edits']) : undefined,
    requests: values.requests ? Number(values.requests) : undefined,
  });
  console.log(values.json ? JSON.stringify(result) : result);
  process.exit(0);
}
