// The language server's program (dist/server-main.cjs, started by dist/server.cjs): `--stdio`
// (the default) or `--node-ipc`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server.ts';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write('Usage: okr-language-server [--stdio | --node-ipc | --socket=PORT]\nThe OKR Markdown language server; an editor starts it and speaks LSP to it.\n');
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
startServer(createConnection(ProposedFeatures.all));
