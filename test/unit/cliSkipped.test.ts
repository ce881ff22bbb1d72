// Issue 15, "hooks": a file named to `okr check`, `okr report` or `okr fmt` that is not an
// OKR document is listed on stderr as skipped, with the reason (and a hint when it holds
// OKRs that only need opting in), so that a document that lost its frontmatter does not
// pass a pre-commit hook in silence. The exit status and stdout stay what they were.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess, writeFile, type Run } from './cliProcess.ts';
import { md } from './helpers.ts';

const TODAY = '2026-11-25';
const REASON = 'skipped: not an OKR document (no okr: in its frontmatter, not *.okr.md, not matched by "documents" in okr.config.json)';
const HINT = '; it looks like OKRs: add "okr: strategic" or "okr: operational" to its frontmatter, or run okr init';

function okr(args: string[], cwd: string): Promise<Run> {
  const env = { ...process.env, OKR_TODAY: TODAY };
  return runCliProcess(args, cwd, env);
}

const COMPANY = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Delight customers {#csat}', '', '- KR: Raise NPS [start:: 30] [target:: 45] [current:: 38] ^nps');
const BROKEN = md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Answer faster', '', 'aligns:: [[nowhere]]', '', '- KR: First response [target:: 2] [current:: 3]');
/** A document that lost its frontmatter: still OKRs as the outline reader reads them. */
const LOST = md('# Support OKRs, November 2026', '', '## Answer faster', '', '- First response under 2 hours => 40%', '- [ ] Publish response targets');
const NOTES = md('# Meeting notes', '', 'We talked about the roadmap.');
const TAGGED = md('---', 'tags: [okr, planning]', '---', '# Planning', '', 'Nothing to read here.');

describe('okr check, report and fmt: named files that are not OKR documents (issue 15)', function () {
  this.timeout(60_000);
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'okr-skipped-'));
    writeFile(root, 'okrs/company.md', COMPANY);
    writeFile(root, 'okrs/broken.md', BROKEN);
    writeFile(root, 'okrs/support.md', LOST);
    writeFile(root, 'notes.md', NOTES);
    writeFile(root, 'tagged.md', TAGGED);
    writeFile(root, 'todo.txt', 'Write the OKRs\n');
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('okr check lists each named file that is not one on stderr, in the order named, with a hint where it looks like OKRs', async () => {
    const run = await okr(['check', 'notes.md', 'okrs/support.md', 'okrs/company.md', 'tagged.md', 'todo.txt'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^okrs\/company\.md:5:1: info strategic-unsupported /);
    assert.deepEqual(run.stderr.split('\n'), [
      `okr: notes.md: ${REASON}`,
      `okr: okrs/support.md: ${REASON}${HINT}`,
      `okr: tagged.md: ${REASON}`,
      `okr: todo.txt: ${REASON}`,
      'okr: 1 document, 1 objective, 1 key result: 0 errors, 0 warnings, 1 info',
      '',
    ]);
  });

  it('says so even when no OKR document is named at all, and keeps exit 0', async () => {
    const run = await okr(['check', 'okrs/support.md'], root);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, `okr: okrs/support.md: ${REASON}${HINT}\nokr: 0 OKR documents checked, 0 objectives, 0 key results, no problems\n`);
  });

  it('leaves the exit status and stdout as they are without the skipped files (1 on an error, JSON and SARIF unchanged)', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const alone = await okr(['check', 'okrs/broken.md', '--format', format], root);
      const withSkipped = await okr(['check', 'okrs/broken.md', 'notes.md', '--format', format], root);
      assert.equal(alone.status, 1, format);
      assert.equal(withSkipped.status, 1, format);
      assert.equal(withSkipped.stdout, alone.stdout, format);
      assert.match(withSkipped.stderr, new RegExp(`^okr: notes\\.md: ${REASON.replace(/[.*()]/g, '\\$&')}$`, 'm'));
      assert.doesNotMatch(alone.stderr, /skipped/);
    }
  });

  it('lists no file found by walking a named folder', async () => {
    const run = await okr(['check', '.', 'okrs'], root);
    assert.equal(run.status, 1);
    assert.doesNotMatch(run.stderr, /skipped/);
  });

  it('does not list a file the config\'s documents make an OKR document', async () => {
    writeFile(root, 'okr.config.json', JSON.stringify({ documents: [{ include: 'okrs/support.md', okr: 'operational' }] }));
    const run = await okr(['check', 'okrs/support.md', 'notes.md', '--format', 'json'], root);
    assert.deepEqual(run.stderr, `okr: notes.md: ${REASON}\n`);
    assert.deepEqual((JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((file) => file.path), ['okrs/support.md']);
  });

  it('okr report and okr fmt list them too, with their exit status unchanged', async () => {
    const report = await okr(['report', 'okrs/company.md', 'notes.md', 'okrs/support.md'], root);
    assert.equal(report.status, 0, report.stderr);
    assert.equal(report.stderr, `okr: notes.md: ${REASON}\nokr: okrs/support.md: ${REASON}${HINT}\n`);
    assert.match(report.stdout, /Delight customers/);

    const fmt = await okr(['fmt', 'okrs/company.md', 'notes.md'], root);
    assert.equal(fmt.status, 0, fmt.stderr);
    assert.equal(fmt.stderr, `okr: notes.md: ${REASON}\nokr: every OKR document is already in the explicit form\n`);
  });

  it('keeps the error of a named file that does not exist', async () => {
    const run = await okr(['check', 'okrs/company.md', 'missing.md'], root);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'okr: missing.md: no such file or directory\n');
  });

  it('with --cache, an answer from the cache lists them too, and a change to a skipped file is not answered from the cache', async () => {
    const args = ['check', 'okrs/company.md', 'notes.md', '--cache'];
    const first = await okr(args, root);
    const second = await okr(args, root);
    assert.equal(second.status, first.status);
    assert.equal(second.stderr, first.stderr);
    assert.match(second.stderr, /^okr: notes\.md: skipped/m);
    // notes.md now holds OKRs (still without frontmatter): the hint must appear.
    writeFile(root, 'notes.md', LOST);
    const third = await okr(args, root);
    assert.match(third.stderr, new RegExp(`^okr: notes\\.md: .*${HINT.replace(/[.*()|]/g, '\\$&')}$`, 'm'));
  });
});
