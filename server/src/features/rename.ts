// Rename an objective id or a key-result id (SPEC §8): the `{#id}` (added when the id
// was implicit) or `^id`, and every reference to it, across files, open or not. No edit
// ever goes to a file outside the workspace folders, except the document renamed in.
import { isAbsolute, relative } from 'node:path';
import { ResponseError, ErrorCodes, type TextEdit, type Range as LspRange } from 'vscode-languageserver';
import { idKey, isValidId } from '../okr/model/ids.ts';
import type { Position, Range } from '../okr/model/text.ts';
import type { FeatureContext } from './context.ts';
import { referencesTo, symbolAt, type OkrSymbol } from './symbols.ts';

function refuse(message: string): never {
  throw new ResponseError(ErrorCodes.InvalidRequest, message);
}

function inner(range: Range, skipStart: number, skipEnd: number): Range {
  return {
    start: { line: range.start.line, character: range.start.character + skipStart },
    end: { line: range.end.line, character: range.end.character - skipEnd },
  };
}

/** The id inside `{#id …}`, attributes after it left alone. */
function writtenId(braces: Range, id: string): Range {
  const start = { line: braces.start.line, character: braces.start.character + 2 };
  return { start, end: { line: start.line, character: start.character + id.length } };
}

function currentId(symbol: OkrSymbol): string | null {
  return symbol.kind === 'objective' ? symbol.node.objective.id : symbol.keyResult.id;
}

function isInside(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Documents (root paths) a rename may not edit: those outside the workspace folders. The
 * document renamed in is the exception: the user is editing it. A lone file's root (its
 * folder is no workspace folder) has every other document outside.
 */
function outsideWorkspace(context: FeatureContext, paths: Iterable<string>): string[] {
  const { root, document } = context;
  return [...new Set(paths)].filter((path) => path !== document.path && (root.folder === undefined || !isInside(root.folder, root.fsPath(path))));
}

function refuseOutside(context: FeatureContext, outside: string[]): void {
  if (outside.length === 0) return;
  const shown = outside.slice(0, 3).map((path) => context.root.fsPath(path)).join(', ');
  const more = outside.length > 3 ? ` and ${outside.length - 3} more` : '';
  refuse(
    `Renaming here would change ${shown}${more}, outside the workspace folders: open the folder holding ${outside.length === 1 ? 'it' : 'them'} as a workspace folder to rename across files.`,
  );
}

/** Every document a rename of the symbol would edit: where it is defined and where it is referenced. */
function touchedDocuments(context: FeatureContext, symbol: OkrSymbol): string[] {
  return [symbol.node.document.path, ...referencesTo(context.analysis, symbol).map(({ node }) => node.document.path)];
}

export function prepareRename(context: FeatureContext, position: Position): { range: LspRange; placeholder: string } {
  const at = symbolAt(context.analysis, context.document, position);
  if (!at) refuse('Rename works on an objective heading, a key result or an alignment reference.');
  const { symbol, located } = at;
  refuseOutside(context, outsideWorkspace(context, touchedDocuments(context, symbol)));
  const placeholder = currentId(symbol) ?? '';
  if (located.kind === 'reference') {
    const part = located.part === 'fragment' ? located.reference.fragmentRange : located.reference.targetRange;
    return { range: part ?? located.reference.range, placeholder };
  }
  if (symbol.kind === 'objective') {
    const { objective } = symbol.node;
    if (objective.idExplicit && objective.idRange) return { range: writtenId(objective.idRange, placeholder), placeholder };
    return { range: objective.headingRange, placeholder };
  }
  const { keyResult } = symbol;
  return { range: keyResult.idRange ? inner(keyResult.idRange, 1, 0) : keyResult.range, placeholder };
}

/** Edits per document path of the root. */
export type RenameEdits = Map<string, TextEdit[]>;

export function renameEdits(context: FeatureContext, position: Position, newName: string): RenameEdits {
  const edits = collectEdits(context, position, newName);
  refuseOutside(context, outsideWorkspace(context, edits.keys()));
  return edits;
}

function collectEdits(context: FeatureContext, position: Position, newName: string): RenameEdits {
  const at = symbolAt(context.analysis, context.document, position);
  if (!at) refuse('Nothing to rename here: place the cursor on an objective heading, a key result or a reference.');
  const newId = newName.trim().replace(/^\{#(.*)\}$/, '$1').replace(/^\^/, '');
  if (!isValidId(newId)) refuse(`"${newName}" is not a valid id: use letters, digits, "-" and "_" only.`);
  const { symbol } = at;
  const oldId = currentId(symbol);
  const edits: RenameEdits = new Map();
  const add = (path: string, range: Range, newText: string) => {
    const list = edits.get(path) ?? [];
    list.push({ range, newText });
    edits.set(path, list);
  };
  const { objective, document } = symbol.node;

  if (symbol.kind === 'objective') {
    const clash = context.analysis.index.objectivesWithId(newId).find((n) => n.objective !== objective);
    if (clash) refuse(`The id "${newId}" is already used by "${clash.objective.title}" in ${clash.document.path}.`);
    if (objective.idExplicit && objective.idRange && oldId) add(document.path, writtenId(objective.idRange, oldId), newId);
    else add(document.path, { start: objective.headingTextEnd, end: objective.headingTextEnd }, ` {#${newId}}`);
    if (!oldId) return edits;
    for (const { node, resolved } of referencesTo(context.analysis, symbol)) {
      const { reference } = resolved;
      const path = node.document.path;
      if (reference.form === 'wikilink' && reference.targetRange && idKey(reference.target) === idKey(oldId)) {
        add(path, reference.targetRange, newId);
      } else if (reference.fragmentRange && reference.fragment !== undefined && idKey(reference.fragment) === idKey(oldId)) {
        add(path, reference.fragmentRange, newId);
      }
    }
    return edits;
  }

  const { keyResult } = symbol;
  const twin = objective.keyResults.find((kr) => kr !== keyResult && kr.id !== null && idKey(kr.id) === idKey(newId));
  if (twin) refuse(`The objective already has a key result ^${newId}.`);
  if (keyResult.idRange) add(document.path, inner(keyResult.idRange, 1, 0), newId);
  else add(document.path, { start: keyResult.range.end, end: keyResult.range.end }, ` ^${newId}`);
  for (const { node, resolved } of referencesTo(context.analysis, symbol)) {
    const { reference } = resolved;
    if (reference.fragmentRange) add(node.document.path, reference.fragmentRange, newId);
  }
  return edits;
}
