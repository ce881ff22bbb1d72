// Issue 15, over LSP against the built server (dist/server.cjs: run `node esbuild.mjs` first):
// a near miss of a field name (`aligns: [[kv]]`) is published as field-near-miss on its own
// line, with no align-missing besides, and its quick fix (preferred) writes the field; a
// reference to a duplicated id publishes nothing of its own, and "Replace with" never offers
// an id that does not resolve.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { applyEdits, LspClient, removeFolder, SERVER, uriOf, editsFor } from './lspClient.ts';

const COMPANY = ['---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Key value {#kv}', '', '- KR: Grow [progress:: 40] ^grow', ''].join('\n');
const TWIN = ['---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Twin {#twin}', '', '- KR: Keep [progress:: 80]', ''].join('\n');

/** An operational document whose line 6 is `line` and line 8 a key result `kr`. */
function team(line: string, kr = '- KR: Ship it [progress:: 50]'): string {
  return ['---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Team {#team}', '', line, '', kr, ''].join('\n');
}

describe('language server: near misses of field names and references to a duplicated id (issue 15)', function () {
  this.timeout(20_000);
  let dir: string;
  let client: LspClient;

  before(async function () {
    this.timeout(300_000); // starts a server (a process): a guard against a hang
    assert.ok(existsSync(SERVER), 'run node esbuild.mjs first');
    dir = mkdtempSync(join(tmpdir(), 'okr-field-fix-'));
    writeFileSync(join(dir, 'company.md'), COMPANY);
    writeFileSync(join(dir, 'twin-a.md'), TWIN);
    writeFileSync(join(dir, 'twin-b.md'), TWIN.replace('Twin {#twin}', 'Twin again {#twin}'));
    client = await LspClient.start({ folders: [dir] });
  });
  after(async () => {
    await client.stop();
    removeFolder(dir);
  });

  /** Opens `team.md` with `text` and returns its diagnostics once published for this text. */
  async function open(text: string, predicate: (d: Diagnostic[]) => boolean = () => true): Promise<{ path: string; diagnostics: Diagnostic[] }> {
    const path = join(dir, 'team.md');
    client.diagnostics.delete(uriOf(path));
    client.open(path, text);
    return { path, diagnostics: await client.diagnosticsOf(path, predicate) };
  }

  /** The near miss published for `text`, its quick fixes, and `text` with the first applied. */
  async function fix(text: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[]; fixed: string }> {
    const { path, diagnostics } = await open(text, (d) => d.some((x) => x.code === 'field-near-miss'));
    try {
      const diagnostic = diagnostics.find((d) => d.code === 'field-near-miss')!;
      const actions = (await client.codeActions(path, diagnostic.range, [diagnostic])).filter((a) => a.diagnostics?.some((d) => d.code === 'field-near-miss'));
      assert.ok(actions[0], 'a quick fix for the near miss');
      return { diagnostic, actions, fixed: applyEdits(text, editsFor(actions[0].edit, uriOf(path))) };
    } finally {
      client.close(path);
    }
  }

  const nameRange = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

  it('`aligns: [[kv]]`: one error on the field name (it leaves the operational objective unaligned), no align-missing; the preferred quick fix writes `aligns::`, and then all is clean', async () => {
    const text = team('aligns: [[kv]]');
    const { path, diagnostics } = await open(text);
    client.close(path);
    assert.deepEqual(diagnostics.map((d) => d.code), ['field-near-miss']);
    const [published] = diagnostics;
    assert.equal(published!.severity, 1); // error: as grave as the align-missing it stands for
    assert.deepEqual(published!.range, nameRange(6, 0, 6));
    assert.equal(published!.message, 'The line `aligns: [[kv]]` is not read, so this operational objective aligns to nothing: did you mean `aligns::`?');

    const { actions, fixed } = await fix(text);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'quickfix');
    assert.equal(actions[0]!.isPreferred, true);
    assert.equal(actions[0]!.title, 'Change to aligns::');
    assert.equal(fixed, team('aligns:: [[kv]]'));
    const after = await open(fixed);
    client.close(after.path);
    assert.deepEqual(after.diagnostics, []);
  });

  it('other near misses: `align:: [[kv]]`, bold `**Owner:**`, a key result\'s `[targte:: 40]`', async () => {
    assert.equal((await fix(team('align:: [[kv]]'))).fixed, team('aligns:: [[kv]]'));
    assert.equal((await fix(team('aligns:: [[kv]]\n**Owner:** Sam'))).fixed, team('aligns:: [[kv]]\nowner:: Sam'));
    const kr = '- KR: Ship it [current:: 4] [targte:: 40]';
    const { diagnostic, fixed } = await fix(team('aligns:: [[kv]]', kr));
    assert.deepEqual(diagnostic.range, nameRange(8, 29, 35));
    assert.equal(fixed, team('aligns:: [[kv]]', '- KR: Ship it [current:: 4] [target:: 40]'));
  });

  it('CRLF line ends: the same range, and the edit keeps them', async () => {
    const crlf = team('aligns: [[kv]]').replace(/\n/g, '\r\n');
    const { diagnostic, fixed } = await fix(crlf);
    assert.deepEqual(diagnostic.range, nameRange(6, 0, 6));
    assert.equal(fixed, team('aligns:: [[kv]]').replace(/\n/g, '\r\n'));
  });

  it('a BOM at the start of the text: the same range, and the edit leaves the BOM', async () => {
    const bom = `\uFEFF${team('  Aligns: [[kv]]')}`;
    const { diagnostic, fixed } = await fix(bom);
    assert.deepEqual(diagnostic.range, nameRange(6, 2, 8));
    assert.equal(fixed, `\uFEFF${team('  aligns:: [[kv]]')}`);
  });

  it('no quick fix once the line is the field', async () => {
    const { path } = await open(team('aligns:: [[kv]]'));
    try {
      const actions = await client.codeActions(path, nameRange(6, 0, 6));
      assert.deepEqual(actions.filter((a) => a.title.startsWith('Change to')), []);
    } finally {
      client.close(path);
    }
  });

  it('a reference to a duplicated id publishes nothing of its own; "Replace with" offers neither it nor an id close to it that is duplicated', async () => {
    const duplicated = await open(team('aligns:: [[twin]]'));
    client.close(duplicated.path);
    assert.deepEqual(duplicated.diagnostics, []);

    const { path, diagnostics } = await open(team('aligns:: [[twn]]'), (d) => d.length > 0);
    try {
      const [unresolved] = diagnostics;
      assert.equal(unresolved?.code, 'align-unresolved');
      assert.doesNotMatch(String(unresolved.message), /twin/);
      const titles = (await client.codeActions(path, unresolved.range, [unresolved])).map((a) => a.title);
      assert.ok(!titles.some((title) => title.includes('[[twin]]')), titles.join(' | '));
    } finally {
      client.close(path);
    }
  });

  it('a misspelt key result of a known objective: "did you mean [[kv#grow]]", and the preferred fix writes it', async () => {
    const text = team('aligns:: [[kv#grw]]');
    const { path, diagnostics } = await open(text, (d) => d.length > 0);
    try {
      const [unresolved] = diagnostics;
      assert.equal(unresolved?.code, 'align-unresolved');
      assert.match(String(unresolved.message), /Did you mean \[\[kv#grow\]\], \[\[kv\]\]\?$/);
      const actions = await client.codeActions(path, unresolved.range, [unresolved]);
      const preferred = actions.find((a) => a.isPreferred);
      assert.equal(preferred?.title, 'Replace with [[kv#grow]]');
      assert.equal(applyEdits(text, editsFor(preferred.edit, uriOf(path))), team('aligns:: [[kv#grow]]'));
    } finally {
      client.close(path);
    }
  });
});
