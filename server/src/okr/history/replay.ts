// OKRs over time (issue 17): the versions of a workspace's documents, oldest first, replayed
// into one index; after each version, every objective's and key result's progress and
// confidence, kept as a point when they changed. Pure: the versions come from an adapter
// (git), as texts.
import { Analysis, AnalysisState } from '../analysis/analysis.ts';
import type { OkrConfig } from '../analysis/config.ts';
import type { Day } from '../model/calendar.ts';
import { confidenceOf } from '../model/confidence.ts';
import { idKey } from '../model/ids.ts';
import type { KeyResult, Level, Objective, OkrDocument } from '../model/model.ts';
import { parseDocument } from '../parse/parse.ts';
import { WorkspaceIndex } from '../workspace/workspaceIndex.ts';

/** One file in one version: its text, or null when the version deletes it. */
export interface HistoryChange {
  /** Workspace path (from the workspace root, `/`). */
  path: string;
  text: string | null;
  /** The path it had before, when the version renamed or moved it. */
  from?: string;
  /** Names the text (a git blob id): the same text at the same path is parsed once. */
  blob?: string;
  /**
   * The file as the version's parent had it (null: it did not exist): what this version
   * changed is told against it, not against the replay, where a branch's older text may
   * stand. Absent: every value in the file counts as changed.
   */
  previous?: { text: string | null; blob?: string };
}

/** A version of the workspace: a commit, or the edits not committed yet (`commit: null`). */
export interface HistoryVersion {
  commit: string | null;
  day: Day;
  author: string | null;
  changes: HistoryChange[];
}

export interface HistoryPoint {
  day: Day;
  commit: string | null;
  author: string | null;
  /** 0–1, null when unmeasured. */
  progress: number | null;
  /** 0–1, null when not written (or unreadable). */
  confidence: number | null;
}

export interface ReplayOptions {
  config: OkrConfig;
  /** The level okr.config.json's `documents` gives a path. */
  levelOf?: (path: string) => Level | undefined;
}

/** Where the series are, after a replay: the index holds the last version's documents. */
export interface Replayed {
  index: WorkspaceIndex;
  analysis: Analysis;
  /** Points by identity (`objectiveIdentity`, `keyResultIdentity`), oldest first. */
  series: ReadonlyMap<string, readonly HistoryPoint[]>;
  objectiveIdentity(document: OkrDocument, objective: Objective): string;
  keyResultIdentity(objectiveIdentity: string, keyResult: KeyResult): string;
}

/** What an objective's or key result's progress and confidence are read from, as one string. */
function ownValues(fields: readonly { key: string; value: string }[], checkbox: string | null): string {
  return `${checkbox ?? ''}\u0000${fields.map((field) => `${field.key}\u0001${field.value}`).join('\u0000')}`;
}

