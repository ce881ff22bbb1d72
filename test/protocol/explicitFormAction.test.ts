// Issue 14: the "Write this document's OKRs in the explicit form" refactor.rewrite code action,
// over LSP against the built server (dist/server.cjs: run `npm run build` first): offered on an
// objective read from the outline, its edit applied gives the explicit form, and it is not
// offered on a strict document (nor once applied).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Range } from 'vscode-languageserver-protocol';
import { applyEdits, LspClient, removeFolder, SERVER, uriOf, editsFor } from './lspClient.ts';

const FRONT = ['---', 'okr: strategic', 'cycle: 2026-Q4', '---'];

const OUTLINE = [
  ...FRONT,
  '# Team',
  '',
  '## Improve onboarding @alice',
  '',
  '- Cut setup time => 63%',
  '- [x] Publish a guide',
  '',
  '### Faster signup',
  '',
  '- Cut the signup form to 3 fields',
  '',
  '## Notes',
  '',
  'Nothing here.',
  '',
].join('\n');

const EXPLICIT = [
  ...FRONT,
  '# Team',
  '',
  '## Objective: Improve onboarding {#improve-onboarding}',
  '',
  'owner:: @alice',
  '',
  '- KR: Cut setup time [progress:: 63%]',
  '- [x] KR: Publish a guide',
  '',
  '### Objective: Faster signup {#faster-signup}',
  '',
  'aligns:: [[#improve-onboarding]]',
  '',
  '- KR: Cut the signup form to 3 fields',
  '',
  '## Notes',
  '',
  'Nothing here.',
  '',
].join('\n');

const STRICT = [...FRONT, '## Objective: Keep the lights on {#lights}', '', '- KR: Uptime [progress:: 99%]', '- a note', ''].join('\n');

const REWRITE = 'refactor.rewrite';

function lineRange(line: number, character = 0): Range {
  return { start: { line, character }, end: { line, character } };
}

function rewrites(actions: CodeAction[]): CodeAction[] {
  return actions.filter((action) => action.kind === REWRITE);
}

describe('language server: the explicit-form code action (issue 14)', function () {
  this.timeout(20_000);
  let dir: string;
  let client: LspClient;

  before(async function () {
    this.timeout(300_000); // starts a server (a process): a guard against a hang
    assert.ok(existsSync(SERVER), 'run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'okr-explicit-'));
    writeFileSync(join(dir, 'team.md'), OUTLINE);
    writeFileSync(join(dir, 'strict.md'), STRICT);
    client = await LspClient.start({ folders: [dir] });
  });
  after(async () => {
    await client.stop();
    removeFolder(dir);
  });

  /** Opens `name` with `text`, waits for its diagnostics, asks for code actions at `range`. */
  async function actionsAt(name: string, text: string, range: Range): Promise<CodeAction[]> {
    const path = join(dir, name);
    client.diagnostics.delete(uriOf(path)); // wait for this text's diagnostics, not an earlier one's
    client.open(path, text);
    await client.diagnosticsOf(path);
    try {
      return await client.codeActions(path, range);
    } finally {
      client.close(path);
    }
  }

  it("on an objective's heading: one refactor.rewrite action whose edit gives the explicit form", async () => {
    const actions = await actionsAt('team.md', OUTLINE, lineRange(6, 5));
    const [action, ...more] = rewrites(actions);
    assert.ok(action, `a ${REWRITE} action among: ${actions.map((a) => `${a.kind}: ${a.title}`).join(' | ')}`);
    assert.deepEqual(more, []);
    assert.match(action.title, /explicit form/);
    const edits = editsFor(action.edit, uriOf(join(dir, 'team.md')));
    assert.ok(edits.length > 0);
    assert.equal(applyEdits(OUTLINE, edits), EXPLICIT);
  });

  it('on a key result, and on a nested objective, the same rewrite of the whole document', async () => {
    for (const line of [8, 11]) {
      const [action] = rewrites(await actionsAt('team.md', OUTLINE, lineRange(line, 3)));
      assert.ok(action, `an action on line ${line}`);
      assert.equal(applyEdits(OUTLINE, editsFor(action.edit, uriOf(join(dir, 'team.md')))), EXPLICIT);
    }
  });

  it('not on the front matter, outside every objective', async () => {
    assert.deepEqual(rewrites(await actionsAt('team.md', OUTLINE, lineRange(1, 2))), []);
  });

  it('CRLF line ends: the edit keeps them', async () => {
    const crlf = OUTLINE.replace(/\n/g, '\r\n');
    const [action] = rewrites(await actionsAt('team.md', crlf, lineRange(6, 5)));
    assert.ok(action);
    assert.equal(applyEdits(crlf, editsFor(action.edit, uriOf(join(dir, 'team.md')))), EXPLICIT.replace(/\n/g, '\r\n'));
  });

  it('a BOM at the start of the text: the edit leaves it and rewrites the rest', async () => {
    const bom = `\uFEFF${OUTLINE}`;
    const [action] = rewrites(await actionsAt('team.md', bom, lineRange(6, 5)));
    assert.ok(action);
    assert.equal(applyEdits(bom, editsFor(action.edit, uriOf(join(dir, 'team.md')))), `\uFEFF${EXPLICIT}`);
  });

  it('no such action on a strict document, nor on the document once rewritten', async () => {
    assert.deepEqual(rewrites(await actionsAt('strict.md', STRICT, lineRange(4, 5))), []);
    assert.deepEqual(rewrites(await actionsAt('team.md', EXPLICIT, lineRange(6, 5))), []);
  });
});
