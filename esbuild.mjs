// Bundles the command line, the language server and the VS Code client
// into self-contained CommonJS files in dist/, so nothing needs node_modules at run time.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// Cached models and answers (okr --cache, the server's model cache) are trusted only by the
// build that wrote them: a hash of every source the bundles are made of and of the locked
// dependencies (a new remark may parse differently).
const engineHash = createHash('sha1');
for (const file of readdirSync('server/src', { recursive: true }).map(String).sort()) {
  if (file.endsWith('.ts')) engineHash.update(file).update(readFileSync(`server/src/${file}`));
}
engineHash.update(readFileSync('package-lock.json'));

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
  sourcemap: true,
  logLevel: 'warning',
  define: { OKR_VERSION: JSON.stringify(version), OKR_ENGINE_HASH: JSON.stringify(`${version}-${engineHash.digest('hex').slice(0, 16)}`) },
  // parsePool finds its worker through __dirname when bundled, import.meta.url when not.
  logOverride: { 'empty-import-meta': 'silent' },
};

const entries = [
  // The executables are small launchers that run the programs' bundles with V8's code cache.
  { entryPoints: ['server/src/launch/cliLauncher.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli-main.cjs' },
  { entryPoints: ['server/src/launch/serverLauncher.ts'], outfile: 'dist/server.cjs', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/serverBin.ts'], outfile: 'dist/server-main.cjs' },
  { entryPoints: ['server/src/parallel/parseWorker.ts'], outfile: 'dist/parseWorker.cjs' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.cjs', external: ['vscode'] },
];

for (const entry of entries) {
  if (watch) {
    const { context } = await import('esbuild');
    const ctx = await context({ ...common, ...entry });
    await ctx.watch();
  } else {
    await build({ ...common, ...entry });
  }
}
