// Extension-host tests: run inside VS Code with the `vscode` API, on a copy of examples/
// opened as the workspace, "today" fixed by OKR_TODAY=2026-11-25 (see runTest.ts and
// runInCodeServer.ts). Tests wait for conditions (polling with a deadline), never fixed sleeps.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'okr-markdown.okr-markdown';

interface OkrExtensionApi {
  progressTree: vscode.TreeDataProvider<unknown>;
}

/** Polls `probe` until it returns something truthy, or fails with `what` after `ms`. */
async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n')
    .replace(/\\(.)/g, '$1');
}

describe('OKR Markdown in the extension host', function () {
  let api: OkrExtensionApi;

  before(async function () {
    const extension = vscode.extensions.getExtension<OkrExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
    api = await extension.activate();
  });

  it('activates and returns its API', function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(extension.isActive, true);
    assert.equal(typeof api.progressTree.getChildren, 'function');
  });

  it('registers every command declared in package.json', async function () {
    const manifest = JSON.parse(readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string }[] };
    };
    const declared = manifest.contributes.commands.map((c) => c.command);
    assert.ok(declared.length >= 7, `declared commands: ${declared.join(', ')}`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      declared.filter((id) => !registered.has(id)),
      [],
      'declared but not registered',
    );
  });

  it('publishes exactly one align-unresolved diagnostic, in operational/2026-11/engineering.md', async function () {
    const broken = workspaceFile('operational/2026-11/engineering.md');
    const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
    const unresolved = await waitFor('the align-unresolved diagnostic', () => {
      const all = vscode.languages.getDiagnostics().flatMap(([uri, ds]) => ds.filter((d) => d.source === 'okr' && codeOf(d) === 'align-unresolved').map((d) => ({ uri, d })));
      return all.length > 0 && all;
    });
    assert.equal(unresolved.length, 1, unresolved.map(({ uri, d }) => `${uri.toString()}: ${d.message}`).join('\n'));
    const [{ uri, d }] = unresolved as [(typeof unresolved)[number]];
    assert.equal(uri.toString(), broken.toString());
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 25);
    assert.match(d.message, /platfrom/);
    assert.match(d.message, /\[\[platform\]\]/);
  });

  it('fills the progress tree with the current cycles (today 2026-11-25)', async function () {
    type Node = { label: string; description: string; children: Node[] };
    const tree = api.progressTree as vscode.TreeDataProvider<Node>;
    const roots = await waitFor('progress tree roots', async () => {
      const nodes = ((await tree.getChildren()) ?? []) as Node[];
      return nodes.length > 0 && nodes;
    });
    const item = (await tree.getTreeItem(roots[0]!)) as vscode.TreeItem;
    assert.ok(item.label, 'a root has a label');
    const all = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...all(n.children)]);
    const everything = all(roots);
    assert.ok(
      everything.some((n) => /Cut customer-facing defects/.test(n.label)),
      `"Cut customer-facing defects" in the tree: ${everything.map((n) => n.label).join(' | ')}`,
    );
    assert.ok(
      everything.some((n) => /^\d+ % /.test(n.label)),
      "some node's label starts with a percentage",
    );
  });

  it('hovers a reference with its target title', async function () {
    const uri = workspaceFile('operational/2026-11/engineering.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const line = document.lineAt(18).text;
    const at = line.indexOf('eng-quality#bugs');
    assert.ok(at >= 0, `line 19 holds the reference: ${line}`);
    const position = new vscode.Position(18, at + 3);
    const text = await waitFor('a hover from the OKR server', async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
      const joined = hoverText(hovers);
      return /Open customer-reported bugs/.test(joined) && joined;
    });
    assert.match(text, /Open customer-reported bugs/);
  });
});
