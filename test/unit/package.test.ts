// The npm package (issue 15): `npm pack` holds what a user needs and nothing else, and the
// tarball installs with no network (the bundles are self-contained: no dependencies) and
// runs: `okr --version`, `okr check`, and an LSP initialize against `okr-language-server`.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const ROOT = resolve(import.meta.dirname, '../..');
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const BUILT = ['dist/cli.cjs', 'dist/server.cjs', 'dist/parseWorker.cjs', 'dist/extension.cjs', 'dist/okr.config.schema.json'];
/** The bundles alone are about 1.1 MB packed; source maps or stray files would at least double it. */
const MAX_PACKED_BYTES = 2_000_000;

interface Packed {
  filename: string;
  size: number;
  files: { path: string }[];
}

/** Every file package.json points at: the bins, main, grammars, language configuration, schema, icons. */
function manifestPaths(): string[] {
  const contributes = MANIFEST.contributes;
  const paths: string[] = [
    MANIFEST.main,
    ...Object.values(MANIFEST.bin as Record<string, string>),
    ...contributes.grammars.map((g: { path: string }) => g.path),
    ...contributes.languages.map((l: { configuration: string }) => l.configuration),
    ...contributes.jsonValidation.map((j: { url: string }) => j.url),
    ...contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
    ...Object.values(contributes.views as Record<string, { icon?: string }[]>)
      .flat()
      .flatMap((v) => (v.icon ? [v.icon] : [])),
  ];
  return [...new Set(paths.map((path) => path.replace(/^\.\//, '')))].sort();
}

/** The environment of an outside user: no npm run variables, no NODE_PATH, this node first on PATH. */
function userEnv(bin: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|NODE_PATH$|NODE_OPTIONS$)/i.test(key)));
  return { ...env, PATH: [bin, dirname(process.execPath), process.env.PATH ?? ''].join(delimiter), OKR_TODAY: '2026-11-25' };
}

async function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stderr?: string; message: string }) => {
    throw new Error(`npm ${args.join(' ')} failed: ${error.stderr || error.message}`);
  });
  return stdout;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolveRun({ status, stdout, stderr }));
  });
}

describe('the npm package (npm pack, then npm install -g of the tarball)', function () {
  // One pack and one install for every test: a generous guard against a hang, not a timing.
  this.timeout(120_000);
  let temp = '';
  let packed: Packed;
  let installed = '';
  let bin = '';
  let env: NodeJS.ProcessEnv = {};

  before(async function () {
    const missing = BUILT.filter((file) => !existsSync(join(ROOT, file)));
    if (missing.length > 0) assert.fail(`${missing.join(', ')} missing: run "npm run build" first (npm test builds before mocha)`);
    temp = mkdtempSync(join(tmpdir(), 'okr-package-'));
    const prefix = join(temp, 'prefix');
    bin = join(prefix, 'bin');
    // An empty cache and --offline: installing must fetch nothing at all.
    env = { ...userEnv(bin), npm_config_cache: join(temp, 'cache'), npm_config_update_notifier: 'false' };
    packed = (JSON.parse(await npm(['pack', '--json', '--pack-destination', temp], ROOT, env)) as Packed[])[0]!;
    await npm(['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(temp, packed.filename)], temp, env);
    installed = join(prefix, 'lib', 'node_modules', MANIFEST.name);
  });

  after(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('packs the bundles, the schema, the grammars, the icon and the docs: every file package.json points at', () => {
    const paths = packed.files.map((file) => file.path);
    for (const file of [...BUILT, ...manifestPaths(), 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
      assert.ok(paths.includes(file), `${file} is in the package`);
    }
  });

  it('packs nothing else: no sources, tests, fixtures, examples, images or source maps', () => {
    const expected = new Set([...BUILT, ...manifestPaths(), 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']);
    const extra = packed.files.map((file) => file.path).filter((path) => !expected.has(path) && !/^dist\/[\w.-]+\.(cjs|json)$/.test(path));
    assert.deepEqual(extra, []);
    const unwanted = packed.files.map((file) => file.path).filter((path) => /^(test|server|client|bench|docs|scripts|examples)\/|\.ts$|\.map$|node_modules/.test(path));
    assert.deepEqual(unwanted, []);
  });

  it(`stays small: under ${MAX_PACKED_BYTES / 1e6} MB packed`, () => {
    assert.ok(packed.size > 100_000, `the package has the bundles (${packed.size} bytes)`);
    assert.ok(packed.size < MAX_PACKED_BYTES, `${packed.filename} is ${packed.size} bytes`);
  });

  it('installs with no dependencies: nothing fetched, no node_modules in the installed package', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), [], 'the bundles need no dependencies at run time');
    assert.ok(existsSync(join(installed, 'dist', 'cli.cjs')), 'dist/cli.cjs is installed');
    assert.equal(existsSync(join(installed, 'node_modules')), false, 'no node_modules were installed');
  });

  it('okr --version prints the package version', async () => {
    const result = await run(join(bin, 'okr'), ['--version'], temp, env);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), MANIFEST.version);
  });

  it('okr check examples: the deliberate align-unresolved error, exit 1, and a summary of the documents checked', async () => {
    const result = await run(join(bin, 'okr'), ['check', join(ROOT, 'examples'), '--today', '2026-11-25'], temp, env);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /engineering\.md:26:10: error align-unresolved No objective or document "platfrom"/);
    assert.match(result.stderr, /\b\d+ documents\b/);
    assert.doesNotMatch(result.stderr, /Cannot find module|Error: /);
  });

  it('the parse worker bundle runs on its own (okr uses it for large workspaces)', async () => {
    const worker = new Worker(join(installed, 'dist', 'parseWorker.cjs'));
    try {
      // The models come back as JSON text (parsed once by the caller).
      const reply = await new Promise<{ documents: string }>((resolveReply, reject) => {
        worker.once('message', resolveReply);
        worker.once('error', reject);
        worker.postMessage({ id: 0, inputs: [{ path: 'a.md', text: '---\nokr: strategic\ncycle: 2026-Q4\n---\n\n# Objective: Grow\n' }] });
      });
      const documents = JSON.parse(reply.documents) as { path: string; objectives: { title: string }[] }[];
      assert.equal(documents.length, 1);
      assert.deepEqual([documents[0]!.path, documents[0]!.objectives[0]!.title], ['a.md', 'Grow']);
    } finally {
      await worker.terminate();
    }
  });

  it('okr-language-server --stdio answers initialize with its capabilities, then shuts down and exits', async () => {
    const child = spawn(join(bin, 'okr-language-server'), ['--stdio'], { cwd: temp, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest(() => null);
    connection.listen();
    try {
      const examples = pathToFileURL(join(ROOT, 'examples')).href;
      const result = await connection.sendRequest<{ capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } }>('initialize', {
        processId: process.pid,
        rootUri: examples,
        workspaceFolders: [{ uri: examples, name: 'examples' }],
        capabilities: {},
      });
      assert.deepEqual(result.serverInfo, { name: 'okr-language-server', version: MANIFEST.version });
      assert.ok(result.capabilities.textDocumentSync, `textDocumentSync in ${JSON.stringify(result.capabilities)}`);
      for (const provider of ['hoverProvider', 'definitionProvider', 'completionProvider', 'codeActionProvider']) {
        assert.ok(result.capabilities[provider], `${provider} in ${JSON.stringify(result.capabilities)}`);
      }
      await connection.sendNotification('initialized', {});
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await exited, 0, `the server exits 0 after shutdown and exit. Stderr: ${stderr}`);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
