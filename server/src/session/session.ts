// The language server's state, apart from the protocol: the OKR workspaces (one per
// folder holding okr.config.json, and one per workspace folder), their indexes, and
// which files changed. Documents open in the editor win over the files on disk.
import { dirname, join, sep } from 'node:path';
import { describeFsError, findConfigsUnder, findConfigUpwards, isMarkdownFile, readUtf8, walkMarkdownFiles } from '../fs/files.ts';
import { contentHash, ModelCache } from '../fs/modelCache.ts';
import type { Analysis } from '../okr/analysis/analysis.ts';
import { overdueCheckIn } from '../okr/analysis/rules/checkIns.ts';
import { CONFIG_FILE_NAME, type OkrConfig } from '../okr/analysis/config.ts';
import type { Day } from '../okr/model/calendar.ts';
import type { Diagnostic } from '../okr/model/diagnostics.ts';
import type { Level, OkrDocument } from '../okr/model/model.ts';
import { looksLikeOkrDocument } from '../okr/parse/frontmatter.ts';
import { parseDocument } from '../okr/parse/parse.ts';
import { parseAll } from '../parallel/parsePool.ts';
import { OkrRoot } from './root.ts';
import { StartupAnswers } from './startupAnswers.ts';


export interface OpenDocument {
  uri: string;
  version: number;
  text: string;
}

export interface SessionHost {
  /** The editor's copy of a file, when it is open. */
  openDocument(fsPath: string): OpenDocument | undefined;
  today(): Day;
  log(message: string): void;
  /** Where to keep parsed models between runs for a workspace folder (none: parse everything). */
  modelCacheFile?: (folder: string) => string;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface DocumentRef {
  root: OkrRoot;
  document: OkrDocument;
}

/** What an update touched: files whose diagnostics must be published again. */
export interface UpdateResult {
  /** fsPaths of OKR documents to re-publish. */
  affected: Set<string>;
  /** fsPaths that are no longer OKR documents (diagnostics to clear). */
  removed: Set<string>;
}

export class OkrSession {
  private roots: OkrRoot[] = [];
  private readonly folders = new Set<string>();

  /** How many workspace folders are open. */
  get folderCount(): number {
    return this.folders.size;
  }
  /** Diagnostics stored by the last start, valid until the first change. */
  private readonly startupAnswers: StartupAnswers;
  private readonly diagnosticsByFile = new Map<string, { document: OkrDocument; config: OkrConfig; today: Day; diagnostics: Diagnostic[] }>();

  constructor(private readonly host: SessionHost) {
    this.startupAnswers = new StartupAnswers((message) => host.log(message));
  }

  /** Parses everything at start, keeping nothing between runs (no place to keep it). */
  disableModelCache(): void {
    this.host.modelCacheFile = undefined;
  }

  allRoots(): readonly OkrRoot[] {
    return this.roots;
  }

  /** The deepest root containing the file; a lone file gets a root of its own folder. */
  rootFor(file: string): OkrRoot {
    const found = this.roots.find((root) => root.contains(file));
    if (found) return found;
    const root = new OkrRoot(dirname(file), undefined);
    root.loadConfig(findConfigUpwards(root.dir));
    this.addRoot(root);
    return root;
  }

  private addRoot(root: OkrRoot): void {
    this.roots.push(root);
    this.roots.sort((a, b) => b.dir.length - a.dir.length);
  }

  /** Roots of a workspace folder: the folder itself and every folder below with a config. */
  private createRoots(folder: string): OkrRoot[] {
    const dirs = new Set([folder, ...findConfigsUnder(folder).map((config) => dirname(config))]);
    const created: OkrRoot[] = [];
    for (const dir of dirs) {
      const root = new OkrRoot(dir, folder);
      const own = join(dir, CONFIG_FILE_NAME);
      root.loadConfig(dir === folder ? findConfigUpwards(folder) : own);
      this.addRoot(root);
      created.push(root);
    }
    return created;
  }

