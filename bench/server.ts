// Language-server benchmark on a generated workspace (one server process):
//
//   npx tsx bench/server.ts WORKSPACE [--edits 200] [--strategic-edits 20] [--requests 200] [--json]
//
// Measures: initialize → every document's diagnostics published (the end of the server's
// indexing progress, which it sends after them; clean files get no message); RSS after
// indexing; keystroke (didChange) in an operational document → its diagnostics (p50/p95);
// didChange in the strategic document with the most operational dependents
// (bench/generate.mjs gives one round(size / 20) of them) → every dependent validated again
// and its diagnostics published (okr/progressTreeChanged, which follows them) (p50/p95);
// hover and definition latency on an alignment reference (p50/p95). With --json, prints one
// JSON object as the last line of output.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { walkMarkdownFiles } from '../server/src/fs/files.ts';
import { LspClient, uriOf } from '../test/protocol/lspClient.ts';

export interface ServerResult {
  documents: number;
  startupMs: number;
  /** A second start on the same files, the model cache written by the first in place. */
  warmStartMs: number;
  rssMb: number;
  keystroke: { n: number; p50: number; p95: number };
  strategic: { n: number; p50: number; p95: number; dependents: number; operationalDependents: number; republished: number; timedOut: boolean; file: string } | null;
  hover: { n: number; p50: number; p95: number };
  definition: { n: number; p50: number; p95: number };
  /** okr/dashboard as the VS Code dashboard asks for it (current cycles, at most 2,000 objectives). */
  dashboard: { n: number; p50: number; p95: number; megabytes: number };
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
    for (const s of targets) {
      const list = dependentsOf.get(s);
      if (list) list.push(o);
      else dependentsOf.set(s, [o]);
    }
  }
  // The strategic document with the most operational dependents (then the most dependents).
  // Operational: `okr: operational`, or a `.okr.md` file without `okr:` whose objectives say
  // `level:: operational` (the generator writes both kinds).
  const operationalSet = new Set(okrFiles.filter((f) => {
    const t = texts.get(f)!;
    return /^okr: operational/m.test(t.slice(0, 200)) || (!/^okr:/m.test(t.slice(0, 200)) && /^level:: operational/m.test(t));
  }));
  const operationalCount = (ds: string[]) => ds.filter((d) => operationalSet.has(d)).length;
  const [strategicTarget, dependents] =
    [...dependentsOf.entries()].map(([s, ds]) => ({ s, ds, op: operationalCount(ds) }))
      .sort((a, b) => b.op - a.op || b.ds.length - a.ds.length || (a.s < b.s ? -1 : 1))
      .map(({ s, ds }) => [s, ds] as const)[0] ?? [undefined, [] as string[]];

  // Every wait condition below is O(1) per notification: URIs are computed once, and the
  // notification handler keeps the counts the conditions read.
  const uris = new Map(okrFiles.map((f) => [f, uriOf(f)]));
  const uri = (f: string) => uris.get(f) ?? uriOf(f);
  // During a strategic edit: the dependents not yet re-published since it (deleted on publication).
  let waiting = new Set<string>();
  let republishedSinceEdit = 0;
  let treeChanges = 0; // okr/progressTreeChanged: follows the publications of each update

  // The handler records first publications (startup) and, during a strategic edit, the
  // dependents published again since the edit ("re-published").
  // The model cache the server keeps between starts (VS Code passes its workspace storage).
  const cacheDir = mkdtempSync(join(tmpdir(), 'okr-bench-models-'));
  const previousCacheDir = process.env.OKR_MODEL_CACHE_DIR;
  // A first server, not measured, fills the code cache (OKR_CODE_CACHE_DIR, bench/run.ts), as
  // the first start on a machine does for every later one; its model cache is thrown away.
  process.env.OKR_MODEL_CACHE_DIR = join(cacheDir, 'priming');
  await timeStartup(dir);
  rmSync(join(cacheDir, 'priming'), { recursive: true, force: true });
  process.env.OKR_MODEL_CACHE_DIR = cacheDir;
  const started = performance.now();
  const client = await LspClient.start({ folders: [dir] });
  // stop() may still be writing `exit` when the server is gone: not an error of the benchmark.
  client.process.stdin?.on('error', () => {});
  client.connection.onNotification('okr/progressTreeChanged', () => {
    treeChanges++;
    (client as unknown as { wake(): void }).wake();
  });
  client.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
    if (waiting.delete(params.uri)) republishedSinceEdit++;
    client.diagnostics.set(params.uri, params as never);
    (client as unknown as { wake(): void }).wake();
  });
  try {
    await client.waitForIndexed(1, 1_800_000);
    const startupMs = performance.now() - started;
    const withProblems = new Set([...client.diagnostics].filter(([, params]) => params.diagnostics.length > 0).map(([uri]) => uri));
    const rss = rssMb(client.process.pid!);

    // Keystrokes in an operational document.
    const target = operational.find((f) => /^- .*KR/m.test(texts.get(f)!) && /^aligns:: /m.test(texts.get(f)!)) ?? operational[0]!;
    const text = texts.get(target)!;
    const lines = text.split('\n');
    const krLine = lines.findIndex((l) => /^- .*KR/.test(l));
    const targetUri = uri(target);
    client.open(target, text);
    await client.waitFor(() => client.diagnostics.get(targetUri)?.version === 1, 'open published');
    const keystrokes: number[] = [];
    for (let i = 0; i < edits; i++) {
      const character = 8 + (i % 5);
      const t0 = performance.now();
      client.edit(target, { start: { line: krLine, character }, end: { line: krLine, character } }, 'x');
      const version = client.version(target);
      await client.waitFor(() => client.diagnostics.get(targetUri)?.version === version, `version ${version}`);
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

    // The dashboard's data, as the VS Code dashboard asks for it after each pause in typing.
    const dashboards: number[] = [];
    let dashboardBytes = 0;
    for (let i = 0; i < Math.max(5, Math.round(requests / 10)); i++) {
      const t0 = performance.now();
      const answer = await client.connection.sendRequest('okr/dashboard', { maxObjectives: 2000 });
      dashboards.push(performance.now() - t0);
      dashboardBytes = JSON.stringify(answer).length;
    }

    // Edits of the strategic document with the most operational dependents, until every
    // dependent is re-published.
    let strategic: ServerResult['strategic'] = null;
    if (strategicTarget && strategicEdits > 0) {
      const sText = texts.get(strategicTarget)!;
      const sLines = sText.split('\n');
      // A key result's title: changes the parent's content without breaking any reference.
      const sLine = sLines.findIndex((l) => /^- .*KR/.test(l));
      const sChar = sLines[sLine]!.indexOf('KR') + 4;
      const strategicUri = uri(strategicTarget);
      const dependentUris = dependents.map(uri);
      client.open(strategicTarget, sText);
      await client.waitFor(() => client.diagnostics.get(strategicUri)?.version === 1, 'strategic open published');
      await pause(300);
      const times: number[] = [];
      let republished = 0; // dependents with problems, published again by the last edit
      let timedOut = false;
      for (let i = 0; i < strategicEdits; i++) {
        // Publications from here on count as re-publications of this edit.
        waiting = new Set(dependentUris);
        republishedSinceEdit = 0;
        const changesBefore = treeChanges;
        const t0 = performance.now();
        client.edit(strategicTarget, { start: { line: sLine, character: sChar }, end: { line: sLine, character: sChar } }, 'x');
        const version = client.version(strategicTarget);
        try {
          // The update that holds this version ends with okr/progressTreeChanged.
          await client.waitFor(() => client.diagnostics.get(strategicUri)?.version === version && treeChanges > changesBefore, `dependents re-published`, 30_000);
        } catch {
          timedOut = true;
          break;
        }
        republished = republishedSinceEdit;
        times.push(performance.now() - t0);
        await pause(300);
      }
      waiting = new Set();
      strategic = { ...stats(times), dependents: dependents.length, operationalDependents: operationalCount(dependents), republished, timedOut, file: strategicTarget.slice(dir.length + 1) };
    }
    await client.stop();
    const warmStartMs = await timeStartup(dir, withProblems);
    return { documents: okrFiles.length, startupMs, warmStartMs, rssMb: rss, keystroke: stats(keystrokes), strategic, hover: stats(hovers), definition: stats(definitions), dashboard: { ...stats(dashboards), megabytes: dashboardBytes / 1e6 } };
  } finally {
    await client.stop().catch(() => {});
    if (previousCacheDir === undefined) delete process.env.OKR_MODEL_CACHE_DIR;
    else process.env.OKR_MODEL_CACHE_DIR = previousCacheDir;
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/**
 * Starts a server on `dir` and times initialize → every diagnostic out: the end of its indexing
 * or, given the documents with problems, their publication (a warm start publishes them from
 * the model cache before it reads the models, and ends its indexing after that).
 */
async function timeStartup(dir: string, withProblems?: Set<string>): Promise<number> {
  const started = performance.now();
  const client = await LspClient.start({ folders: [dir] });
  client.process.stdin?.on('error', () => {});
  const unpublished = new Set(withProblems);
  if (withProblems) {
    client.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
      if (unpublished.delete(params.uri)) (client as unknown as { wake(): void }).wake();
    });
  }
  try {
    if (withProblems) await client.waitFor(() => unpublished.size === 0, `${withProblems.size} documents published (warm)`, 1_800_000);
    else await client.waitForIndexed(1, 1_800_000);
    return performance.now() - started;
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
