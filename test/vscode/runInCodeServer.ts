// Runs the extension-host suite (test/vscode/suite) on this machine, where @vscode/test-electron
// cannot download VS Code: inside the VS Code server that code-server 4.100.3 bundles
// (VS Code 1.100.3), in its Node remote extension host.
//
// How: the VS Code server has no command-line way to start extension tests by itself: its
// --extensionTestsPath is parsed but never read by the server, and the server does not put it
// into the workbench's developmentOptions. Extension tests are started by the *client* (the
// workbench): its AbstractExtensionService reads extensionTestsLocationURI from its own
// environment, finds the extension host running the extension under development whose folder
// contains the tests file, and calls extensionTestsExecute() there. The web workbench takes both
// from the `payload` URL parameter, the same way VS Code for the Web opens an "Extension
// Development Host" window. So: start code-server, open
//   /?folder=WORKSPACE&payload=[["extensionDevelopmentPath","vscode-remote://HOST/ROOT"],
//                                ["extensionTestsPath","vscode-remote://HOST/ROOT/dist/test-vscode/suite/index.cjs"]]
// in headless Chromium, and wait for the workbench to call window.codeAutomationExit(code);
// the extension host's console reaches window.codeAutomationLog. The suite also writes its
// results to OKR_VSCODE_TEST_RESULTS (the server passes its environment to the extension host,
// and the extension host to the language server: OKR_TODAY fixes "today").
//
//   npm run test:vscode          (needs scripts/install-code-server.sh and /usr/bin/chromium)
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { buildSuite, ROOT } from './buildSuite.ts';

const CODE_SERVER = process.env.CODE_SERVER_BIN ?? path.join(ROOT, '.vscode-test/code-server/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.OKR_VSCODE_TEST_TIMEOUT_MS ?? 180_000);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, server: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer ${url} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      // code-server runs in its own process group (detached): its extension host and the
      // language server go with it.
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve();
    }
  });
}

async function main(): Promise<number> {
  if (!existsSync(CODE_SERVER)) throw new Error(`no code-server at ${CODE_SERVER}: run bash scripts/install-code-server.sh`);
  if (!existsSync(path.join(ROOT, 'dist/extension.cjs'))) throw new Error('dist/extension.cjs is missing: run npm run build');
  const testsFile = await buildSuite();

  const scratch = mkdtempSync(path.join(tmpdir(), 'okr-vscode-test-'));
  const workspace = path.join(scratch, 'workspace');
  const userData = path.join(scratch, 'user-data');
  const resultsFile = path.join(scratch, 'results.json');
  cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'extensions.autoUpdate': false }));

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const log: string[] = [];
  const server = spawn(
    CODE_SERVER,
    [
      '--auth', 'none',
      '--bind-addr', host,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userData,
      '--extensions-dir', path.join(scratch, 'extensions'),
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OKR_TODAY: '2026-11-25', OKR_VSCODE_TEST_RESULTS: resultsFile },
    },
  );
  server.stdout!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await waitForHttp(`http://${host}/healthz`, server, 30_000);
    const page = await browser.newPage();
    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The workbench's log, the extension host's console (mocha's spec reporter) included.
      const text = format(...(Array.isArray(args) ? args : [args]));
      (type === 'error' ? console.error : console.log)(text);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));

    const remote = (p: string) => `vscode-remote://${host}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(testsFile)],
    ]);
    const url = `http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    console.log(`code-server (VS Code server) at http://${host}, extension tests ${testsFile}`);
    await page.goto(url);

    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no test result within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref());
    const code = await Promise.race([exited, timeout]);
    if (existsSync(resultsFile)) {
      const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { passes: number; failures: number; vscode: string; host: string; results: { title: string; state: string; error?: string }[] };
      console.log(`\nVS Code ${results.vscode} (code-server), ${results.host}: ${results.passes} passing, ${results.failures} failing`);
      for (const r of results.results) console.log(`  ${r.state === 'passed' ? '✓' : '✗'} ${r.title}${r.error ? `\n${r.error}` : ''}`);
    } else {
      console.error('the suite wrote no results file');
    }
    console.log(`extension tests exit code: ${code}`);
    return code;
  } catch (error) {
    console.error(log.join(''));
    throw error;
  } finally {
    await browser.close();
    await stop(server);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
