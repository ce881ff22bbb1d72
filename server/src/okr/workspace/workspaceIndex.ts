// All OKR documents of one workspace, with the tables that reference resolution needs
// (ids, document names) kept up to date document by document, and which documents
// depend on which, so that an edit re-validates only what it can affect.
import { idKey } from '../model/ids.ts';
import type { Objective, OkrDocument } from '../model/model.ts';

/** An objective and the document it is written in. */
export interface ObjectiveNode {
  document: OkrDocument;
  objective: Objective;
}

/** Lower-cased names a document is known by: file name and workspace path, without `.okr.md`/`.md`/`.mdx`. */
export function documentNames(path: string): string[] {
  const withoutExtension = path.replace(/(\.okr)?\.mdx?$/i, '').toLowerCase();
  const base = withoutExtension.slice(withoutExtension.lastIndexOf('/') + 1);
  return base === withoutExtension ? [base] : [base, withoutExtension];
}

/** The table key for a wikilink's document part: a name, or a path from the root. */
export function documentNameKey(name: string): string {
  return name.trim().replace(/^\.?\//, '').replace(/(\.okr)?\.mdx?$/i, '').toLowerCase();
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function removeFrom<K, V>(map: Map<K, V[]>, key: K, predicate: (v: V) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((v) => !predicate(v));
  if (kept.length > 0) map.set(key, kept);
  else map.delete(key);
}

/** The names a document's references use: ids and document names, lower-cased. */
function referencedKeys(document: OkrDocument): Set<string> {
  const keys = new Set<string>();
  for (const objective of document.objectives) {
    for (const reference of objective.references) {
      if (reference.form === 'wikilink') {
        keys.add(idKey(reference.target));
        keys.add(documentNameKey(reference.target));
      } else if (reference.form === 'markdown') {
        const path = resolveLinkPath(document.path, reference.target);
        if (path !== undefined) keys.add(`file:${path.toLowerCase()}`);
      }
    }
  }
  return keys;
}

/** The names a document defines: its objective ids, its names and its path. */
function definedKeys(document: OkrDocument): Set<string> {
  const keys = new Set<string>(documentNames(document.path));
  keys.add(`file:${document.path.toLowerCase()}`);
  for (const objective of document.objectives) if (objective.id) keys.add(idKey(objective.id));
  return keys;
}

/** A markdown link's path, relative to the linking document, as a workspace path; undefined above the root. */
export function resolveLinkPath(fromPath: string, linkPath: string): string | undefined {
  if (linkPath === '') return fromPath;
  const parts = linkPath.startsWith('/') ? [] : fromPath.split('/').slice(0, -1);
  for (const segment of linkPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') parts.push(segment);
    else if (parts.length === 0 || parts[parts.length - 1] === '..') return undefined;
    else parts.pop();
  }
  return parts.join('/');
}

function sameIds(a: OkrDocument | undefined, b: OkrDocument | undefined): boolean {
  const ids = (document: OkrDocument | undefined) => (document?.objectives ?? []).map((o) => o.id ?? '').join('\n');
  return ids(a) === ids(b);
}

function mayBeOperational(document: OkrDocument): boolean {
  const level = document.frontmatter.okr?.value ?? document.configuredLevel;
  if (level === 'operational') return true;
  return document.objectives.some((objective) => objective.fields.some((field) => field.key === 'level' && field.value.toLowerCase() === 'operational'));
}

export class WorkspaceIndex {
  private readonly documentsByPath = new Map<string, OkrDocument>();
  private readonly objectivesById = new Map<string, ObjectiveNode[]>();
  private readonly documentsByName = new Map<string, OkrDocument[]>();
  private readonly documentsByLowerPath = new Map<string, OkrDocument[]>();
  /** Name key → paths of the documents whose references use it. */
  private readonly referencingPaths = new Map<string, Set<string>>();
  private readonly referencedBy = new Map<string, Set<string>>();
  private generation = 0;
  /** `referencesToId` answers for one generation. */
  private referenceCounts?: { generation: number; counts: Map<string, number> };
  private idGeneration = 0;
  /** Documents that may hold operational objectives (see `hasOperational`). */
  private operationalDocuments = 0;
  private readonly listeners = new Set<(previous: OkrDocument | undefined, current: OkrDocument | undefined) => void>();

  /** Calls `listener` after every change of a document; returns how to stop. */
  onChange(listener: (previous: OkrDocument | undefined, current: OkrDocument | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes only when the set of objective ids changes (suggestions depend on nothing else). */
  get idsVersion(): number {
    return this.idGeneration;
  }

  /** Changes whenever a document is set or removed; analyses compare it to know they are stale. */
  get version(): number {
    return this.generation;
  }

  /**
   * Some document is operational (by frontmatter, config or a `level::` field): only then is a
   * strategic objective without operational support worth saying (a team that keeps only
   * strategic OKRs gets no noise).
   */
  hasOperational(): boolean {
    return this.operationalDocuments > 0;
  }

  get size(): number {
    return this.documentsByPath.size;
  }

  documents(): OkrDocument[] {
    return [...this.documentsByPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  get(path: string): OkrDocument | undefined {
    return this.documentsByPath.get(path);
  }

  /** Adds or replaces a document; one that is not an OKR document is removed instead. */
  set(document: OkrDocument): void {
    const previous = this.detach(document.path);
    if (document.isOkr) this.attach(document);
    const current = document.isOkr ? document : undefined;
    if (!previous && !current) return;
    if (!sameIds(previous, current)) this.idGeneration++;
    for (const listener of this.listeners) listener(previous, current);
  }

  remove(path: string): void {
    const previous = this.detach(path);
    if (!previous) return;
    if (!sameIds(previous, undefined)) this.idGeneration++;
    for (const listener of this.listeners) listener(previous, undefined);
  }

  private attach(document: OkrDocument): void {
    this.generation++;
    this.documentsByPath.set(document.path, document);
    if (mayBeOperational(document)) this.operationalDocuments++;
    for (const objective of document.objectives) {
      if (objective.id) addTo(this.objectivesById, idKey(objective.id), { document, objective });
    }
    for (const name of documentNames(document.path)) addTo(this.documentsByName, name, document);
    addTo(this.documentsByLowerPath, document.path.toLowerCase(), document);
    const keys = referencedKeys(document);
    this.referencedBy.set(document.path, keys);
    for (const key of keys) {
      let paths = this.referencingPaths.get(key);
      if (!paths) this.referencingPaths.set(key, (paths = new Set()));
      paths.add(document.path);
    }
  }

  private detach(path: string): OkrDocument | undefined {
    const old = this.documentsByPath.get(path);
    if (!old) return undefined;
    this.generation++;
    this.documentsByPath.delete(path);
    if (mayBeOperational(old)) this.operationalDocuments--;
    for (const objective of old.objectives) {
      if (objective.id) removeFrom(this.objectivesById, idKey(objective.id), (n) => n.document === old);
    }
    for (const name of documentNames(path)) removeFrom(this.documentsByName, name, (d) => d === old);
    removeFrom(this.documentsByLowerPath, path.toLowerCase(), (d) => d === old);
    for (const key of this.referencedBy.get(path) ?? []) {
      const paths = this.referencingPaths.get(key);
      paths?.delete(path);
      if (paths?.size === 0) this.referencingPaths.delete(key);
    }
    this.referencedBy.delete(path);
    return old;
  }

  /** The objectives with this id, in workspace order (path, then position) whatever the order of edits. */
  objectivesWithId(id: string): ObjectiveNode[] {
    const nodes = this.objectivesById.get(idKey(id)) ?? [];
    if (nodes.length < 2) return nodes;
    const position = (node: ObjectiveNode) => node.document.objectives.indexOf(node.objective);
    return [...nodes].sort((a, b) => (a.document.path < b.document.path ? -1 : a.document.path > b.document.path ? 1 : position(a) - position(b)));
  }

  /**
   * How many wikilinks name this id as their objective (`[[id]]`, `[[id#kr]]`, in any
   * document): when the id is defined twice, the references it leaves ambiguous.
   */
  referencesToId(id: string): number {
    const key = idKey(id);
    if (this.referenceCounts?.generation !== this.generation) this.referenceCounts = { generation: this.generation, counts: new Map() };
    const known = this.referenceCounts.counts.get(key);
    if (known !== undefined) return known;
    let count = 0;
    for (const path of this.referencingPaths.get(key) ?? []) {
      for (const objective of this.documentsByPath.get(path)?.objectives ?? []) {
        for (const reference of objective.references) {
          if (reference.form === 'wikilink' && reference.target !== '' && idKey(reference.target) === key) count++;
        }
      }
    }
    this.referenceCounts.counts.set(key, count);
    return count;
  }

  /** Every objective id in the workspace (for suggestions and completion). */
  objectiveIds(): string[] {
    // Sorted, and each written as in the first place it is defined: the same whatever the order of edits.
    return [...this.objectivesById.keys()].map((key) => this.objectivesWithId(key)[0]!.objective.id!).sort();
  }

  documentsNamed(name: string): OkrDocument[] {
    const documents = this.documentsByName.get(documentNameKey(name)) ?? [];
    return documents.length < 2 ? documents : [...documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The document at a workspace path; case-insensitive when the exact path is unknown. */
  documentAt(path: string): OkrDocument | undefined {
    const exact = this.documentsByPath.get(path);
    if (exact) return exact;
    const candidates = this.documentsByLowerPath.get(path.toLowerCase());
    return candidates?.length === 1 ? candidates[0] : undefined;
  }

  /**
   * Paths of the documents whose references may resolve differently now that a document
   * changed (old and new version; either may be absent): they use a name it defines.
   */
  referrers(current?: OkrDocument, previous?: OkrDocument): Set<string> {
    const paths = new Set<string>();
    const keys = new Set<string>();
    for (const document of [current, previous]) if (document) for (const key of definedKeys(document)) keys.add(key);
    for (const key of keys) for (const path of this.referencingPaths.get(key) ?? []) paths.add(path);
    return paths;
  }

  /**
   * Paths whose diagnostics or progress may change when `document` (its old or new
   * version) changes: documents that reference what it defines, documents it references,
   * and, since progress and support roll up, their referenced documents in turn.
   */
  dependents(document: OkrDocument, previous?: OkrDocument): Set<string> {
    const result = new Set<string>();
    const queue: OkrDocument[] = [document, ...(previous ? [previous] : [])];
    const seen = new Set<string>([document.path]);
    const reach = (target: OkrDocument) => {
      if (seen.has(target.path)) return;
      seen.add(target.path);
      result.add(target.path);
      queue.push(target);
    };
    // Documents whose references may now resolve differently (children), and documents
    // sharing an id with it (duplicates); their parents are reached below.
    for (const path of this.referrers(document, previous)) {
      const child = this.documentsByPath.get(path);
      if (child) reach(child);
    }
    for (const key of new Set([...definedKeys(document), ...(previous ? definedKeys(previous) : [])])) {
      for (const node of this.objectivesById.get(key) ?? []) reach(node.document);
    }
    // Upwards, transitively from all of them: parents, their parents, … (roll-up,
    // support and loops change along the whole chain, old targets and new).
    while (queue.length > 0) {
      const current = queue.pop()!;
      for (const key of referencedKeys(current)) {
        for (const node of this.objectivesById.get(key) ?? []) reach(node.document);
        for (const target of this.documentsByName.get(key) ?? []) reach(target);
        if (key.startsWith('file:')) for (const target of this.documentsByLowerPath.get(key.slice(5)) ?? []) reach(target);
      }
    }
    result.delete(document.path);
    return result;
  }
}
