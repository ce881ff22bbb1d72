import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/sync';
import { walkMarkdownFiles } from '../../../server/src/fs/files.ts';
import { cycleChoices } from '../../../client/src/cycleChoices.ts';
import { defaultDocumentPath, operationalDocument, slugify, strategicDocument } from '../../../client/src/templates.ts';
import { diagnose } from '../helpers.ts';

/** markdownlint's default rules apart from line length (MD013). */
function lintProblems(files: Record<string, string>): string[] {
  const results = lint({ strings: files, config: { default: true, MD013: false } });
  return Object.entries(results).flatMap(([name, errors]) => errors.map((e) => `${name}:${e.lineNumber} ${e.ruleNames.join('/')}`));
}

describe('client: document templates', () => {
  const strategic = strategicDocument({ title: 'Delight our customers', cycle: '2026-Q4', owner: 'Leadership team' });
  const operational = operationalDocument({ title: 'Answer tickets faster', cycle: '2026-11', alignsTo: 'delight-our-customers#delight-our-customers-kr1', owner: 'Support' });

  it('writes a strategic document the engine finds clean once something supports it', () => {
    assert.match(strategic, /^---\nokr: strategic\ncycle: 2026-Q4\nowner: Leadership team\n---\n/);
    assert.match(strategic, /^## Objective: Delight our customers \{#delight-our-customers\}$/m);
    // Alone (a workspace of strategic OKRs only), it is clean.
    assert.deepEqual(diagnose({ 'okrs/s.md': strategic }, 'okrs/s.md'), []);
    // Next to an operational document that supports something else, it only lacks support (an info), never an error or warning.
    const elsewhere = operationalDocument({ title: 'Other team', cycle: '2026-11', alignsTo: 'somewhere-else', owner: 'Other' });
    assert.deepEqual(
      diagnose({ 'okrs/s.md': strategic, 'okrs/other.md': elsewhere }, 'okrs/s.md').map((d) => `${d.severity} ${d.code}`),
      ['info strategic-unsupported'],
    );
  });

  it('writes an operational document aligned to the chosen key result, valid for the engine', () => {
    const files = { 'okrs/s.md': strategic, 'okrs/o.md': operational };
    assert.deepEqual(diagnose(files, 'okrs/o.md'), []);
    assert.deepEqual(diagnose(files, 'okrs/s.md'), []);
    assert.match(operational, /\n\naligns:: \[\[delight-our-customers#delight-our-customers-kr1\]\]\n\n/);
  });

  it('quotes YAML values that would read as something else, and keeps headings on one line', () => {
    const odd = strategicDocument({ title: 'Grow\nrevenue: fast', cycle: '2026', owner: 'yes' });
    assert.match(odd, /\ncycle: 2026\n/);
    assert.match(odd, /\nowner: "yes"\n/);
    assert.match(odd, /^## Objective: Grow revenue: fast \{#grow-revenue-fast\}$/m);
    // Read as a clean strategic document: nothing alone, and only strategic-unsupported next to an operational document.
    assert.deepEqual(diagnose({ 'o.md': odd }, 'o.md').map((d) => d.code), []);
    assert.deepEqual(diagnose({ 'o.md': odd, 'op.md': operational }, 'o.md').map((d) => d.code), ['strategic-unsupported']);
  });

  it('passes markdownlint (apart from line length), as examples/ does', () => {
    const examples = Object.fromEntries(
      walkMarkdownFiles(join(import.meta.dirname, '../../../examples')).map((file) => [file, readFileSync(file, 'utf8')]),
    );
    assert.deepEqual(lintProblems({ strategic, operational, ...examples }), []);
  });

  it('proposes a path okrs/<cycle>/<slug>.md and slugs like the engine', () => {
    assert.equal(defaultDocumentPath('2026-Q4', 'Delight our customers!'), 'okrs/2026-Q4/delight-our-customers.md');
    assert.equal(defaultDocumentPath('2026-W47..2026-W48', 'Réduire le délai'), 'okrs/2026-W47--2026-W48/réduire-le-délai.md');
    assert.equal(slugify('  Café — 2× faster '), 'café-2-faster');
  });

  it('writes the operational owner in the frontmatter, and none when left empty', () => {
    assert.match(operational, /^---\nokr: operational\ncycle: 2026-11\nowner: Support\n---\n/);
    const teams = operationalDocument({ title: 'Ship it', cycle: '2026-11', alignsTo: 'delight-our-customers', owner: 'R&D (Berlin)' });
    assert.match(teams, /\nowner: R&D \(Berlin\)\n/);
    assert.doesNotMatch(operationalDocument({ title: 'Ship it', cycle: '2026-11', alignsTo: 'delight-our-customers' }), /owner:/);
    assert.deepEqual(diagnose({ 'okrs/s.md': strategic, 'okrs/o.md': teams }, 'okrs/o.md'), []);
  });

  it('writes documents the engine finds clean with every cycle the commands offer, spelled as the workspace spells them', () => {
    const cases: { inUse: { label: string; start: string; end: string }[]; parent: { label: string; start: string; end: string }; fiscalYearStartMonth?: number }[] = [
      { inUse: [], parent: { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' } },
      { inUse: [{ label: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' }, { label: 'November 2026', start: '2026-11-01', end: '2026-11-30' }], parent: { label: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' } },
      { inUse: [{ label: 'FY27-Q3', start: '2026-10-01', end: '2026-12-31' }], parent: { label: 'FY27-Q3', start: '2026-10-01', end: '2026-12-31' }, fiscalYearStartMonth: 4 },
    ];
    for (const { inUse, parent, fiscalYearStartMonth } of cases) {
      const config = fiscalYearStartMonth ? { config: { fiscalYearStartMonth } } : {};
      for (const cycle of cycleChoices({ level: 'strategic', inUse, today: '2026-11-25' })) {
        const text = strategicDocument({ title: 'Delight our customers', cycle, owner: 'Leadership team' });
        assert.deepEqual(diagnose({ 's.md': text }, 's.md', config).map((d) => `${cycle}: ${d.code}`), []);
      }
      const parentText = strategicDocument({ title: 'Delight our customers', cycle: parent.label, owner: 'Leadership team' });
      for (const cycle of cycleChoices({ level: 'operational', inUse, today: '2026-11-25', parent })) {
        const text = operationalDocument({ title: 'Answer tickets faster', cycle, alignsTo: 'delight-our-customers#delight-our-customers-kr1', owner: 'Support team' });
        assert.deepEqual(diagnose({ 's.md': parentText, 'o.md': text }, 'o.md', config).map((d) => `${cycle}: ${d.code}`), []);
      }
    }
  });
});
