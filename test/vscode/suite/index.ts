// Entry point of the extension-host tests: VS Code (desktop through @vscode/test-electron, or the
// code-server/VS Code server through runInCodeServer.ts) loads this module, bundled to
// dist/test-vscode/suite/index.cjs, inside its extension host and calls `run()`.
//
// mocha 12 is an ES module, so it is imported; the test file is a CommonJS bundle required after
// mocha's `pre-require` put `describe`/`it` on the global object, so that its `require('vscode')`
// goes through the extension host's module interceptor.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { env, version } from 'vscode';

interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

export async function run(): Promise<void> {
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const file = path.join(__dirname, 'extension.test.cjs');
  mocha.suite.emit('pre-require', globalThis, file, mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(file);

  const results: TestResult[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('fail', (test, error: Error) => results.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? String(error) }));
  });

  // Where the ext host's console does not reach the runner (the VS Code server), a file does.
  const out = process.env.OKR_VSCODE_TEST_RESULTS;
  if (out) {
    const passes = results.filter((r) => r.state === 'passed').length;
    writeFileSync(out, JSON.stringify({ passes, failures, results, vscode: version, host: `extension host pid ${process.pid}, Node ${process.versions.node}, remoteName ${env.remoteName ?? 'none'}, uiKind ${env.uiKind === 2 ? 'web' : 'desktop'}` }, null, 2));
  }
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
