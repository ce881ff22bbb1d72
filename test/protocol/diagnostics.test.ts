import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, LspClient, removeFolder, SERVER, uriOf } from './lspClient.ts';

describe('language server: diagnostics', function () {
  // Every test starts a server (a process) in its hook: a generous timeout, a guard against a hang.
  this.timeout(300_000);
  let dir: string;
  let client: LspClient;

  before(() => assert.ok(existsSync(SERVER), 'run npm run build first'));
  beforeEach(async () => {
    dir = copyFixture('basic');
    client = await LspClient.start({ folders: [dir] });
  });
  afterEach(async () => {
    await client.stop();
    removeFolder(dir);
  });

  it('publishes the problems of every OKR document at startup, closed files included, then ends its progress; clean files get no message', async () => {
    await client.stop();
    const broken = join(dir, 'ops/broken.md');
    writeFileSync(broken, '---\nokr: operational\ncycle: 2026-11\n---\n## Objective: Broken {#broken}\n\naligns:: [[nowhere]]\n\n- KR: x [progress:: 10]\n');
    client = await LspClient.start({ folders: [dir] });
    await client.waitForIndexed();
    const problems = await client.diagnosticsOf(broken);
    assert.deepEqual(problems.map((d) => [d.code, d.range.start.line]), [['align-unresolved', 6]]);
    const at = (what: (n: { method: string; params: unknown }) => boolean) => client.notifications.findIndex(what);
    const diagnosticsAt = at((n) => n.method === 'textDocument/publishDiagnostics');
    const endAt = at((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end');
    assert.ok(diagnosticsAt >= 0 && diagnosticsAt < endAt, 'the diagnostics come before the end of indexing');
    for (const clean of ['company.md', 'ops/support.md', 'ops/platform.okr.md']) {
      assert.deepEqual(await client.shownDiagnostics(join(dir, clean)), []);
      assert.equal(client.diagnostics.has(uriOf(join(dir, clean))), false, `no message for the clean ${clean}`);
    }
    assert.equal(client.diagnostics.has(uriOf(join(dir, 'notes.md'))), false, 'a markdown file without okr: is ignored');
    assert.ok(client.registrations.length > 0, 'file watchers registered dynamically');
    // Open, a clean document gets its (empty) list, stamped with its version.
    client.open(join(dir, 'company.md'), readFileSync(join(dir, 'company.md'), 'utf8'));
    await client.waitFor(() => client.diagnostics.get(uriOf(join(dir, 'company.md')))?.version === 1, 'the open document published');
    assert.deepEqual(client.diagnostics.get(uriOf(join(dir, 'company.md')))!.diagnostics, []);
  });

  it('updates diagnostics on a live edit, and the dependent files of a strategic edit', async () => {
    const support = join(dir, 'ops/support.md');
    const company = join(dir, 'company.md');
    await client.waitForIndexed();
    const text = readFileSync(company, 'utf8');
    client.open(company, text);
    // Rename ^nps to ^promoters in the editor: support's [[csat#nps]] breaks.
    const line = text.split('\n').findIndex((l) => l.includes('^nps'));
    const character = text.split('\n')[line]!.indexOf('^nps') + 1;
    client.edit(company, { start: { line, character }, end: { line, character: character + 3 } }, 'promoters');
    const broken = await client.diagnosticsOf(support, (d) => d.length > 0);
    assert.deepEqual(broken.map((d) => [d.code, d.range.start.line, d.source]), [['align-unresolved', 9, 'okr']]);
    assert.match(String(broken[0]!.message), /\^promoters/);
    // Typing it back fixes it.
    client.edit(company, { start: { line, character }, end: { line, character: character + 9 } }, 'nps');
    await client.diagnosticsOf(support, (d) => d.length === 0);
  });

  it('publishes with the version of the open document it was computed from', async () => {
    const support = join(dir, 'ops/support.md');
    const text = readFileSync(support, 'utf8');
    client.open(support, text);
    for (let i = 0; i < 5; i++) client.edit(support, { start: { line: 9, character: 10 }, end: { line: 9, character: 10 } }, 'x');
    await client.waitFor(() => client.diagnostics.get(uriOf(support))?.version === 6, 'version 6');
    const published = client.diagnostics.get(uriOf(support))!;
    assert.equal(published.diagnostics[0]?.code, 'align-unresolved');
  });

  it('clears an unsaved buffer\'s problems when it is closed, though the client spells its URI differently', async () => {
    // Editors that do not use vscode-uri (Helix, Neovim on Windows, this test client) leave
    // `(` and `)` unencoded; the server's own URI encodes them. Both name the same file.
    const path = join(dir, 'ops', 'q(1).md');
    await client.stop();
    renameSync(join(dir, 'ops/support.md'), path);
    client = await LspClient.start({ folders: [dir] });
    await client.waitForIndexed();
    const text = readFileSync(path, 'utf8');
    client.open(path, text.replace('[[csat#nps]]', '[[nowhere]]'));
    await client.diagnosticsOf(path, (d) => d.length > 0);
    const before = client.notifications.length;
    client.close(path);
    const cleared = () =>
      client.notifications
        .slice(before)
        .some((n) => n.method === 'textDocument/publishDiagnostics' && /q%281%29\.md$|q\(1\)\.md$/.test((n.params as { uri: string }).uri) && (n.params as { diagnostics: unknown[] }).diagnostics.length === 0);
    await client.waitFor(cleared, 'an empty list for q(1).md after the close');
  });

  it('follows files created, changed and deleted on disk', async () => {
    const created = join(dir, 'ops/new.md');
    await client.waitForIndexed();
    writeFileSync(created, '---\nokr: operational\ncycle: 2026-11\n---\n## Objective: New {#new}\n\n- KR: x [progress:: 10]\n');
    client.filesChanged([{ path: created, type: 1 }]);
    const diagnostics = await client.diagnosticsOf(created);
    assert.deepEqual(diagnostics.map((d) => d.code), ['align-missing']);
    writeFileSync(created, '---\nokr: operational\ncycle: 2026-11\n---\n## Objective: New {#new}\n\naligns:: [[csat]]\n\n- KR: x [progress:: 10]\n');
    client.filesChanged([{ path: created, type: 2 }]);
    await client.diagnosticsOf(created, (d) => d.length === 0);
    unlinkSync(join(dir, 'company.md'));
    client.filesChanged([{ path: join(dir, 'company.md'), type: 3 }]);
    const orphan = await client.diagnosticsOf(created, (d) => d.length === 1);
    assert.equal(orphan[0]!.code, 'align-unresolved');
  });

  it('re-validates everything when okr.config.json changes, and reports its problems', async () => {
    const support = join(dir, 'ops/support.md');
    await client.waitForIndexed();
    writeFileSync(join(dir, 'okr.config.json'), '{ "operational": { "maxCycleDays": 20 }, "maxKeyResults": 0 }\n');
    client.filesChanged([{ path: join(dir, 'okr.config.json'), type: 2 }]);
    const config = await client.diagnosticsOf(join(dir, 'okr.config.json'), (d) => d.length > 0);
    assert.deepEqual(config.map((d) => [d.code, d.range.start.line]), [['config-invalid', 0]]);
    const diagnostics = await client.diagnosticsOf(support, (d) => d.some((x) => x.code === 'cycle-too-long'));
    assert.deepEqual(diagnostics.map((d) => d.code), ['cycle-too-long']);
  });

  it('clears what a removed workspace folder showed: its documents\' problems and its okr.config.json\'s', async () => {
    await client.stop();
    writeFileSync(join(dir, 'okr.config.json'), '{ "maxKeyResults": 0 }\n');
    writeFileSync(join(dir, 'ops/broken.md'), '---\nokr: operational\ncycle: 2026-11\n---\n## Objective: Broken {#broken}\n\naligns:: [[nowhere]]\n\n- KR: x [progress:: 10]\n');
    client = await LspClient.start({ folders: [dir] });
    await client.waitForIndexed();
    const shown = () => [...client.diagnostics].filter(([, params]) => params.diagnostics.length > 0).map(([uri]) => uri);
    assert.ok(shown().includes(uriOf(join(dir, 'okr.config.json'))) && shown().includes(uriOf(join(dir, 'ops/broken.md'))), shown().join(', '));
    void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(dir), name: 'basic' }] } });
    await client.waitFor(() => shown().length === 0, 'nothing shown for the removed folder');
  });

  it('watches the folders itself when the client cannot register file watchers', async () => {
    await client.stop();
    client = await LspClient.start({ folders: [dir], watcherRegistration: false });
    const created = join(dir, 'ops/watched.md');
    await client.waitForIndexed();
    assert.equal(client.registrations.length, 0);
    writeFileSync(created, '---\nokr: operational\ncycle: 2026-11\n---\n## Objective: Watched {#watched}\n\n- KR: x [progress:: 10]\n');
    const diagnostics = await client.diagnosticsOf(created);
    assert.deepEqual(diagnostics.map((d) => d.code), ['align-missing']);
  });
});
