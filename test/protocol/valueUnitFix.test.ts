// Issue 15: the quick fix for a key-result value without a unit beside values with one, over
// LSP against the built server (dist/server.cjs: run `node esbuild.mjs` first). The warning
// is published on the field; the preferred quick fix rewrites the value to the suggestion.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { applyEdits, LspClient, removeFolder, SERVER, uriOf, editsFor } from './lspClient.ts';

const TEXT = [
  '---',
  'okr: strategic',
  'cycle: 2026-Q4',
  '---',
  '## Objective: Grow {#grow}',
  '',
  '- KR: Conversion 😀 [start:: 0%] [target:: 0.4] [current:: 20%] ^conversion',
  '- KR: Churn [start:: 30%] [target:: 40]',
  '- KR: Clean [start:: 0%] [target:: 40%] [current:: 20%]',
  '',
].join('\n');

/** The range of `needle` on the line holding it (LF or CRLF text). */
function rangeOf(text: string, needle: string): Range {
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  const character = lines[line]!.indexOf(needle);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

function unitFixes(actions: CodeAction[]): CodeAction[] {
  return actions.filter((action) => action.kind === 'quickfix' && action.title.startsWith('Change '));
}

describe('language server: the missing-unit quick fix (issue 15)', function () {
  this.timeout(20_000);
  let dir: string;
  let client: LspClient;

  before(async function () {
    this.timeout(300_000); // starts a server (a process): a guard against a hang
    assert.ok(existsSync(SERVER), 'run node esbuild.mjs first');
    dir = mkdtempSync(join(tmpdir(), 'okr-unit-fix-'));
    client = await LspClient.start({ folders: [dir] });
  });
  after(async () => {
    await client.stop();
    removeFolder(dir);
  });

  /** Opens `text` as t.md and returns its published diagnostics. */
  async function open(text: string): Promise<Diagnostic[]> {
    const path = join(dir, 't.md');
    client.diagnostics.delete(uriOf(path)); // wait for this text's diagnostics, not an earlier one's
    client.open(path, text);
    return client.diagnosticsOf(path);
  }

  afterEach(() => client.close(join(dir, 't.md')));

  for (const [name, text] of [
    ['LF', TEXT],
    ['CRLF', TEXT.replace(/\n/g, '\r\n')],
  ] as const) {
    it(`${name}: the warning is on the field, and the preferred fix rewrites 0.4 to 40%`, async () => {
      const path = join(dir, 't.md');
      const diagnostics = await open(text);
      const warning = diagnostics.find((d) => d.code === 'kr-unit-missing' && d.range.start.line === 6);
      assert.ok(warning, JSON.stringify(diagnostics));
      assert.deepEqual(warning.range, rangeOf(text, '[target:: 0.4]'));
      assert.equal(warning.severity, 2); // Warning
      assert.equal(warning.message, '`[target:: 0.4]` has no unit while start and current are in %: did you mean 40%?');
      const [fix, ...more] = unitFixes(await client.codeActions(path, warning.range, [warning]));
      assert.ok(fix, 'a quick fix');
      assert.deepEqual(more, []);
      assert.equal(fix.title, 'Change 0.4 to 40%');
      assert.equal(fix.isPreferred, true);
      assert.deepEqual(fix.diagnostics, [warning]);
      const fixed = applyEdits(text, editsFor(fix.edit, uriOf(path)));
      assert.equal(fixed, text.replace('[target:: 0.4]', '[target:: 40%]'));
      // Once applied, the warning is gone from that key result.
      assert.deepEqual((await open(fixed)).filter((d) => d.range.start.line === 6), []);
    });
  }

  it('40 beside 30%: "Change 40 to 40%", offered with the cursor anywhere on the field', async () => {
    const path = join(dir, 't.md');
    await open(TEXT);
    const field = rangeOf(TEXT, '[target:: 40]');
    const cursor = { start: { line: field.start.line, character: field.start.character + 3 }, end: { line: field.start.line, character: field.start.character + 3 } };
    const [fix] = unitFixes(await client.codeActions(path, cursor));
    assert.ok(fix);
    assert.equal(fix.title, 'Change 40 to 40%');
    assert.equal(applyEdits(TEXT, editsFor(fix.edit, uriOf(path))), TEXT.replace('[target:: 40]', '[target:: 40%]'));
  });

  it('no such fix on a clean key result, nor outside the field', async () => {
    const path = join(dir, 't.md');
    await open(TEXT);
    assert.deepEqual(unitFixes(await client.codeActions(path, rangeOf(TEXT, '[target:: 40%]'))), []);
    assert.deepEqual(unitFixes(await client.codeActions(path, rangeOf(TEXT, 'Conversion'))), []);
  });
});
