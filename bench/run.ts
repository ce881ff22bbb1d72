// The benchmark of issue 6: `npm run bench` (builds first), or
//
//   npx tsx bench/run.ts [--sizes 1000,10000] [--runs 3] [--out bench/out] [--results bench/RESULTS.md]
//                        [--no-peers] [--no-server] [--edits 200] [--strategic-edits 20] [--requests 200]
//                        [--long 300] [--history 1000]
//
// For each size, generates a deterministic workspace into OUT/<size> (bench/generate.mjs) and
// measures, each in its own child process, wall time and peak RSS (median of the runs):
// `okr check` cold, the read floor, the parse floor (unified + remark-parse + remark-frontmatter
// + yaml), markdownlint (default rules) and vscode-markdown-languageservice link diagnostics;
// then the language server once (bench/server.ts). Then the long documents (issue 16):
// `--long N` files of 50–200 KB (bench/generateLong.mjs, OUT/long; 0 skips them), cold
// `okr check` with the fast path on and off, and parseDocument in process
// (bench/longDocuments.ts). Prints a table and writes RESULTS.md (`--results none` writes
// nothing). `--sizes none --long 300 --results none` measures only the long documents. Then the
// history (issue 17): `--history N` documents and N/2 commits in a git repository
// (bench/generateHistory.mjs, OUT/history; 0 skips it), cold `okr history` against cold `okr check`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { LongParse } from './longDocuments.ts';
import { historySection, historyTable, runHistoryBench, type HistoryResult } from './historyBench.ts';
import { benchServer, type ServerResult } from './server.ts';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(BENCH, '..');
const TODAY = '2026-11-25';
const HISTORY_MARKER = '<!-- optimisations: kept by bench/run.ts -->';

export interface Measure {
  /** Median wall time, seconds. */
  seconds: number;
  /** Median peak RSS, MB. */
  rssMb: number;
  runs: number;
}

export interface SizeResult {
  size: number;
  bytes: number;
  check: Measure;
  /** `okr check` with the code cache off (OKR_CODE_CACHE_DIR=""): the first run on a machine, or CI. */
  checkFirst?: Measure;
  /** `okr check --cache`, run again with nothing changed (the first run, not measured, fills the cache). */
  checkCached: Measure;
  /** `okr report --format html --output FILE`: the dashboard page of every objective. */
  reportHtml?: Measure & { megabytes: number };
  read: Measure;
  parse: Measure;
  markdownlint?: Measure;
  vscodeMd?: Measure;
  server?: ServerResult;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Runs `node --import bench/rusage.mjs ARGS` once: wall time (s) and peak RSS (MB) of the child. */
function runOnce(args: string[], env: Record<string, string> = {}): Promise<{ seconds: number; rssMb: number }> {
  const tmp = mkdtempSync(join(tmpdir(), 'okr-bench-'));
  const rusage = join(tmp, 'rusage');
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', pathToFileURL(join(BENCH, 'rusage.mjs')).href, ...args], {
      cwd: REPO,
      env: { ...process.env, ...env, OKR_BENCH_RUSAGE: rusage },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - t0) / 1000;
      try {
        // okr check exits 1 when it finds errors (the generated workspace has some on purpose).
        if (signal || (code !== 0 && code !== 1)) throw new Error(`${args.join(' ')} failed (${signal ?? code}): ${stderr}`);
        resolvePromise({ seconds, rssMb: Number(readFileSync(rusage, 'utf8')) / 1024 });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });
  });
}

async function measure(args: string[], runs: number, env?: Record<string, string>): Promise<Measure> {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await runOnce(args, env));
  return { seconds: median(results.map((r) => r.seconds)), rssMb: median(results.map((r) => r.rssMb)), runs };
}

export interface Options {
  sizes: number[];
  runs: number;
  out: string;
  peers: boolean;
  server: boolean;
  edits: number;
  strategicEdits: number;
  requests: number;
  log?: (line: string) => void;
}

