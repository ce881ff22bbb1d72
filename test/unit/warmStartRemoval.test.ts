// A warm start publishes the model cache's stored diagnostics before reading any model
// (issue 16). A workspace folder removed while its files are being read must not get them:
// found by review, where the removal landed on the reading loop's last pause (a folder of
// exactly 500 files) and the stored answer was published after it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { noClientSupport } from '../../server/src/lsp/capabilities.ts';
import { OpenDocuments } from '../../server/src/lsp/openDocuments.ts';
import { DiagnosticsPublisher } from '../../server/src/lsp/publisher.ts';
import { WorkspaceFolders } from '../../server/src/lsp/workspaceFolders.ts';
import { OkrSession } from '../../server/src/session/session.ts';

/** The server's folder handling in process, over a connection that records what each URI shows. */
function server(cacheFile: string, workDoneProgress = false) {
  const shown = new Map<string, number>();
  const connection = {
    sendDiagnostics: async (params: { uri: string; diagnostics: unknown[] }) => void shown.set(params.uri, params.diagnostics.length),
    sendNotification: async () => {},
    // window/workDoneProgress/create: answered by the client a moment later.
    sendRequest: () => new Promise((answered) => setTimeout(answered, 5)),
    sendProgress: async () => {},
    console: { error() {}, log() {} },
  } as unknown as Connection;
  const open = new OpenDocuments();
  const session = new OkrSession({ openDocument: (path) => open.openDocument(path), today: () => parseIsoDay('2026-11-25')!, log() {}, modelCacheFile: () => cacheFile });
  const folders = new WorkspaceFolders({ connection, client: { ...noClientSupport(), workDoneProgress }, session, publisher: new DiagnosticsPublisher(connection, session, open) });
  return { shown, folders };
}

/** Until the model cache is written (after the publications) and queued writes are done. */
const settle = () => new Promise((done) => setTimeout(done, 500));

describe('warm start: a workspace folder removed while it is indexed', function () {
  // The hook runs a process (bench/generate.mjs): a generous timeout, a guard against a hang.
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'okr-warm-removal-'));
    // 500 files: the reading loop pauses after its 500th file, the moment before the stored answer is taken.
    execFileSync(process.execPath, [resolve(import.meta.dirname, '../../bench/generate.mjs'), join(dir, 'ws'), '500'], { stdio: 'ignore' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves no diagnostics of the removed folder on the client', async () => {
    const folder = { uri: pathToFileURL(join(dir, 'ws')).href, name: 'ws' };
    const cacheFile = join(dir, 'cache', 'models.json');
    const cold = server(cacheFile);
    await cold.folders.onDidChange({ added: [folder], removed: [] });
    await settle();
    assert.ok([...cold.shown.values()].some((count) => count > 0), 'the workspace has diagnostics to show');

    const warm = server(cacheFile);
    const adding = warm.folders.onDidChange({ added: [folder], removed: [] });
    await warm.folders.onDidChange({ added: [], removed: [folder] });
    await adding;
    await settle();
    const showing = [...warm.shown].filter(([, count]) => count > 0).map(([uri]) => uri);
    assert.deepEqual(showing, []);
  });

  it('with a client that shows progress: a folder removed while the progress is created is not indexed', async () => {
    const folder = { uri: pathToFileURL(join(dir, 'ws')).href, name: 'ws' };
    for (const cacheFile of [join(dir, 'none', 'models.json'), join(dir, 'cache', 'models.json')]) {
      const client = server(cacheFile, true);
      const adding = client.folders.onDidChange({ added: [folder], removed: [] });
      await client.folders.onDidChange({ added: [], removed: [folder] });
      await adding;
      await settle();
      assert.deepEqual([...client.shown].filter(([, count]) => count > 0), [], cacheFile);
    }
  });
});
