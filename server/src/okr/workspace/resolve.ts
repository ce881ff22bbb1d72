// Resolution of alignment references (SPEC §5) against the workspace index.
import { idKey } from '../model/ids.ts';
import type { KeyResult, OkrDocument, Reference } from '../model/model.ts';
import { resolveLinkPath, type ObjectiveNode, type WorkspaceIndex } from './workspaceIndex.ts';

export type Target =
  | { kind: 'objective'; node: ObjectiveNode }
  | { kind: 'keyResult'; node: ObjectiveNode; keyResult: KeyResult };

/**
 * `ambiguousId`: the reference names an objective id defined more than once (SPEC §5: it
 * resolves to nothing). That is one problem, the duplicate's: `duplicate-id` counts these
 * references, and they get no diagnostic of their own.
 */
export type Resolution = { ok: true; target: Target } | { ok: false; message: string; ambiguousId?: string };

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

/** Per document, its key results, objective ids and titles by key (first one wins). */
interface DocumentTables {
  keyResults: Map<string, { node: ObjectiveNode; keyResult: KeyResult }>;
  ids: Map<string, ObjectiveNode>;
  titles: Map<string, ObjectiveNode>;
}

const tables = new WeakMap<OkrDocument, DocumentTables>();

function tablesOf(document: OkrDocument): DocumentTables {
  let found = tables.get(document);
  if (found) return found;
  found = { keyResults: new Map(), ids: new Map(), titles: new Map() };
  for (const objective of document.objectives) {
    const node = { document, objective };
    for (const keyResult of objective.keyResults) {
      if (keyResult.id === null) continue;
      const key = idKey(keyResult.id);
      if (!found.keyResults.has(key)) found.keyResults.set(key, { node, keyResult });
    }
    if (objective.id !== null && !found.ids.has(idKey(objective.id))) found.ids.set(idKey(objective.id), node);
    const title = titleKey(objective.title);
    if (!found.titles.has(title)) found.titles.set(title, node);
  }
  tables.set(document, found);
  return found;
}

/** `#fragment` inside one document: a key-result id first, then an objective id or title. */
function resolveInDocument(document: OkrDocument, reference: Reference): Resolution {
  const fragment = reference.fragment;
  const name = document.path;
  if (fragment === undefined || fragment === '') {
    return unresolved(`The link ${reference.text} names the document ${name}, not an objective: add #objective-id or #^key-result-id`);
  }
  // Like Obsidian, a block id or heading written twice in one file links to the first.
  const { keyResults, ids, titles } = tablesOf(document);
  const keyResult = keyResults.get(idKey(fragment));
  if (keyResult) return { ok: true, target: { kind: 'keyResult', ...keyResult } };
  if (reference.blockRef) return unresolved(`The document ${name} has no key result ^${fragment}`);
  // An id, the title, or the whole heading text (`Objective: Title`, as Obsidian links headings).
  const wanted = titleKey(fragment);
  const node = ids.get(idKey(fragment)) ?? titles.get(wanted) ?? titles.get(wanted.replace(/^(?:objective|o)(?:\s*\d+(?:\.\d+)*)?\s+/, ''));
  if (node) return { ok: true, target: { kind: 'objective', node } };
  return unresolved(`The document ${name} has no objective or key result "${fragment}"`);
}

function resolveWikilink(index: WorkspaceIndex, from: OkrDocument, reference: Reference): Resolution {
  if (reference.target === '') return resolveInDocument(from, reference);
  const objectives = index.objectivesWithId(reference.target);
  if (objectives.length > 1) {
    const where = objectives.map((n) => n.document.path).join(', ');
    const message = `The id "${reference.target}" is defined ${objectives.length} times (${where}), so ${reference.text} resolves to nothing until one is renamed`;
    return { ok: false, message, ambiguousId: objectives[0]!.objective.id! };
  }
  const node = objectives[0];
  if (node) {
    if (reference.fragment === undefined) return { ok: true, target: { kind: 'objective', node } };
    const keyResult = keyResultOf(node, reference.fragment);
    if (keyResult) return { ok: true, target: { kind: 'keyResult', node, keyResult } };
    // Not a key result of that objective: the name may still be a document's (SPEC §5 order).
    const documents = index.documentsNamed(reference.target);
    if (documents.length === 1) {
      const inDocument = resolveInDocument(documents[0]!, reference);
      if (inDocument.ok) return inDocument;
    }
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
    return unresolved(`The link ${reference.text} points outside the workspace: link to an OKR document with a relative path`);
  }
  const path = resolveLinkPath(from.path, reference.target);
  if (path === undefined) return unresolved(`The link ${reference.text} points outside the workspace`);
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
      return unresolved(`The text "${reference.text}" is not a reference: write [[${reference.text}]] or [text](file.md#id)`);
  }
}
