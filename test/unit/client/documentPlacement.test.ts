import assert from 'node:assert/strict';
import { cycleChoices } from '../../../client/src/cycleChoices.ts';
import { findWrittenPeriod, styleOf } from '../../../client/src/cycleStyles.ts';
import { proposeDocumentPath, type PlacementRequest } from '../../../client/src/documentPlacement.ts';
import { fiscalStartOf, periodOfCycle, strictLabel } from '../../../client/src/periods.ts';
import { documentsFromTree, operationalOwner, strategicOwner, type ExistingDocument } from '../../../client/src/workspaceDocuments.ts';
import type { TreeObjective } from '../../../server/src/protocol.ts';

const Q4 = { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' };
const OCTOBER = { label: '2026-10', start: '2026-10-01', end: '2026-10-31' };
const NOVEMBER = { label: '2026-11', start: '2026-11-01', end: '2026-11-30' };
const SPRINT = { label: '2026-W47..2026-W48', start: '2026-11-16', end: '2026-11-29' };

function strategic(path: string, owner?: string, cycle = Q4): ExistingDocument {
  return { path, level: 'strategic', cycles: [cycle], ...(owner ? { owner } : {}) };
}
function operational(path: string, owner?: string, ...cycles: ExistingDocument['cycles']): ExistingDocument {
  return { path, level: 'operational', cycles: cycles.length ? cycles : [NOVEMBER], ...(owner ? { owner } : {}) };
}

/** The layout of examples/: strategic in company/ and teams/, operational in folders by month. */
const EXAMPLES: ExistingDocument[] = [
  strategic('company/company-2026-q4.md', 'Leadership team'),
  strategic('teams/support-2026-q4.md', 'Support team'),
  strategic('teams/engineering-2026-q4.okr.md', 'Engineering team'),
  operational('operational/2026-10/engineering.md', 'Engineering', OCTOBER),
  operational('operational/2026-10/support.md', 'Support team', OCTOBER),
  operational('operational/2026-11/engineering.md', 'Engineering', SPRINT, NOVEMBER),
  operational('operational/2026-11/support.md', 'Support team', NOVEMBER),
];

function propose(request: Partial<PlacementRequest> & Pick<PlacementRequest, 'documents' | 'cycle'>): string {
  return proposeDocumentPath({ level: 'operational', title: 'Answer tickets faster', ...request });
}

describe('client: where a new document goes', () => {
  it('swaps the cycle in folders named by cycle, and names the file as the workspace does (by owner here)', () => {
    assert.equal(propose({ documents: EXAMPLES, cycle: '2026-12', owner: 'Support team' }), 'operational/2026-12/support.md');
    // A new team is named as the others are: after its owner.
    assert.equal(propose({ documents: EXAMPLES, cycle: '2026-12', owner: 'Marketing' }), 'operational/2026-12/marketing.md');
    // A two-week cycle goes in the folder of the month it starts in (W49 starts on 30 November).
    assert.equal(propose({ documents: EXAMPLES, cycle: '2026-W50..2026-W51', owner: 'Engineering' }), 'operational/2026-12/engineering.md');
    assert.equal(propose({ documents: EXAMPLES, cycle: '2026-W49..2026-W50', owner: 'Engineering' }), 'operational/2026-11/engineering-answer-tickets-faster.md');
    // Taken: the title is added.
    assert.equal(propose({ documents: EXAMPLES, cycle: '2026-11', owner: 'Support team' }), 'operational/2026-11/support-answer-tickets-faster.md');
  });

  it('keeps the folder spelling: okrs/2026-11/ → okrs/2026-12/, okrs/nov-2026/ → okrs/dec-2026/, okrs/2026-q4/ → okrs/2027-q1/', () => {
    const byTitle = [operational('okrs/2026-11/hire-faster.md'), operational('okrs/2026-11/ship-it.md')];
    assert.equal(propose({ documents: byTitle, cycle: '2026-12' }), 'okrs/2026-12/answer-tickets-faster.md');
    const named = [operational('okrs/nov-2026/a.md', undefined, { label: 'Nov 2026', start: '2026-11-01', end: '2026-11-30' })];
    assert.equal(propose({ documents: named, cycle: '2026-12' }), 'okrs/dec-2026/answer-tickets-faster.md');
    const quarters = [strategic('okrs/2026-q4/company.md'), strategic('okrs/2026-q4/sales.md')];
    assert.equal(propose({ level: 'strategic', title: 'Grow revenue', documents: quarters, cycle: '2027-Q1' }), 'okrs/2027-q1/grow-revenue.md');
    // Operational documents in the quarter's folder: the new one goes in the quarter that holds its month.
    const mixed = [...quarters, operational('okrs/2026-q4/support-nov.md'), operational('okrs/2026-q4/sales-nov.md')];
    assert.equal(propose({ documents: mixed, cycle: '2027-01' }), 'okrs/2027-q1/answer-tickets-faster.md');
  });

  it('follows files named by cycle: team/ops/2026-11.md → team/ops/2026-12.md', () => {
    assert.equal(propose({ documents: [operational('team/ops/2026-11.md')], cycle: '2026-12' }), 'team/ops/2026-12.md');
    const sprints = [operational('sprints/2026-W45--2026-W46.md', undefined, { label: '2026-W45..2026-W46', start: '2026-11-02', end: '2026-11-15' }), operational('sprints/2026-W47--2026-W48.md', undefined, SPRINT)];
    assert.equal(propose({ documents: sprints, cycle: '2026-W49..2026-W50' }), 'sprints/2026-W49--2026-W50.md');
    const prefixed = [operational('ops/ops-2026-10.md', undefined, OCTOBER), operational('ops/ops-2026-11.md')];
    assert.equal(propose({ documents: prefixed, cycle: '2026-12' }), 'ops/ops-2026-12.md');
  });

  it('keeps one folder when every document of the level is in it, and writes .okr.md when they all do', () => {
    const oneFolder = [operational('docs/okr/support.okr.md', 'Support', OCTOBER), operational('docs/okr/billing.okr.md', 'Billing')];
    assert.equal(propose({ documents: oneFolder, cycle: '2026-12', owner: 'Support' }), 'docs/okr/support-answer-tickets-faster.okr.md');
    assert.equal(propose({ documents: [...oneFolder, operational('docs/okr/plain.md', 'Sales')], cycle: '2026-12', owner: 'Ops' }), 'docs/okr/answer-tickets-faster.md');
  });

  it('picks the folder of documents with the same owner, else the one with the most documents', () => {
    assert.equal(proposeDocumentPath({ level: 'strategic', cycle: '2027-Q1', title: 'Grow revenue', owner: 'Leadership team', documents: EXAMPLES }), 'company/grow-revenue-2027-q1.md');
    assert.equal(proposeDocumentPath({ level: 'strategic', cycle: '2027-Q1', title: 'Grow revenue', owner: 'Support team', documents: EXAMPLES }), 'teams/support-2027-q1.md');
    assert.equal(proposeDocumentPath({ level: 'strategic', cycle: '2027-Q1', title: 'Grow revenue', owner: 'Marketing team', documents: EXAMPLES }), 'teams/marketing-team-2027-q1.md');
    assert.equal(proposeDocumentPath({ level: 'strategic', cycle: '2027-Q1', title: 'Grow revenue', documents: EXAMPLES }), 'teams/grow-revenue-2027-q1.md');
  });

  it('without documents of the level, goes beside the other level; without any, okrs/<cycle>/<slug>.md', () => {
    assert.equal(propose({ documents: [], cycle: '2026-12' }), 'okrs/2026-12/answer-tickets-faster.md');
    assert.equal(propose({ documents: [], cycle: '2026-W49..2026-W50' }), 'okrs/2026-W49--2026-W50/answer-tickets-faster.md');
    assert.equal(propose({ documents: [strategic('plans/2026-Q4/company.md')], cycle: '2026-12' }), 'plans/2026-12/answer-tickets-faster.md');
    assert.equal(propose({ documents: [strategic('strategy/company.md')], cycle: '2026-12' }), 'strategy/2026-12/answer-tickets-faster.md');
    const quarterFolders = [operational('okrs/2026-q4/support.md'), operational('okrs/2026-q4/sales.md')];
    assert.equal(propose({ level: 'strategic', documents: quarterFolders, cycle: '2027-Q1' }), 'okrs/2027-q1/answer-tickets-faster.md');
    assert.equal(propose({ documents: [strategic('company.md')], cycle: '2026-12' }), 'okrs/2026-12/answer-tickets-faster.md');
  });

  it('finds fiscal folders and renames them in the same spelling', () => {
    const fiscal = { label: 'FY27-Q3', start: '2026-10-01', end: '2026-12-31' };
    const documents = [strategic('okrs/fy27q3/company.md', 'Board', fiscal), strategic('okrs/fy27q3/sales.md', 'Sales', fiscal)];
    assert.equal(fiscalStartOf(documents.flatMap((d) => d.cycles)), 4);
    assert.equal(proposeDocumentPath({ level: 'strategic', cycle: 'FY27-Q4', title: 'Grow', documents }), 'okrs/fy27q4/grow.md');
    assert.equal(proposeDocumentPath({ level: 'strategic', cycle: 'FY28-Q1', title: 'Grow', documents }), 'okrs/fy28q1/grow.md');
  });

  it('ignores a year-like word that is part of another (x2026) and tolerates documents without a cycle', () => {
    const documents = [operational('x2026/a.md'), { path: 'loose/b.md', level: 'operational' as const, cycles: [] }];
    assert.equal(propose({ documents, cycle: '2026-12' }), 'x2026/answer-tickets-faster.md');
    assert.equal(findWrittenPeriod('x2026-11y', [periodOfCycle(NOVEMBER, 1)!]), undefined);
  });
});

describe('client: the cycles a new document is offered', () => {
  const today = '2026-11-25';

  it('offers months first when nothing is written yet (quarters for strategic), the current one first', () => {
    assert.deepEqual(cycleChoices({ level: 'operational', inUse: [], today, parent: Q4 }), ['2026-11', '2026-12', '2026-W48..2026-W49', '2026-W50..2026-W51', '2026-W48', '2026-W49']);
    assert.deepEqual(cycleChoices({ level: 'strategic', inUse: [], today }), ['2026-Q4', '2027-Q1', '2026-H2', '2027-H1', '2026', '2027']);
  });

  it('orders by the kind the workspace uses, and keeps the two-week cadence', () => {
    const sprints = [SPRINT, { label: '2026-W45..2026-W46', start: '2026-11-02', end: '2026-11-15' }];
    assert.deepEqual(cycleChoices({ level: 'operational', inUse: sprints, today, parent: Q4 }).slice(0, 3), ['2026-W47..2026-W48', '2026-W49..2026-W50', '2026-11']);
    assert.deepEqual(cycleChoices({ level: 'operational', inUse: [OCTOBER, NOVEMBER, SPRINT], today, parent: Q4 })[0], '2026-11');
    const weeks = [{ label: '2026-W45', start: '2026-11-02', end: '2026-11-08' }];
    assert.deepEqual(cycleChoices({ level: 'operational', inUse: weeks, today, parent: Q4 }).slice(0, 2), ['2026-W48', '2026-W49']);
    const halves = [{ label: '2026-H2', start: '2026-07-01', end: '2026-12-31' }];
    assert.deepEqual(cycleChoices({ level: 'strategic', inUse: halves, today }).slice(0, 3), ['2026-H2', '2027-H1', '2026-Q4']);
  });

  it('keeps every choice inside the parent, the first ones when the parent starts later', () => {
    assert.deepEqual(cycleChoices({ level: 'operational', inUse: [], today, parent: NOVEMBER }), ['2026-11', '2026-W48']);
    const nextQuarter = { label: '2027-Q1', start: '2027-01-01', end: '2027-03-31' };
    assert.deepEqual(cycleChoices({ level: 'operational', inUse: [NOVEMBER], today, parent: nextQuarter }).slice(0, 2), ['2027-01', '2027-02']);
    // Nothing of a week or more fits in a parent of three days: the parent's own cycle.
    const days = { label: '2026-11-24..2026-11-26', start: '2026-11-24', end: '2026-11-26' };
    assert.deepEqual(cycleChoices({ level: 'operational', inUse: [], today, parent: days }), ['2026-11-24..2026-11-26']);
  });

  it('spells cycles as the workspace does, fiscal ones included', () => {
    const fiscal = [{ label: 'FY27-Q2', start: '2026-07-01', end: '2026-09-30' }, { label: 'FY27-Q3', start: '2026-10-01', end: '2026-12-31' }];
    assert.deepEqual(cycleChoices({ level: 'strategic', inUse: fiscal, today }), ['FY27-Q3', 'FY27-Q4', 'FY27-H2', 'FY28-H1', 'FY27', 'FY28']);
    const written = [{ label: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' }];
    assert.deepEqual(cycleChoices({ level: 'strategic', inUse: written, today }).slice(0, 4), ['Q4 2026', 'Q1 2027', 'H2 2026', 'H1 2027']);
    const months = [{ label: 'November 2026', start: '2026-11-01', end: '2026-11-30' }];
    assert.deepEqual(cycleChoices({ level: 'operational', inUse: months, today, parent: Q4 }).slice(0, 2), ['November 2026', 'December 2026']);
  });

  it('reads the periods and spellings it offers back as the engine does', () => {
    const period = periodOfCycle({ label: 'fy27q3', start: '2026-10-01', end: '2026-12-31' }, 4)!;
    assert.deepEqual(period, { kind: 'quarter', fiscal: true, year: 2027, n: 3 });
    assert.equal(strictLabel(period), 'FY2027-Q3');
    assert.equal(styleOf('fy27q3', period)?.write({ ...period, n: 4 }), 'fy27q4');
    assert.equal(strictLabel(periodOfCycle({ label: '2026-W53..2027-W01', start: '2026-12-28', end: '2027-01-10' }, 1)!), '2026-W53..2027-W01');
  });
});

describe('client: the owner a new document is offered', () => {
  const child = (owner: string | null, level: 'operational' | 'strategic' = 'operational') => ({ owner, level, children: [] }) as unknown as TreeObjective;

  it('takes the parent’s owner, else the owner of the objectives aligned to it, else the workspace’s', () => {
    assert.equal(operationalOwner({ owner: 'Support team', children: [child('Ops')] }, EXAMPLES), 'Support team');
    assert.equal(operationalOwner({ owner: null, children: [child('Ops'), child('Ops'), child('CEO', 'strategic')] }, EXAMPLES), 'Ops');
    assert.equal(operationalOwner({ owner: null, children: [] }, EXAMPLES), 'Engineering');
    assert.equal(operationalOwner({ owner: null, children: [] }, [strategic('s.md', 'Board')]), 'Board');
    assert.equal(operationalOwner({ owner: null, children: [] }, []), undefined);
    assert.equal(strategicOwner([...EXAMPLES, strategic('teams/x.md', 'Support team')]), 'Support team');
  });

  it('reads the documents off the progress tree: one per file, its level, cycles and owner, in the chosen folder', () => {
    const objective = (uri: string, line: number, extra: Partial<TreeObjective>): TreeObjective =>
      ({ uri, line, level: 'operational', owner: 'Ops', cycle: NOVEMBER, children: [], keyResults: [], ...extra }) as unknown as TreeObjective;
    const sprint = objective('file:///w/ops/a.md', 9, { cycle: SPRINT });
    const tree = [
      objective('file:///w/company.md', 4, { level: 'strategic', owner: 'Board', cycle: Q4, children: [objective('file:///w/ops/a.md', 3, {}), sprint] }),
      objective('file:///other/b.md', 2, {}),
    ];
    const documents = documentsFromTree(tree, (uri) => (uri.startsWith('file:///w/') ? uri.slice('file:///w/'.length) : undefined));
    assert.deepEqual(documents, [
      { path: 'company.md', level: 'strategic', cycles: [Q4], owner: 'Board' },
      { path: 'ops/a.md', level: 'operational', cycles: [NOVEMBER, SPRINT], owner: 'Ops' },
    ]);
  });
});
