// Issue 14: `okr fmt [paths…] [--write]`, run as the built executable (dist/cli.cjs: run
// `npm run build` first) on temporary workspaces: the diff and exit 1 when a document read
// from its outline would change, exit 0 when none would, --write (BOM kept), and `okr check`
// counting the same objectives and key results afterwards.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess, writeFile, type Run } from './cliProcess.ts';

const TODAY = '2026-11-25';

function env(): NodeJS.ProcessEnv {
  return { ...process.env, OKR_TODAY: TODAY };
}

function okr(args: string[], cwd: string): Promise<Run> {
  return runCliProcess(args, cwd, env());
}

const OUTLINE = [
  '---',
  'okr: strategic',
  'cycle: 2026-Q4',
  '---',
  '# Team',
  '',
  '## Improve onboarding @alice',
  '',
  '- Cut setup time => 63%',
  '- [x] Publish a guide',
  '',
  '## Grow revenue',
  '',
  '- Sign 10 customers',
  '',
].join('\n');

const STRICT = ['---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Keep the lights on {#lights}', '', '- KR: Uptime [progress:: 99%]', ''].join('\n');

/** The summary of `okr check --format json`: objective and key-result counts. */
async function counts(cwd: string): Promise<{ objectives: number; keyResults: number; files: number }> {
  const run = await okr(['check', '--format', 'json'], cwd);
  assert.equal(run.status, 0, run.stderr);
  const { summary } = JSON.parse(run.stdout) as { summary: { objectives: number; keyResults: number; files: number } };
  return { objectives: summary.objectives, keyResults: summary.keyResults, files: summary.files };
}

describe('okr fmt (issue 14)', function () {
  this.timeout(60_000);
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'okr-fmt-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('prints a unified diff and exits 1 when a document would change; the file is untouched', async () => {
    const file = writeFile(root, 'okrs/team.md', OUTLINE);
    writeFile(root, 'okrs/strict.md', STRICT);
    const run = await okr(['fmt'], root);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^--- okrs\/team\.md/m);
    assert.match(run.stdout, /^\+\+\+ okrs\/team\.md/m);
    assert.match(run.stdout, /^@@ /m);
    assert.match(run.stdout, /^-## Improve onboarding @alice$/m);
    assert.match(run.stdout, /^\+## Objective: Improve onboarding \{#improve-onboarding\}$/m);
    assert.match(run.stdout, /^\+owner:: @alice$/m);
    assert.match(run.stdout, /^\+- KR: Cut setup time \[progress:: 63%\]$/m);
    assert.doesNotMatch(run.stdout, /strict\.md/, 'a strict document has no diff');
    assert.match(run.stderr, /1 document read from the outline would be rewritten; run okr fmt --write/);
    assert.equal(readFileSync(file, 'utf8'), OUTLINE);
  });

  it('exits 0 with "already in the explicit form" when nothing would change', async () => {
    writeFile(root, 'okrs/strict.md', STRICT);
    const run = await okr(['fmt'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /already in the explicit form/);
  });

  it('only the paths given: a strict file named alone exits 0', async () => {
    writeFile(root, 'okrs/team.md', OUTLINE);
    writeFile(root, 'okrs/strict.md', STRICT);
    const run = await okr(['fmt', 'okrs/strict.md'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /already in the explicit form/);
  });

  it('--write writes the file (BOM kept); then okr fmt exits 0 and okr check counts the same', async () => {
    const file = writeFile(root, 'okrs/team.md', `\uFEFF${OUTLINE}`);
    writeFile(root, 'okrs/strict.md', STRICT);
    const before = await counts(root);
    assert.deepEqual(before, { objectives: 3, keyResults: 4, files: 2 });

    const write = await okr(['fmt', '--write'], root);
    assert.equal(write.status, 0, write.stderr);
    assert.match(write.stderr, /wrote okrs\/team\.md in the explicit form/);
    const written = readFileSync(file, 'utf8');
    assert.ok(written.startsWith('\uFEFF---\n'), 'the BOM is kept');
    assert.match(written, /^## Objective: Improve onboarding \{#improve-onboarding\}$/m);
    assert.match(written, /^- \[x\] KR: Publish a guide$/m);
    assert.match(written, /^## Objective: Grow revenue \{#grow-revenue\}$/m);
    assert.equal(readFileSync(join(root, 'okrs/strict.md'), 'utf8'), STRICT, 'a strict document is not written');

    const again = await okr(['fmt'], root);
    assert.equal(again.status, 0, again.stderr + again.stdout);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /already in the explicit form/);
    assert.deepEqual(await counts(root), before);
  });

  it('CRLF line ends are written back as CRLF', async () => {
    const file = writeFile(root, 'team.md', OUTLINE.replace(/\n/g, '\r\n'));
    const write = await okr(['fmt', '--write'], root);
    assert.equal(write.status, 0, write.stderr);
    const written = readFileSync(file, 'utf8');
    assert.match(written, /## Objective: Improve onboarding/);
    assert.equal(written.replace(/\r\n/g, '').includes('\n'), false);
  });

  for (const args of [['fmt', '--bogus'], ['fmt', '--format', 'json'], ['fmt', '--cache'], ['fmt', '--write=yes']]) {
    it(`bad options exit 2: okr ${args.join(' ')}`, async () => {
      writeFile(root, 'team.md', OUTLINE);
      const run = await okr(args, root);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /^okr: /m);
      assert.equal(readFileSync(join(root, 'team.md'), 'utf8'), OUTLINE);
    });
  }

  it('a path that does not exist exits 2', async () => {
    writeFile(root, 'team.md', OUTLINE);
    const run = await okr(['fmt', 'nosuch.md'], root);
    assert.equal(run.status, 2, run.stderr);
  });
});
