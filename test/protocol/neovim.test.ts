// Neovim as a real LSP client: runs the Neovim snippet of README.md unchanged in
// `nvim --headless` (0.7+) against the built server, and checks diagnostics, hover and
// definition as Neovim sees them. Skipped when `nvim` is not on PATH.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { copyFixture, removeFolder, SERVER, uriOf } from './lspClient.ts';

const README = resolve(import.meta.dirname, '../../README.md');
const CHECK_LUA = resolve(import.meta.dirname, 'neovim/check.lua');
/**
 * nvim is killed after this long; check.lua gives up on each of its four waits before
 * (guards against a hang, generous: a busy machine can take many seconds for each).
 */
const NVIM_KILL_MS = 300_000;
const LUA_WAIT_MS = 60_000;

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code: string;
}

interface NvimClient {
  id: number;
  name: string;
  root_dir: string;
}

interface CheckResult {
  steps: string[];
  error?: string;
  filetype?: string;
  diagnostics?: NvimDiagnostic[];
  hover?: string;
  definition?: { uri: string; line: number; character: number }[];
  clients?: { first: NvimClient[]; other: NvimClient[] };
  active_clients?: number;
  stopped?: boolean;
}

interface NvimRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  killed: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The version of `nvim` on PATH as [major, minor], or undefined when there is none. */
function nvimVersion(): [number, number] | undefined {
  const run = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (run.error || run.status !== 0) return undefined;
  const match = /NVIM v(\d+)\.(\d+)/.exec(run.stdout);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** The first ```lua block of the README section on other editors: the documented Neovim setup. */
function readmeNeovimSnippet(): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.indexOf('## Use the language server in other editors');
  assert.ok(section >= 0, 'README.md has the section "Use the language server in other editors"');
  const block = /```lua\n([\s\S]*?)```/.exec(readme.slice(section));
  assert.ok(block, 'that section has a ```lua block');
  assert.match(block[1]!, /vim\.lsp\.start_client/, 'the first lua block is the Neovim 0.7+ snippet');
  return block[1]!;
}