export async function runBench(o: Options): Promise<SizeResult[]> {
  const log = o.log ?? (() => {});
  const results: SizeResult[] = [];
  for (const size of o.sizes) {
    const dir = join(o.out, String(size));
    log(`generating ${size} files into ${relative(REPO, dir) || dir} …`);
    const generated = execFileSync(process.execPath, [join(BENCH, 'generate.mjs'), dir, String(size)], { encoding: 'utf8' });
    const bytes = Number(/, (\d+) bytes/.exec(generated)?.[1] ?? 0);
    const floors = (mode: string) => [join(BENCH, 'floors.mjs'), mode, dir];
    // Each size gets a code cache of its own (the CLI's and the server's), filled by the first run.
    const codeCacheDir = mkdtempSync(join(tmpdir(), 'okr-bench-code-'));
    process.env.OKR_CODE_CACHE_DIR = codeCacheDir;
    log(`  okr check …`);
    const checkArgs = [join(REPO, 'dist/cli.cjs'), 'check', dir, '--today', TODAY, '--format', 'json'];
    const check = await measure(checkArgs, o.runs);
    log(`  okr check without a code cache (the first run on a machine) …`);
    const checkFirst = await measure(checkArgs, o.runs, { OKR_CODE_CACHE_DIR: '' });
    log(`  okr check --cache (second run) …`);
    const cacheDir = mkdtempSync(join(tmpdir(), 'okr-bench-cache-'));
    const cached = [join(REPO, 'dist/cli.cjs'), 'check', dir, '--today', TODAY, '--format', 'json', '--cache', '--cache-location', join(cacheDir, 'okrcache')];
    await runOnce(cached);
    const checkCached = await measure(cached, o.runs);
    rmSync(cacheDir, { recursive: true, force: true });
    log(`  okr report --format html …`);
    const pageDir = mkdtempSync(join(tmpdir(), 'okr-bench-page-'));
    const page = join(pageDir, 'report.html');
    const reportHtml = { ...(await measure([join(REPO, 'dist/cli.cjs'), 'report', dir, '--today', TODAY, '--format', 'html', '--output', page], o.runs)), megabytes: statSync(page).size / 1e6 };
    rmSync(pageDir, { recursive: true, force: true });
    log(`  read floor …`);
    const read = await measure(floors('read'), o.runs);
    log(`  parse floor …`);
    const parse = await measure(floors('parse'), o.runs);
    const result: SizeResult = { size, bytes, check, checkFirst, checkCached, reportHtml, read, parse };
    if (o.peers) {
      log(`  markdownlint …`);
      result.markdownlint = await measure(floors('markdownlint'), o.runs);
      log(`  vscode-markdown-languageservice …`);
      result.vscodeMd = await measure(floors('vscode-md'), o.runs);
    }
    if (o.server) {
      log(`  language server …`);
      result.server = await benchServer(dir, { edits: o.edits, strategicEdits: o.strategicEdits, requests: o.requests });
    }
    results.push(result);
    delete process.env.OKR_CODE_CACHE_DIR;
    rmSync(codeCacheDir, { recursive: true, force: true });
  }
  return results;
}

// ---- Long documents (issue 16) ------------------------------------------------------------

export interface LongResult {
  files: number;
  bytes: number;
  /** Cold `okr check`, the fast path on (the default). */
  check: Measure;
  /** The same with OKR_PARSER=remark; absent when the built CLI does not read it. */
  checkRemark?: Measure;
  /** parseDocument in process over the documents the fast path reads and those it hands to remark. */
  parse: LongParse;
}

/** OKR_PARSER=remark turns the fast path off in `okr check`; an older build would measure it twice. */
const PARSER_SWITCH = 'OKR_PARSER';

