// `npm start`: packages the extension, installs it into the project's code-server (a real
// VS Code in the browser), and serves a copy of examples/ at http://127.0.0.1:PORT.
// Ctrl+C stops it. PORT defaults to 8080 (the next free one if taken).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.vscode-test');
const codeServer = join(cache, 'code-server/node_modules/.bin/code-server');
const run = (command, args, options = {}) => execFileSync(command, args, { cwd: root, stdio: 'inherit', ...options });

function freePort(start) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(freePort(start + 1)));
    server.listen(start, '127.0.0.1', () => server.close(() => resolvePort(start)));
  });
}

console.log('Packaging the extension…');
run('npm', ['run', 'package', '--silent']);
if (!existsSync(codeServer)) console.log('Installing code-server (VS Code in the browser) into .vscode-test/, once: 1–2 minutes…');
run('bash', [join(root, 'scripts/install-code-server.sh'), join(cache, 'code-server')]);

const userData = join(cache, 'demo/user-data');
const extensions = join(cache, 'demo/extensions');
const workspace = join(cache, 'demo/workspace');
rmSync(join(cache, 'demo'), { recursive: true, force: true });
mkdirSync(join(userData, 'User'), { recursive: true });
// scripts/demo-settings.json: the demo workspace sits inside this clone, so without
// git.openRepositoryInParentFolders VS Code's first words would be "a git repository was
// found in the parent folders". The end-to-end tests use the same settings.
const demoSettings = JSON.parse(readFileSync(join(root, 'scripts/demo-settings.json'), 'utf8'));
writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(demoSettings, null, 2));
cpSync(join(root, 'examples'), workspace, { recursive: true });
run(codeServer, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', join(root, 'okr-markdown.vsix')], { stdio: 'ignore' });

const port = await freePort(Number(process.env.PORT ?? 8080));
const server = spawn(
  codeServer,
  ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensions, workspace],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env } },
);
console.log(`\nOKR Markdown in VS Code: http://127.0.0.1:${port}/?folder=${encodeURI(workspace)}`);
console.log('(a copy of examples/; open the OKRs view in the activity bar. Ctrl+C stops the server.)');
const stop = () => server.kill();
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