  /**
   * Indexes every OKR document of a workspace folder: files read here, parsed on worker
   * threads (or taken from the model cache when unchanged); `onProgress` gets the share done.
   * `onStoredAnswer` gets the files whose diagnostics the model cache already holds (nothing
   * changed since the last start), before any model is read: they can be published at once.
   */
  async addFolder(folder: string, onProgress?: (done: number, total: number) => void, onStoredAnswer?: (files: readonly string[]) => Promise<void>): Promise<Set<string>> {
    this.folders.add(folder);
    this.diagnosticsByFile.clear();
    const roots = this.createRoots(folder);
    const isExcluded = (file: string) => this.rootFor(file).isExcluded(file);
    const files = walkMarkdownFiles(folder, {
      isExcluded,
      onError: (dir, error) => this.host.log(`Cannot list ${dir}: ${describeFsError(error)}`),
    });
    const candidates: { file: string; root: OkrRoot; path: string; text: string; level?: Level }[] = [];
    for (const [i, file] of files.entries()) {
      const root = this.rootFor(file);
      const path = root.workspacePath(file);
      const text = this.textOf(file);
      const level = root.levelOf(file);
      if (text !== undefined && (level !== undefined || looksLikeOkrDocument(path, text))) candidates.push({ file, root, path, text, ...(level ? { level } : {}) });
      else root.index.remove(path);
      if (i % 500 === 499) await tick();
    }
    const cache = this.host.modelCacheFile ? ModelCache.load(this.host.modelCacheFile(folder)) : undefined;
    const hashes = cache ? candidates.map(({ text }) => contentHash(text)) : [];
    const startup = { folder, today: this.host.today(), roots, candidates, hashes };
    // Not for a folder removed while its files were read: its answer must not be published.
    const taken = cache && this.folders.has(folder) ? this.startupAnswers.take(cache, startup) : undefined;
    if (taken && taken.files.length > 0) await onStoredAnswer?.(taken.files);
    const inputs = candidates.map(({ path, text, level }) => (level ? { path, text, level } : { path, text }));
    const options = { onProgress: (done: number) => onProgress?.(done, candidates.length) };
    const documents = cache ? await cache.parse(inputs, options, hashes) : await parseAll(inputs, options);
    const indexed = new Set<string>();
    let edited = false;
    for (const [i, { file, root, path, text, level }] of candidates.entries()) {
      // An edit that arrived while parsing wins over what was read before it.
      const now = this.host.openDocument(file)?.text;
      edited ||= now !== undefined && now !== text;
      const document = now !== undefined && now !== text ? parseDocument(path, now, level) : documents[i]!;
      root.index.set(document);
      if (document.isOkr) indexed.add(file);
    }
    if (cache && taken) {
      const diagnosticsOf = (file: string) => {
        const ref = this.documentAt(file);
        return ref && this.analysis(ref.root).diagnostics(ref.document);
      };
      this.startupAnswers.settle(cache, taken, startup, edited, diagnosticsOf);
    }
    for (const root of roots) this.host.log(`Indexed ${root.index.size} OKR documents under ${root.dir}`);
    return indexed;
  }

  /**
   * Writes the model caches of the folders indexed since the last call (with the diagnostics
   * just published as the stored answer): call once their diagnostics are out.
   */
  saveModelCaches(): void {
    this.startupAnswers.saveModelCaches();
  }

  /** The diagnostics the model cache stored for a file, while nothing has changed since the start. */
  storedAnswer(file: string): Diagnostic[] | undefined {
    return this.startupAnswers.get(file);
  }

  /**
   * A document's diagnostics: from the start-up cache until anything changes, else as last
   * computed until an update says they may have changed (the Needs attention list and the
   * dashboard read every document's after each edit: only the affected ones are computed).
   */
  diagnostics(ref: DocumentRef, file: string): Diagnostic[] {
    const answer = this.startupAnswers.get(file);
    if (answer) return answer;
    const today = this.host.today();
    const kept = this.diagnosticsByFile.get(file);
    if (kept && kept.document === ref.document && kept.config === ref.root.config && kept.today === today) return kept.diagnostics;
    const diagnostics = this.analysis(ref.root).diagnostics(ref.document);
    this.diagnosticsByFile.set(file, { document: ref.document, config: ref.root.config, today, diagnostics });
    return diagnostics;
  }

  /**
   * Forgets the roots made for files outside every workspace folder (see rootFor); returns
   * their files, whose diagnostics must be cleared or which must be read again if still open.
   */
  forgetLoneRoots(): Set<string> {
    return this.removeFolder(undefined);
  }

  /** Forgets a workspace folder; returns the files whose diagnostics must be cleared. */
  removeFolder(folder: string | undefined): Set<string> {
    this.startupAnswers.clear();
    this.diagnosticsByFile.clear();
    if (folder !== undefined) this.folders.delete(folder);
    const removed = new Set<string>();
    for (const root of this.roots.filter((r) => r.folder === folder)) {
      for (const document of root.index.documents()) removed.add(root.fsPath(document.path));
    }
    this.roots = this.roots.filter((r) => r.folder !== folder);
    return removed;
  }

