// The extension's commands: refresh, dashboard, cycle filter, new documents, restart, open.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseCycle, parseIsoDay, PROGRESS_TREE_REQUEST, type ProgressTreeResult, suggestCycles, type TreeObjective } from '../../server/src/protocol.ts';
import { COMMANDS } from './commandIds.ts';
import type { CycleFilter, ProgressTreeProvider } from './progressTree.ts';
import { cyclesInside, defaultDocumentPath, operationalDocument, strategicDocument } from './templates.ts';


async function fetchAll(client: LanguageClient): Promise<ProgressTreeResult> {
  return client.sendRequest<ProgressTreeResult>(PROGRESS_TREE_REQUEST, { all: true });
}

function flatten(objectives: TreeObjective[]): TreeObjective[] {
  const seen = new Map<string, TreeObjective>();
  const visit = (o: TreeObjective) => {
    const key = `${o.uri}#${o.line}`;
    if (seen.has(key)) return;
    seen.set(key, o);
    o.children.forEach(visit);
  };
  objectives.forEach(visit);
  return [...seen.values()];
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new document' });
}

/** Writes a new document (never over an existing file) and opens it. */
async function writeDocument(defaultPath: string, text: string): Promise<void> {
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showErrorMessage('Open a folder first: OKR documents live in a workspace.');
    return;
  }
  const relative = await vscode.window.showInputBox({
    title: 'New OKR document',
    prompt: 'Path of the new file, relative to the workspace folder',
    value: defaultPath,
    validateInput: (value) => (/\.md$/i.test(value.trim()) && !value.split(/[\\/]/).includes('..') ? undefined : 'A .md path inside the folder'),
  });
  if (!relative) return;
  const uri = vscode.Uri.joinPath(folder.uri, ...relative.trim().split(/[\\/]+/).filter(Boolean));
  try {
    await vscode.workspace.fs.stat(uri);
    void vscode.window.showErrorMessage(`${relative} already exists; choose another path.`);
    return;
  } catch {
    // does not exist: good
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
}

async function newStrategic(client: LanguageClient): Promise<void> {
  const { today } = await fetchAll(client);
  const day = parseIsoDay(today)!;
  const year = today.slice(0, 4);
  const quarters = suggestCycles(day).filter((label) => /Q\d$/.test(label));
  const cycle = await vscode.window.showQuickPick([...quarters, `${year}-H${Number(today.slice(5, 7)) <= 6 ? 1 : 2}`, year, String(Number(year) + 1)], {
    title: 'New strategic OKR document (1/3): cycle',
    placeHolder: 'A quarter, a half or a year',
  });
  if (!cycle) return;
  const title = await vscode.window.showInputBox({ title: 'New strategic OKR document (2/3): objective', prompt: 'What do you want to achieve?', validateInput: (v) => (v.trim() ? undefined : 'Give the objective a title') });
  if (!title) return;
  const owner = await vscode.window.showInputBox({ title: 'New strategic OKR document (3/3): owner', prompt: 'Who owns it? (optional)' });
  if (owner === undefined) return;
  await writeDocument(defaultDocumentPath(cycle, title), strategicDocument({ title, cycle, ...(owner.trim() ? { owner: owner.trim() } : {}) }));
}

async function newOperational(client: LanguageClient): Promise<void> {
  const result = await fetchAll(client);
  const strategic = flatten(result.objectives).filter((o) => o.level === 'strategic' && o.status === 'active' && o.id);
  if (strategic.length === 0) {
    void vscode.window.showErrorMessage('No strategic objective to align to yet: create a strategic OKR document first.');
    return;
  }
  type Item = vscode.QuickPickItem & { alignsTo: string; cycle: TreeObjective['cycle'] };
  const items: Item[] = strategic.flatMap((o) => [
    { label: `$(target) ${o.title}`, description: `[[${o.id}]] · ${o.cycle?.label ?? 'no cycle'}`, alignsTo: o.id!, cycle: o.cycle },
    ...o.keyResults
      .filter((kr) => kr.id)
      .map((kr) => ({ label: `    $(symbol-field) ${kr.title}`, description: `[[${o.id}#${kr.id}]]`, alignsTo: `${o.id}#${kr.id}`, cycle: o.cycle })),
  ]);
  const parent = await vscode.window.showQuickPick(items, { title: 'New operational OKR document (1/3): align to', placeHolder: 'The strategic objective or key result it serves', matchOnDescription: true });
  if (!parent) return;
  const parentCycle = parent.cycle ? parseCycle(`${parent.cycle.start}..${parent.cycle.end}`) : undefined;
  const choices = cyclesInside(parentCycle?.ok ? parentCycle.cycle : undefined, result.today, 42);
  const cycle = await vscode.window.showQuickPick(choices.length > 0 ? choices : suggestCycles(parseIsoDay(result.today)!), {
    title: 'New operational OKR document (2/3): cycle',
    placeHolder: parent.cycle ? `Inside ${parent.cycle.label}` : 'A month or two weeks',
  });
  if (!cycle) return;
  const title = await vscode.window.showInputBox({ title: 'New operational OKR document (3/3): objective', prompt: 'What will you do?', validateInput: (v) => (v.trim() ? undefined : 'Give the objective a title') });
  if (!title) return;
  await writeDocument(defaultDocumentPath(cycle, title), operationalDocument({ title, cycle, alignsTo: parent.alignsTo }));
}

async function selectCycle(client: LanguageClient, tree: ProgressTreeProvider): Promise<CycleFilter | undefined> {
  const result = await fetchAll(client);
  const labels = [...new Set(flatten(result.objectives).flatMap((o) => (o.cycle ? [o.cycle.label] : [])))].sort();
  const items = [
    { label: 'Current cycles', description: 'cycles containing today', filter: 'current' },
    { label: 'All cycles', filter: 'all' },
    ...labels.map((label) => ({ label, filter: label })),
    { label: 'Other cycle…', description: 'type a cycle expression', filter: '' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Show the OKRs of', placeHolder: `Now: ${tree.filter}` });
  if (!picked) return undefined;
  if (picked.filter) return picked.filter;
  const typed = await vscode.window.showInputBox({
    title: 'Cycle',
    prompt: '2026-Q4, 2026-11, 2026-W47..2026-W48, FY2027…',
    validateInput: (value) => {
      const parsed = parseCycle(value);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  return typed?.trim() || undefined;
}

export function registerCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  tree: ProgressTreeProvider,
  onFilterChanged: (filter: CycleFilter) => void,
  openDashboard: () => void,
): void {
  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  register(COMMANDS.refresh, () => tree.refresh());
  register(COMMANDS.openDashboard, openDashboard);
  register(COMMANDS.showAllCycles, () => onFilterChanged('all'));
  register(COMMANDS.selectCycle, async () => {
    const filter = await selectCycle(client, tree);
    if (filter) onFilterChanged(filter);
  });
  register(COMMANDS.newStrategic, () => newStrategic(client));
  register(COMMANDS.newOperational, () => newOperational(client));
  register(COMMANDS.restartServer, async () => {
    await client.restart();
    tree.refresh();
  });
  register(COMMANDS.open, async (uri: string, line: number, character: number) => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const position = new vscode.Position(line, character);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
  });
}
