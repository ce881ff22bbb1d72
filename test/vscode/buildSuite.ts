// Bundles the extension-host suite (test/vscode/suite) into CommonJS files under
// dist/test-vscode/suite/, which VS Code loads inside its extension host. The bundle lives
// inside the extension folder on purpose: VS Code runs the tests in the extension host of the
// extension under development whose folder contains the tests file.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUITE_DIR = path.join(ROOT, 'dist', 'test-vscode', 'suite');
export const SUITE_INDEX = path.join(SUITE_DIR, 'index.cjs');

export async function buildSuite(): Promise<string> {
  await build({
    entryPoints: {
      index: path.join(ROOT, 'test/vscode/suite/index.ts'),
      'extension.test': path.join(ROOT, 'test/vscode/suite/extension.test.ts'),
    },
    outdir: SUITE_DIR,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    // vscode comes from the extension host; mocha (an ES module) from node_modules.
    external: ['vscode', 'mocha'],
  });
  return SUITE_INDEX;
}
