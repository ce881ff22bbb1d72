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
  /** Names the text (a git blob id). */
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
  /** A model already parsed from this exact text at this path (the workspace as it is now), if any. */
  reuse?: (path: string, text: string) => OkrDocument | undefined;
}

/** The points of every objective and key result, and how to find an objective's or key result's. */
export interface HistorySeries {
  /** Points by identity (`objectiveIdentity`, `keyResultIdentity`), oldest first. */
  series: ReadonlyMap<string, readonly HistoryPoint[]>;
  objectiveIdentity(document: OkrDocument, objective: Objective): string;
  keyResultIdentity(objectiveIdentity: string, keyResult: KeyResult): string;
}

/** After a replay: the series, and the index and analysis of the last version (which a server need not keep). */
export interface Replayed extends HistorySeries {
  index: WorkspaceIndex;
  analysis: Analysis;
}

/** What an objective's or key result's progress and confidence are read from, as one string. */
function ownValues(fields: readonly { key: string; value: string }[], checkbox: string | null): string {
  return `${checkbox ?? ''}\u0000${fields.map((field) => `${field.key}\u0001${field.value}`).join('\u0000')}`;
}

/** Titles compared loosely: case and spacing aside. */
function titleKey(title: string): string {
  return title.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

type Node = { document: OkrDocument; objective: Objective };

/**
 * Who is who across versions. A file keeps its history when renamed: titles are keyed by the
 * file's line (numbered as files appear, carried through renames), not by its path.
 */
class Identities {
  private readonly lineOf = new Map<string, number>();
  private lines = 0;

  private lineAt(path: string): number {
    return this.lineOf.get(path) ?? this.lineOf.set(path, this.lines++).get(path)!;
  }

  renamed(from: string, to: string): void {
    const line = this.lineOf.get(from);
    this.lineOf.delete(from);
    if (line !== undefined) this.lineOf.set(to, line);
  }

  deleted(path: string): void {
    this.lineOf.delete(path);
  }

  /** An id written (`{#id}`) names the objective wherever it moves; one made from the title is only unique in its file. */
  objectiveAt(path: string, objective: Objective): string {
    return objective.id !== null && objective.idRange ? `o:${idKey(objective.id)}` : `t:${this.lineAt(path)}\u0000${titleKey(objective.title)}`;
  }

  readonly objectiveIdentity = (document: OkrDocument, objective: Objective): string => this.objectiveAt(document.path, objective);

  readonly keyResultIdentity = (objective: string, keyResult: KeyResult): string =>
    `${objective}\u0001${keyResult.id !== null ? `^${idKey(keyResult.id)}` : `t:${titleKey(keyResult.title)}`}`;
}

/** What one version changed: objectives (with what they align to, up the tree) and key results. */
interface Changed {
  objectives: Map<Objective, Node>;
  keyResults: Set<KeyResult>;
}

/**
 * The replay's state between versions. Only what a version changed is looked at: the
 * objectives and key results whose own values differ from the file's parent version, and
 * the objectives and key results they align to, up the tree.
 */
class HistoryReplay {
  readonly index = new WorkspaceIndex();
  private readonly state: AnalysisState;
  readonly series = new Map<string, HistoryPoint[]>();
  /** The text each document in the index was parsed from: a version's parent text is usually it. */
  private readonly textAt = new Map<string, string>();
  readonly identities = new Identities();
  analysis: Analysis;

  constructor(private readonly options: ReplayOptions) {
    this.state = new AnalysisState(this.index, options.config);
    this.analysis = new Analysis(this.index, { config: options.config, today: 0 }, this.state);
  }

  private readonly objectiveIdentity = this.identities.objectiveIdentity;
  private readonly keyResultIdentity = this.identities.keyResultIdentity;

  private parse(path: string, text: string): OkrDocument {
    return this.options.reuse?.(path, text) ?? parseDocument(path, text, this.options.levelOf?.(path));
  }

  /** The file as the change's parent version had it: the index's document when it holds that text. */
  private previousOf(change: HistoryChange): OkrDocument | null | undefined {
    if (change.previous === undefined) return undefined;
    if (change.previous.text === null) return null;
    const path = change.from ?? change.path;
    const document = this.index.documentAt(path);
    return document && this.textAt.get(path) === change.previous.text ? document : this.parse(change.path, change.previous.text);
  }

  /** Each objective's and key result's own values in a version of the file at `path`, by identity. */
  private valuesIn(path: string, document: OkrDocument | undefined): Map<string, string> {
    const values = new Map<string, string>();
    for (const objective of document?.isOkr ? document.objectives : []) {
      const identity = this.identities.objectiveAt(path, objective);
      values.set(identity, ownValues(objective.fields, null));
      for (const keyResult of objective.keyResults) values.set(this.keyResultIdentity(identity, keyResult), ownValues(keyResult.fields, keyResult.checkbox));
    }
    return values;
  }

  /** The objectives a node aligns to, and the key results among the targets, up the tree. */
  private raise(node: Node, changed: Changed): void {
    for (const { resolution, loop } of this.analysis.references(this.analysis.nodeOf(node.objective) ?? node)) {
      if (loop || !resolution.ok) continue;
      const { target } = resolution;
      if (target.kind === 'keyResult') changed.keyResults.add(target.keyResult);
      if (changed.objectives.has(target.node.objective)) continue;
      changed.objectives.set(target.node.objective, target.node);
      this.raise(target.node, changed);
    }
  }

  /** What the objectives of the document now at `path` align to (key results kept in `changed`). */
  private targetsIn(path: string, changed: Changed): Node[] {
    const targets: Node[] = [];
    for (const objective of this.index.documentAt(path)?.objectives ?? []) {
      const node = this.analysis.nodeOf(objective);
      for (const { resolution } of node ? this.analysis.references(node) : []) {
        if (!resolution.ok) continue;
        targets.push(resolution.target.node);
        if (resolution.target.kind === 'keyResult') changed.keyResults.add(resolution.target.keyResult);
      }
    }
    return targets;
  }

  /** Applies one version to the index; returns what it changed. */
  apply(version: HistoryVersion): Changed {
    const changed: Changed = { objectives: new Map(), keyResults: new Set() };
    const orphans: Node[] = [];
    const befores = version.changes.map((change) => this.previousOf(change));
    for (const change of version.changes) {
      // What the file's objectives aligned to before changes with them (an alignment moved or gone).
      for (const path of [change.path, change.from]) if (path !== undefined) orphans.push(...this.targetsIn(path, changed));
      if (change.from !== undefined && change.from !== change.path) {
        this.identities.renamed(change.from, change.path);
        this.index.remove(change.from);
        this.textAt.delete(change.from);
      }
      if (change.text !== null) {
        this.index.set(this.parse(change.path, change.text));
        this.textAt.set(change.path, change.text);
        continue;
      }
      this.index.remove(change.path);
      this.textAt.delete(change.path);
      this.identities.deleted(change.path);
    }
    this.analysis = new Analysis(this.index, { config: this.options.config, today: version.day }, this.state);
    for (const [i, change] of version.changes.entries()) {
      const document = change.text === null ? undefined : this.index.documentAt(change.path);
      if (!document?.isOkr) continue;
      const before = befores[i];
      const old = before === undefined ? undefined : this.valuesIn(change.path, before ?? undefined);
      for (const objective of document.objectives) {
        const identity = this.objectiveIdentity(document, objective);
        let touched = old === undefined || old.get(identity) !== ownValues(objective.fields, null);
        for (const keyResult of objective.keyResults) {
          if (old !== undefined && old.get(this.keyResultIdentity(identity, keyResult)) === ownValues(keyResult.fields, keyResult.checkbox)) continue;
          changed.keyResults.add(keyResult);
          touched = true;
        }
        if (touched) changed.objectives.set(objective, { document, objective });
      }
    }
    for (const node of [...changed.objectives.values(), ...orphans]) {
      if (this.index.documentAt(node.document.path) !== node.document) continue; // replaced or gone in this version
      changed.objectives.set(node.objective, node);
      this.raise(node, changed);
    }
    return changed;
  }

  /** A point for each changed objective and key result whose value is not its last point's. */
  record(version: HistoryVersion, changed: Changed): void {
    const at = { day: version.day, commit: version.commit, author: version.author };
    const seen = new Set<string>();
    const add = (identity: string, point: HistoryPoint) => {
      if (seen.has(identity)) return; // an id written twice: the first one speaks for it
      seen.add(identity);
      const points = this.series.get(identity);
      const last = points?.[points.length - 1];
      if (last && last.progress === point.progress && last.confidence === point.confidence) return;
      if (points) points.push(point);
      else this.series.set(identity, [point]);
    };
    for (const node of changed.objectives.values()) {
      const { document, objective } = node;
      if (!document.isOkr) continue;
      const identity = this.objectiveIdentity(document, objective);
      add(identity, { ...at, progress: this.analysis.progress.objective(node).value, confidence: confidenceOf(objective.fields) });
      for (const keyResult of objective.keyResults) {
        const krIdentity = this.keyResultIdentity(identity, keyResult);
        if (!changed.keyResults.has(keyResult) && this.series.has(krIdentity)) continue;
        add(krIdentity, { ...at, progress: this.analysis.progress.keyResult(keyResult).value, confidence: confidenceOf(keyResult.fields) });
      }
    }
  }
}

/**
 * Replays `versions` (oldest first). An objective is the same across versions by its id, else
 * by its title in the same file (followed through renames); a key result by its `^id`, else
 * by its title within its objective. A version adds a point only for what it changed against
 * its file's parent version (a branch's older text is no change of the version that carries
 * it), and for what that aligns to.
 */
export function replayHistory(versions: readonly HistoryVersion[], options: ReplayOptions): Replayed {
  const replay = new HistoryReplay(options);
  for (const version of versions) replay.record(version, replay.apply(version));
  return replayedOf(replay);
}

function replayedOf(replay: HistoryReplay): Replayed {
  const { objectiveIdentity, keyResultIdentity } = replay.identities;
  return { index: replay.index, analysis: replay.analysis, series: replay.series, objectiveIdentity, keyResultIdentity };
}

/**
 * `replayHistory` in steps, for a language server: `pause` is awaited between versions
 * (the caller decides how often to let other work run), and a replay `cancelled()` stops
 * early with undefined.
 */
export async function replayHistoryInSteps(
  versions: readonly HistoryVersion[],
  options: ReplayOptions,
  pause: () => Promise<void>,
  cancelled: () => boolean = () => false,
): Promise<Replayed | undefined> {
  const replay = new HistoryReplay(options);
  for (const version of versions) {
    replay.record(version, replay.apply(version));
    await pause();
    if (cancelled()) return undefined;
  }
  return replayedOf(replay);
}
