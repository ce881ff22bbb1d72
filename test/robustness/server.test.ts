// Issue 7, the server part: a feature that throws answers an error and the server keeps
// serving; opening and closing 500 documents leaves memory near where it started; 2,000
// watched-file events at once (a branch switch) are coalesced into one re-index; positions
// past the end of a line or of the document are clamped; no request is answered with ranges
// from an older version of a document.
//
// Each test speaks LSP to dist/server.cjs (npm run build first) through test/protocol's client.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CodeLens, Diagnostic, DocumentSymbol, Position, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
import { copyFixture, LspClient, removeFolder, SERVER, uriOf } from '../protocol/lspClient.ts';

const GENERATE = resolve(import.meta.dirname, '../../bench/generate.mjs');
/** The server's debounce for edits in a burst (server.ts DEBOUNCE_MS). */
const DEBOUNCE_MS = 100;
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Helpers

/** Stops a server and waits for its process to end (no write left in flight). */
async function stop(client: LspClient): Promise<void> {
  const child = client.process;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await Promise.race([client.connection.sendRequest('shutdown'), delay(3000)]);
    await Promise.race([client.connection.sendNotification('exit'), delay(1000)]);
  } catch {
    // already gone
  }
  await Promise.race([exited, delay(3000)]);
  client.connection.dispose();
  child.kill();
}

function alive(client: LspClient): boolean {
  return client.process.exitCode === null && client.process.signalCode === null;
}

const linesOf = (text: string) => text.split(/\r\n|\r|\n/);
const lineOf = (text: string, needle: string) => {
  const line = linesOf(text).findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `no line with ${needle}`);
  return line;
};
const endOfLine = (text: string, line: number): Position => ({ line, character: linesOf(text)[line]!.length });
const endOfDocument = (text: string): Position => endOfLine(text, linesOf(text).length - 1);

function isRange(value: unknown): value is Range {
  const r = value as Range;
  return typeof r === 'object' && r !== null && typeof r.start?.line === 'number' && typeof r.end?.character === 'number';
}

/** Every range in an answer, with the URI it belongs to (Location, WorkspaceEdit, or the request's document). */
function rangesIn(value: unknown, uri: string, found: [string, Range][] = []): [string, Range][] {
  if (Array.isArray(value)) {
    for (const item of value) rangesIn(item, uri, found);
  } else if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    const own = typeof object.uri === 'string' ? object.uri : ((object.textDocument as { uri?: string } | undefined)?.uri ?? uri);
    for (const [key, child] of Object.entries(object)) {
      if (key === 'changes' && typeof child === 'object' && child !== null) {
        for (const [changed, edits] of Object.entries(child)) rangesIn(edits, changed, found);
      } else if (isRange(child)) {
        found.push([own, child]);
      } else {
        rangesIn(child, own, found);
      }
    }
  }
  return found;
}

