// VS Code's own markdown link validation (`markdown.validate.enabled`, off by default) on
// OKR documents, run with the library VS Code's markdown language server is built on
// (vscode-markdown-languageservice) over examples/ read from disk, the way VS Code runs it:
// settings mapped to DiagnosticOptions as in extensions/markdown-language-features/server/
// src/languageFeatures/diagnostics.ts, markdown-it (VS Code's parser) with the front matter
// set aside, and only documents of language `markdown` validated — VS Code's markdown
// client selects `{ language: 'markdown' }` and its server skips any other document, so a
// `*.okr.md` file (language `okr-markdown`) is never validated, though links to it are.
//
// It shows which false reports `OKR_IGNORED_LINKS` (the `markdown.validate.ignoredLinks`
// default the extension contributes) removes, which ones no glob can remove, and that
// real broken links in ordinary markdown files are still reported.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationToken, Emitter, type Diagnostic } from 'vscode-languageserver-protocol';
import * as md from 'vscode-markdown-languageservice';
import { URI } from 'vscode-uri';
import { OKR_IGNORED_LINKS } from '../../client/src/markdownValidation.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLES = join(REPO, 'examples');

// markdown-it is what VS Code tokenizes markdown with. It ships no types and comes in through
// @vscode/vsce, so it is loaded untyped.
type MarkdownItParser = { parse(src: string, env: object): md.Token[] };
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (options: { html: boolean }) => MarkdownItParser;
const markdownIt = new MarkdownIt({ html: true });

/** VS Code's parser: markdown-it, with the YAML front matter (markdown-it-front-matter in VS Code) kept out. */
const parser: md.IMdParser = {
  slugifier: md.githubSlugifier,
  async tokenize(document) {
    const text = document.getText().replace(/^---\r?\n[\s\S]*?\r?\n---(?=\r?\n)/, (m) => m.replace(/[^\r\n]/g, ''));
    return markdownIt.parse(text, {});
  },
};

// ---- VS Code's settings → DiagnosticOptions --------------------------------------------

type Level = 'ignore' | 'hint' | 'warning' | 'error';
interface ValidateSettings {
  referenceLinks: Level;
  fragmentLinks: Level;
  fileLinks: Level;
  markdownFragmentLinks: Level | 'inherit';
  unusedLinkDefinitions: Level;
  duplicateLinkDefinitions: Level;
  ignoredLinks: string[];
}

/** The defaults of `markdown.validate.*` in VS Code's markdown-language-features package.json. */
const VSCODE_DEFAULTS: ValidateSettings = {
  referenceLinks: 'warning',
  fragmentLinks: 'warning',
  fileLinks: 'warning',
  markdownFragmentLinks: 'inherit',
  unusedLinkDefinitions: 'hint',
  duplicateLinkDefinitions: 'warning',
  ignoredLinks: [],
};

function level(value: Level): md.DiagnosticLevel {
  return md.DiagnosticLevel[value];
}

/** As `getDiagnosticsOptions` in VS Code's markdown server, for a user with `markdown.validate.enabled: true`. */
function diagnosticOptions(overrides: Partial<ValidateSettings> = {}): md.DiagnosticOptions {
  const s = { ...VSCODE_DEFAULTS, ...overrides };
  const validateFragmentLinks = level(s.fragmentLinks);
  return {
    validateFileLinks: level(s.fileLinks),
    validateReferences: level(s.referenceLinks),
    validateFragmentLinks,
    validateMarkdownFileLinkFragments: s.markdownFragmentLinks === 'inherit' ? validateFragmentLinks : level(s.markdownFragmentLinks),
    validateUnusedLinkDefinitions: level(s.unusedLinkDefinitions),
    validateDuplicateLinkDefinitions: level(s.duplicateLinkDefinitions),
    ignoreLinks: s.ignoredLinks,
  };
}

// ---- An in-memory workspace ----------------------------------------------------------

/** A workspace of markdown files held in memory; other paths are looked up on disk. */
class MemoryWorkspace implements md.IWorkspaceWithWatching {
  readonly #docs = new Map<string, TextDocument>();
  readonly workspaceFolders: readonly URI[];
  readonly onDidChangeMarkdownDocument = new Emitter<md.ITextDocument>().event;
  readonly onDidCreateMarkdownDocument = new Emitter<md.ITextDocument>().event;
  readonly onDidDeleteMarkdownDocument = new Emitter<URI>().event;