function runNvim(args: string[], env: NodeJS.ProcessEnv): Promise<NvimRun> {
  const started = Date.now();
  return new Promise((resolveRun, reject) => {
    // Own process group, so a hung run can be killed together with the server it started.
    const child = spawn('nvim', args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, NVIM_KILL_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, killed, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('language server in Neovim (README snippet, nvim --headless)', function () {
  this.timeout(NVIM_KILL_MS + 30_000);
  let dir: string;
  let support: string;
  let company: string;
  let hoverLine: number;
  let run: NvimRun;
  let result: CheckResult;

  /** What to show when an assertion fails: how nvim ended, its output and the LSP log. */
  function context(): string {
    const log = join(dir, '.xdg/cache/nvim/lsp.log');
    return [
      `nvim exit code ${run?.code} signal ${run?.signal}${run?.killed ? ` (killed after ${NVIM_KILL_MS} ms)` : ''}, ${run?.ms} ms`,
      `steps reached: ${result?.steps?.join(' → ') ?? '(none)'}`,
      `nvim stderr:\n${run?.stderr || '(empty)'}`,
      `nvim stdout:\n${run?.stdout || '(empty)'}`,
      `lsp.log:\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-4000) : '(none)'}`,
    ].join('\n');
  }

  /** Runs assertions, adding nvim's side of the story to a failure. */
  function check(assertions: () => void): void {
    try {
      assertions();
    } catch (error) {
      // On the stack, not the message: mocha prints the stack under its diff but not the message.
      if (error instanceof Error) error.stack = `${error.stack}\n--- ${context()}`;
      throw error;
    }
  }

  before(async function () {
    const version = nvimVersion();
    if (!version) {
      console.log('    (skipped: `nvim` is not on PATH; CI installs it with `apt-get install neovim`)');
      this.skip();
    }
    if (version[0] === 0 && version[1] < 7) {
      console.log(`    (skipped: nvim ${version.join('.')} is older than 0.7, the oldest the README snippet supports)`);
      this.skip();
    }
    assert.ok(existsSync(SERVER), 'run npm run build first');

    dir = realpathSync(copyFixture('basic'));
    support = join(dir, 'ops/support.md');
    company = join(dir, 'company.md');
    // Keep one valid reference (to hover and follow) and add a broken one next to it.
    const text = readFileSync(support, 'utf8').replace('aligns:: [[csat#nps]]', 'aligns:: [[csat]], [[csat#promoters]]');
    assert.match(text, /\[\[csat#promoters\]\]/);
    writeFileSync(support, text);
    const lines = text.split('\n');
    hoverLine = lines.findIndex((l) => l.includes('[[csat]]'));
    const hoverCol = lines[hoverLine]!.indexOf('[[csat]]') + 3;

    // The snippet runs `okr-language-server`, as installed by npm: put one on PATH that runs the build.
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    const shim = join(bin, 'okr-language-server');
    writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${SERVER}' "$@"\n`);
    chmodSync(shim, 0o755);
    const snippet = join(dir, '.okr-nvim.lua');
    writeFileSync(snippet, readmeNeovimSnippet());
    const xdg = join(dir, '.xdg');
    const out = join(dir, '.nvim-result.json');

    run = await runNvim(['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${CHECK_LUA.replaceAll(' ', '\\ ')}`], {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      OKR_TODAY: '2026-11-25',
      OKR_NVIM_SNIPPET: snippet,
      OKR_NVIM_FILE: support,
      OKR_NVIM_OTHER: company,
      OKR_NVIM_LINE: String(hoverLine),
      OKR_NVIM_COL: String(hoverCol),
      OKR_NVIM_OUT: out,
      OKR_NVIM_TIMEOUT: String(LUA_WAIT_MS),
      // Keep nvim's log, state and shada out of the user's home; lsp.log is shown on failure.
      XDG_CACHE_HOME: join(xdg, 'cache'),
      XDG_STATE_HOME: join(xdg, 'state'),
      XDG_DATA_HOME: join(xdg, 'data'),
      XDG_CONFIG_HOME: join(xdg, 'config'),
    });
    check(() => {
      assert.ok(existsSync(out), 'check.lua wrote its result');
      result = JSON.parse(readFileSync(out, 'utf8')) as CheckResult;
      assert.equal(result.error, undefined, 'check.lua ran without error');
      assert.equal(run.code, 0, 'nvim exited with 0');
    });
  });

  after(() => {
    if (dir) removeFolder(dir);
  });

  it('attaches through the FileType autocmd, with the okr.config.json folder as root', () => {
    check(() => {
      assert.equal(result.filetype, 'markdown');
      assert.deepEqual(result.clients!.first.map((c) => [c.name, c.root_dir]), [['okr', dir]]);
    });
  });

  it('shows the broken reference as a diagnostic with code, position and source', () => {
    check(() => {
      assert.deepEqual(result.diagnostics, [
        {
          lnum: hoverLine,
          col: 19,
          end_lnum: hoverLine,
          end_col: 37,
          severity: 1,
          message: 'Objective "csat" has no key result ^promoters (its key results: ^nps, ^churn, ^cab). Did you mean [[csat]]?',
          source: 'okr',
          code: 'align-unresolved',
        },
      ]);
    });
  });

  it('hovers a valid reference with the target objective and today from OKR_TODAY', () => {
    check(() => {
      assert.match(result.hover ?? '', /Enhance customer satisfaction/);
      // 2026-11-25 → 2026-12-31: OKR_TODAY reached the server through nvim's environment.
      assert.match(result.hover ?? '', /36 days left/);
    });
  });

  it('goes to the definition: the csat heading in company.md', () => {
    check(() => {
      const headingLine = readFileSync(company, 'utf8').split('\n').findIndex((l) => l.includes('{#csat}'));
      assert.deepEqual(result.definition, [{ uri: uriOf(company), line: headingLine, character: 0 }]);
    });
  });

  it('reuses the client for a second markdown file of the same root, and stops cleanly', () => {
    check(() => {
      assert.deepEqual(result.clients!.other.map((c) => c.id), result.clients!.first.map((c) => c.id));
      assert.equal(result.active_clients, 1);
      assert.equal(result.stopped, true);
    });
  });
});