  /** Re-reads everything of the folders a config file belongs to (its change can affect all). */
  async reloadConfig(configPath: string): Promise<UpdateResult> {
    const folders = [...this.folders].filter((folder) => configPath.startsWith(folder + sep) || dirname(configPath) === folder);
    const removed = new Set<string>();
    const affected = new Set<string>();
    for (const folder of folders.length > 0 ? folders : []) {
      for (const file of this.removeFolder(folder)) removed.add(file);
      for (const file of await this.addFolder(folder)) affected.add(file);
    }
    for (const root of this.roots.filter((r) => r.folder === undefined && dirname(configPath) === r.dir)) {
      root.loadConfig(configPath);
      // Read again: `documents` may give a file another level, or make it no document at all.
      for (const file of [...root.index.documents()].map((document) => root.fsPath(document.path))) {
        if (this.load(file)) affected.add(file);
        else removed.add(file);
      }
    }
    for (const file of affected) removed.delete(file);
    for (const file of [...affected, ...removed]) this.diagnosticsByFile.delete(file);
    return { affected, removed };
  }

  /** Reads a file (the editor's copy if open) into its root's index; true if it is an OKR document. */
  private load(file: string): boolean {
    const root = this.rootFor(file);
    const text = this.textOf(file);
    const path = root.workspacePath(file);
    const level = root.levelOf(file);
    if (text === undefined || (level === undefined && !looksLikeOkrDocument(path, text))) {
      root.index.remove(path);
      return false;
    }
    const document = parseDocument(path, text, level);
    root.index.set(document);
    return document.isOkr;
  }

  private textOf(file: string): string | undefined {
    const open = this.host.openDocument(file);
    if (open) return open.text;
    try {
      return readUtf8(file);
    } catch {
      return undefined; // deleted, unreadable or not UTF-8: not an OKR document now
    }
  }

  /** Re-reads changed files and says which documents' diagnostics may have changed. */
  update(files: Iterable<string>): UpdateResult {
    this.startupAnswers.clear();
    const affected = new Set<string>();
    const removed = new Set<string>();
    const operationalBefore = new Map(this.roots.map((root) => [root, root.index.hasOperational()]));
    for (const file of files) {
      if (!isMarkdownFile(file)) continue;
      const root = this.rootFor(file);
      if (root.isExcluded(file) && !this.host.openDocument(file)) continue;
      const path = root.workspacePath(file);
      const previous = root.index.get(path);
      const isOkr = this.load(file);
      const current = root.index.get(path);
      const subject = current ?? previous;
      if (subject) for (const dependent of root.index.dependents(subject, current ? previous : undefined)) affected.add(root.fsPath(dependent));
      if (isOkr) affected.add(file);
      else if (previous) removed.add(file);
    }
    // The first operational document, or the last one gone: strategic-unsupported changes everywhere.
    for (const [root, before] of operationalBefore) {
      if (root.index.hasOperational() !== before) for (const document of root.index.documents()) affected.add(root.fsPath(document.path));
    }
    for (const file of affected) removed.delete(file);
    for (const file of [...affected, ...removed]) this.diagnosticsByFile.delete(file);
    return { affected, removed };
  }

  documentAt(file: string): DocumentRef | undefined {
    const root = this.roots.find((r) => r.contains(file));
    const document = root?.index.get(root.workspacePath(file));
    return root && document ? { root, document } : undefined;
  }

  analysis(root: OkrRoot): Analysis {
    return root.analysis(this.host.today());
  }

  /**
   * A root's history was read (again): its key results' last check-ins change, and with them
   * checkin-overdue. Returns the documents with an overdue key result before or after.
   */
  checkInsChanged(root: OkrRoot, lastCheckIn: Analysis['options']['lastCheckIn']): UpdateResult {
    const before = this.overdueFiles(root);
    root.lastCheckIn = lastCheckIn;
    this.startupAnswers.clear();
    for (const file of this.diagnosticsByFile.keys()) if (root.contains(file)) this.diagnosticsByFile.delete(file);
    return { affected: new Set([...before, ...this.overdueFiles(root)]), removed: new Set() };
  }

  private overdueFiles(root: OkrRoot): Set<string> {
    const analysis = this.analysis(root);
    const files = new Set<string>();
    for (const document of root.index.documents()) {
      if (!document.isOkr) continue;
      const overdue = document.objectives.some((objective) => objective.keyResults.some((keyResult) => overdueCheckIn(analysis, { document, objective }, keyResult)));
      if (overdue) files.add(root.fsPath(document.path));
    }
    return files;
  }
}
