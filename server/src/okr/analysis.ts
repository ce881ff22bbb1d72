// One consistent view of a workspace at one moment: resolved references, the alignment
// graph and its loops, settings, progress and diagnostics, each computed on first use.
// A new Analysis is made when the index changes; the index itself is never rebuilt.
import type { OkrConfig } from './config.ts';
import type { Day } from './cycles.ts';
import { applySeverities, compareDiagnostics, makeDiagnostic, type Diagnostic } from './diagnostics.ts';
import { stronglyConnectedComponents } from './graph.ts';
import { keyResultInfo, type KeyResultInfo } from './keyResults.ts';
import type { KeyResult, Objective, OkrDocument, Reference } from './model.ts';
import { ProgressCalculator } from './progress.ts';
import { resolveReference, type Resolution } from './resolve.ts';
import { alignmentDiagnostics } from './rules/alignment.ts';
import { keyResultDiagnostics } from './rules/keyResults.ts';
import { objectiveDiagnostics } from './rules/objectives.ts';
import { outcomeDiagnostics } from './rules/outcomes.ts';
import { Suggester } from './suggest.ts';
import { documentCycle, objectiveSettings, type DocumentCycle, type ObjectiveSettings } from './settings.ts';
import type { ObjectiveNode, WorkspaceIndex } from './workspaceIndex.ts';

export interface AnalysisOptions {
  config: OkrConfig;
  today: Day;
}

export interface ResolvedReference {
  reference: Reference;
  resolution: Resolution;
  /** Part of a circular alignment: reported, and counts for nothing. */
  loop: boolean;
}

/** An objective aligned to an objective or to one of its key results. */
export interface AlignedChild {
  node: ObjectiveNode;
  reference: Reference;
}

interface Graph {
  references: Map<Objective, ResolvedReference[]>;
  /** Objective or key result → the objectives aligned to it (loops excluded, each once). */
  children: Map<Objective | KeyResult, AlignedChild[]>;
  nodes: Map<Objective, ObjectiveNode>;
}

export class Analysis {
  readonly progress: ProgressCalculator;
  private graphCache?: Graph;
  private readonly settingsCache = new Map<Objective, ObjectiveSettings>();
  private readonly documentCycles = new Map<OkrDocument, ReturnType<typeof documentCycle>>();
  private readonly keyResultCache = new Map<KeyResult, KeyResultInfo>();
  private suggester?: Suggester;

  constructor(
    readonly index: WorkspaceIndex,
    readonly options: AnalysisOptions,
  ) {
    this.progress = new ProgressCalculator(this);
  }

  get config(): OkrConfig {
    return this.options.config;
  }

  get today(): Day {
    return this.options.today;
  }

  documentCycle(document: OkrDocument): DocumentCycle & { message?: string } {
    let cycle = this.documentCycles.get(document);
    if (!cycle) this.documentCycles.set(document, (cycle = documentCycle(document, this.config)));
    return cycle;
  }

  settings(node: ObjectiveNode): ObjectiveSettings {
    let settings = this.settingsCache.get(node.objective);
    if (!settings) {
      settings = objectiveSettings(node.document, node.objective, this.documentCycle(node.document), this.config);
      this.settingsCache.set(node.objective, settings);
    }
    return settings;
  }

  keyResult(keyResult: KeyResult): KeyResultInfo {
    let info = this.keyResultCache.get(keyResult);
    if (!info) this.keyResultCache.set(keyResult, (info = keyResultInfo(keyResult)));
    return info;
  }

  private graph(): Graph {
    if (this.graphCache) return this.graphCache;
    const nodes = new Map<Objective, ObjectiveNode>();
    const raw = new Map<Objective, { reference: Reference; resolution: Resolution }[]>();
    for (const document of this.index.documents()) {
      for (const objective of document.objectives) {
        const node = { document, objective };
        nodes.set(objective, node);
        raw.set(
          objective,
          objective.references.map((reference) => ({ reference, resolution: resolveReference(this.index, document, reference) })),
        );
      }
    }
    const successors = (objective: Objective) =>
      raw.get(objective)!.flatMap(({ resolution }) => (resolution.ok ? [resolution.target.node.objective] : []));
    const component = stronglyConnectedComponents(nodes.keys(), successors);
    const references = new Map<Objective, ResolvedReference[]>();
    const children = new Map<Objective | KeyResult, AlignedChild[]>();
    for (const [objective, list] of raw) {
      const resolved = list.map(({ reference, resolution }) => {
        const loop = resolution.ok && component.get(resolution.target.node.objective) === component.get(objective);
        return { reference, resolution, loop };
      });
      references.set(objective, resolved);
      const seen = new Set<Objective | KeyResult>();
      for (const { reference, resolution, loop } of resolved) {
        if (!resolution.ok || loop) continue;
        const target = resolution.target.kind === 'keyResult' ? resolution.target.keyResult : resolution.target.node.objective;
        if (seen.has(target)) continue; // the same target twice counts once
        seen.add(target);
        const list = children.get(target);
        const child = { node: nodes.get(objective)!, reference };
        if (list) list.push(child);
        else children.set(target, [child]);
      }
    }
    this.graphCache = { references, children, nodes };
    return this.graphCache;
  }

  /** The objective's references, resolved, with loop membership. */
  references(node: ObjectiveNode): ResolvedReference[] {
    return this.graph().references.get(node.objective) ?? [];
  }

  /** Objectives aligned to this objective (not through its key results), loops excluded. */
  childrenOf(target: Objective | KeyResult): AlignedChild[] {
    return this.graph().children.get(target) ?? [];
  }

  /** Objectives aligned to the objective or to any of its key results. */
  allChildren(objective: Objective): AlignedChild[] {
    return [objective, ...objective.keyResults].flatMap((target) => this.childrenOf(target));
  }

  /** The objective ids closest to a misspelt one ("did you mean"). */
  suggestIds(wanted: string): string[] {
    this.suggester ??= new Suggester(this.index.objectiveIds());
    return this.suggester.suggest(wanted);
  }

  nodeOf(objective: Objective): ObjectiveNode | undefined {
    return this.graph().nodes.get(objective);
  }

  /** Every diagnostic of one document, severities from the config applied, in order. */
  diagnostics(document: OkrDocument): Diagnostic[] {
    const diagnostics = [...document.problems];
    const cycle = this.documentCycle(document);
    if (cycle.state === 'invalid' && document.frontmatter.cycle) {
      diagnostics.push(makeDiagnostic('cycle-invalid', document.frontmatter.cycle.range, cycle.message ?? 'invalid cycle'));
    }
    for (const objective of document.objectives) {
      const node = { document, objective };
      diagnostics.push(
        ...objectiveDiagnostics(this, node),
        ...alignmentDiagnostics(this, node),
        ...keyResultDiagnostics(this, node),
        ...outcomeDiagnostics(this, node),
      );
    }
    return applySeverities(diagnostics, this.config.severity).sort(compareDiagnostics);
  }
}
