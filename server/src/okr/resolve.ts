// Resolution of alignment references (SPEC §5) against the workspace index.
import { idKey } from './ids.ts';
import type { KeyResult, Objective, OkrDocument, Reference } from './model.ts';
import { resolveLinkPath, type ObjectiveNode, type WorkspaceIndex } from './workspaceIndex.ts';

export type Target =
  | { kind: 'objective'; node: ObjectiveNode }
  | { kind: 'keyResult'; node: ObjectiveNode; keyResult: KeyResult };

export type Resolution = { ok: true; target: Target } | { ok: false; message: string };

function unresolved(message: string): Resolution {
  return { ok: false, message };
}

function keyResultOf(node: ObjectiveNode, id: string): KeyResult | undefined {
  const key = idKey(id);
  return node.objective.keyResults.find((kr) => kr.id !== null && idKey(kr.id) === key);
}

/** Compares heading titles loosely: case, spacing and the `Objective:` prefix aside. */
function titleKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[:\s]+/g, ' ').trim();
}

const titleKeys = new WeakMap<Objective, string>();

function objectiveTitleKey(objective: Objective): string {
  let key = titleKeys.get(objective);
  if (key === undefined) titleKeys.set(objective, (key = titleKey(objective.title)));
  return key;
}

/** `#fragment` inside one document: a key-result id first, then an objective id or title. */
function resolveInDocument(document: OkrDocument, reference: Reference): Resolution {
  const fragment = reference.fragment;
  const name = document.path;
  if (fragment === undefined || fragment === '') {
    return unresolved(`${reference.text} names the document ${name}, not an objective: add #objective-id or #^key-result-id`);
  }
  // Like Obsidian, a block id or heading written twice in one file links to the first.
  const nodes = document.objectives.map((objective) => ({ document, objective }));
  for (const node of nodes) {
    const keyResult = keyResultOf(node, fragment);
    if (keyResult) return { ok: true, target: { kind: 'keyResult', node, keyResult } };
  }
  if (reference.blockRef) return unresolved(`${name} has no key result ^${fragment}`);
  const wanted = titleKey(fragment);
  const byId = nodes.find(({ objective }) => objective.id !== null && idKey(objective.id) === idKey(fragment));
  // The title, or the whole heading text (`Objective: Title`, as Obsidian links headings).
  const withoutPrefix = wanted.replace(/^(?:objective|o)(?:\s*\d+(?:\.\d+)*)?\s+/, '');
  const byTitle = nodes.find(({ objective }) => {
    const key = objectiveTitleKey(objective);
    return key === wanted || key === withoutPrefix;
  });
  const node = byId ?? byTitle;
  if (node) return { ok: true, target: { kind: 'objective', node } };
  return unresolved(`${name} has no objective or key result "${fragment}"`);
}

function resolveWikilink(index: WorkspaceIndex, from: OkrDocument, reference: Reference): Resolution {
  if (reference.target === '') return resolveInDocument(from, reference);
  const objectives = index.objectivesWithId(reference.target);
  if (objectives.length > 1) {
    return unresolved(`The id "${reference.target}" is defined ${objectives.length} times (${objectives.map((n) => n.document.path).join(', ')}), so ${reference.text} resolves to nothing`);
  }
  const node = objectives[0];
  if (node) {
    if (reference.fragment === undefined) return { ok: true, target: { kind: 'objective', node } };
    const keyResult = keyResultOf(node, reference.fragment);
    if (keyResult) return { ok: true, target: { kind: 'keyResult', node, keyResult } };
    const ids = node.objective.keyResults.flatMap((kr) => (kr.id ? [`^${kr.id}`] : []));
    const known = ids.length > 0 ? ` (its key results: ${ids.join(', ')})` : ' (none of its key results has a ^id)';
    return unresolved(`Objective "${node.objective.id}" has no key result ^${reference.fragment}${known}`);
  }
  const documents = index.documentsNamed(reference.target);
  if (documents.length > 1) {
    return unresolved(`"${reference.target}" names ${documents.length} documents (${documents.map((d) => d.path).join(', ')}): use a path from the workspace root`);
  }
  if (documents[0]) return resolveInDocument(documents[0], reference);
  return unresolved(`No objective or document "${reference.target}"`);
}

function resolveMarkdownLink(index: WorkspaceIndex, from: OkrDocument, reference: Reference): Resolution {
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference.target)) {
    return unresolved(`${reference.text} points outside the workspace: link to an OKR document with a relative path`);
  }
  const path = resolveLinkPath(from.path, reference.target);
  const document = index.documentAt(path);
  if (!document) return unresolved(`No OKR document at ${path || reference.target}`);
  return resolveInDocument(document, reference);
}

/** What a reference points at, or why it points at nothing. */
export function resolveReference(index: WorkspaceIndex, from: OkrDocument, reference: Reference): Resolution {
  switch (reference.form) {
    case 'wikilink':
      return resolveWikilink(index, from, reference);
    case 'markdown':
      return resolveMarkdownLink(index, from, reference);
    default:
      return unresolved(`"${reference.text}" is not a reference: write [[${reference.text}]] or [text](file.md#id)`);
  }
}
