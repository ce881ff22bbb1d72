#!/usr/bin/env node
// The floors and the peers of the benchmark, one per process, over every .md file of a folder:
//
//   node bench/floors.mjs read|parse|markdownlint|vscode-md DIR
//
// read:         read every file (the I/O floor)
// parse:        unified + remark-parse + remark-frontmatter + yaml on every file, nothing else
// markdownlint: markdownlint with its default rules
// vscode-md:    vscode-markdown-languageservice link diagnostics, as VS Code's markdown
//               validation runs them (markdown-it, front matter set aside, default settings)
//
// Prints one JSON line: { files, bytes, findings }.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [mode, dirArg] = process.argv.slice(2);
if (!mode || !dirArg) {
  console.error('usage: node bench/floors.mjs read|parse|markdownlint|vscode-md DIR');
  process.exit(2);
}
const dir = resolve(dirArg);

function markdownFiles(d) {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'node_modules' || e.name.startsWith('.') ? [] : markdownFiles(join(d, e.name))) : e.name.endsWith('.md') ? [join(d, e.name)] : [],
  );
}

const files = markdownFiles(dir).sort();
let bytes = 0;
let findings = 0;

if (mode === 'read') {
  for (const f of files) bytes += readFileSync(f, 'utf8').length;
} else if (mode === 'parse') {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkFrontmatter } = await import('remark-frontmatter');
  const { parseDocument } = await import('yaml');
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    bytes += text.length;
    const tree = processor.parse(text);
    const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
    if (yaml) parseDocument(yaml.value);
    findings += tree.children.length;
  }
} else if (mode === 'markdownlint') {
  const { lint } = await import('markdownlint/sync');
  const strings = {};
  for (const f of files) {
    strings[f] = readFileSync(f, 'utf8');
    bytes += strings[f].length;
  }
  const results = lint({ strings });
  for (const f of files) findings += results[f]?.length ?? 0;
} else if (mode === 'vscode-md') {
  const md = await import('vscode-markdown-languageservice');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const { CancellationToken, Emitter } = await import('vscode-languageserver-protocol');
  const { URI } = await import('vscode-uri');
  const MarkdownIt = createRequire(import.meta.url)('markdown-it');
  const markdownIt = new MarkdownIt({ html: true });
  const parser = {
    slugifier: md.githubSlugifier,
    async tokenize(document) {
      const text = document.getText().replace(/^---\r?\n[\s\S]*?\r?\n---(?=\r?\n)/, (m) => m.replace(/[^\r\n]/g, ''));
      return markdownIt.parse(text, {});
    },
  };
  const docs = new Map();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    bytes += text.length;
    const uri = URI.file(f).toString();
    docs.set(uri, TextDocument.create(uri, 'markdown', 1, text));
  }
  const never = new Emitter().event;
  const workspace = {
    workspaceFolders: [URI.file(dir)],
    onDidChangeMarkdownDocument: never,
    onDidCreateMarkdownDocument: never,
    onDidDeleteMarkdownDocument: never,
    async getAllMarkdownDocuments() {
      return docs.values();
    },
    hasMarkdownDocument: (resource) => docs.has(resource.toString()),
    async openMarkdownDocument(resource) {
      return docs.get(resource.toString());
    },
    async stat(resource) {
      if (docs.has(resource.toString())) return { isDirectory: false };
      if (resource.scheme === 'file' && existsSync(resource.fsPath)) return { isDirectory: statSync(resource.fsPath).isDirectory() };
      return undefined;
    },
    async readDirectory(resource) {
      return readdirSync(resource.fsPath, { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]);
    },
    watchFile: () => ({ onDidCreate: never, onDidChange: never, onDidDelete: never, dispose() {} }),
  };
  const logger = { level: md.LogLevel.Off, log() {} };
  const ls = md.createLanguageService({ workspace, parser, logger, markdownFileExtensions: ['md'] });
  // VS Code's defaults for markdown.validate.* (with markdown.validate.enabled: true).
  const options = {
    validateFileLinks: md.DiagnosticLevel.warning,
    validateReferences: md.DiagnosticLevel.warning,
    validateFragmentLinks: md.DiagnosticLevel.warning,
    validateMarkdownFileLinkFragments: md.DiagnosticLevel.warning,
    validateUnusedLinkDefinitions: md.DiagnosticLevel.hint,
    validateDuplicateLinkDefinitions: md.DiagnosticLevel.warning,
    ignoreLinks: [],
  };
  for (const doc of docs.values()) findings += (await ls.computeDiagnostics(doc, options, CancellationToken.None)).length;
  ls.dispose();
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
console.log(JSON.stringify({ files: files.length, bytes, findings }));
