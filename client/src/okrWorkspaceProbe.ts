// Whether this workspace holds OKR documents, answered cheaply at startup: the extension
// activates when VS Code has started (onStartupFinished), and starts the language server
// only where there is something to show, so that a workspace of plain `.md` OKR files shows its
// status bar and tree before any file is opened, and other markdown workspaces pay nothing.
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { hasOkrFrontMatter } from './okrFrontMatter.ts';

/** Files read by the probe: the first bytes of this many markdown files at most. */
const PROBE_FILES = 2000;
/** Front matter that says `okr:` sits in a document's first lines. */
const HEAD_BYTES = 2048;
const PARALLEL_READS = 32;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-test/**}';
const OKR_LANGUAGES = new Set(['markdown', 'okr-markdown', 'mdx']);

async function headOf(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}

async function someHeadIsOkr(uris: vscode.Uri[]): Promise<boolean> {
  for (let i = 0; i < uris.length; i += PARALLEL_READS) {
    const heads = await Promise.all(uris.slice(i, i + PARALLEL_READS).map((uri) => headOf(uri.fsPath).catch(() => '')));
    if (heads.some(hasOkrFrontMatter)) return true;
  }
  return false;
}

/** A markdown document is open, or the workspace has okr.config.json, `*.okr.md`, or markdown with `okr:` front matter. */
export async function workspaceHasOkrDocuments(): Promise<boolean> {
  if (vscode.workspace.textDocuments.some(isOkrCandidate)) return true;
  if ((await vscode.workspace.findFiles('{**/okr.config.json,**/*.okr.md}', EXCLUDE, 1)).length > 0) return true;
  const markdown = await vscode.workspace.findFiles('**/*.{md,mdx}', EXCLUDE, PROBE_FILES);
  return someHeadIsOkr(markdown.filter((uri) => uri.scheme === 'file'));
}

/** Documents the language server reads: markdown, OKR markdown and MDX files on disk. */
export function isOkrCandidate(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && (OKR_LANGUAGES.has(document.languageId) || document.uri.path.endsWith('.mdx'));
}

/**
 * Calls `start` once: now if the workspace holds OKR documents, else when a markdown file is
 * opened or an OKR file (front matter, `*.okr.md`, okr.config.json) is created or saved.
 */
export function startWhenNeeded(context: vscode.ExtensionContext, start: () => void): void {
  let started = false;
  const listeners: vscode.Disposable[] = [];
  const startOnce = () => {
    if (started) return;
    started = true;
    listeners.forEach((listener) => listener.dispose());
    start();
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{okr.config.json,*.okr.md}', false, true, true);
  listeners.push(
    vscode.workspace.onDidOpenTextDocument((document) => isOkrCandidate(document) && startOnce()),
    vscode.workspace.onDidSaveTextDocument((document) => hasOkrFrontMatter(document.getText()) && startOnce()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void workspaceHasOkrDocuments().then((yes) => yes && startOnce())),
    watcher,
    watcher.onDidCreate(startOnce),
  );
  context.subscriptions.push({ dispose: () => listeners.forEach((listener) => listener.dispose()) });
  void workspaceHasOkrDocuments().then(
    (yes) => yes && startOnce(),
    () => startOnce(), // the probe failed: better a server with nothing to do than a silent extension
  );
}
