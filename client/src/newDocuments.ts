// The "New Strategic/Operational OKR Document" commands: a few numbered steps (cycle,
// objective, owner, file; an operational document first picks what it aligns to), each
// prefilled from what the workspace already holds, then the document written and opened.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseCycle, PROGRESS_TREE_REQUEST, type ProgressTreeResult, type TreeObjective } from '../../server/src/protocol.ts';
import { cycleChoices, type DocumentLevel } from './cycleChoices.ts';
import { proposeDocumentPath } from './documentPlacement.ts';
import { operationalDocument, strategicDocument } from './templates.ts';
import { documentsFromTree, flattenTree, operationalOwner, strategicOwner, type ExistingDocument } from './workspaceDocuments.ts';

/** Every objective of the workspace, all cycles and levels (without the attention list, unused here). */
export async function fetchAll(client: LanguageClient): Promise<ProgressTreeResult> {
  return client.sendRequest<ProgressTreeResult>(PROGRESS_TREE_REQUEST, { all: true, attention: false });
}

/** `uri`'s path inside `folder`, `/`-separated, or undefined when it lies elsewhere. */
function pathInFolder(folder: vscode.Uri, uri: string): string | undefined {
  const target = vscode.Uri.parse(uri);
  if (target.scheme !== folder.scheme || target.authority !== folder.authority) return undefined;
  const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  // Drive letters come in either case (`/c:/` and `/C:/`).
  const same = (a: string, b: string) => a === b || (/^\/[a-z]:\//i.test(a) && a.toLowerCase() === b.toLowerCase());
  return same(target.path.slice(0, base.length), base) ? target.path.slice(base.length) : undefined;
}

const OTHER_CYCLE = 'Other cycle…';

async function pickCycle(title: string, choices: string[], placeHolder: string): Promise<string | undefined> {
  const items = [...choices.map((label) => ({ label })), { label: OTHER_CYCLE, description: 'type a cycle', alwaysShow: true }];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  if (picked?.label !== OTHER_CYCLE) return picked?.label;
  const typed = await vscode.window.showInputBox({
    title,
    prompt: '2026-Q4, 2026-11, 2026-W47..2026-W48, FY2027…',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseCycle(value);
      return parsed.ok ? undefined : `Not a cycle: ${parsed.message}`;
    },
  });
  return typed?.trim() || undefined;
}

async function askTitle(title: string, prompt: string): Promise<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Give the objective a title') });
}

async function askOwner(title: string, proposed: string | undefined): Promise<string | undefined> {
  const owner = await vscode.window.showInputBox({ title, prompt: 'Who owns it? (a person or a team; leave empty for none)', value: proposed ?? '', ignoreFocusOut: true });
  return owner?.trim();
}

/** The workspace folder to write in: the only one, or the user's pick (the one holding most documents of the level first). */
async function pickFolder(objectives: readonly TreeObjective[], level: DocumentLevel): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  const count = (folder: vscode.WorkspaceFolder) => documentsFromTree(objectives, (uri) => pathInFolder(folder.uri, uri)).filter((d) => d.level === level).length;
  const counted = folders.map((folder) => ({ folder, count: count(folder) })).sort((a, b) => b.count - a.count);
  const picked = await vscode.window.showQuickPick(
    counted.map(({ folder, count: n }) => ({ label: folder.name, description: `${n} ${level} document${n === 1 ? '' : 's'}`, folder })),
    { title: 'Workspace folder for the new document', ignoreFocusOut: true },
  );
  return picked?.folder;
}

interface NewDocument {
  level: DocumentLevel;
  cycle: string;
  title: string;
  owner: string | undefined;
  text: string;
}

