// One view of a workspace at one moment: resolved references, the alignment graph and its
// loops, settings, progress and diagnostics, each computed on first use. A new Analysis is
// made when the index changes; what does not depend on the change is kept (AnalysisState).
import type { OkrConfig } from './config.ts';
import type { Day } from '../model/calendar.ts';
import { applySeverities, compareDiagnostics, makeDiagnostic, type Diagnostic } from '../model/diagnostics.ts';
import { AlignmentGraph, type AlignedChild, type ResolvedReference } from '../workspace/alignmentGraph.ts';
import { keyResultInfo, type KeyResultInfo } from './keyResults.ts';
import type { KeyResult, Objective, OkrDocument } from '../model/model.ts';
import { ProgressCache, ProgressCalculator } from './progress.ts';
import { alignmentDiagnostics } from './rules/alignment.ts';
import { keyResultDiagnostics } from './rules/keyResults.ts';
import { objectiveDiagnostics } from './rules/objectives.ts';
import { outcomeDiagnostics } from './rules/outcomes.ts';
import { checkInDiagnostics, type CheckIn } from './rules/checkIns.ts';
import { Suggester, suggestTargets } from './suggest.ts';
import { documentCycle, invalidCycleMessage, objectiveSettings, type DocumentCycle, type ObjectiveSettings } from './settings.ts';
import type { ObjectiveNode, WorkspaceIndex } from '../workspace/workspaceIndex.ts';

export interface AnalysisOptions {
  config: OkrConfig;
  today: Day;
  /** A key result's last check-in, from the history (git) where it has been read: checkin-overdue is off without it. */
  lastCheckIn?: (node: ObjectiveNode, keyResult: KeyResult) => CheckIn | undefined;
}

export type { AlignedChild, ResolvedReference } from '../workspace/alignmentGraph.ts';

/**
 * What outlives one analysis: the alignment graph, kept up to date with the index, and the
 * caches that depend only on documents and config (progress and support are dropped for
 * the objectives the graph says may have changed). One per index and config.
 */
export class AnalysisState {
  readonly graph: AlignmentGraph;
  readonly progressCache = new ProgressCache();
  readonly settings = new WeakMap<Objective, ObjectiveSettings>();
  readonly documentCycles = new WeakMap<OkrDocument, ReturnType<typeof documentCycle>>();
  readonly keyResults = new WeakMap<KeyResult, KeyResultInfo>();
  private suggestions?: { idsVersion: number; suggester: Suggester };

  constructor(
    readonly index: WorkspaceIndex,
    readonly config: OkrConfig,
  ) {
    this.graph = new AlignmentGraph(index, (objectives) => this.progressCache.forget(objectives));
  }

  suggester(): Suggester {
    if (this.suggestions?.idsVersion !== this.index.idsVersion) {
      this.suggestions = { idsVersion: this.index.idsVersion, suggester: new Suggester(this.index.objectiveIds()) };
    }
    return this.suggestions.suggester;
  }

  /** Stops following the index. */
  dispose(): void {
    this.graph.dispose();
  }
}

/** A consistent view for one request or one publication, on a given day. */
export class Analysis {
  readonly progress: ProgressCalculator;
  readonly state: AnalysisState;
  /** An analysis is one moment: a document's diagnostics do not change within it. */
  private readonly diagnosticsCache = new WeakMap<OkrDocument, Diagnostic[]>();

  constructor(
    readonly index: WorkspaceIndex,
    readonly options: AnalysisOptions,
    /** Shared with earlier analyses of the same index and config; a fresh one by default. */
    state?: AnalysisState,
  ) {
    this.state = state ?? new AnalysisState(index, options.config);
    this.progress = new ProgressCalculator(this, this.state.progressCache);
  }

  get config(): OkrConfig {
    return this.options.config;
  }

  get today(): Day {
    return this.options.today;
  }

  documentCycle(document: OkrDocument): DocumentCycle & { message?: string } {
    let cycle = this.state.documentCycles.get(document);
    if (!cycle) this.state.documentCycles.set(document, (cycle = documentCycle(document, this.config)));
    return cycle;
  }

  settings(node: ObjectiveNode): ObjectiveSettings {
    let settings = this.state.settings.get(node.objective);
    if (!settings) {
      settings = objectiveSettings(node.document, node.objective, this.documentCycle(node.document), this.config);
      this.state.settings.set(node.objective, settings);
    }
    return settings;
  }

  keyResult(keyResult: KeyResult): KeyResultInfo {
    let info = this.state.keyResults.get(keyResult);
    if (!info) this.state.keyResults.set(keyResult, (info = keyResultInfo(keyResult)));
    return info;
  }

  /** The objective's references, resolved, with loop membership. */
  references(node: ObjectiveNode): readonly ResolvedReference[] {
    return this.state.graph.referencesOf(node.objective);
  }

  /** Objectives aligned to this objective (not through its key results), loops excluded. */
  childrenOf(target: Objective | KeyResult): AlignedChild[] {
    return this.state.graph.childrenOf(target);
  }

  /** Objectives aligned to the objective or to any of its key results. */
  allChildren(objective: Objective): AlignedChild[] {
    return [objective, ...objective.keyResults].flatMap((target) => this.childrenOf(target));
  }

  /** The objective ids closest to a misspelt one that a reference may align to ("did you mean"). */
  suggestIds(wanted: string): string[] {
    return suggestTargets(this, wanted);
  }

  nodeOf(objective: Objective): ObjectiveNode | undefined {
    return this.state.graph.nodeOf(objective);
  }

  /** Every diagnostic of one document, severities from the config applied, in order. */
  diagnostics(document: OkrDocument): Diagnostic[] {
    let diagnostics = this.diagnosticsCache.get(document);
    if (!diagnostics) this.diagnosticsCache.set(document, (diagnostics = this.computeDiagnostics(document)));
    return diagnostics;
  }

  private computeDiagnostics(document: OkrDocument): Diagnostic[] {
    const derived: Diagnostic[] = [];
    const cycle = this.documentCycle(document);
    if (cycle.state === 'invalid' && document.frontmatter.cycle) {
      derived.push(makeDiagnostic('cycle-invalid', document.frontmatter.cycle.range, invalidCycleMessage(document.frontmatter.cycle.value, cycle.message ?? 'not a cycle')));
    }
    for (const objective of document.objectives) {
      const node = { document, objective };
      derived.push(
        ...objectiveDiagnostics(this, node),
        ...alignmentDiagnostics(this, node),
        ...keyResultDiagnostics(this, node),
        ...outcomeDiagnostics(this, node),
        ...checkInDiagnostics(this, node),
      );
    }
    // A parse problem the rules report again (graver, with more to say) is reported once.
    const restated = new Set(derived.filter((d) => d.code === 'field-near-miss').map((d) => `${d.range.start.line}:${d.range.start.character}`));
    const problems = document.problems.filter((p) => p.code !== 'field-near-miss' || !restated.has(`${p.range.start.line}:${p.range.start.character}`));
    return applySeverities([...problems, ...derived], this.config.severity).sort(compareDiagnostics);
  }
}