export async function runLongBench(o: { files: number; runs: number; out: string; log?: (line: string) => void }): Promise<LongResult> {
  const log = o.log ?? (() => {});
  const dir = join(o.out, 'long');
  log(`generating ${o.files} long files into ${relative(REPO, dir) || dir} …`);
  const generated = execFileSync(process.execPath, [join(BENCH, 'generateLong.mjs'), dir, String(o.files)], { encoding: 'utf8' });
  const bytes = Number(/, (\d+) bytes/.exec(generated)?.[1] ?? 0);
  const check = [join(REPO, 'dist/cli.cjs'), 'check', dir, '--today', TODAY, '--format', 'json'];
  log(`  okr check …`);
  // The fast path on whatever the caller's environment says.
  const checkFast = await measure(check, o.runs, { [PARSER_SWITCH]: 'fast' });
  let checkRemark: Measure | undefined;
  const program = ['dist/cli-main.cjs', 'dist/cli.cjs'].map((file) => join(REPO, file)).find((file) => existsSync(file))!;
  if (readFileSync(program, 'utf8').includes(PARSER_SWITCH)) {
    log(`  okr check, ${PARSER_SWITCH}=remark …`);
    checkRemark = await measure(check, o.runs, { [PARSER_SWITCH]: 'remark' });
  } else {
    log(`  dist/cli.cjs does not read ${PARSER_SWITCH}: no okr check with the fast path off`);
  }
  log(`  parseDocument in process, fast path on and off …`);
  const parse = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', join(BENCH, 'longDocuments.ts'), dir, '--json'], { cwd: REPO, encoding: 'utf8' }),
  ) as LongParse;
  return { files: o.files, bytes, check: checkFast, checkRemark, parse };
}

export function longTable(long: LongResult): string {
  const x = (off: number, on: number) => `${(off / on).toFixed(2)} ×`;
  const group = (what: string, g: LongParse['inSubset']) =>
    `| parseDocument in process, ${what} (${g.files} files, ${g.megabytes.toFixed(1)} MB) | ${g.fastSeconds.toFixed(2)} s | ${g.remarkSeconds.toFixed(2)} s | ${x(g.remarkSeconds, g.fastSeconds)} |`;
  const off = long.checkRemark;
  const reasons = Object.entries(long.parse.fallingBack.reasons).map(([why, n]) => `${why} ${n}`).join(', ');
  return [
    `| measure (${long.files} long files, ${(long.bytes / 1e6).toFixed(1)} MB) | fast path on | fast path off (remark alone) | off / on |`,
    '|---|---:|---:|---:|',
    `| \`okr check\`, cold: wall / peak RSS | ${s(long.check)} / ${mb(long.check)} | ${off ? `${s(off)} / ${mb(off)}` : '—'} | ${off ? `${x(off.seconds, long.check.seconds)} / ${x(off.rssMb, long.check.rssMb)}` : '—'} |`,
    group("the fast path's subset", long.parse.inSubset),
    group(`falling back to remark (${reasons})`, long.parse.fallingBack),
  ].join('\n');
}

// ---- Reporting ---------------------------------------------------------------------------

const s = (m?: Measure) => (m ? `${m.seconds.toFixed(2)} s` : '—');
const mb = (m?: Measure) => (m ? `${m.rssMb.toFixed(0)} MB` : '—');
const ms = (v?: number) => (v === undefined || Number.isNaN(v) ? '—' : `${v.toFixed(1)} ms`);
const pp = (x?: { p50: number; p95: number }) => (x ? `${ms(x.p50)} / ${ms(x.p95)}` : '—');

