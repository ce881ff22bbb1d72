// The alignment graph of a workspace, kept up to date edit by edit: each objective's
// references resolved, the objectives aligned to each objective or key result, and the
// strongly connected components that mark circular alignments. An edit re-resolves only
// the documents whose references can resolve differently, and recomputes components only
// over what the changed edges can reach (alignments point upwards, so that is a short
// chain), so the cost of an edit does not grow with the workspace.
import { stronglyConnectedComponents } from './graph.ts';
import type { KeyResult, Objective, OkrDocument, Reference } from '../model/model.ts';
import { resolveReference, type Resolution } from './resolve.ts';
import type { ObjectiveNode, WorkspaceIndex } from './workspaceIndex.ts';

export interface ResolvedReference {
  readonly reference: Reference;
  readonly resolution: Resolution;
  /** Part of a circular alignment: reported, and counts for nothing. */
  loop: boolean;
}

/** An objective aligned to an objective or to one of its key results. */
export interface AlignedChild {
  node: ObjectiveNode;
  reference: Reference;
}

type Target = Objective | KeyResult;

interface DocumentChange {
  previous?: OkrDocument;
  current?: OkrDocument;
}

const NO_REFERENCES: readonly ResolvedReference[] = Object.freeze([]);

/** Above this share of changed documents, building from scratch is cheaper. */
const REBUILD_SHARE = 0.25;

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class AlignmentGraph {
  private readonly nodes = new Map<Objective, ObjectiveNode>();
  /** Each objective's references, resolved; `loop` is kept current with the components. */
  private readonly resolutions = new Map<Objective, ResolvedReference[]>();
  /**
   * The component of each objective in a loop of two or more (most are alone: they have no
   * entry, and a self-alignment is told by its target).
   */
  private readonly component = new Map<Objective, number>();
  private readonly members = new Map<number, Objective[]>();
  private readonly children = new Map<Target, AlignedChild[]>();
  /** Source objective → the targets it is listed under in `children`, with their objectives. */
  private readonly childOf = new Map<Objective, { target: Target; owner: Objective }[]>();
  private nextComponent = 0;
  private pending: DocumentChange[] = [];
  private built = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly index: WorkspaceIndex,
    /** Told which objectives' progress and support may have changed (their ancestors included). */
    private readonly onStale: (objectives: Iterable<Objective>) => void = () => {},
  ) {
    this.unsubscribe = index.onChange((previous, current) => {
      if (this.built) this.pending.push({ previous, current });
    });
  }

  /** Stops following the index (its config changed, say, and a new graph replaces this one). */
  dispose(): void {
    this.unsubscribe();
  }

  nodeOf(objective: Objective): ObjectiveNode | undefined {
    this.sync();
    return this.nodes.get(objective);
  }

  /** The objective's references, resolved, with loop membership. */
  referencesOf(objective: Objective): readonly ResolvedReference[] {
    this.sync();
    return this.resolutions.get(objective) ?? NO_REFERENCES;
  }

  /** Objectives aligned to this objective or key result, loops excluded, in workspace order. */
  childrenOf(target: Target): AlignedChild[] {
    this.sync();
    return this.children.get(target) ?? [];
  }

  /** Brings the graph up to date with the index. */
  sync(): void {
    if (!this.built) {
      this.rebuild();
      return;
    }
    if (this.pending.length === 0) return;
    const changes = this.pending;
    this.pending = [];
    if (changes.length > Math.max(16, this.index.size * REBUILD_SHARE)) {
      this.rebuild();
      return;
    }
    this.apply(changes);
  }

  private rebuild(): void {
    this.built = true;
    this.pending = [];
    for (const map of [this.nodes, this.resolutions, this.component, this.members, this.children, this.childOf]) map.clear();
    const sources: Objective[] = [];
    for (const document of this.index.documents()) {
      for (const objective of document.objectives) {
        this.nodes.set(objective, { document, objective });
        sources.push(objective);
      }
    }
    for (const objective of sources) this.resolve(objective);
    this.recomputeComponents(sources);
    for (const objective of sources) this.link(objective);
    this.onStale(sources);
  }

  private apply(changes: DocumentChange[]): void {
    const removed = new Set<Objective>();
    const staleSeeds = new Set<Objective>();
    const toResolve = new Set<OkrDocument>();
    for (const { previous, current } of changes) {
      for (const objective of previous?.objectives ?? []) removed.add(objective);
      if (current) toResolve.add(current);
      for (const path of this.index.referrers(current, previous)) {
        const document = this.index.get(path);
        if (document) toResolve.add(document);
      }
    }
    // A document replaced twice in one batch: only its newest version is in the index.
    for (const document of toResolve) if (this.index.get(document.path) !== document) toResolve.delete(document);
    for (const document of toResolve) for (const objective of document.objectives) removed.delete(objective);

    // Components that lose or change members are computed again, with all their members.
    const seeds = new Set<Objective>();
    const addComponentOf = (objective: Objective) => {
      const id = this.component.get(objective);
      for (const member of id === undefined ? [objective] : (this.members.get(id) ?? [])) if (!removed.has(member)) seeds.add(member);
    };
    for (const objective of removed) {
      addComponentOf(objective);
      for (const { owner } of this.childOf.get(objective) ?? []) staleSeeds.add(owner);
      this.unlink(objective);
      this.forget(objective);
    }
    for (const document of toResolve) {
      for (const objective of document.objectives) {
        if (!this.nodes.has(objective)) this.nodes.set(objective, { document, objective });
        addComponentOf(objective);
        seeds.add(objective);
        for (const { owner } of this.childOf.get(objective) ?? []) staleSeeds.add(owner);
        this.resolve(objective);
      }
    }
    const reach = this.forwardClosure(seeds);
    this.recomputeComponents(reach);
    for (const objective of reach) {
      this.unlink(objective);
      this.link(objective);
      staleSeeds.add(objective);
    }
    this.onStale(this.forwardClosure(new Set([...staleSeeds].filter((objective) => this.nodes.has(objective)))));
  }

  private forget(objective: Objective): void {
    this.nodes.delete(objective);
    this.resolutions.delete(objective);
    const id = this.component.get(objective);
    this.component.delete(objective);
    if (id !== undefined) this.members.delete(id);
  }

  private resolve(objective: Objective): void {
    const node = this.nodes.get(objective)!;
    this.resolutions.set(
      objective,
      objective.references.map((reference) => ({ reference, resolution: resolveReference(this.index, node.document, reference), loop: false })),
    );
  }

  /** The alignment is part of a loop: to itself, or within a component of two or more. */
  private inLoop(objective: Objective, target: Objective): boolean {
    if (target === objective) return true;
    const own = this.component.get(objective);
    return own !== undefined && this.component.get(target) === own;
  }

  private successors(objective: Objective): Objective[] {
    const out: Objective[] = [];
    for (const { resolution } of this.resolutions.get(objective) ?? []) if (resolution.ok) out.push(resolution.target.node.objective);
    return out;
  }

  /** The objectives reachable from `seeds` along alignments, seeds included. */
  private forwardClosure(seeds: Set<Objective>): Set<Objective> {
    const reached = new Set(seeds);
    const queue = [...seeds];
    while (queue.length > 0) {
      for (const next of this.successors(queue.pop()!)) {
        if (reached.has(next) || !this.nodes.has(next)) continue;
        reached.add(next);
        queue.push(next);
      }
    }
    return reached;
  }

  /** Components of a set closed under alignment (everything it reaches is in it), and its references' loops. */
  private recomputeComponents(objectives: Iterable<Objective>): void {
    const list = [...objectives];
    for (const objective of list) {
      const id = this.component.get(objective);
      if (id !== undefined) this.members.delete(id);
      this.component.delete(objective);
    }
    const local = stronglyConnectedComponents(list, (objective) => this.successors(objective));
    const sizes = new Map<number, number>();
    for (const id of local.values()) sizes.set(id, (sizes.get(id) ?? 0) + 1);
    const base = this.nextComponent;
    let count = 0;
    for (const [objective, id] of local) {
      count = Math.max(count, id + 1);
      if (sizes.get(id)! < 2) continue;
      const global = base + id;
      this.component.set(objective, global);
      const members = this.members.get(global);
      if (members) members.push(objective);
      else this.members.set(global, [objective]);
    }
    this.nextComponent = base + count;
    for (const objective of list) {
      for (const resolved of this.resolutions.get(objective) ?? NO_REFERENCES) {
        resolved.loop = resolved.resolution.ok && this.inLoop(objective, resolved.resolution.target.node.objective);
      }
    }
  }

  /** Lists the objective under each target it aligns to (once each, loops excluded). */
  private link(objective: Objective): void {
    const node = this.nodes.get(objective)!;
    const targets: { target: Target; owner: Objective }[] = [];
    for (const { reference, resolution, loop } of this.resolutions.get(objective) ?? NO_REFERENCES) {
      if (!resolution.ok || loop) continue;
      const owner = resolution.target.node.objective;
      const target = resolution.target.kind === 'keyResult' ? resolution.target.keyResult : owner;
      if (targets.some((t) => t.target === target)) continue; // the same target twice counts once
      targets.push({ target, owner });
      this.insertChild(target, { node, reference });
    }
    if (targets.length > 0) this.childOf.set(objective, targets);
  }

  private unlink(objective: Objective): void {
    for (const { target } of this.childOf.get(objective) ?? []) {
      const list = this.children.get(target);
      if (!list) continue;
      const kept = list.filter((child) => child.node.objective !== objective);
      if (kept.length > 0) this.children.set(target, kept);
      else this.children.delete(target);
    }
    this.childOf.delete(objective);
  }

  /** Children stay in workspace order (path, then position), as a full build lists them. */
  private insertChild(target: Target, child: AlignedChild): void {
    const list = this.children.get(target);
    if (!list) {
      this.children.set(target, [child]);
      return;
    }
    const before = (a: AlignedChild, b: AlignedChild) => {
      const byPath = comparePaths(a.node.document.path, b.node.document.path);
      if (byPath !== 0) return byPath < 0;
      return a.node.document.objectives.indexOf(a.node.objective) < b.node.document.objectives.indexOf(b.node.objective);
    };
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (before(list[middle]!, child)) low = middle + 1;
      else high = middle;
    }
    list.splice(low, 0, child);
  }
}
