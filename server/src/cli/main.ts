// `okr check` and `okr report` (SPEC §9): a thin adapter from the command line and the
// file system to the pure engine. Exit codes: 0 clean, 1 problems, 2 usage or I/O error.
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Analysis } from '../okr/analysis/analysis.ts';
import type { Day } from '../okr/model/calendar.ts';
import { parseCycle } from '../okr/model/cycles.ts';
import { buildReport } from '../okr/report/report.ts';
import { buildDashboard } from '../okr/report/dashboard.ts';
import { dashboardHtmlChunks } from '../dashboard/html.ts';
import { countSeverities, type CheckResult } from './formats/checkResult.ts';
import { fmt } from './fmt.ts';
import { history } from './history.ts';
import { resolveToday, type CliIo } from './io.ts';
import { init } from './init.ts';
import { USAGE } from './usage.ts';
import { formatCheckJson } from './formats/json.ts';
import { formatMarkdownReport } from './formats/markdownReport.ts';
import { encodeRelativeUri, formatSarif } from './formats/sarif.ts';
import { formatText, formatTextSummary } from './formats/text.ts';
import { pathsRelativeTo, pathsUnder, toPosix } from '../fs/files.ts';
import { loadWorkspace, UsageError, type LoadedWorkspace, type ReadContext } from './loadWorkspace.ts';
import { ModelCache } from '../fs/modelCache.ts';
import { parseAll, type ParseInput } from '../parallel/parsePool.ts';
import { contentHash } from '../fs/modelCache.ts';
import type { OkrDocument } from '../okr/model/model.ts';
import type { Diagnostic } from '../okr/model/diagnostics.ts';
import { createHash } from 'node:crypto';

const DEFAULT_CACHE = '.okrcache';

declare const OKR_VERSION: string | undefined;
const VERSION = typeof OKR_VERSION === 'string' ? OKR_VERSION : '0.0.0-dev';

export type { CliIo };

/**
 * With --cache: each document's model comes from the cache file (default .okrcache in the
 * current folder) when its text is unchanged, and a run whose every input (command line,
 * folder, day, config, each file's content) is the same as the last one's gives the
 * answer it gave, without analysing anything again.
 */
class CacheRun {
  private key?: string;
  private readonly out: string[] = [];
  private readonly err: string[] = [];

  constructor(
    readonly cache: ModelCache,
    private readonly argv: string[],
    private readonly io: CliIo,
    /** False when the run does more than print (report --output writes a file). */
    private readonly memoize: boolean,
  ) {}

  /** The io to run with: it records what is printed, for the next run. */
  recordingIo(): CliIo {
    return {
      ...this.io,
      stdout: (text) => {
        this.out.push(text);
        this.io.stdout(text);
      },
      stderr: (text) => {
        this.err.push(text);
        this.io.stderr(text);
      },
    };
  }

  async parse(inputs: ParseInput[], context: ReadContext, today: Day): Promise<OkrDocument[]> {
    const hashes = inputs.map((input) => contentHash(input.text));
    if (this.memoize && context.warnings.length === 0) {
      const hash = createHash('sha1');
      // Everything the output depends on: SARIF paths are relative to the repository root.
      const inputsOfOutput = [this.argv, this.io.cwd, findRepositoryRoot(this.io.cwd), today, context.configPath ?? null, context.configText ?? null, context.named, context.skipped];
      hash.update(JSON.stringify(inputsOfOutput));
      inputs.forEach((input, i) => hash.update(`\0${input.path}\0${hashes[i]}`));
      this.key = hash.digest('base64url');
      const answer = this.cache.answer(this.key) as Answer | undefined;
      if (answer) throw new Answered(answer);
    }
    return this.cache.parse(inputs, {}, hashes);
  }

  /** Keeps this run's answer (when nothing was skipped) and writes the cache. */
  finish(code: number): void {
    if (this.key !== undefined) this.cache.setAnswer(this.key, { stdout: this.out.join(''), stderr: this.err.join(''), code } satisfies Answer);
    const failed = this.cache.save();
    if (failed) this.io.stderr(`okr: ${failed}\n`);
  }
}

interface Answer {
  stdout: string;
  stderr: string;
  code: number;
}

/** Thrown out of the parse step when the cache holds the answer to this exact run. */
class Answered extends Error {
  constructor(readonly answer: Answer) {
    super('answered from the cache');
  }
}

