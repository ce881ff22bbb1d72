// The language server's model cache: with initializationOptions.modelCacheDir (or
// OKR_MODEL_CACHE_DIR) it keeps the parsed models of each workspace folder in that folder,
// and a second start takes them from there, publishing exactly the same diagnostics.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, SERVER, uriOf } from './lspClient.ts';

const COUNT = 250;
const COMPANY = 'company/company-okrs-2026.md';

function logMessages(client: LspClient): string[] {
  return client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
}

/** Starts a server on `folder` and waits for the end of its indexing (every diagnostic is out). */
async function startAndSettle(folder: string, uris: string[], options: Partial<Parameters<typeof LspClient.start>[0]> = {}) {
  const client = await LspClient.start({ folders: [folder], ...options });
  try {
    await client.waitForIndexed(1, 15_000);
    return client;
  } catch (error) {
    await client.stop();
    throw error;
  }
}

function snapshot(client: LspClient, uris: string[]): Map<string, Diagnostic[]> {
  // A clean document the server never published shows nothing.
  return new Map(uris.map((uri) => [uri, client.diagnostics.get(uri)?.diagnostics ?? []]));
}

describe('language server: model cache', function () {
  // The hook runs a process (bench/generate.mjs) and the tests start servers: a generous
  // timeout, a guard against a hang.
  this.timeout(300_000);
  let dir: string;
  let workspace: string;
  let cacheDir: string;
  let uris: string[];
  const clients: LspClient[] = [];

  before(() => {
    assert.ok(existsSync(SERVER), 'run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'okr-server-cache-'));
    workspace = join(dir, 'ws');
    cacheDir = join(dir, 'cache');
    execFileSync(process.execPath, [resolve(import.meta.dirname, '../../bench/generate.mjs'), workspace, String(COUNT)], { stdio: 'ignore' });
    uris = readdirSync(workspace, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.md'))
      .map((file) => uriOf(join(workspace, file)));
    assert.equal(uris.length, COUNT);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.stop();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes models-*.json after indexing; a second start reuses every model and publishes the same diagnostics', async () => {
    const first = await startAndSettle(workspace, uris, { initializationOptions: { modelCacheDir: cacheDir } });
    clients.push(first);
    const before = snapshot(first, uris);
    // Not all clean: the generated workspace has deliberate errors.
    assert.ok([...before.values()].some((d) => d.some((x) => x.severity === 1)), 'some errors published');
    await first.waitFor(() => logMessages(first).some((m) => /^Model cache: /.test(m)), 'the model cache log line');
    assert.ok(logMessages(first).includes(`Model cache: 0 unchanged, ${COUNT} parsed`), logMessages(first).join('\n'));
    // Written shortly after the initial indexing.
    const files = await first.waitFor(() => {
      const found = existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => /^models-[0-9a-z]+\.json$/.test(f)) : [];
      return found.length > 0 && found;
    }, 'a models-*.json in the cache folder');
    assert.equal(files.length, 1);
    await first.stop();
    clients.splice(0);
    assert.deepEqual(readdirSync(cacheDir), files, 'nothing else (no temporary file) in the cache folder');

    const second = await startAndSettle(workspace, uris, { initializationOptions: { modelCacheDir: cacheDir } });
    clients.push(second);
    await second.waitFor(() => logMessages(second).some((m) => /^Model cache: /.test(m)), 'the model cache log line');
    assert.ok(logMessages(second).includes(`Model cache: ${COUNT} unchanged, 0 parsed`), logMessages(second).join('\n'));
    const after = snapshot(second, uris);
    for (const uri of uris) assert.deepStrictEqual(after.get(uri), before.get(uri), uri);
    assert.equal(second.stderr, '');
  });

  it('OKR_MODEL_CACHE_DIR works too; an edited file is parsed again and its dependents see the edit', async () => {
    const envDir = join(dir, 'env-cache');
    const first = await startAndSettle(workspace, uris, { env: { OKR_MODEL_CACHE_DIR: envDir } });
    clients.push(first);
    await first.waitFor(() => existsSync(envDir) && readdirSync(envDir).some((f) => f.endsWith('.json')), 'a models-*.json in OKR_MODEL_CACHE_DIR');
    await first.stop();
    clients.splice(0);

    // Rename an objective id others align to: they must get align-unresolved, whatever the cache holds.
    const companyFile = join(workspace, COMPANY);
    const text = readFileSync(companyFile, 'utf8');
    const id = /\{#(co-[a-z-]+-1)\}/.exec(text)![1]!;
    writeFileSync(companyFile, text.replace(`{#${id}}`, '{#renamed-objective}'));
    try {
      // Uncached reference, and cached: the same diagnostics.
      const [fresh, cached] = await Promise.all([
        startAndSettle(workspace, uris),
        startAndSettle(workspace, uris, { env: { OKR_MODEL_CACHE_DIR: envDir } }),
      ]);
      clients.push(fresh, cached);
      await cached.waitFor(() => logMessages(cached).some((m) => /^Model cache: /.test(m)), 'the model cache log line');
      assert.ok(logMessages(cached).includes(`Model cache: ${COUNT - 1} unchanged, 1 parsed`), logMessages(cached).join('\n'));
      assert.equal(logMessages(fresh).filter((m) => /^Model cache: /.test(m)).length, 0, 'no cache without a cache folder');
      const expected = snapshot(fresh, uris);
      const actual = snapshot(cached, uris);
      assert.ok([...expected.values()].some((d) => d.some((x) => x.code === 'align-unresolved' && String(x.message).includes(id))));
      for (const uri of uris) assert.deepStrictEqual(actual.get(uri), expected.get(uri), uri);
    } finally {
      writeFileSync(companyFile, text);
    }
  });

  it('after a warm start, a change on disk republishes what a fresh server publishes', async () => {
    const warmDir = join(dir, 'warm-cache');
    const cold = await startAndSettle(workspace, uris, { initializationOptions: { modelCacheDir: warmDir } });
    clients.push(cold);
    await cold.waitFor(() => existsSync(warmDir) && readdirSync(warmDir).some((f) => f.endsWith('.json')), 'a models-*.json');
    await cold.stop();
    clients.splice(0);

    const warm = await startAndSettle(workspace, uris, { initializationOptions: { modelCacheDir: warmDir } });
    clients.push(warm);
    await warm.waitFor(() => logMessages(warm).some((m) => /^Model cache: /.test(m)), 'the model cache log line');
    assert.ok(logMessages(warm).includes(`Model cache: ${COUNT} unchanged, 0 parsed`), logMessages(warm).join('\n'));

    // The stored answer is published before the models are read (the log line comes after
    // reading them), and once: the indexing that follows does not publish it again.
    const order = warm.notifications.map((n) => (n.method === 'textDocument/publishDiagnostics' ? (n.params as { uri: string }).uri : n.method === 'window/logMessage' && /^Model cache: /.test((n.params as { message: string }).message) ? 'models read' : undefined));
    const modelsRead = order.indexOf('models read');
    const withProblems = uris.filter((uri) => (warm.diagnostics.get(uri)?.diagnostics.length ?? 0) > 0);
    assert.ok(withProblems.length > 0 && withProblems.length < uris.length, 'some documents with problems, some clean');
    for (const uri of uris) {
      const expected = withProblems.includes(uri) ? 1 : 0;
      assert.equal(order.filter((entry) => entry === uri).length, expected, `${uri} published ${expected === 1 ? 'once' : 'never (clean)'}`);
      if (expected === 1) assert.ok(order.indexOf(uri) < modelsRead, `${uri} published before the models were read`);
    }

    const companyFile = join(workspace, COMPANY);
    const text = readFileSync(companyFile, 'utf8');
    const id = /\{#(co-[a-z-]+-1)\}/.exec(text)![1]!;
    const referrers = uris.filter((uri) => {
      const file = new URL(uri).pathname;
      return file !== companyFile && readFileSync(file, 'utf8').includes(`[[${id}`);
    });
    assert.ok(referrers.length > 0, `some documents align to ${id}`);
    try {
      const current = /\[current:: ([^\]]+)\]/.exec(text)!;
      writeFileSync(companyFile, text.replace(current[0], '[current:: 1%]').replace(`{#${id}}`, '{#renamed-objective}'));
      warm.filesChanged([{ path: companyFile, type: 2 }]);
      await warm.waitFor(
        () => referrers.every((uri) => warm.diagnostics.get(uri)?.diagnostics.some((d) => d.code === 'align-unresolved' && String(d.message).includes(id))),
        'align-unresolved in every document that aligned to the renamed objective',
      );
      const fresh = await startAndSettle(workspace, uris);
      clients.push(fresh);
      const expected = snapshot(fresh, uris);
      const actual = snapshot(warm, uris);
      for (const uri of uris) assert.deepStrictEqual(actual.get(uri), expected.get(uri), uri);
    } finally {
      writeFileSync(companyFile, text);
    }
  });
});