/** Proposes where the document goes (where the workspace keeps that level), writes it (never over a file) and opens it. */
async function writeDocument(step: string, objectives: readonly TreeObjective[], document: NewDocument): Promise<void> {
  const folder = await pickFolder(objectives, document.level);
  if (!folder) {
    if (!vscode.workspace.workspaceFolders?.length) void vscode.window.showErrorMessage('Open a folder first: OKR documents live in a workspace folder.');
    return;
  }
  const documents: ExistingDocument[] = documentsFromTree(objectives, (uri) => pathInFolder(folder.uri, uri));
  const relative = await vscode.window.showInputBox({
    title: step,
    prompt: `Path of the new file in ${folder.name}: where the workspace keeps its ${document.level} documents`,
    value: proposeDocumentPath({ ...document, documents }),
    ignoreFocusOut: true,
    validateInput: (value) => (/\.mdx?$/i.test(value.trim()) && !value.split(/[\\/]/).includes('..') ? undefined : 'Give a .md path inside the workspace folder'),
  });
  if (!relative) return;
  const uri = vscode.Uri.joinPath(folder.uri, ...relative.trim().split(/[\\/]+/).filter(Boolean));
  try {
    await vscode.workspace.fs.stat(uri);
    void vscode.window.showErrorMessage(`${relative.trim()} already exists: choose another path.`);
    return;
  } catch {
    // does not exist: good
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(document.text));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

export async function newStrategicDocument(client: LanguageClient): Promise<void> {
  const result = await fetchAll(client);
  const all = documentsFromTree(result.objectives, (uri) => uri);
  const choices = cycleChoices({ level: 'strategic', inUse: all.filter((d) => d.level === 'strategic').flatMap((d) => d.cycles), today: result.today });
  const cycle = await pickCycle('New strategic OKR document (1/4): cycle', choices, 'A quarter, a half or a year');
  if (!cycle) return;
  const title = await askTitle('New strategic OKR document (2/4): objective', 'What do you want to achieve?');
  if (!title) return;
  const owner = await askOwner('New strategic OKR document (3/4): owner', strategicOwner(all));
  if (owner === undefined) return;
  const text = strategicDocument({ title, cycle, ...(owner ? { owner } : {}) });
  await writeDocument('New strategic OKR document (4/4): file', result.objectives, { level: 'strategic', cycle, title, owner: owner || undefined, text });
}

type AlignItem = vscode.QuickPickItem & { alignsTo: string; objective: TreeObjective };

function alignItems(strategic: readonly TreeObjective[]): AlignItem[] {
  return strategic.flatMap((o) => [
    { label: `$(target) ${o.title}`, description: `[[${o.id}]] · ${o.cycle?.label ?? 'no cycle'}`, alignsTo: o.id!, objective: o },
    ...o.keyResults
      .filter((kr) => kr.id)
      .map((kr) => ({ label: `    $(symbol-field) ${kr.title}`, description: `[[${o.id}#${kr.id}]]`, alignsTo: `${o.id}#${kr.id}`, objective: o })),
  ]);
}

export async function newOperationalDocument(client: LanguageClient): Promise<void> {
  const result = await fetchAll(client);
  const strategic = flattenTree(result.objectives).filter((o) => o.level === 'strategic' && o.status === 'active' && o.id);
  if (strategic.length === 0) {
    void vscode.window.showErrorMessage('No strategic objective to align to yet: create a strategic OKR document first.');
    return;
  }
  const parent = await vscode.window.showQuickPick(alignItems(strategic), {
    title: 'New operational OKR document (1/5): align to',
    placeHolder: 'The strategic objective or key result it serves',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!parent) return;
  const all = documentsFromTree(result.objectives, (uri) => uri);
  // The cadence of the objectives already aligned here, else the workspace's.
  const siblings = parent.objective.children.filter((c) => c.level === 'operational').flatMap((c) => (c.cycle ? [c.cycle] : []));
  const inUse = siblings.length > 0 ? siblings : all.filter((d) => d.level === 'operational').flatMap((d) => d.cycles);
  const { cycle: parentCycle } = parent.objective;
  const choices = cycleChoices({ level: 'operational', inUse, today: result.today, parent: parentCycle ?? undefined });
  const cycle = await pickCycle('New operational OKR document (2/5): cycle', choices, parentCycle ? `Inside ${parentCycle.label}` : 'A month, two weeks or a week');
  if (!cycle) return;
  const title = await askTitle('New operational OKR document (3/5): objective', 'What will you do?');
  if (!title) return;
  const owner = await askOwner('New operational OKR document (4/5): owner', operationalOwner(parent.objective, all));
  if (owner === undefined) return;
  const text = operationalDocument({ title, cycle, alignsTo: parent.alignsTo, ...(owner ? { owner } : {}) });
  await writeDocument('New operational OKR document (5/5): file', result.objectives, { level: 'operational', cycle, title, owner: owner || undefined, text });
}