export function table(results: SizeResult[]): string {
  const head = `| measure | ${results.map((r) => `${r.size.toLocaleString('en')} files (${(r.bytes / 1e6).toFixed(1)} MB)`).join(' | ')} |`;
  const sep = `|---|${results.map(() => '---:').join('|')}|`;
  const row = (name: string, f: (r: SizeResult) => string) => `| ${name} | ${results.map(f).join(' | ')} |`;
  const strategicLabel = (r: SizeResult) =>
    r.server?.strategic
      ? `${pp(r.server.strategic)} (${r.server.strategic.file}: ${r.server.strategic.dependents} dependents, ${r.server.strategic.operationalDependents} of them operational, ${r.server.strategic.republished} with problems published again${r.server.strategic.timedOut ? '; an edit timed out' : ''})`
      : '—';
  return [
    head,
    sep,
    row('`okr check`, cold: wall time', (r) => s(r.check)),
    row('`okr check`, cold: peak RSS', (r) => mb(r.check)),
    row('`okr check`, cold, no code cache (a first run, CI): wall / RSS', (r) => (r.checkFirst ? `${s(r.checkFirst)} / ${mb(r.checkFirst)}` : '—')),
    row('`okr check --cache`, second run, nothing changed: wall / RSS', (r) => `${s(r.checkCached)} / ${mb(r.checkCached)}`),
    row('`okr report --format html` (dashboard of everything): wall / RSS / page', (r) => (r.reportHtml ? `${s(r.reportHtml)} / ${mb(r.reportHtml)} / ${r.reportHtml.megabytes.toFixed(1)} MB` : '—')),
    row('read floor (read every file): wall / RSS', (r) => `${s(r.read)} / ${mb(r.read)}`),
    row('parse floor (unified + remark-parse + frontmatter + yaml): wall / RSS', (r) => `${s(r.parse)} / ${mb(r.parse)}`),
    row('markdownlint, default rules: wall / RSS', (r) => (r.markdownlint ? `${s(r.markdownlint)} / ${mb(r.markdownlint)}` : '—')),
    row('vscode-markdown-languageservice link diagnostics: wall / RSS', (r) => (r.vscodeMd ? `${s(r.vscodeMd)} / ${mb(r.vscodeMd)}` : '—')),
    row('server: initialize → all published', (r) => (r.server ? `${(r.server.startupMs / 1000).toFixed(2)} s` : '—')),
    row('server: warm start (model cache) → all published', (r) => (r.server ? `${(r.server.warmStartMs / 1000).toFixed(2)} s` : '—')),
    row('server: RSS after indexing', (r) => (r.server ? `${r.server.rssMb.toFixed(0)} MB` : '—')),
    row('server: keystroke → diagnostics, p50 / p95', (r) => pp(r.server?.keystroke)),
    row('server: strategic edit → dependents re-published, p50 / p95', strategicLabel),
    row('server: hover, p50 / p95', (r) => pp(r.server?.hover)),
    row('server: definition, p50 / p95', (r) => pp(r.server?.definition)),
    row('server: okr/dashboard (current cycles, ≤ 2,000 objectives), p50 / p95 / answer', (r) => (r.server?.dashboard ? `${pp(r.server.dashboard)} / ${r.server.dashboard.megabytes.toFixed(1)} MB` : '—')),
  ].join('\n');
}

