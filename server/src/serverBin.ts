// The `okr-language-server` executable: `--stdio` (the default) or `--node-ipc`.
import { setFlagsFromString } from 'node:v8';
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
// A larger young generation: indexing makes many short-lived objects, and with the default
// the collector's pauses show up as startup time and as slow keystrokes (bench/RESULTS.md).
setFlagsFromString('--max-semi-space-size=32');
startServer(createConnection(ProposedFeatures.all));