/** Titles compared loosely: case and spacing aside. */
function titleKey(title: string): string {
  return title.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Marks as changed every objective (and key result) that a changed objective aligns to, up the tree. */
function raiseAlignments(
  index: WorkspaceIndex,
  analysis: Analysis,
  changed: Set<string>,
  objectiveIdentity: (document: OkrDocument, objective: Objective) => string,
  keyResultIdentity: (objective: string, keyResult: KeyResult) => string,
): void {
  const raised = new Set<Objective>();
  const raise = (node: { document: OkrDocument; objective: Objective }) => {
    if (raised.has(node.objective)) return;
    raised.add(node.objective);
    for (const { resolution, loop } of analysis.references(analysis.nodeOf(node.objective) ?? node)) {
      if (loop || !resolution.ok) continue;
      const target = resolution.target;
      const identity = objectiveIdentity(target.node.document, target.node.objective);
      changed.add(identity);
      if (target.kind === 'keyResult') changed.add(keyResultIdentity(identity, target.keyResult));
      raise(target.node);
    }
  };
  for (const document of index.documents()) {
    for (const objective of document.objectives) {
      const identity = objectiveIdentity(document, objective);
      if (changed.has(identity) || objective.keyResults.some((keyResult) => changed.has(keyResultIdentity(identity, keyResult)))) {
        changed.add(identity);
        raise({ document, objective });
      }
    }
  }
}

/**
 * Replays `versions` (oldest first). An objective is the same across versions by its id, else
 * by its title in the same file (followed through renames); a key result by its `^id`, else
 * by its title within its objective.
 */
export function replayHistory(versions: readonly HistoryVersion[], options: ReplayOptions): Replayed {
  const index = new WorkspaceIndex();
  const state = new AnalysisState(index, options.config);
  const series = new Map<string, HistoryPoint[]>();
  const parsed = new Map<string, OkrDocument>();
  // A file keeps its history when renamed: titles are keyed by the file's line, not its path.
  const lineOf = new Map<string, number>();
  let lines = 0;
  const lineAt = (path: string) => lineOf.get(path) ?? lineOf.set(path, lines++).get(path)!;

  const identityAt = (path: string, objective: Objective) =>
    objective.id !== null ? `o:${idKey(objective.id)}` : `t:${lineAt(path)}\u0000${titleKey(objective.title)}`;
  const objectiveIdentity = (document: OkrDocument, objective: Objective) => identityAt(document.path, objective);
  const keyResultIdentity = (objective: string, keyResult: KeyResult) =>
    `${objective}\u0001${keyResult.id !== null ? `^${idKey(keyResult.id)}` : `t:${titleKey(keyResult.title)}`}`;

  const parse = (path: string, text: string, blob: string | undefined) => {
    const memoKey = blob !== undefined ? `${path}\u0000${blob}` : undefined;
    const known = memoKey !== undefined ? parsed.get(memoKey) : undefined;
    if (known) return known;
    const document = parseDocument(path, text, options.levelOf?.(path));
    if (memoKey !== undefined) parsed.set(memoKey, document);
    return document;
  };

  /** Each objective's and key result's own values in a version of a file, by identity. */
  const valuesIn = (path: string, document: OkrDocument | undefined) => {
    const values = new Map<string, string>();
    for (const objective of document?.isOkr ? document.objectives : []) {
      const identity = identityAt(path, objective);
      values.set(identity, ownValues(objective.fields, null));
      for (const keyResult of objective.keyResults) values.set(keyResultIdentity(identity, keyResult), ownValues(keyResult.fields, keyResult.checkbox));
    }
    return values;
  };

  /** The identities whose own values the version changed, and every objective they align to. */
  const changedBy = (version: HistoryVersion, analysis: Analysis): Set<string> | undefined => {
    const changed = new Set<string>();
    for (const change of version.changes) {
      if (change.previous === undefined || change.text === null) return undefined;
      const before = change.previous.text === null ? undefined : parse(change.path, change.previous.text, change.previous.blob);
      const old = valuesIn(change.path, before);
      for (const [identity, values] of valuesIn(change.path, index.documentAt(change.path))) if (old.get(identity) !== values) changed.add(identity);
    }
    raiseAlignments(index, analysis, changed, objectiveIdentity, keyResultIdentity);
    return changed;
  };

  const record = (identity: string, point: HistoryPoint, seen: Set<string>, changed: Set<string> | undefined) => {
    if (seen.has(identity)) return; // an id written twice: the first one speaks for it
    seen.add(identity);
    const points = series.get(identity);
    if (points && changed && !changed.has(identity)) return; // another branch's older text, not this version's change
    const last = points?.[points.length - 1];
    if (last && last.progress === point.progress && last.confidence === point.confidence) return;
    if (points) points.push(point);
    else series.set(identity, [point]);
  };

  let analysis = new Analysis(index, { config: options.config, today: versions[0]?.day ?? 0 }, state);
  for (const version of versions) {
    for (const change of version.changes) {
      if (change.from !== undefined && change.from !== change.path) {
        const line = lineOf.get(change.from);
        lineOf.delete(change.from);
        if (line !== undefined) lineOf.set(change.path, line);
        index.remove(change.from);
      }
      if (change.text === null) {
        index.remove(change.path);
        lineOf.delete(change.path);
      } else index.set(parse(change.path, change.text, change.blob));
    }
    analysis = new Analysis(index, { config: options.config, today: version.day }, state);
    const changed = changedBy(version, analysis);
    const seen = new Set<string>();
    const at = { day: version.day, commit: version.commit, author: version.author };
    for (const document of index.documents()) {
      if (!document.isOkr) continue;
      for (const objective of document.objectives) {
        const identity = objectiveIdentity(document, objective);
        const node = analysis.nodeOf(objective) ?? { document, objective };
        record(identity, { ...at, progress: analysis.progress.objective(node).value, confidence: confidenceOf(objective.fields) }, seen, changed);
        for (const keyResult of objective.keyResults) {
          const progress = analysis.progress.keyResult(keyResult).value;
          record(keyResultIdentity(identity, keyResult), { ...at, progress, confidence: confidenceOf(keyResult.fields) }, seen, changed);
        }
      }
    }
  }
  return { index, analysis, series, objectiveIdentity, keyResultIdentity };
}