async function load(values: Record<string, unknown>, paths: string[], io: CliIo, today: Day, cacheRun?: CacheRun): Promise<LoadedWorkspace> {
  return loadWorkspace(io.cwd, paths, values.config as string | undefined, {
    // OKR_PARSER=remark turns the fast path off: bench/run.ts measures `okr check` both ways.
    parse: (inputs, context) => (cacheRun ? cacheRun.parse(inputs, context, today) : parseAll(inputs, { parser: io.env.OKR_PARSER === 'remark' ? 'remark' : undefined })),
  });
}

/** Files and folders skipped, then the named files that are not OKR documents: on stderr, for hooks to see. */
function printSkipped(workspace: LoadedWorkspace, io: CliIo): void {
  for (const line of [...workspace.warnings, ...workspace.skipped]) io.stderr(`okr: ${line}\n`);
}

function findRepositoryRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

async function check(values: Record<string, unknown>, paths: string[], io: CliIo, cacheRun?: CacheRun): Promise<number> {
  const format = (values.format as string | undefined) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format ${format}: expected text, json or sarif`);
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    const written = String(values['max-warnings']);
    if (!/^\d+$/.test(written)) throw new UsageError(`--max-warnings ${written}: expected a whole number ≥ 0`);
    maxWarnings = Number(written);
  }
  const today = resolveToday(values.today as string | undefined, io);
  const workspace = await load(values, paths, io, today, cacheRun);
  const analysis = new Analysis(workspace.index, { config: workspace.config, today });
  const base = format === 'sarif' ? findRepositoryRoot(io.cwd) : io.cwd;
  const underRoot = pathsUnder(workspace.root);
  const fromBase = pathsRelativeTo(base);
  const shown = (workspacePath: string) => fromBase(underRoot(workspacePath));
  const result: CheckResult = { files: [], objectives: 0, keyResults: 0 };
  if (workspace.configPath && workspace.configProblems.length > 0) {
    result.files.push({ path: toPosix(relative(base, workspace.configPath)), diagnostics: workspace.configProblems, isConfig: true });
  }
  for (const document of workspace.index.documents()) {
    if (!workspace.reported.has(document.path)) continue;
    result.objectives += document.objectives.length;
    for (const objective of document.objectives) result.keyResults += objective.keyResults.length;
    result.files.push({ path: shown(document.path), diagnostics: analysis.diagnostics(document) });
  }
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  printSkipped(workspace, io);

  if (format === 'json') io.stdout(formatCheckJson(result));
  else if (format === 'sarif') io.stdout(formatSarif(result, base, VERSION));
  else io.stdout(formatText(result));

  const counts = countSeverities(result);
  if (format === 'text' && !workspace.ioError) {
    io.stderr(formatTextSummary(result));
  }
  if (workspace.ioError) return 2;
  if (counts.error > 0) return 1;
  if (counts.warning > maxWarnings) {
    io.stderr(`okr: ${counts.warning} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

async function report(values: Record<string, unknown>, paths: string[], io: CliIo, cacheRun?: CacheRun): Promise<number> {
  const format = (values.format as string | undefined) ?? 'markdown';
  if (!['markdown', 'json', 'html'].includes(format)) throw new UsageError(`--format ${format}: expected markdown, json or html`);
  const today = resolveToday(values.today as string | undefined, io);
  const workspace = await load(values, paths, io, today, cacheRun);
  let cycle;
  if (values.cycle !== undefined) {
    const parsed = parseCycle(String(values.cycle), workspace.config.fiscalYearStartMonth);
    if (!parsed.ok) throw new UsageError(`--cycle ${String(values.cycle)}: ${parsed.message}`);
    cycle = parsed.cycle;
  }
  printSkipped(workspace, io);
  const analysis = new Analysis(workspace.index, { config: workspace.config, today });
  // Paths in the report are relative to the current folder, like check's.
  const displayPath = (path: string) => toPosix(relative(io.cwd, resolve(workspace.root, path)));
  const options = { paths: workspace.reported, displayPath, ...(cycle ? { cycle } : {}) };
  const output = values.output as string | undefined;
  // The page of a large workspace is tens of megabytes: it is written in pieces.
  let chunks: Iterable<string>;
  if (format === 'html') {
    const configProblems = workspace.configPath ? workspace.configProblems.map((d) => ({ ...problemOf(d), path: toPosix(relative(io.cwd, workspace.configPath!)) })) : [];
    const dashboard = buildDashboard(analysis, { ...options, otherProblems: configProblems });
    // Links to the documents work from wherever the page is written.
    const pageFolder = output ? dirname(resolve(io.cwd, output)) : io.cwd;
    const hrefs = new Map<string, string>();
    const hrefOf = (shown: string) => hrefs.get(shown) ?? hrefs.set(shown, fileHref(pageFolder, resolve(io.cwd, shown))).get(shown)!;
    chunks = dashboardHtmlChunks(dashboard, { hrefOf });
  } else {
    const model = buildReport(analysis, options);
    chunks = [format === 'json' ? `${JSON.stringify(model, null, 2)}\n` : formatMarkdownReport(model, cycle?.label)];
  }
  if (output) {
    let fd: number | undefined;
    try {
      mkdirSync(dirname(resolve(io.cwd, output)), { recursive: true });
      fd = openSync(resolve(io.cwd, output), 'w');
      for (const chunk of chunks) writeSync(fd, chunk);
    } catch (error) {
      throw new UsageError(`--output ${output}: ${(error as Error).message}`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  } else for (const chunk of chunks) io.stdout(chunk);
  return workspace.ioError ? 2 : 0;
}

function problemOf(d: Diagnostic) {
  return { line: d.range.start.line, character: d.range.start.character, severity: d.severity, code: d.code, message: d.message };
}

/** A relative link from a page in `from` to `file`: each segment percent-encoded, so no name reads as a scheme. */
function fileHref(from: string, file: string): string {
  return encodeRelativeUri(toPosix(relative(from, file)));
}

/** The options each command takes besides the common ones. */
const COMMAND_OPTIONS: Record<string, NonNullable<ParseArgsConfig['options']>> = {
  check: { 'max-warnings': { type: 'string' } },
  fmt: { write: { type: 'boolean' } },
  report: { cycle: { type: 'string' }, output: { type: 'string', short: 'o' } },
  history: { cycle: { type: 'string' }, since: { type: 'string' } },
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--version' || command === '-v') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.stderr : io.stdout)(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'init') return await init(rest, io);
    if (!['check', 'report', 'fmt', 'history'].includes(command)) throw new UsageError(`unknown command "${command}": expected init, check, report, fmt or history`);
    const options: NonNullable<ParseArgsConfig['options']> = {
      format: { type: 'string' },
      today: { type: 'string' },
      config: { type: 'string' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...COMMAND_OPTIONS[command],
    };
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''));
    }
    if (parsed.values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (command === 'fmt') {
      if (parsed.values.format !== undefined || parsed.values.cache) throw new UsageError('okr fmt takes no --format or --cache');
      const today = resolveToday(parsed.values.today as string | undefined, io);
      const workspace = await load(parsed.values, parsed.positionals, io, today);
      printSkipped(workspace, io);
      return fmt(workspace, today, Boolean(parsed.values.write), io);
    }
    if (command === 'history') {
      if (parsed.values.cache) throw new UsageError('okr history takes no --cache');
      const today = resolveToday(parsed.values.today as string | undefined, io);
      const parsedNow = new Map<string, { text: string; document: OkrDocument }>();
      const workspace = await loadWorkspace(io.cwd, parsed.positionals, parsed.values.config as string | undefined, {
        parse: async (inputs) => {
          const documents = await parseAll(inputs);
          inputs.forEach((input, i) => parsedNow.set(input.path, { text: input.text, document: documents[i]! }));
          return documents;
        },
      });
      printSkipped(workspace, io);
      return await history(parsed.values, parsed.positionals, workspace, io, today, parsedNow);
    }
    const location = parsed.values['cache-location'] as string | undefined;
    if (location !== undefined && !parsed.values.cache) throw new UsageError('--cache-location needs --cache');
    const run = command === 'check' ? check : report;
    if (!parsed.values.cache) return await run(parsed.values, parsed.positionals, io);
    const cacheRun = new CacheRun(ModelCache.load(resolve(io.cwd, location ?? DEFAULT_CACHE)), argv, io, !parsed.values.output);
    try {
      const code = await run(parsed.values, parsed.positionals, cacheRun.recordingIo(), cacheRun);
      cacheRun.finish(code);
      return code;
    } catch (error) {
      if (!(error instanceof Answered)) throw error;
      io.stdout(error.answer.stdout);
      io.stderr(error.answer.stderr);
      return error.answer.code;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`okr: ${error.message}\n`);
      return 2;
    }
    io.stderr(`okr: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
