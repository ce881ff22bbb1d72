// A tiny run of the benchmark harness (bench/run.ts), so it cannot rot: 30 files, one run,
// a few edits and requests. It needs the built CLI and server (dist/), as `npm test` builds.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ratios, resultsMarkdown, runBench, table, type Measure } from '../../bench/run.ts';

const DIST = resolve(import.meta.dirname, '../../dist');

describe('benchmark harness (bench/run.ts)', function () {
  // The benchmark runs the CLI, its peers and the server as processes: a generous timeout
  // (a guard against a hang), as a busy machine can take many times as long.
  this.timeout(300_000);
  let out: string;
  before(function () {
    if (!existsSync(join(DIST, 'cli.cjs')) || !existsSync(join(DIST, 'server.cjs'))) this.skip();
    out = mkdtempSync(join(tmpdir(), 'okr-bench-test-'));
  });
  after(() => out && rmSync(out, { recursive: true, force: true }));

  it('measures okr check, the floors, the peers and the server on a small workspace', async () => {
    const [result, ...rest] = await runBench({ sizes: [30], runs: 1, out, peers: true, server: true, edits: 5, strategicEdits: 2, requests: 5 });
    assert.equal(rest.length, 0);
    assert.ok(result);
    assert.equal(result.size, 30);
    assert.ok(result.bytes > 0);
    const measures: [string, Measure | undefined][] = [
      ['check', result.check],
      ['report --format html', result.reportHtml],
      ['read', result.read],
      ['parse', result.parse],
      ['markdownlint', result.markdownlint],
      ['vscode-md', result.vscodeMd],
    ];
    for (const [name, m] of measures) {
      assert.ok(m, name);
      assert.ok(m.seconds > 0 && Number.isFinite(m.seconds), `${name} wall time ${m.seconds}`);
      assert.ok(m.rssMb > 10 && Number.isFinite(m.rssMb), `${name} RSS ${m.rssMb}`);
    }
    const server = result.server!;
    assert.ok(server, 'server measured');
    assert.equal(server.documents, 30);
    assert.ok(server.startupMs > 0 && server.rssMb > 10);
    assert.ok(result.reportHtml!.megabytes > 0.01, 'the page was written');
    assert.ok(server.dashboard.megabytes > 0.001, 'the dashboard answered');
    for (const [name, p] of Object.entries({ keystroke: server.keystroke, hover: server.hover, definition: server.definition, dashboard: server.dashboard })) {
      assert.equal(p.n > 0, true, name);
      assert.ok(Number.isFinite(p.p50) && Number.isFinite(p.p95) && p.p50 <= p.p95, `${name} ${p.p50} / ${p.p95}`);
    }
    assert.ok(server.strategic, 'a strategic document with dependents');
    assert.ok(server.strategic.dependents > 0);
    assert.equal(server.strategic.timedOut, false, 'every edit validated its dependents');
    assert.ok(server.strategic.republished > 0 && server.strategic.republished <= server.strategic.dependents, 'those with problems published again');
    assert.equal(server.strategic.n, 2);
    assert.ok(result.checkFirst && result.checkFirst.seconds > 0, 'okr check without a code cache');
    assert.match(table([result]), /\| `okr check`, cold, no code cache \(a first run, CI\): wall \/ RSS \| \d+\.\d\d s \/ \d+ MB \|/);

    const text = resultsMarkdown([result], 1);
    assert.match(text, /Node v\d+/);
    assert.match(text, /\| `okr check --cache`, second run, nothing changed: wall \/ RSS \| \d+\.\d\d s \/ \d+ MB \|/);
    assert.match(text, /\| server: warm start \| ≤ 2 s \| \d+\.\d\d s \| (yes|\*\*no\*\*) \|/);
    assert.ok(result.checkCached.seconds > 0 && server.warmStartMs > 0);
    assert.match(table([result]), /\| `okr check`, cold: wall time \| \d+\.\d\d s \|/);
    assert.match(table([result]), /\| `okr report --format html` \(dashboard of everything\): wall \/ RSS \/ page \| \d+\.\d\d s \/ \d+ MB \/ \d+\.\d MB \|/);
    assert.match(table([result]), /\| server: okr\/dashboard \(current cycles, ≤ 2,000 objectives\), p50 \/ p95 \/ answer \| \d+\.\d ms \/ \d+\.\d ms \/ \d+\.\d MB \|/);
    assert.match(ratios([result]), /\| okr check \/ parse floor \| \d+\.\d\d × \|/);
  });
});
