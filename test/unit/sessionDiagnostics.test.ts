// The language server keeps each document's diagnostics between edits (issue 15): the Needs
// attention list and the dashboard read every document's after each edit, and only those an
// edit may have changed are computed again. Counted work, not time.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { OkrSession } from '../../server/src/session/session.ts';
import { writeFile } from './cliProcess.ts';
import { md } from './helpers.ts';

const TEAMS = 20;
const COMPANY = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Delight customers {#csat}', '', '- KR: Raise NPS [progress:: 40] ^nps', '');
const OTHER = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Grow revenue {#revenue}', '', '- KR: New ARR [progress:: 40] ^arr', '');
const team = (i: number, aligns: string) =>
  md('---', 'okr: operational', 'cycle: 2026-11', '---', `## Objective: Team ${i} {#team-${i}}`, '', `aligns:: ${aligns}`, '', '- KR: Ship [progress:: 50]', '');

describe('language server session: diagnostics kept between edits (issue 15)', () => {
  let dir: string;
  let open: Record<string, string>;
  let session: OkrSession;
  let computed: string[];
  const original = Analysis.prototype.diagnostics;
  const files = () => ['company.md', 'other.md', ...Array.from({ length: 2 * TEAMS }, (_, i) => `ops/team-${i}.md`)].map((f) => join(dir, f));
  const all = () => new Map(files().map((file) => [file, session.diagnostics(session.documentAt(file)!, file)]));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'okr-session-diagnostics-'));
    writeFile(dir, 'company.md', COMPANY);
    writeFile(dir, 'other.md', OTHER);
    // Half the teams align to csat#nps, half to revenue#arr.
    for (let i = 0; i < 2 * TEAMS; i++) writeFile(dir, `ops/team-${i}.md`, team(i, i < TEAMS ? '[[csat#nps]]' : '[[revenue#arr]]'));
    open = {};
    session = new OkrSession({ openDocument: (file) => (open[file] === undefined ? undefined : { uri: `file://${file}`, version: 1, text: open[file] }), today: () => parseIsoDay('2026-11-25')!, log: () => {} });
    await session.addFolder(dir);
    all(); // as after the first publication
    computed = [];
    Analysis.prototype.diagnostics = function (this: Analysis, document) {
      computed.push(document.path);
      return original.call(this, document);
    };
  });

  afterEach(() => {
    Analysis.prototype.diagnostics = original;
    rmSync(dir, { recursive: true, force: true });
  });

  it('nothing is computed again when nothing changed', () => {
    all();
    assert.deepEqual(computed, []);
  });

  it('after an edit of a team document, only that document and what depends on it are computed again, and they are right', () => {
    const edited = join(dir, `ops/team-${TEAMS}.md`);
    open[edited] = team(TEAMS, '[[revenue#arrr]]');
    const { affected } = session.update([edited]);
    const diagnostics = all();
    assert.deepEqual([...new Set(computed)].sort(), [...affected].map((file) => file.slice(dir.length + 1)).sort());
    assert.ok(computed.length <= 3, `computed again: ${computed.join(', ')}`);
    assert.deepEqual(diagnostics.get(edited)!.map((d) => d.code), ['align-unresolved']);
  });

  it('after an edit of the strategic document, its dependents are computed again and say what changed', () => {
    const company = join(dir, 'company.md');
    open[company] = COMPANY.replace('^nps', '^promoters');
    session.update([company]);
    const diagnostics = all();
    for (let i = 0; i < TEAMS; i++) assert.deepEqual(diagnostics.get(join(dir, `ops/team-${i}.md`))!.map((d) => d.code), ['align-unresolved'], `team ${i}`);
    for (let i = TEAMS; i < 2 * TEAMS; i++) assert.deepEqual(diagnostics.get(join(dir, `ops/team-${i}.md`)), [], `team ${i}`);
    assert.ok(!computed.includes(`ops/team-${TEAMS}.md`), 'the teams aligned to the other objective are kept');
  });
});