export function ratios(results: SizeResult[]): string {
  const x = (a?: number, b?: number) => (a === undefined || b === undefined || !b ? '—' : `${(a / b).toFixed(2)} ×`);
  const lines = [
    `| ratio | ${results.map((r) => `${r.size.toLocaleString('en')} files`).join(' | ')} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
    `| okr check / parse floor | ${results.map((r) => x(r.check.seconds, r.parse.seconds)).join(' | ')} |`,
    `| okr check / vscode-markdown-languageservice | ${results.map((r) => x(r.check.seconds, r.vscodeMd?.seconds)).join(' | ')} |`,
    `| okr check / markdownlint | ${results.map((r) => x(r.check.seconds, r.markdownlint?.seconds)).join(' | ')} |`,
    `| okr check --cache second run / cold | ${results.map((r) => x(r.checkCached.seconds, r.check.seconds)).join(' | ')} |`,
    `| server startup / okr check | ${results.map((r) => x(r.server ? r.server.startupMs / 1000 : undefined, r.check.seconds)).join(' | ')} |`,
  ];
  const small = results.find((r) => r.size === 1000);
  const large = results.find((r) => r.size === 10000);
  if (small && large) {
    lines.push('', '| 10k time / 1k time | ratio |', '|---|---:|');
    lines.push(`| okr check | ${x(large.check.seconds, small.check.seconds)} |`);
    lines.push(`| okr check --cache, second run | ${x(large.checkCached.seconds, small.checkCached.seconds)} |`);
    lines.push(`| parse floor | ${x(large.parse.seconds, small.parse.seconds)} |`);
    lines.push(`| read floor | ${x(large.read.seconds, small.read.seconds)} |`);
    if (small.vscodeMd && large.vscodeMd) lines.push(`| vscode-markdown-languageservice | ${x(large.vscodeMd.seconds, small.vscodeMd.seconds)} |`);
    if (small.markdownlint && large.markdownlint) lines.push(`| markdownlint | ${x(large.markdownlint.seconds, small.markdownlint.seconds)} |`);
    if (small.server && large.server) lines.push(`| server: initialize → all published | ${x(large.server.startupMs, small.server.startupMs)} |`);
  }
  return lines.join('\n');
}

/** Issue 6's targets, checked on the largest size measured. */
export function targets(results: SizeResult[]): string {
  const r = results[results.length - 1];
  if (!r) return '';
  const small = results.find((x) => x.size * 10 === r.size);
  const row = (what: string, target: string, measured: string, met: boolean | undefined) =>
    `| ${what} | ${target} | ${measured} | ${met === undefined ? '—' : met ? 'yes' : '**no**'} |`;
  const server = r.server;
  const peakCheck = Math.max(r.check.rssMb, r.checkCached.rssMb);
  const lines = [
    `| measure (${r.size.toLocaleString('en')} files) | target | measured | met |`,
    '|---|---|---|---|',
    row('`okr check`, cold', '≤ 1.0 × vscode-markdown-languageservice', r.vscodeMd ? `${(r.check.seconds / r.vscodeMd.seconds).toFixed(2)} × (${s(r.check)} vs ${s(r.vscodeMd)})` : '—', r.vscodeMd ? r.check.seconds <= r.vscodeMd.seconds : undefined),
    row('`okr check --cache`, second run', '≤ 10 % of cold', `${((100 * r.checkCached.seconds) / r.check.seconds).toFixed(1)} % (${s(r.checkCached)})`, r.checkCached.seconds <= 0.1 * r.check.seconds),
  ];
  if (server) {
    lines.push(
      row('server: initialize → all published', '≤ 1.5 × cold `okr check`', `${(server.startupMs / 1000 / r.check.seconds).toFixed(2)} × (${(server.startupMs / 1000).toFixed(2)} s)`, server.startupMs / 1000 <= 1.5 * r.check.seconds),
      row('server: warm start', '≤ 2 s', `${(server.warmStartMs / 1000).toFixed(2)} s`, server.warmStartMs <= 2000),
      row('keystroke → diagnostics, p95', '≤ 30 ms', ms(server.keystroke.p95), server.keystroke.p95 <= 30),
      row(`strategic edit, ${server.strategic?.operationalDependents ?? 0} operational dependents, p95`, '≤ 200 ms', ms(server.strategic?.p95), server.strategic ? server.strategic.p95 <= 200 && server.strategic.operationalDependents >= 500 : undefined),
      row('hover / definition, p95', '≤ 5 ms', `${ms(server.hover.p95)} / ${ms(server.definition.p95)}`, Math.max(server.hover.p95, server.definition.p95) <= 5),
      row('peak RSS: check / server', '≤ 300 MB', `${peakCheck.toFixed(0)} MB / ${server.rssMb.toFixed(0)} MB`, peakCheck <= 300 && server.rssMb <= 300),
    );
  }
  if (small) lines.push(row('10k time / 1k time, `okr check`', '≤ 11', `${(r.check.seconds / small.check.seconds).toFixed(2)}`, r.check.seconds / small.check.seconds <= 11));
  if (small?.server && server) lines.push(row('10k time / 1k time, server start', '≤ 11', `${(server.startupMs / small.server.startupMs).toFixed(2)}`, server.startupMs / small.server.startupMs <= 11));
  return lines.join('\n');
}

export function resultsMarkdown(results: SizeResult[], runs: number, long?: LongResult, history?: HistoryResult): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  return `# Benchmark results

Written by \`npm run bench\` (bench/run.ts); see issue 6.

- date: ${new Date().toISOString()}
- machine: ${nproc} CPUs (\`nproc\`), ${cpu}
- Node ${process.version}
- runs: ${runs} per measure (median); the language server is measured once per size
- workspaces: \`node bench/generate.mjs bench/out/<size> <size>\` (seed 1)

Wall time is measured by the harness from spawn to exit of a separate \`node\` process (so it
includes Node's start-up); peak RSS is the child's own \`process.resourceUsage().maxRSS\`
(bench/rusage.mjs, preloaded). \`okr check\` is \`node dist/cli.cjs check DIR --today ${TODAY} --format json\`.
Floors and peers are bench/floors.mjs. The server measures are bench/server.ts: keystrokes are
typed 120 ms apart into a key result of an operational document; the strategic edit types into
a key result of the strategic document with the most operational dependents (the generator
aligns size/20 operational documents to one platform strategy, so 500 at 10,000 files, plus
those that land there by chance) and waits until every dependent (OKR documents whose
\`aligns::\` names the file or one of its ids) is validated again and its diagnostics are out
(the \`okr/progressTreeChanged\` that follows them). "All published" is the end of the server's
indexing progress, which follows every diagnostic; clean files get no message. The CLI and the
server run with their code cache (bench/run.ts gives each size a fresh \`OKR_CODE_CACHE_DIR\`, so
the first of the 3 runs fills it). The warm start is a second
server on the same files, with the model cache the first one wrote (OKR_MODEL_CACHE_DIR, as
VS Code passes its workspace storage). \`okr check --cache\` is measured on its second run, the
first having filled the cache.

${table(results)}

## Targets (issue 6)

${targets(results)}

## Ratios

${ratios(results)}
${long ? longSection(long, long.check.runs) : ''}${history ? historySection(history) : ''}`;
}

function longSection(long: LongResult, runs: number): string {
  return `
## Long documents (issue 16)

\`node bench/generateLong.mjs bench/out/long ${long.files}\` (seed 1): OKR documents of 50–200 KB, half of
them in the fast path's subset and half with one block it hands to remark (a fenced code block,
a block quote, a table, an HTML comment or a thematic break, somewhere in the document), so
that the fast path's gain and the fallback's cost both show. \`okr check\` as above (${runs} run${runs === 1 ? '' : 's'}), with the fast path off by \`${PARSER_SWITCH}=remark\`. parseDocument is timed in one
process over each group with \`{ parser: 'fast' }\` (the default) and \`{ parser: 'remark' }\`
(bench/longDocuments.ts, ${long.parse.rounds} round${long.parse.rounds === 1 ? '' : 's'}). "falling back to remark" is the documents the fast path
cannot read whole; it reads all of their sections but the one with that block.

${longTable(long)}
`;
}

// ---- Command line ------------------------------------------------------------------------

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      runs: { type: 'string', default: '3' },
      out: { type: 'string', default: join(BENCH, 'out') },
      results: { type: 'string', default: join(BENCH, 'RESULTS.md') },
      'no-peers': { type: 'boolean', default: false },
      'no-server': { type: 'boolean', default: false },
      edits: { type: 'string', default: '200' },
      'strategic-edits': { type: 'string', default: '20' },
      requests: { type: 'string', default: '200' },
      long: { type: 'string', default: '300' },
      history: { type: 'string', default: '1000' },
    },
  });
  const runs = Number(values.runs);
  const sizes = values.sizes === 'none' ? [] : values.sizes!.split(',').map(Number);
  const results = await runBench({
    sizes,
    runs,
    out: resolve(values.out!),
    peers: !values['no-peers'],
    server: !values['no-server'],
    edits: Number(values.edits),
    strategicEdits: Number(values['strategic-edits']),
    requests: Number(values.requests),
    log: (line) => console.error(line),
  });
  const longFiles = Number(values.long);
  // One run each: the long documents take minutes, and their ratios, not their last digit, matter.
  const long = longFiles > 0 ? await runLongBench({ files: longFiles, runs: 1, out: resolve(values.out!), log: (line) => console.error(line) }) : undefined;
  const historyFiles = Number(values.history);
  const historyResult =
    historyFiles > 0 ? await runHistoryBench({ files: historyFiles, commits: historyFiles / 2, runs, out: resolve(values.out!), repo: REPO, today: TODAY, measure, log: (line) => console.error(line) }) : undefined;
  if (results.length > 0) {
    console.log(table(results));
    console.log();
    console.log(ratios(results));
    console.log();
    console.log(targets(results));
  }
  if (long) console.log(`\n${longTable(long)}`);
  if (historyResult) console.log(`\n${historyTable(historyResult)}`);
  if (results.length === 0 && values.results !== 'none') {
    console.log('\nnothing written: RESULTS.md needs the sizes too');
  } else if (values.results !== 'none') {
    // The hand-kept record of each optimisation (before → after) below the marker survives.
    let history = '';
    try {
      const old = readFileSync(values.results!, 'utf8');
      if (old.includes(HISTORY_MARKER)) history = `\n${old.slice(old.indexOf(HISTORY_MARKER))}`;
    } catch {
      // first run
    }
    writeFileSync(values.results!, resultsMarkdown(results, runs, long, historyResult) + history);
    console.log(`\nwrote ${relative(process.cwd(), values.results!)}`);
  }
  process.exit(0);
}