/** Asserts that a range lies inside a text: its lines exist, its characters within them, start before end. */
function assertInside(text: string, range: Range, what: string): void {
  const lines = linesOf(text);
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside 0..${lines.length - 1}`);
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line]!.length, `${what}: character ${p.character} outside line ${p.line} (${lines[p.line]!.length})`);
  }
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `${what}: start after end`);
}

/** Asserts that every range of an answer lies inside the document it names (texts by URI). */
function assertAllInside(answer: unknown, uri: string, texts: Map<string, string>, what: string): void {
  for (const [owner, range] of rangesIn(answer, uri)) {
    const text = texts.get(owner);
    assert.ok(text !== undefined, `${what}: a range in an unexpected document ${owner}`);
    assertInside(text, range, `${what} (${owner})`);
  }
}

/** The error code of a request that fails, or 'ok' with its answer. */
async function outcome(promise: Promise<unknown>): Promise<{ code: number | 'ok'; answer?: unknown; message?: string }> {
  try {
    return { code: 'ok', answer: await promise };
  } catch (error) {
    const { code, message } = error as { code: number; message: string };
    return { code, message };
  }
}

/** Counts every publishDiagnostics (the client keeps only the last one per URI). */
function countPublishes(client: LspClient): { counts: Map<string, number>; log: PublishDiagnosticsParams[]; reset(): void } {
  const counts = new Map<string, number>();
  const log: PublishDiagnosticsParams[] = [];
  const map = client.diagnostics;
  const set = map.set.bind(map);
  map.set = (uri: string, params: PublishDiagnosticsParams) => {
    counts.set(uri, (counts.get(uri) ?? 0) + 1);
    log.push(params);
    return set(uri, params);
  };
  return {
    counts,
    log,
    reset() {
      counts.clear();
      log.length = 0;
    },
  };
}

/** Diagnostics sorted (their order in a publication carries no meaning), as comparable text. */
function canonical(diagnostics: Diagnostic[] | undefined): string {
  return JSON.stringify((diagnostics ?? []).map((d) => JSON.stringify(d)).sort());
}

/** Waits until nothing is pending: a request flushes every change first, and answers after publishing it. */
async function settle(client: LspClient): Promise<void> {
  await client.workspaceSymbols('no-such-objective-anywhere');
  await delay(2 * DEBOUNCE_MS);
  await client.workspaceSymbols('no-such-objective-anywhere');
}

function markdownFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => f.split('\\').join('/')).sort();
}

function generate(dir: string, count: number, seed = 1): void {
  execFileSync(process.execPath, [GENERATE, dir, String(count), '--seed', String(seed)], { stdio: 'ignore' });
}

// ---------------------------------------------------------------------------

describe('language server: robustness (issue 7)', function () {
  // Every test, or its hook, starts a server (a process): a generous timeout (a guard against
  // a hang), as a busy machine can take many seconds for that.
  this.timeout(300_000);
  before(() => assert.ok(existsSync(SERVER), 'run npm run build first'));

  // -------------------------------------------------------------------------
  describe('a feature that throws, and malformed params', () => {
    let dir: string;
    let client: LspClient;
    let company: string;
    let support: string;
    let text: string;

    beforeEach(async () => {
      dir = copyFixture('basic');
      company = join(dir, 'company.md');
      support = join(dir, 'ops/support.md');
      text = readFileSync(company, 'utf8');
    });
    afterEach(async () => {
      await stop(client);
      removeFolder(dir);
    });

    /** A request that must keep working: hover on the csat heading. */
    const heading = () => ({ line: lineOf(text, '{#csat}'), character: 5 });
    async function stillServing(what: string) {
      assert.ok(alive(client), `${what}: the server exited`);
      const hover = await client.hover(company, heading());
      assert.match(JSON.stringify(hover?.contents), /Enhance customer satisfaction/, `${what}: hover no longer answers`);
    }

    it('a handler that throws answers InternalError; the others, diagnostics and the same handler later keep working', async () => {
      client = await LspClient.start({ folders: [dir], env: { OKR_FAULT_INJECTION: 'documentSymbol,codeLens' } });
      await client.waitForIndexed();
      client.open(company, text);
      for (let i = 0; i < 20; i++) {
        const failed = await outcome(client.documentSymbols(company));
        assert.equal(failed.code, -32603, 'InternalError');
        assert.match(failed.message!, /okr: documentSymbol failed: fault injected/);
        assert.equal((await outcome(client.codeLens(company))).code, -32603);
      }
      await stillServing('after 40 failing requests');
      assert.equal((await client.definition(support, { line: lineOf(readFileSync(support, 'utf8'), '[[csat#nps]]'), character: 12 }))?.length, 1);
      // The failure is logged for the user, with its stack.
      const logged = client.notifications.filter((n) => n.method === 'window/logMessage' && /documentSymbol failed/.test(JSON.stringify(n.params)));
      assert.ok(logged.length >= 20, 'each failure logged');
      // Diagnostics still flow: break the reference support aligns to.
      const nps = lineOf(text, '^nps');
      const column = linesOf(text)[nps]!.indexOf('^nps') + 1;
      client.edit(company, { start: { line: nps, character: column }, end: { line: nps, character: column + 3 } }, 'promoters');
      const broken = await client.diagnosticsOf(support, (d) => d.some((x) => x.code === 'align-unresolved'));
      assert.equal(broken.length, 1);
    });

    it('malformed params are refused with InvalidParams or answered empty, and the server keeps serving', async () => {
      client = await LspClient.start({ folders: [dir] });
      await client.waitForIndexed();
      client.open(company, text);
      const uri = uriOf(company);
      const doc = { textDocument: { uri } };
      const pos = heading();
      const everything = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
      const INVALID = -32602;
      // [method, params, expected]: an error code, 'empty' (null or []), or 'answer' (something).
      const cases: [string, unknown, number | 'empty' | 'answer'][] = [
        ['textDocument/hover', { ...doc, position: { line: 'x', character: 0 } }, INVALID],
        ['textDocument/hover', { ...doc, position: null }, INVALID],
        ['textDocument/hover', { ...doc }, INVALID],
        ['textDocument/hover', { ...doc, position: { line: pos.line } }, INVALID],
        ['textDocument/hover', { textDocument: null, position: pos }, INVALID],
        ['textDocument/hover', { textDocument: { uri: 42 }, position: pos }, INVALID],
        ['textDocument/hover', {}, INVALID],
        ['textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: pos }, 'empty'],
        ['textDocument/hover', { textDocument: { uri: 'not a uri at all' }, position: pos }, 'empty'],
        ['textDocument/hover', { textDocument: { uri: 'https://example.com/company.md' }, position: pos }, 'empty'],
        ['textDocument/hover', { textDocument: { uri: 'file:///no/such/dir/company.md' }, position: pos }, 'empty'],
        ['textDocument/hover', { ...doc, position: { line: pos.line + 0.7, character: pos.character + 0.2 } }, 'answer'],
        ['textDocument/definition', { ...doc, position: { line: -1, character: -1 } }, 'empty'],
        ['textDocument/references', { ...doc, position: pos }, 'answer'], // no context: without the declaration
        ['textDocument/references', { ...doc, position: pos, context: null }, 'answer'],
        ['textDocument/completion', { ...doc, position: { line: 'a', character: {} } }, INVALID],
        ['textDocument/prepareRename', { ...doc, position: [1, 2] }, INVALID],
        ['textDocument/rename', { ...doc, position: pos, newName: 42 }, INVALID],
        ['textDocument/rename', { ...doc, position: pos }, INVALID],
        ['textDocument/codeAction', { ...doc, range: everything, context: { diagnostics: 'garbage' } }, 'answer'],
        ['textDocument/codeAction', { ...doc, range: everything, context: { diagnostics: [null, 1, 'x', { range: null }, { range: { start: 1 } }, { source: 'okr', code: 'align-missing' }] } }, 'answer'],
        ['textDocument/codeAction', { ...doc, range: everything }, 'answer'],
        ['textDocument/codeAction', { ...doc, range: null, context: { diagnostics: [] } }, INVALID],
        ['textDocument/codeAction', { ...doc, range: { start: pos }, context: { diagnostics: [] } }, INVALID],
        ['textDocument/documentSymbol', { textDocument: {} }, INVALID],
        ['textDocument/documentSymbol', { textDocument: { uri: 'file://' } }, 'empty'],
        ['textDocument/codeLens', { textDocument: { uri: null } }, INVALID],
        ['workspace/symbol', { query: 42 }, INVALID],
        ['workspace/symbol', {}, INVALID],
        ['okr/progressTree', { cycle: 'garbage' }, INVALID],
        ['okr/progressTree', { cycle: 42 }, INVALID],
        ['okr/progressTree', { cycle: { year: 2026 } }, INVALID],
        ['okr/progressTree', { depth: -1 }, INVALID],
        ['okr/progressTree', { depth: 'x' }, INVALID],
        ['okr/progressTree', { maxObjectives: 1.5 }, INVALID],
        ['okr/progressTree', { under: { uri: 5, line: 0 } }, INVALID],
        ['okr/progressTree', { under: { uri: 'bad uri', line: 0 } }, 'answer'], // { objectives: [] }
        ['okr/noSuchRequest', {}, -32601],
      ];
      for (const [method, params, expected] of cases) {
        const what = `${method} ${JSON.stringify(params)}`;
        const result = await outcome(client.connection.sendRequest(method, params as object));
        if (typeof expected === 'number') {
          assert.equal(result.code, expected, `${what}: ${result.message ?? JSON.stringify(result.answer)}`);
        } else {
          assert.equal(result.code, 'ok', `${what}: ${result.message}`);
          const empty = result.answer === null || (Array.isArray(result.answer) && result.answer.length === 0);
          assert.equal(empty, expected === 'empty', `${what}: ${JSON.stringify(result.answer)?.slice(0, 200)}`);
          assertAllInside(result.answer, uri, new Map([[uri, text], [uriOf(support), readFileSync(support, 'utf8')]]), what);
        }
        await stillServing(what);
      }

      // Malformed notifications: no answer to give, but none may stop the server.
      const notifications: [string, unknown][] = [
        ['workspace/didChangeWatchedFiles', { changes: null }],
        ['workspace/didChangeWatchedFiles', { changes: [null, { uri: 42, type: 2 }, { uri: 'garbage', type: 2 }, { type: 1 }] }],
        ['workspace/didChangeWatchedFiles', {}],
        ['textDocument/didOpen', null],
        ['textDocument/didOpen', { textDocument: { uri: 'file:///elsewhere/lone.md', languageId: 'markdown', version: 1, text: '---\nokr: strategic\n---\n## Objective: Lone\n' } }],
        ['textDocument/didChange', { textDocument: { uri: uriOf(join(dir, 'never-opened.md')), version: 2 }, contentChanges: [{ text: 'x' }] }],
        ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: null }],
        ['textDocument/didClose', { textDocument: { uri: uriOf(join(dir, 'never-opened.md')) } }],
        ['textDocument/didClose', { textDocument: { uri: 'file:///elsewhere/lone.md' } }],
        ['$/cancelRequest', { id: 'nope' }],
      ];
      for (const [method, params] of notifications) {
        await client.connection.sendNotification(method, params as object);
        await stillServing(`${method} ${JSON.stringify(params)}`);
      }
      // A document whose text is not text, opened in the same moment as a real edit: the
      // batch they are validated in fails on it, and the edit must still be published. (A
      // change just validated: the next ones wait for the debounce, so they make one batch.)
      client.edit(company, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
      await client.hover(company, heading());
      const x = join(dir, 'ops/not-text.md');
      void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(x), languageId: 'markdown', version: 1, text: 42 } });
      const supportText = readFileSync(support, 'utf8');
      client.open(support, supportText);
      const nps = lineOf(supportText, '[[csat#nps]]');
      const column = linesOf(supportText)[nps]!.indexOf('nps]]');
      client.edit(support, { start: { line: nps, character: column }, end: { line: nps, character: column + 3 } }, 'nope');
      const published = await client.waitFor(() => {
        const p = client.diagnostics.get(uriOf(support));
        return p?.version === 2 ? p : undefined;
      }, 'the edit of support.md validated despite the bad document');
      assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line]), [['align-unresolved', nps]]);
      await stillServing('after a document that is not text');
      assert.ok(alive(client));
    });
  });

  // -------------------------------------------------------------------------
  describe('memory: opening and closing 500 documents', function () {
    let tmp: string;
    let workspace: string;
    let client: LspClient;

    before(() => {
      tmp = mkdtempSync(join(tmpdir(), 'okr-robustness-memory-'));
      workspace = join(tmp, 'workspace');
      generate(workspace, 150);
      // Reports the heap after a full collection on SIGUSR2 (main thread only).
      writeFileSync(
        join(tmp, 'gc-report.cjs'),
        `if (require('node:worker_threads').isMainThread && typeof gc === 'function') process.on('SIGUSR2', () => {
          gc(); gc();
          process.stderr.write('OKR-GC ' + JSON.stringify(process.memoryUsage()) + '\\n');
        });\n`,
      );
    });
    after(async () => {
      if (client) await stop(client);
      rmSync(tmp, { recursive: true, force: true });
    });

    /** After some idle time and a full collection: VmRSS from /proc and the V8 heap in use, in MB. */
    async function measure(): Promise<{ rss: number; heap: number }> {
      await settle(client);
      await delay(1000);
      const before = client.stderr.length;
      client.process.kill('SIGUSR2');
      const line = await client.waitFor(() => /OKR-GC (\{.*\})/.exec(client.stderr.slice(before))?.[1], 'the heap report', 10_000);
      const heap = (JSON.parse(line) as { heapUsed: number }).heapUsed / 2 ** 20;
      const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
      return { rss, heap };
    }

    it('leaves the heap and the RSS near where they started, documents outside the workspace included', async function () {
      if (!existsSync('/proc/self/status')) this.skip();
      client = await LspClient.start({ folders: [workspace], env: { NODE_OPTIONS: `--expose-gc --require ${join(tmp, 'gc-report.cjs')}` } });
      const files = markdownFiles(workspace);
      await client.waitForIndexed(1, 60_000);
      const texts = files.map((f) => readFileSync(join(workspace, f), 'utf8'));

      // 500 documents a cycle: 150 workspace files opened with an edit, 150 new files of the
      // workspace that are not on disk, 200 files outside any workspace folder, each in a
      // folder of its own; every path but the first 150 is new in every cycle.
      const cycle = async (k: number) => {
        const opened: string[] = [];
        const uris: string[] = [];
        for (let i = 0; i < 500; i++) {
          const source = i % files.length;
          const name = files[source]!.split('/').pop()!;
          const path =
            i < 150 ? join(workspace, files[source]!) : i < 300 ? join(workspace, `scratch-${k}`, `d${i}-${name}`) : join(tmp, 'outside', `c${k}`, `d${i}`, name);
          client.open(path, `${texts[source]}\n<!-- cycle ${k} -->\n`);
          opened.push(path);
          uris.push(uriOf(path));
        }
        await client.waitFor(() => uris.every((uri) => client.diagnostics.get(uri)?.version === 1) || undefined, `cycle ${k}: 500 documents validated`, 60_000);
        for (const path of opened) client.close(path);
        // Workspace files go back to their file on disk; the others are forgotten: their
        // diagnostics are cleared.
        await client.waitFor(
          () => uris.every((uri, i) => {
            const params = client.diagnostics.get(uri);
            return params !== undefined && params.version === undefined && (i < 150 || params.diagnostics.length === 0);
          }) || undefined,
          `cycle ${k}: 500 documents closed`,
          60_000,
        );
      };
      const started = Date.now();
      await cycle(0); // warm-up: the code is compiled and the heap has its working size
      const before = await measure();
      for (let k = 1; k <= 2; k++) await cycle(k);
      const after = await measure();
      const report = `heap ${before.heap.toFixed(1)} → ${after.heap.toFixed(1)} MB, RSS ${before.rss.toFixed(1)} → ${after.rss.toFixed(1)} MB, ${Date.now() - started} ms`;
      console.log(`      memory: ${report}`);
      // Bounds. Retaining the 1,000 documents of the two measured cycles would keep about
      // 35 MB (a generated document, parsed and analysed, weighs ~35 KB), the 400 outside the
      // workspace alone ~15 MB: the heap, after a full collection, may grow by 8 MB at most.
      // RSS also counts pages V8 and malloc keep after collecting (young generation of
      // 3 × 32 MB semi-spaces, fragmentation): +60 MB (about 1.4 × where it starts); it is
      // the coarser measure, the heap the one that finds a leak.
      assert.ok(after.heap < before.heap + 8, `heap grew: ${report}`);
      assert.ok(after.rss < before.rss + 60, `RSS grew: ${report}`);
      // Closed documents of the workspace are served from disk again; the ones outside are gone.
      assert.equal(client.diagnostics.get(uriOf(join(workspace, files[0]!)))?.version, undefined);
      assert.equal((await client.documentSymbols(join(tmp, 'outside', 'c2', 'd300', files[300 % files.length]!.split('/').pop()!))).length, 0);
    });
  });

  // -------------------------------------------------------------------------
  describe('2,000 watched-file events at once (a branch switch)', function () {
    // The hook generates two workspaces of 2,000 files (two processes) and starts two servers on them.
    this.timeout(600_000);
    let tmp: string;
    let workspace: string;
    let client: LspClient;
    let publishes: ReturnType<typeof countPublishes>;
    /** Relative path → text, for the two branches. */
    let branchA: Map<string, string>;
    let branchB: Map<string, string>;
    /** Relative path → diagnostics as a fresh server publishes them on each branch. */
    let freshA: Map<string, string>;
    let freshB: Map<string, string>;

    /**
     * What a client shows, by path relative to `root` (so that two workspaces compare): the
     * files with problems (a clean file shows nothing, whether it got an empty list or none).
     */
    function snapshot(server: LspClient, root: string): Map<string, string> {
      const prefix = `${uriOf(root)}/`;
      return new Map(
        [...server.diagnostics]
          .filter(([, params]) => params.diagnostics.length > 0)
          .map(([uri, params]) => [uri.startsWith(prefix) ? decodeURIComponent(uri.slice(prefix.length)) : uri, canonical(params.diagnostics)]),
      );
    }

    /** A server on `root`, once indexing has ended (work-done progress) and all is published. */
    async function startSettled(root: string): Promise<LspClient> {
      const server = await LspClient.start({ folders: [root] });
      await server.waitFor(() => server.progress.some((p) => (p as { value?: { kind?: string } }).value?.kind === 'end'), `indexing of ${root}`, 120_000);
      await settle(server);
      return server;
    }

    before(async () => {
      const started = Date.now();
      tmp = mkdtempSync(join(tmpdir(), 'okr-robustness-branch-'));
      workspace = join(tmp, 'workspace');
      const other = join(tmp, 'other');
      generate(workspace, 2000);
      generate(other, 2000, 7);
      const a = markdownFiles(workspace);
      const b = markdownFiles(other);
      branchA = new Map(a.map((f) => [f, readFileSync(join(workspace, f), 'utf8')]));
      // Branch B: 1,960 files changed (another workspace's texts), 20 left alone, 20
      // deleted, 20 created: 2,000 events.
      branchB = new Map();
      a.slice(0, 1960).forEach((f, i) => branchB.set(f, readFileSync(join(other, b[i]!), 'utf8')));
      a.slice(1960, 1980).forEach((f) => branchB.set(f, branchA.get(f)!));
      b.slice(1980, 2000).forEach((f) => branchB.set(`new/${f}`, readFileSync(join(other, f), 'utf8')));
      // Branch B checked out in a second folder, for a fresh server to publish what it should.
      const checkedOutB = join(tmp, 'branch-b');
      rmSync(other, { recursive: true, force: true });
      for (const [file, text] of branchB) {
        mkdirSync(dirname(join(checkedOutB, file)), { recursive: true });
        writeFileSync(join(checkedOutB, file), text);
      }
      cpSync(join(workspace, 'okr.config.json'), join(checkedOutB, 'okr.config.json'));
      const [server, fresh] = await Promise.all([startSettled(workspace), startSettled(checkedOutB)]);
      client = server;
      publishes = countPublishes(client);
      freshA = snapshot(client, workspace);
      freshB = snapshot(fresh, checkedOutB);
      await stop(fresh);
      assert.ok(freshA.size > 0 && freshB.size > 0, 'each branch has documents with problems');
      console.log(`      two workspaces of 2,000 files generated and indexed in ${Date.now() - started} ms`);
    });
    after(async () => {
      if (client) await stop(client);
      rmSync(tmp, { recursive: true, force: true });
    });

    type FileEvent = { path: string; type: 1 | 2 | 3 };

    /**
     * Writes a branch over the workspace as `git switch` does (a changed file is unlinked and
     * written anew, which is also much faster than truncating it on ext4); the events a
     * watcher reports.
     */
    function checkout(to: Map<string, string>, from: Map<string, string>): FileEvent[] {
      const events: FileEvent[] = [];
      for (const file of from.keys()) {
        if (to.has(file)) continue;
        unlinkSync(join(workspace, file));
        events.push({ path: join(workspace, file), type: 3 });
      }
      for (const [file, text] of to) {
        if (from.get(file) === text) continue;
        const path = join(workspace, file);
        if (from.has(file)) unlinkSync(path);
        else mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
        events.push({ path, type: from.has(file) ? 2 : 1 });
      }
      return events;
    }

    /** Sends the events, waits until all are validated, and checks they made one re-index with a fresh server's result. */
    async function switchBranch(events: FileEvent[], send: (events: FileEvent[]) => Promise<void>, fresh: Map<string, string>) {
      assert.equal(events.length, 2000);
      const before = snapshot(client, workspace);
      publishes.reset();
      const treeChanges = () => client.notifications.filter((n) => n.method === 'okr/progressTreeChanged').length;
      const treeChangesBefore = treeChanges();
      const started = Date.now();
      await send(events);
      // One re-index validates them all, and okr/progressTreeChanged follows its publications.
      await client.waitFor(() => treeChanges() > treeChangesBefore, 'the re-index of every changed file', 120_000);
      const elapsed = Date.now() - started;
      await settle(client);
      const repeated = [...publishes.counts].filter(([, n]) => n > 1);
      console.log(`      ${events.length} events → ${publishes.log.length} publications of ${publishes.counts.size} documents, ${treeChanges() - treeChangesBefore} re-index(es), ${elapsed} ms`);
      assert.deepEqual(repeated.slice(0, 5), [], `${repeated.length} documents published more than once`);
      assert.equal(treeChanges() - treeChangesBefore, 1, 'one re-index (okr/progressTreeChanged once)');
      // The result is what a fresh server shows on the new branch, and every file whose
      // problems changed was published (once, above).
      const actual = snapshot(client, workspace);
      const differences: string[] = [];
      for (const file of new Set([...fresh.keys(), ...actual.keys()])) if (actual.get(file) !== fresh.get(file)) differences.push(file);
      assert.deepEqual(differences.slice(0, 5), [], `${differences.length} documents differ from a fresh server's`);
      const changed = [...new Set([...before.keys(), ...actual.keys()])].filter((file) => before.get(file) !== actual.get(file));
      assert.ok(changed.length > 0, 'the switch changed what is shown');
      for (const file of changed) assert.equal(publishes.counts.get(`${uriOf(workspace)}/${file}`) ?? publishes.counts.get(uriOf(join(workspace, file))), 1, file);
    }

    it('in one didChangeWatchedFiles notification: every document re-published once, as a fresh server', async () => {
      await switchBranch(checkout(branchB, branchA), async (events) => client.filesChanged(events), freshB);
    });

    it('as 2,000 separate notifications sent back to back: the same', async () => {
      await switchBranch(checkout(branchA, branchB), async (events) => {
        for (const event of events) client.filesChanged([event]);
      }, freshA);
    });

    it('as separate notifications as a watcher reports a slow checkout (the first alone, then 100 every 20 ms): the same', async () => {
      await switchBranch(checkout(branchB, branchA), async (events) => {
        client.filesChanged([events[0]!]);
        await delay(20);
        for (let i = 1; i < events.length; i += 100) {
          for (const event of events.slice(i, i + 100)) client.filesChanged([event]);
          await delay(20);
        }
      }, freshB);
    });
  });

  // -------------------------------------------------------------------------
  describe('positions past the end of a line or of the document', () => {
    let dir: string;
    let client: LspClient;
    let company: string;
    let support: string;
    let crlf: string;
    const texts = new Map<string, string>();

    before(async () => {
      dir = copyFixture('basic');
      company = join(dir, 'company.md');
      support = join(dir, 'ops/support.md');
      crlf = join(dir, 'ops/crlf.md');
      writeFileSync(crlf, readFileSync(join(dir, 'ops/platform.okr.md'), 'utf8').replace(/\n/g, '\r\n'));
      client = await LspClient.start({ folders: [dir] });
      await client.waitForIndexed();
      for (const path of [company, support, crlf, join(dir, 'ops/platform.okr.md')]) {
        const text = readFileSync(path, 'utf8');
        texts.set(uriOf(path), text);
        if (path !== join(dir, 'ops/platform.okr.md')) client.open(path, text);
      }
    });
    after(async () => {
      await stop(client);
      removeFolder(dir);
    });

    const text = (path: string) => texts.get(uriOf(path))!;
    const FAR = 100_000;

    /** Asks the same thing at `far` and at `near`: the answers must be the same, and inside the documents. */
    async function sameAs<T>(what: string, path: string, ask: (position: Position) => Promise<T>, far: Position, near: Position): Promise<T> {
      const [a, b] = [await outcome(ask(far)), await outcome(ask(near))];
      assert.equal(a.code, 'ok', `${what} at ${JSON.stringify(far)}: ${a.message}`);
      assert.deepEqual(a.answer, b.answer, `${what} at ${JSON.stringify(far)} answers as at ${JSON.stringify(near)}`);
      assertAllInside(a.answer, uriOf(path), texts, what);
      return a.answer as T;
    }

    it('hover, definition, references, prepareRename and rename past the end of a line answer as at its end', async () => {
      const headingLine = lineOf(text(company), '{#csat}');
      const eol = endOfLine(text(company), headingLine);
      const hover = await sameAs('hover', company, (p) => client.hover(company, p), { line: headingLine, character: FAR }, eol);
      assert.match(JSON.stringify(hover?.contents), /Enhance customer satisfaction/, 'the heading hover, not nothing');
      const references = await sameAs('references', company, (p) => client.references(company, p, true), { line: headingLine, character: FAR }, eol);
      assert.ok(references.length >= 2, 'the heading and the reference in support.md');

      const alignsLine = lineOf(text(support), '[[csat#nps]]');
      const alignsEnd = endOfLine(text(support), alignsLine);
      const definition = await sameAs('definition', support, (p) => client.definition(support, p), { line: alignsLine, character: FAR }, alignsEnd);
      assert.equal(definition?.[0]?.uri, uriOf(company));

      const krLine = lineOf(text(company), '^nps');
      const krEnd = endOfLine(text(company), krLine);
      const prepared = await sameAs('prepareRename', company, (p) => client.prepareRename(company, p), { line: krLine, character: FAR }, krEnd);
      assert.equal(prepared?.placeholder, 'nps');
      const renamed = await sameAs('rename', company, (p) => client.rename(company, p, 'promoters'), { line: krLine, character: FAR }, krEnd);
      assert.ok(renamed && JSON.stringify(renamed).includes('promoters'));

      // In a CRLF document the end of a line is before the CR.
      const crlfHeading = lineOf(text(crlf), 'Objective');
      const crlfHover = await sameAs('hover (CRLF)', crlf, (p) => client.hover(crlf, p), { line: crlfHeading, character: FAR }, endOfLine(text(crlf), crlfHeading));
      assert.ok(crlfHover, 'the heading hover in a CRLF document');
    });

    it('a line past the end of the document is its end; a negative line its start; for every position feature', async () => {
      for (const path of [company, support, crlf, join(dir, 'ops/platform.okr.md')]) {
        const end = endOfDocument(text(path));
        const start = { line: 0, character: 0 };
        const cases: [Position, Position][] = [
          [{ line: FAR, character: 0 }, end],
          [{ line: FAR, character: FAR }, end],
          [{ line: linesOf(text(path)).length, character: 3 }, end],
          [{ line: -3, character: 5 }, start],
          [{ line: -1, character: -1 }, start],
          [{ line: 1, character: -7 }, { line: 1, character: 0 }],
        ];
        for (const [far, near] of cases) {
          const name = `${path.slice(dir.length)} ${JSON.stringify(far)}`;
          await sameAs(`hover ${name}`, path, (p) => client.hover(path, p), far, near);
          await sameAs(`definition ${name}`, path, (p) => client.definition(path, p), far, near);
          await sameAs(`references ${name}`, path, (p) => client.references(path, p, true), far, near);
          await sameAs(`completion ${name}`, path, (p) => client.completion(path, p), far, near);
          const prepared = [await outcome(client.prepareRename(path, far)), await outcome(client.prepareRename(path, near))];
          assert.deepEqual(prepared[0], prepared[1], `prepareRename ${name}`);
        }
      }
    });

    it('completion past the end of a line replaces up to the end of the line, not beyond', async () => {
      const cycleLine = lineOf(text(support), 'cycle: 2026-11');
      const items = await sameAs('completion', support, (p) => client.completion(support, p), { line: cycleLine, character: FAR }, endOfLine(text(support), cycleLine));
      assert.ok(items.length > 0, 'cycle values are proposed');
      for (const item of items) {
        const range = (item.textEdit as { range: Range }).range;
        assert.deepEqual(range, { start: { line: cycleLine, character: 'cycle: '.length }, end: endOfLine(text(support), cycleLine) });
      }
    });

    it('code actions on ranges past the end, reversed or huge answer as on the clamped range; document symbols fit the document', async () => {
      const end = endOfDocument(text(company));
      const whole = { start: { line: 0, character: 0 }, end };
      const asWhole = await outcome(client.codeActions(company, whole));
      assert.equal(asWhole.code, 'ok');
      assert.ok((asWhole.answer as unknown[]).length > 0, 'the whole document has an action (add an explicit id)');
      for (const range of [
        { start: { line: 0, character: 0 }, end: { line: FAR, character: FAR } },
        { start: { line: -FAR, character: -FAR }, end: { line: FAR, character: 0 } },
        { start: { line: FAR, character: FAR }, end: { line: 0, character: 0 } },
      ]) {
        const answer = await outcome(client.codeActions(company, range));
        assert.deepEqual(answer, asWhole, JSON.stringify(range));
        assertAllInside(answer.answer, uriOf(company), texts, `codeAction ${JSON.stringify(range)}`);
      }
      const pastEnd = await outcome(client.codeActions(company, { start: { line: FAR, character: 0 }, end: { line: FAR, character: FAR } }));
      assert.deepEqual(pastEnd, await outcome(client.codeActions(company, { start: end, end })));
      for (const path of [company, support, crlf]) {
        assertAllInside(await client.documentSymbols(path), uriOf(path), texts, `documentSymbol ${path}`);
        assertAllInside(await client.codeLens(path), uriOf(path), texts, `codeLens ${path}`);
      }
      // A document that shrinks: every range of the answers fits the shorter text.
      const shorter = text(company).split('\n').slice(0, lineOf(text(company), '^churn') + 1).join('\n');
      client.edit(company, { start: { line: 0, character: 0 }, end: { line: FAR, character: 0 } }, shorter);
      texts.set(uriOf(company), shorter);
      assertAllInside(await client.documentSymbols(company), uriOf(company), texts, 'documentSymbol after the document shrank');
      assertAllInside(await client.codeLens(company), uriOf(company), texts, 'codeLens after the document shrank');
      assertAllInside(await client.hover(company, { line: FAR, character: FAR }), uriOf(company), texts, 'hover after the document shrank');
      assertAllInside(await client.codeActions(company, { start: { line: 0, character: 0 }, end: { line: FAR, character: 0 } }), uriOf(company), texts, 'codeAction after the document shrank');
      const diagnostics = await client.waitFor(() => {
        const p = client.diagnostics.get(uriOf(company));
        return p && p.version === client.version(company) ? p.diagnostics : undefined;
      }, 'diagnostics of the shorter document');
      for (const d of diagnostics) assertInside(shorter, d.range, `diagnostic ${d.code}`);
    });
  });

  // -------------------------------------------------------------------------
  describe('requests during start-up', () => {
    it('wait for the folders to be indexed; a document opened then is part of its workspace', async () => {
      const dir = copyFixture('basic');
      const support = join(dir, 'ops/support.md');
      const text = readFileSync(support, 'utf8');
      // Right after initialized, as an editor restoring its open files does.
      const client = await LspClient.start({ folders: [dir] });
      try {
        client.open(support, text);
        const [symbols, definition] = await Promise.all([
          client.documentSymbols(support),
          client.definition(support, { line: lineOf(text, '[[csat#nps]]'), character: 12 }),
        ]);
        assert.equal(symbols.length, 1);
        assert.deepEqual(definition?.map((l) => l.uri), [uriOf(join(dir, 'company.md'))], 'the reference resolves into the workspace');
        await settle(client);
        assert.deepEqual(await client.shownDiagnostics(support), [], 'support.md aligns to company.md');
      } finally {
        await stop(client);
        removeFolder(dir);
      }
    });
  });

  // -------------------------------------------------------------------------
  describe('no answer from an older version of a document', () => {
    let dir: string;
    let client: LspClient;
    let company: string;
    let support: string;

    beforeEach(async () => {
      dir = copyFixture('basic');
      company = join(dir, 'company.md');
      support = join(dir, 'ops/support.md');
      client = await LspClient.start({ folders: [dir] });
      await client.waitForIndexed();
    });
    afterEach(async () => {
      await stop(client);
      removeFolder(dir);
    });

    /** Inserts `count` lines after the frontmatter (which must stay at the top). */
    function shift(path: string, text: string, count: number): string {
      const at = lineOf(text, '# '); // the first heading, right after the frontmatter
      client.edit(path, { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, 'Shifted.\n'.repeat(count));
      const lines = linesOf(text);
      return [...lines.slice(0, at), ...Array<string>(count).fill('Shifted.'), ...lines.slice(at)].join('\n');
    }

    it('a request sent right after an edit that moves lines answers from the new text', async () => {
      let text = readFileSync(company, 'utf8');
      client.open(company, text);
      const oldLine = lineOf(text, '{#csat}');
      text = shift(company, text, 3);
      const newLine = lineOf(text, '{#csat}');
      assert.equal(newLine, oldLine + 3);
      // No await between the edit and the requests.
      const [hover, symbols, lenses, references, definition, tree] = await Promise.all([
        client.hover(company, { line: newLine, character: 5 }),
        client.documentSymbols(company),
        client.codeLens(company),
        client.references(company, { line: newLine, character: 5 }, true),
        client.definition(support, { line: lineOf(readFileSync(support, 'utf8'), '[[csat#nps]]'), character: 12 }),
        client.progressTree({ all: true }) as Promise<{ objectives: { id: string; uri: string; range: Range }[] }>,
      ]);
      assert.equal(hover?.range?.start.line, newLine, 'hover');
      assert.deepEqual(symbols.map((s: DocumentSymbol) => s.selectionRange.start.line), [newLine, lineOf(text, 'Scale the platform')], 'documentSymbol');
      assert.deepEqual(lenses.map((l: CodeLens) => l.range.start.line), [newLine, lineOf(text, 'Scale the platform')], 'codeLens');
      const declaration = references.find((r) => r.uri === uriOf(company));
      assert.equal(declaration?.range.start.line, newLine, 'references: the declaration');
      assert.deepEqual(definition?.map((l) => [l.uri, l.range.start.line]), [[uriOf(company), lineOf(text, '^nps')]], 'definition into the edited document');
      assert.equal(tree.objectives.find((o) => o.id === 'csat')?.range.start.line, newLine, 'progress tree');
    });

    it('requests interleaved with 20 edits each answer from the version sent just before them', async () => {
      let text = readFileSync(company, 'utf8');
      client.open(company, text);
      const asked: { expected: number; answer: Promise<DocumentSymbol[]>; hover: Promise<unknown> }[] = [];
      for (let i = 0; i < 20; i++) {
        text = shift(company, text, 1 + (i % 3));
        const expected = lineOf(text, '{#csat}');
        asked.push({ expected, answer: client.documentSymbols(company), hover: client.hover(company, { line: expected, character: 5 }) });
      }
      for (const [i, { expected, answer, hover }] of asked.entries()) {
        assert.equal((await answer)[0]?.selectionRange.start.line, expected, `documentSymbol after edit ${i + 1}`);
        assert.equal(((await hover) as { range: Range } | null)?.range.start.line, expected, `hover after edit ${i + 1}`);
      }
    });

    it('diagnostics published during a burst of edits carry the version they were computed from, and its ranges', async () => {
      let text = readFileSync(support, 'utf8');
      client.open(support, text);
      const texts = new Map<number, string>([[1, text]]);
      const publishes = countPublishes(client);
      // A broken reference, then lines inserted above it in a burst, some 10 ms apart, some at once.
      const aligns = lineOf(text, '[[csat#nps]]');
      const column = linesOf(text)[aligns]!.indexOf('nps]]');
      client.edit(support, { start: { line: aligns, character: column }, end: { line: aligns, character: column + 3 } }, 'nope');
      text = text.replace('[[csat#nps]]', '[[csat#nope]]');
      texts.set(client.version(support)!, text);
      // Three bursts of ten edits, up to 10 ms apart; a pause longer than the debounce between them.
      for (let i = 0; i < 30; i++) {
        text = shift(support, text, 1);
        texts.set(client.version(support)!, text);
        if (i % 10 === 9) await delay(5 * DEBOUNCE_MS);
        else if (i % 3 === 0) await delay(10);
      }
      const last = client.version(support)!;
      const final = await client.waitFor(() => {
        const p = client.diagnostics.get(uriOf(support));
        return p?.version === last ? p : undefined;
      }, `diagnostics of version ${last}`);
      await delay(3 * DEBOUNCE_MS);
      const own = publishes.log.filter((p) => p.uri === uriOf(support));
      assert.ok(own.length >= 2 && own.length <= 8, `edits coalesced, published at the pauses: ${own.length} publications for 31 edits`);
      let previous = 0;
      for (const p of own) {
        assert.ok(typeof p.version === 'number' && p.version >= previous, `versions only grow: ${p.version} after ${previous}`);
        previous = p.version!;
        const at = texts.get(p.version!);
        assert.ok(at !== undefined, `version ${p.version} was sent`);
        for (const d of p.diagnostics) assertInside(at, d.range, `version ${p.version}: ${d.code}`);
        const unresolved = p.diagnostics.filter((d) => d.code === 'align-unresolved');
        assert.equal(unresolved.length, at.includes('[[csat#nope]]') ? 1 : 0, `version ${p.version}: the broken reference`);
        for (const { range: { start, end } } of unresolved) {
          assert.equal(linesOf(at)[start.line]!.slice(start.character, end.character), '[[csat#nope]]', `version ${p.version}: the range is that version's`);
        }
      }
      assert.equal(own.at(-1)!.version, last, 'the last publication is of the last version');
      assert.equal(final.diagnostics[0]!.range.start.line, lineOf(text, '[[csat#nope]]'));
    });
  });
});