  constructor(root: string, files: Record<string, string>) {
    this.workspaceFolders = [URI.file(root)];
    for (const [path, text] of Object.entries(files)) {
      const uri = URI.file(join(root, path)).toString();
      this.#docs.set(uri, TextDocument.create(uri, 'markdown', 1, text));
    }
  }

  document(path: string): TextDocument {
    const doc = this.#docs.get(URI.file(join(this.workspaceFolders[0]!.fsPath, path)).toString());
    assert.ok(doc, `no document ${path}`);
    return doc;
  }

  async getAllMarkdownDocuments(): Promise<Iterable<md.ITextDocument>> {
    return this.#docs.values();
  }
  hasMarkdownDocument(resource: URI): boolean {
    return this.#docs.has(resource.toString());
  }
  async openMarkdownDocument(resource: URI): Promise<md.ITextDocument | undefined> {
    return this.#docs.get(resource.toString());
  }
  async stat(resource: URI): Promise<md.FileStat | undefined> {
    if (this.#docs.has(resource.toString())) return { isDirectory: false };
    if (resource.scheme === 'file' && existsSync(resource.fsPath)) return { isDirectory: statSync(resource.fsPath).isDirectory() };
    return undefined;
  }
  async readDirectory(resource: URI): Promise<Iterable<readonly [string, md.FileStat]>> {
    return readdirSync(resource.fsPath, { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }] as const);
  }
  watchFile(): md.IFileSystemWatcher {
    return {
      onDidCreate: new Emitter<URI>().event,
      onDidChange: new Emitter<URI>().event,
      onDidDelete: new Emitter<URI>().event,
      dispose() {},
    };
  }
}

const logger: md.ILogger = { level: md.LogLevel.Off, log() {} };

interface Report {
  path: string;
  line: number;
  code: string;
  /** The reported link text (the range of the diagnostic). */
  text: string;
  diagnostic: Diagnostic;
}

async function validate(ws: MemoryWorkspace, paths: string[], options: md.DiagnosticOptions): Promise<Report[]> {
  const ls = md.createLanguageService({ workspace: ws, parser, logger, markdownFileExtensions: ['md'] });
  try {
    const reports: Report[] = [];
    for (const path of paths) {
      const doc = ws.document(path);
      for (const diagnostic of await ls.computeDiagnostics(doc, options, CancellationToken.None)) {
        reports.push({ path, line: diagnostic.range.start.line + 1, code: String(diagnostic.code), text: doc.getText(diagnostic.range), diagnostic });
      }
    }
    return reports;
  } finally {
    ls.dispose();
  }
}

function countBy(reports: Report[], key: (r: Report) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of reports) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
  return counts;
}

/** What kind of OKR syntax a report is about, from the source around it. */
function kind(ws: MemoryWorkspace, r: Report): string {
  const doc = ws.document(r.path);
  const line = doc.getText({ start: { line: r.line - 1, character: 0 }, end: { line: r.line, character: 0 } });
  const { start, end } = r.diagnostic.range;
  const before = line.slice(0, start.character);
  const after = line.slice(end.character);
  if (r.code === md.DiagnosticCode.link_noSuchReferences) {
    if (/^[\w-]+::/.test(r.text) && before.endsWith('[') && after.startsWith(']')) return 'field [key:: value]';
    if (before.endsWith('[[') && after.startsWith(']]')) return 'wikilink [[…]]';
    return 'other reference';
  }
  if (r.code === md.DiagnosticCode.link_noSuchHeaderInFile) {
    return /\.okr\.md#/.test(r.diagnostic.data?.hrefText ?? '') ? 'link to x.okr.md#id' : 'link to x.md#id';
  }
  return r.code;
}

function summary(ws: MemoryWorkspace, reports: Report[]): string {
  return reports.map((r) => `  ${r.path}:${r.line}  ${r.code}  ${JSON.stringify(r.text)}  (${kind(ws, r)})`).join('\n');
}

// ---- examples/ ------------------------------------------------------------------------

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

