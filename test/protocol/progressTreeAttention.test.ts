// okr/progressTree's `attention` (issue 15): every objective with an error, every operational
// objective that aligns to nothing and every root without a cycle, whatever the cycle filter,
// so that no broken objective is out of sight in a client's tree.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc/node';
import type { AttentionObjective, ProgressTreeParams, ProgressTreeResult, TreeObjective } from '../../server/src/protocol.ts';
import { LspClient, SERVER, uriOf } from './lspClient.ts';

const FILES: Record<string, string> = {
  'okrs/2026-Q4/company.md': [
    '---', 'okr: strategic', 'cycle: 2026-Q4', 'owner: Leadership team', '---',
    '## Objective: Enhance customer satisfaction {#csat}', '',
    '- KR: Raise NPS  [start:: 30]  [target:: 50]  [current:: 42] ^nps', '',
    // Nothing supports it: an info (strategic-unsupported), which needs no attention.
    '## Objective: Scale the platform {#platform}', '',
    '- KR: API availability  [start:: 99.5%]  [target:: 99.95%]  [current:: 99.8%] ^uptime', '',
  ].join('\n'),
  'okrs/2026-11/onboarding.md': [
    '---', 'okr: operational', 'cycle: 2026-11', '---',
    '## Objective: Make the first week a delight {#first-week}', '',
    'aligns:: [[csat#npss]]', '',
    '- KR: Onboarding finished  [start:: 50%]  [target:: 80%]  [current:: 65%]', '',
    '## Objective: Turn detractors into promoters {#detractors}', '',
    'aligns:: [[csat#nps]]', '',
    '- KR: Detractors called back  [target:: 60]  [current:: 25]', '',
  ].join('\n'),
  // No cycle in the front matter or the section: cycle-missing.
  'okrs/undated.md': [
    '---', 'okr: operational', '---',
    '## Objective: Answer every ticket within the day {#same-day}', '',
    'aligns:: [[csat#nps]]', '',
    '- KR: Tickets answered the same day  [start:: 40%]  [target:: 90%]  [current:: 70%]', '',
  ].join('\n'),
  'strategy/someday.md': [
    '---', 'okr: strategic', '---',
    '## Objective: Open an office in Lisbon {#lisbon}', '',
    '- KR: Lease signed  [target:: 1]  [current:: 0]', '',
  ].join('\n'),
};

function flatten(objectives: TreeObjective[]): TreeObjective[] {
  return objectives.flatMap((o) => [o, ...flatten(o.children)]);
}

describe('language server: the objectives of okr/progressTree that need attention', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  const tree = (params: ProgressTreeParams) => client.connection.sendRequest<ProgressTreeResult>('okr/progressTree', params);
  const summary = (attention: AttentionObjective[] | undefined) => (attention ?? []).map((o) => [o.id, o.reasons]);

  before(async () => {
    assert.ok(existsSync(SERVER), 'run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'okr-attention-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    client = await LspClient.start({ folders: [dir] });
    await client.waitFor(() => client.diagnostics.size >= 4, 'all published', 30_000);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists, in the current cycles, the broken alignment and the objectives without a cycle; not one with only infos', async () => {
    const result = await tree({});
    assert.deepEqual(summary(result.attention), [
      ['first-week', ['error', 'unaligned']],
      ['same-day', ['error']],
      ['lisbon', ['error', 'noCycle']],
    ]);
    assert.equal(result.moreAttention, undefined);
    const shown = flatten(result.objectives).map((o) => o.id);
    assert.ok(!shown.includes('lisbon'), `the current cycles leave out the root without a cycle: ${shown.join(', ')}`);
    assert.ok(shown.includes('platform'), 'the objective with an info is in the tree');
    const platform = flatten(result.objectives).find((o) => o.id === 'platform')!;
    assert.ok(platform.diagnostics.info > 0 && platform.diagnostics.error === 0, JSON.stringify(platform.diagnostics));
  });

  it('locates each one, with its diagnostic counts and key results, and without the objectives aligned to it', async () => {
    const { attention } = await tree({});
    const broken = attention!.find((o) => o.id === 'first-week')!;
    assert.equal(broken.uri, uriOf(join(dir, 'okrs/2026-11/onboarding.md')));
    assert.equal(broken.range.start.line, 4);
    assert.equal(broken.diagnostics.error, 1);
    assert.equal(broken.cycle?.label, '2026-11');
    assert.deepEqual(broken.keyResults.map((k) => k.title), ['Onboarding finished']);
    assert.deepEqual(broken.children, []);
    assert.equal(broken.childCount, 0);
  });

  it('is the same whatever the cycle filter', async () => {
    const current = summary((await tree({})).attention);
    for (const params of [{ all: true }, { cycle: '2026-Q3' }, { cycle: '2026-11' }, { depth: 0 }] satisfies ProgressTreeParams[]) {
      assert.deepEqual(summary((await tree(params)).attention), current, JSON.stringify(params));
    }
  });

  it('stays within maxObjectives, counting the rest; is left out with attention: false and below an objective', async () => {
    const cut = await tree({ maxObjectives: 1 });
    assert.deepEqual(summary(cut.attention), [['first-week', ['error', 'unaligned']]]);
    assert.equal(cut.moreAttention, 2);
    assert.equal((await tree({ attention: false })).attention, undefined);
    const company = uriOf(join(dir, 'okrs/2026-Q4/company.md'));
    const below = await tree({ under: { uri: company, line: 5 } });
    assert.deepEqual(below.objectives.map((o) => o.id), ['detractors', 'same-day']);
    assert.equal(below.attention, undefined);
  });

  it('refuses an attention param that is not true or false', async () => {
    await assert.rejects(tree({ attention: 'yes' as unknown as boolean }), (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams && /attention/.test(error.message));
  });

  it('empties as the objectives are fixed', async () => {
    const onboarding = join(dir, 'okrs/2026-11/onboarding.md');
    const fixed = FILES['okrs/2026-11/onboarding.md']!.replace('[[csat#npss]]', '[[csat#nps]]');
    client.open(onboarding, fixed);
    try {
      await client.diagnosticsOf(onboarding, (d) => d.length === 0);
      assert.deepEqual(summary((await tree({})).attention), [['same-day', ['error']], ['lisbon', ['error', 'noCycle']]]);
    } finally {
      client.close(onboarding);
    }
  });
});
