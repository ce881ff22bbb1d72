// okr/progressTree level by level (issue 6): a large workspace's tree is loaded as the
// view expands it. Loading it that way must give exactly the tree of one full request.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProgressTreeParams, ProgressTreeResult, TreeObjective } from '../../server/src/protocol.ts';
import { LspClient, SERVER } from './lspClient.ts';

function count(objectives: TreeObjective[]): number {
  return objectives.reduce((n, o) => n + 1 + count(o.children), 0);
}

function deepest(objectives: TreeObjective[]): number {
  return objectives.reduce((d, o) => Math.max(d, 1 + deepest(o.children)), 0);
}

describe('language server: progress tree by levels', function () {
  // The hook runs a process (bench/generate.mjs) and starts a server: a generous timeout, a
  // guard against a hang.
  this.timeout(300_000);
  let dir: string;
  let client: LspClient;
  const tree = (params: ProgressTreeParams) => client.connection.sendRequest<ProgressTreeResult>('okr/progressTree', params);

  before(async () => {
    assert.ok(existsSync(SERVER), 'run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'okr-levels-'));
    execFileSync(process.execPath, ['bench/generate.mjs', dir, '200'], { stdio: 'ignore' });
    client = await LspClient.start({ folders: [dir] });
    await client.waitForIndexed(1, 30_000);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loading each objective\'s children with `under` rebuilds the full tree exactly', async () => {
    const full = await tree({ all: true });
    assert.ok(deepest(full.objectives) >= 3, 'the generated tree has several levels');
    const expand = async (objectives: TreeObjective[]): Promise<TreeObjective[]> => {
      const out: TreeObjective[] = [];
      for (const objective of objectives) {
        assert.deepEqual(objective.children, [], 'depth 0 sends no aligned objectives');
        const below = objective.childCount === 0 ? [] : (await tree({ under: { uri: objective.uri, line: objective.range.start.line }, depth: 0 })).objectives;
        assert.equal(below.length, objective.childCount);
        out.push({ ...objective, children: await expand(below) });
      }
      return out;
    };
    const roots = await tree({ all: true, depth: 0 });
    assert.deepEqual({ ...roots, objectives: await expand(roots.objectives) }, full);
  });

  it('maxObjectives sends whole levels within the budget, and everything when it fits', async () => {
    const full = await tree({ all: true });
    const total = count(full.objectives);
    assert.deepEqual(await tree({ all: true, maxObjectives: total }), full);
    const budget = Math.floor(total / 3);
    const partial = await tree({ all: true, maxObjectives: budget });
    assert.ok(count(partial.objectives) <= Math.max(budget, partial.objectives.length), `${count(partial.objectives)} objectives sent, budget ${budget}`);
    assert.ok(count(partial.objectives) < total);
    // Whole levels: every objective at the last level sent has its children left out, none above.
    const levels = deepest(partial.objectives);
    const check = (objectives: TreeObjective[], level: number) => {
      for (const o of objectives) {
        if (level < levels) assert.equal(o.children.length, o.childCount, `level ${level} is complete`);
        else assert.equal(o.children.length, 0);
        check(o.children, level + 1);
      }
    };
    check(partial.objectives, 1);
  });

  it('lists the objectives that need attention beside the levels, within the same budget, and not below an objective', async () => {
    const full = await tree({ all: true });
    const needing = full.attention ?? [];
    assert.ok(needing.length > 2, `the generated workspace has objectives that need attention (${needing.length})`);
    const budget = 2;
    const partial = await tree({ maxObjectives: budget });
    assert.deepEqual(partial.attention, needing.slice(0, budget), 'the first ones, whatever the filter');
    assert.equal(partial.moreAttention, needing.length - budget);
    const root = full.objectives.find((o) => o.childCount > 0)!;
    const below = await tree({ under: { uri: root.uri, line: root.range.start.line }, maxObjectives: budget });
    assert.equal(below.attention, undefined);
    assert.ok(below.objectives.length > 0);
  });

  it('refuses a bad depth, and answers nothing below an objective that is gone', async () => {
    await assert.rejects(tree({ depth: -1 }), /depth/);
    const gone = await tree({ under: { uri: 'file:///nowhere/x.md', line: 3 } });
    assert.deepEqual(gone.objectives, []);
  });
});
