import assert from 'node:assert/strict';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { defaultConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { indexFiles } from '../../server/src/okr/engine.ts';
import { documentNames, resolveLinkPath, WorkspaceIndex } from '../../server/src/okr/workspace/workspaceIndex.ts';
import { md } from './helpers.ts';

const company = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Customers {#csat}', '', '- KR: NPS [target:: 45] [current:: 40] ^nps');
const team = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Team {#team}', '', 'aligns:: [[csat]]', '', '- KR: Thing [progress:: 50]');
const ops = md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Ops {#ops}', '', 'aligns:: [[team]]', '', '- KR: Work [progress:: 10]');
const other = md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Other {#other}', '', 'aligns:: [[csat#nps]]', '', '- KR: Work [progress:: 10]');
const unrelated = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Alone {#alone}', '', '- KR: Thing [progress:: 50]');

function snapshot(index: WorkspaceIndex) {
  const analysis = new Analysis(index, { config: defaultConfig(), today: parseIsoDay('2026-11-25')! });
  return index.documents().map((document) => ({
    path: document.path,
    diagnostics: analysis.diagnostics(document),
    progress: document.objectives.map((objective) => analysis.progress.objective({ document, objective }).value),
  }));
}

describe('WorkspaceIndex', () => {
  it('knows a document by its file name and by its path from the root, without .okr.md or .md', () => {
    assert.deepEqual(documentNames('okrs/Company-Q4.okr.md'), ['company-q4', 'okrs/company-q4']);
    assert.deepEqual(documentNames('team.md'), ['team']);
  });

  it('resolves markdown link paths relative to the linking document', () => {
    assert.equal(resolveLinkPath('ops/2026-11/support.md', '../../company/q4.md'), 'company/q4.md');
    assert.equal(resolveLinkPath('ops/support.md', './team.md'), 'ops/team.md');
    assert.equal(resolveLinkPath('ops/support.md', ''), 'ops/support.md');
    assert.equal(resolveLinkPath('ops/support.md', '/company/q4.md'), 'company/q4.md');
  });

  it('drops a document from every table when it is removed or stops being an OKR document', () => {
    const index = indexFiles([{ path: 'company.md', text: company }]);
    assert.equal(index.objectivesWithId('CSAT').length, 1);
    assert.equal(index.documentsNamed('company').length, 1);
    index.set(parseDocument('company.md', '# Just notes\n'));
    assert.equal(index.size, 0);
    assert.equal(index.objectivesWithId('csat').length, 0);
    assert.equal(index.documentsNamed('company').length, 0);
  });

  it('finds the documents an edit can affect: children, parents up the chain, and id twins', () => {
    const index = indexFiles([
      { path: 'company.md', text: company },
      { path: 'team.md', text: team },
      { path: 'ops.md', text: ops },
      { path: 'other.md', text: other },
      { path: 'alone.md', text: unrelated },
    ]);
    // Editing the company file: everything aligned to it, directly or through a key result.
    assert.deepEqual([...index.dependents(index.get('company.md')!)].sort(), ['other.md', 'team.md']);
    // Editing the operational file: its parents up to the company (progress rolls up).
    assert.deepEqual([...index.dependents(index.get('ops.md')!)].sort(), ['company.md', 'team.md']);
    // A document that defines the same id as another depends on it (duplicate-id).
    const twin = parseDocument('twin.md', unrelated);
    index.set(twin);
    assert.ok(index.dependents(twin).has('alone.md'));
    // The previous version counts too: an id renamed away still affects its old referrers.
    const renamed = parseDocument('company.md', company.replace('{#csat}', '{#customers}'));
    const previous = index.get('company.md')!;
    index.set(renamed);
    assert.deepEqual([...index.dependents(renamed, previous)].sort(), ['other.md', 'team.md']);
  });

  it('reaches the old target of a third document whose reference an edit breaks, and its parents', () => {
    const top = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Top {#top}', '', '- KR: T [progress:: 10]');
    const middle = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Customers {#csat}', '', 'aligns:: [[top]]');
    const child = md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Ops {#a}', '', 'aligns:: [[csat]]', '', '- KR: W [progress:: 50]');
    const index = indexFiles([
      { path: 't.md', text: top },
      { path: 'c.md', text: middle },
      { path: 'a.md', text: child },
    ]);
    // d.md defines csat a second time: a.md's [[csat]] resolves to nothing, so c.md and t.md change.
    const twin = parseDocument('d.md', middle.replace('[[top]]', ''));
    index.set(twin);
    assert.deepEqual([...index.dependents(twin)].sort(), ['a.md', 'c.md', 't.md']);
  });

  it('gives the same diagnostics and progress after a sequence of edits as a fresh index', () => {
    const index = new WorkspaceIndex();
    const files: Record<string, string> = { 'company.md': company, 'team.md': team, 'ops.md': ops, 'other.md': other };
    for (const [path, text] of Object.entries(files)) index.set(parseDocument(path, text));
    const edits: [string, string | null][] = [
      ['company.md', company.replace('^nps', '^promoters')],
      ['team.md', team.replace('[[csat]]', '[[csat#promoters]]')],
      ['ops.md', null],
      ['company.md', company],
      ['ops.md', ops.replace('2026-11', '2027-01')],
      ['other.md', other.replace('operational', 'strategic')],
    ];
    for (const [path, text] of edits) {
      if (text === null) {
        index.remove(path);
        delete files[path];
      } else {
        index.set(parseDocument(path, text));
        files[path] = text;
      }
      const fresh = indexFiles(Object.entries(files).map(([p, t]) => ({ path: p, text: t })));
      assert.deepEqual(snapshot(index), snapshot(fresh), `after editing ${path}`);
    }
  });
});