const exampleFiles = Object.fromEntries(markdownFiles(EXAMPLES).map((f) => [relative(EXAMPLES, f), readFileSync(f, 'utf8')]));
const examples = new MemoryWorkspace(EXAMPLES, exampleFiles);
/** The example files VS Code validates: language `markdown`, so not `*.okr.md`. */
const markdownPaths = Object.keys(exampleFiles).filter((p) => !p.endsWith('.okr.md')).sort();
const okrMdPaths = Object.keys(exampleFiles).filter((p) => p.endsWith('.okr.md')).sort();

/** `[key:: value]` fields and `[[…]]` references outside code, counted in the source. */
function okrSyntaxCounts(paths: string[]): { fields: number; wikilinks: number } {
  let fields = 0;
  let wikilinks = 0;
  for (const path of paths) {
    const text = exampleFiles[path]!.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    fields += text.match(/(?<!\[)\[[\w-]+::[^\]\n]*\]/g)?.length ?? 0;
    wikilinks += text.match(/\[\[[^\]\n]+\]\]/g)?.length ?? 0;
  }
  return { fields, wikilinks };
}

const SHOW = process.env.SHOW_MD_DIAGNOSTICS === '1';

describe("VS Code's markdown link validation on OKR documents", () => {
  it('without an ignore list reports every field, wikilink and {#id} link in examples/ as a broken link', async () => {
    const reports = await validate(examples, markdownPaths, diagnosticOptions());
    if (SHOW) console.log(`${reports.length} reports:\n${summary(examples, reports)}`);
    const kinds = countBy(reports, (r) => kind(examples, r));
    const { fields, wikilinks } = okrSyntaxCounts(markdownPaths);
    assert.ok(fields > 0 && wikilinks > 0);
    assert.deepEqual(kinds, {
      'field [key:: value]': fields,
      'wikilink [[…]]': wikilinks,
      'link to x.md#id': 1, // operational/2026-10/support.md → ../../teams/support-2026-q4.md#first-response
      'link to x.okr.md#id': 1, // operational/2026-11/engineering.md → ../../teams/engineering-2026-q4.okr.md#eng-platform
    });
    // All of them are false: the OKR engine resolves every one (`okr check` reports only [[platfrom]]).
    assert.equal(reports.length, fields + wikilinks + 2);
    assert.deepEqual(countBy(reports, (r) => r.code), {
      [md.DiagnosticCode.link_noSuchReferences]: fields + wikilinks,
      [md.DiagnosticCode.link_noSuchHeaderInFile]: 2,
    });
    // The README is ordinary markdown and stays clean.
    assert.equal(reports.filter((r) => r.path === 'README.md').length, 0);
  });

  it('a *.okr.md file would get the same reports if VS Code validated it (it does not: its language is okr-markdown)', async () => {
    const reports = await validate(examples, okrMdPaths, diagnosticOptions());
    if (SHOW) console.log(`${reports.length} reports in *.okr.md files if they were markdown:\n${summary(examples, reports)}`);
    const { fields, wikilinks } = okrSyntaxCounts(okrMdPaths);
    assert.equal(reports.length, fields + wikilinks + 1); // + ../company/company-2026-q4.md#platform
  });

  it('OKR_IGNORED_LINKS removes the x.okr.md#id reports, and no ignore glob can remove reference reports', async () => {
    const before = await validate(examples, markdownPaths, diagnosticOptions());
    const after = await validate(examples, markdownPaths, diagnosticOptions({ ignoredLinks: OKR_IGNORED_LINKS }));
    if (SHOW) console.log(`${after.length} reports left with OKR_IGNORED_LINKS:\n${summary(examples, after)}`);
    const removed = before.filter((b) => !after.some((a) => a.path === b.path && a.line === b.line && a.text === b.text));
    assert.deepEqual(removed.map((r) => kind(examples, r)), ['link to x.okr.md#id']);
    // Reference links are not matched against ignoredLinks at all, not even by '**' or '*'.
    const everything = await validate(examples, markdownPaths, diagnosticOptions({ ignoredLinks: ['**', '*', '**/*', '*::*', '*#*'] }));
    const { fields, wikilinks } = okrSyntaxCounts(markdownPaths);
    assert.equal(everything.filter((r) => r.code === md.DiagnosticCode.link_noSuchReferences).length, fields + wikilinks);
  });

  it('examples/ are clean only with reference-link validation off and all cross-file fragments ignored', async () => {
    const reports = await validate(examples, markdownPaths, diagnosticOptions({
      referenceLinks: 'ignore',
      ignoredLinks: [...OKR_IGNORED_LINKS, ...BROAD_MD_FRAGMENT_GLOBS],
    }));
    assert.deepEqual(summary(examples, reports), '');
  });
});

