// Checks the packaged extension: the files it needs are in, node_modules and sources are not.
import { execFileSync } from 'node:child_process';

const vsix = process.argv[2] ?? 'okr-markdown.vsix';
const listing = execFileSync('python3', ['-m', 'zipfile', '-l', vsix], { encoding: 'utf8' });
const files = listing
  .split('\n')
  .slice(1)
  .map((line) => line.replace(/\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d+\s*$/, '').trim())
  .filter(Boolean);
const required = [
  'extension/package.json',
  'extension/readme.md',
  'extension/language-configuration.json',
  'extension/dist/extension.cjs',
  'extension/dist/server.cjs',
  'extension/dist/server-main.cjs',
  'extension/dist/parseWorker.cjs',
  'extension/dist/okr.config.schema.json',
  'extension/syntaxes/okr-markdown.injection.tmLanguage.json',
  'extension/syntaxes/okr-markdown.tmLanguage.json',
  'extension/media/okr.svg',
];
const missing = required.filter((file) => !files.includes(file));
const unwanted = files.filter((file) => /node_modules|\/src\/|\.map$|\.ts$/.test(file));
if (missing.length > 0 || unwanted.length > 0) {
  console.error(`${vsix}: missing ${missing.join(', ') || 'nothing'}; should not contain ${unwanted.join(', ') || 'anything else'}`);
  process.exit(1);
}
console.log(`${vsix}: ${files.length} files, all required ones present, no node_modules or sources`);
