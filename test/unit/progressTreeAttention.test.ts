// Which objectives need attention (server/src/features/attention.ts, issue 15): the reasons
// one by one, with the config's severities, and a dropped objective.
import assert from 'node:assert/strict';
import { attentionNodes } from '../../server/src/features/attention.ts';
import { analyze, md } from './helpers.ts';

const COMPANY = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Delight customers {#csat}', '', '- KR: Raise NPS  [start:: 30]  [target:: 50]  [current:: 42] ^nps');

function reasons(files: Record<string, string>, severity: Record<string, string> = {}): [string | null, string[]][] {
  const analysis = analyze({ 'company.md': COMPANY, ...files }, { config: { severity } });
  return attentionNodes(analysis).map(({ node, reasons }) => [node.objective.id, reasons]);
}

describe('objectives that need attention', () => {
  it('a root without a cycle, even when cycle-missing is not an error: no cycle filter shows it', () => {
    const files = { 'someday.md': md('---', 'okr: strategic', '---', '## Objective: Open an office {#office}', '', '- KR: Lease signed  [target:: 1]  [current:: 0]') };
    assert.deepEqual(reasons(files, { 'cycle-missing': 'warning' }), [['office', ['noCycle']]]);
    assert.deepEqual(reasons(files), [['office', ['error', 'noCycle']]]);
  });

  it('an operational objective that aligns to nothing, even when align-missing is off; not once it is dropped', () => {
    const loose = (status: string) => ({ 'ops.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Tidy up {#tidy}', '', status, '', '- KR: Rooms tidied  [target:: 4]  [current:: 1]') });
    assert.deepEqual(reasons(loose(''), { 'align-missing': 'off' }), [['tidy', ['unaligned']]]);
    assert.deepEqual(reasons(loose('status:: dropped'), { 'align-missing': 'off' }), []);
  });

  it('an error in a key result counts for its objective; the same problem as a warning does not', () => {
    const files = {
      'ops.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Answer faster {#faster}', '', 'aligns:: [[csat#nps]]', '', '- KR: Tickets  [start:: 5]  [target:: 5]  [current:: 4]'),
    };
    assert.deepEqual(reasons(files), [['faster', ['error']]]);
    assert.deepEqual(reasons(files, { 'kr-invalid-range': 'warning' }), []);
  });
});
