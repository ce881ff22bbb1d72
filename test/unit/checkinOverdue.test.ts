// checkin-overdue (issue 17): judged from each key result's last check-in (from git in the
// editor), only in a running cycle, not for a key result that is done, cancelled or complete,
// and not for the days before the cycle began; off without a history.
import assert from 'node:assert/strict';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import type { CheckIn } from '../../server/src/okr/analysis/rules/checkIns.ts';
import { defaultConfig, type OkrConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { indexFiles } from '../../server/src/okr/engine.ts';
import { md } from './helpers.ts';

const DOCUMENT = md(
  '---',
  'okr: strategic',
  'cycle: 2026-Q4',
  '---',
  '## Objective: Enhance customer satisfaction {#csat}',
  '',
  '- KR: Raise NPS  [start:: 30]  [target:: 50]  [current:: 35] ^nps',
  '- KR: Cut churn  [start:: 4]  [target:: 2]  [current:: 3] ^churn',
  '- [x] KR: Launch the board ^board',
  '- [-] KR: Dropped one ^dropped',
  '- KR: Done already  [start:: 0]  [target:: 10]  [current:: 10] ^done',
);

/** checkin-overdue lines (0-based) and messages, with every key result last changed on `changed`. */
function overdue(changed: Record<string, string> | undefined, today = '2026-11-25', config: Partial<OkrConfig> = {}) {
  const index = indexFiles([{ path: 'company.md', text: DOCUMENT }]);
  const lastCheckIn = changed
    ? (_node: unknown, keyResult: { id: string | null }): CheckIn | undefined => {
        const day = changed[keyResult.id ?? ''] ?? changed['*'];
        return day === undefined ? undefined : { day: parseIsoDay(day)!, author: 'Alice\u001b[31m' };
      }
    : undefined;
  const analysis = new Analysis(index, { config: { ...defaultConfig(), ...config }, today: parseIsoDay(today)!, ...(lastCheckIn ? { lastCheckIn } : {}) });
  return analysis
    .diagnostics(index.get('company.md')!)
    .filter((d) => d.code === 'checkin-overdue')
    .map((d) => [d.range.start.line, d.severity, d.message] as const);
}

describe('checkin-overdue', () => {
  it('is off without a history', () => {
    assert.deepEqual(overdue(undefined), []);
  });

  it('flags a key result of a running cycle unchanged for more than checkIn.maxDays (14), and only those still to do', () => {
    const found = overdue({ nps: '2026-11-13', '*': '2026-11-01' });
    assert.deepEqual(
      found.map(([line, severity]) => [line, severity]),
      [[7, 'info']],
      'churn (24 days); not NPS (12 days), the done, cancelled or complete ones',
    );
    assert.equal(found[0]![2], 'No check-in for 24 days (last change on 2026-11-01 by Alice [31m; checkIn.maxDays is 14): update its value or its confidence');
  });

  it('counts from the start of the cycle, follows checkIn.maxDays, and is quiet once the cycle has ended', () => {
    assert.deepEqual(overdue({ '*': '2026-09-01' }, '2026-10-10'), [], 'nine days into the cycle');
    assert.equal(overdue({ '*': '2026-09-01' }, '2026-10-20').length, 2, 'NPS and churn, 19 days into the cycle');
    assert.equal(overdue({ '*': '2026-11-01' }, '2026-11-25', { checkIn: { maxDays: 30 } }).length, 0);
    assert.deepEqual(overdue({ '*': '2026-11-01' }, '2027-01-10'), []);
  });

  it('takes its severity from the config', () => {
    assert.deepEqual(overdue({ '*': '2026-10-01' }, '2026-11-25', { severity: { 'checkin-overdue': 'off' } }), []);
    assert.equal(overdue({ '*': '2026-10-01' }, '2026-11-25', { severity: { 'checkin-overdue': 'warning' } })[0]![1], 'warning');
  });
});