/** Not proposed as a default: would also hide wrong `#heading` links between ordinary markdown files. */
const BROAD_MD_FRAGMENT_GLOBS = ['*(../)*.md#*', '*(../)**/*.md#*', '[.]/**/*.md#*'];

// ---- ordinary markdown keeps its checks ------------------------------------------------

const NOTES = '/virtual/notes';
const notes = new MemoryWorkspace(NOTES, {
  'guide.md': [
    '# Guide',
    '',
    'See [the missing page](missing.md) and [the other page](other.md).',
    'An undefined reference: [x][undefined-ref], and a defined one: [y][defined].',
    'A wrong heading here: [here](#no-such-heading), and in another file: [there](other.md#no-such-heading).',
    'A missing OKR document: [plan](okrs/missing.okr.md#csat); an existing one: [plan](okrs/plan.okr.md#csat).',
    'Through folders: [a](./okrs/plan.okr.md#csat), [b](../notes/okrs/plan.okr.md#csat), [c](/okrs/plan.okr.md#csat).',
    '',
    '[defined]: other.md',
    '',
  ].join('\n'),
  'other.md': '# Other\n\nBack to the [guide](guide.md#guide).\n',
  'okrs/plan.okr.md': '---\nokr: strategic\ncycle: 2026-Q4\n---\n# Plan\n\n## Objective: Enhance customer satisfaction {#csat}\n\n- KR: Raise NPS  [target:: 45]  [current:: 38] ^nps\n',
  'okrs/review.md': 'Up: [plan](../okrs/plan.okr.md#csat), [plan](plan.okr.md#csat), [plan](../../notes/okrs/plan.okr.md#csat).\n',
});

describe('ordinary markdown with OKR_IGNORED_LINKS', () => {
  const expected = [
    'guide.md:3 link.no-such-file "missing.md"',
    'guide.md:4 link.no-such-reference "undefined-ref"',
    'guide.md:5 link.no-such-header-in-file "#no-such-heading"',
    'guide.md:5 link.no-such-header-in-own-file "#no-such-heading"',
    'guide.md:6 link.no-such-file "okrs/missing.okr.md#csat"',
  ];
  const show = (reports: Report[]) => reports.map((r) => `${r.path}:${r.line} ${r.code} ${JSON.stringify(r.text)}`).sort();

  it('still reports missing files, undefined references, wrong headings and missing OKR documents', async () => {
    const reports = await validate(notes, ['guide.md', 'other.md', 'okrs/review.md'], diagnosticOptions({ ignoredLinks: OKR_IGNORED_LINKS }));
    assert.deepEqual(show(reports), expected);
  });

  it('without it, the links to {#id} in a *.okr.md file are reported too, and nothing else differs', async () => {
    const reports = await validate(notes, ['guide.md', 'other.md', 'okrs/review.md'], diagnosticOptions());
    const extra = show(reports).filter((r) => !expected.includes(r));
    assert.deepEqual(extra, [
      'guide.md:6 link.no-such-header-in-file "#csat"',
      'guide.md:7 link.no-such-header-in-file "#csat"',
      'guide.md:7 link.no-such-header-in-file "#csat"',
      'guide.md:7 link.no-such-header-in-file "#csat"',
      'okrs/review.md:1 link.no-such-header-in-file "#csat"',
      'okrs/review.md:1 link.no-such-header-in-file "#csat"',
      'okrs/review.md:1 link.no-such-header-in-file "#csat"',
    ]);
  });

  it('the broad *.md#* globs would hide a wrong heading link between ordinary files', async () => {
    const reports = await validate(notes, ['guide.md'], diagnosticOptions({ ignoredLinks: [...OKR_IGNORED_LINKS, ...BROAD_MD_FRAGMENT_GLOBS] }));
    assert.ok(!show(reports).includes('guide.md:5 link.no-such-header-in-file "#no-such-heading"'));
  });
});
