// Runs the extension-host suite in a desktop VS Code downloaded by @vscode/test-electron
// (needs access to update.code.visualstudio.com; it cannot run on machines without it).
//
//   npm run build && npx tsx test/vscode/runTest.ts
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite, ROOT } from './buildSuite.ts';

async function main(): Promise<void> {
  const extensionTestsPath = await buildSuite();
  const scratch = mkdtempSync(path.join(tmpdir(), 'okr-vscode-test-'));
  const workspace = path.join(scratch, 'workspace');
  cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      extensionTestsEnv: { OKR_TODAY: '2026-11-25' },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(scratch, 'user-data')],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
