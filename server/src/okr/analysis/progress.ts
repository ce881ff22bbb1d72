// Progress (SPEC §3): the six key-result rules in order, the weighted objective
// roll-up, support through the alignment graph, and pace.
import type { Analysis } from './analysis.ts';
import type { KeyResult, Objective } from '../model/model.ts';
import { add, compare, div, fromDecimal, fromInteger, mean, mul, ONE, sub, toNumber, ZERO, type Rational } from '../model/rational.ts';
import type { ObjectiveNode } from '../workspace/workspaceIndex.ts';

export type KeyResultRule = 'cancelled' | 'checked' | 'progress' | 'metric' | 'aligned' | 'unchecked' | 'unmeasured';

export interface KeyResultProgress {
  /** 0–1, or null when unmeasured. */
  value: number | null;
  exact: Rational | null;
  rule: KeyResultRule;
  /** Stated above 100 % (1.44 for `144%`); `value` counts it as 1. */
  overAchieved?: number;
}

export interface ObjectiveProgress {
  value: number | null;
  exact: Rational | null;
  /** How it was computed: its key results, the objectives aligned to it, or nothing. */
  from: 'keyResults' | 'aligned' | 'none';
  /** Key results that count (not cancelled), and how many of them are measured. */
  keyResults: number;
  measured: number;
}

const ALMOST_ONE = sub(ONE, fromDecimal(false, '0', '000000001'));
const TWENTY_POINTS = fromDecimal(false, '0', '2');

/** Within 1e-9 of 1 counts as complete. */
export function isComplete(progress: Rational | null): boolean {
  return progress !== null && compare(progress, ALMOST_ONE) >= 0;
}

// Built as one literal each (not spread from a common part): spread copies gave most of the
// 60,000 results of a large workspace a hidden class of their own (7 MB of shapes).
function keyResultProgress(exact: Rational | null, rule: KeyResultRule, overAchieved?: Rational): KeyResultProgress {
  const value = exact === null ? null : toNumber(exact);
  return overAchieved ? { value, exact, rule, overAchieved: toNumber(overAchieved) } : { value, exact, rule };
}

function objectiveProgress(exact: Rational | null, from: ObjectiveProgress['from'], keyResults: number, measured: number): ObjectiveProgress {
  return { value: exact === null ? null : toNumber(exact), exact, from, keyResults, measured };
}

/** Computed progress and support, kept across analyses until the graph says otherwise. */
export class ProgressCache {
  readonly objectives = new WeakMap<Objective, ObjectiveProgress>();
  readonly keyResults = new WeakMap<KeyResult, KeyResultProgress>();
  readonly supported = new WeakMap<Objective, boolean>();

  /** Forgets the objectives (and their key results) whose children may have changed. */
  forget(objectives: Iterable<Objective>): void {
    for (const objective of objectives) {
      this.objectives.delete(objective);
      this.supported.delete(objective);
      for (const keyResult of objective.keyResults) this.keyResults.delete(keyResult);
    }
  }
}

export class ProgressCalculator {
  private readonly objectives: WeakMap<Objective, ObjectiveProgress>;
  private readonly keyResults: WeakMap<KeyResult, KeyResultProgress>;
  private readonly supported: WeakMap<Objective, boolean>;
  /** Guards against re-entry; loops are already excluded from the graph. */
  private readonly computing = new Set<Objective | KeyResult>();

  constructor(
    private readonly analysis: Analysis,
    cache: ProgressCache = new ProgressCache(),
  ) {
    ({ objectives: this.objectives, keyResults: this.keyResults, supported: this.supported } = cache);
  }

  /** Mean progress of the measured, non-dropped objectives aligned to `target`. */
  private alignedMean(target: Objective | KeyResult): Rational | null {
    const values: Rational[] = [];
    for (const child of this.analysis.childrenOf(target)) {
      if (this.analysis.settings(child.node).status === 'dropped') continue;
      const value = this.objective(child.node).exact;
      if (value !== null) values.push(value);
    }
    return mean(values);
  }

  keyResult(keyResult: KeyResult): KeyResultProgress {
    const cached = this.keyResults.get(keyResult);
    if (cached) return cached;
    if (this.computing.has(keyResult)) return keyResultProgress(null, 'unmeasured');
    this.computing.add(keyResult);
    const result = this.computeKeyResult(keyResult);
    this.computing.delete(keyResult);
    this.keyResults.set(keyResult, result);
    return result;
  }

  private computeKeyResult(keyResult: KeyResult): KeyResultProgress {
    // A status read from the outline (`✅`, `(done)`, `[dropped]`) counts as the checkbox would.
    const status = keyResult.fields.find((field) => field.inferred && field.key === 'status')?.value;
    if (keyResult.checkbox === 'cancelled' || (!keyResult.checkbox && status === 'dropped')) return keyResultProgress(null, 'cancelled');
    if (keyResult.checkbox === 'done') return keyResultProgress(ONE, 'checked');
    const { measure } = this.analysis.keyResult(keyResult);
    if (measure.progress !== undefined) {
      return keyResultProgress(measure.progress, 'progress', measure.overAchieved);
    }
    if (!measure.problem && !keyResult.checkbox && status === 'done') return keyResultProgress(ONE, 'checked');
    if (measure.problem) return keyResultProgress(null, 'unmeasured');
    if (measure.metric) return keyResultProgress(measure.metric.fraction, 'metric');
    const aligned = this.alignedMean(keyResult);
    if (aligned !== null) return keyResultProgress(aligned, 'aligned');
    if (keyResult.checkbox === 'open') return keyResultProgress(ZERO, 'unchecked');
    return keyResultProgress(null, 'unmeasured');
  }

  objective(node: ObjectiveNode): ObjectiveProgress {
    const { objective } = node;
    const cached = this.objectives.get(objective);
    if (cached) return cached;
    if (this.computing.has(objective)) return objectiveProgress(null, 'none', 0, 0);
    this.computing.add(objective);
    // Once any key result is measured, the unmeasured ones count as 0 %: one finished key
    // result out of five is not a finished objective.
    let total = ZERO;
    let weights = ZERO;
    let counted = 0;
    let measuredCount = 0;
    for (const keyResult of objective.keyResults) {
      const { exact, rule } = this.keyResult(keyResult);
      if (rule === 'cancelled') continue;
      counted++;
      const { weight } = this.analysis.keyResult(keyResult);
      weights = add(weights, weight);
      if (exact === null) continue;
      measuredCount++;
      total = add(total, mul(weight, exact));
    }
    let result: ObjectiveProgress;
    if (measuredCount > 0) result = objectiveProgress(div(total, weights), 'keyResults', counted, measuredCount);
    else {
      const aligned = this.alignedMean(objective);
      result = objectiveProgress(aligned, aligned !== null ? 'aligned' : 'none', counted, measuredCount);
    }
    this.computing.delete(objective);
    this.objectives.set(objective, result);
    return result;
  }

  /**
   * Some active operational objective supports it: aligned to it or to one of its
   * (not cancelled) key results, or through active strategic children that are supported.
   */
  isSupported(node: ObjectiveNode): boolean {
    const cached = this.supported.get(node.objective);
    if (cached !== undefined) return cached;
    this.supported.set(node.objective, false); // re-entry guard
    const targets = [node.objective, ...node.objective.keyResults.filter((kr) => kr.checkbox !== 'cancelled')];
    let result = false;
    for (const target of targets) {
      for (const child of this.analysis.childrenOf(target)) {
        const settings = this.analysis.settings(child.node);
        if (settings.status !== 'active') continue;
        if (settings.level === 'operational' || (settings.level === 'strategic' && this.isSupported(child.node))) {
          result = true;
          break;
        }
      }
      if (result) break;
    }
    this.supported.set(node.objective, result);
    return result;
  }

  /** Pace (SPEC §3): expected progress today, and whether it is more than 20 points behind. */
  pace(node: ObjectiveNode): { expected: number; behind: boolean } | undefined {
    const { cycle } = this.analysis.settings(node);
    const { exact } = this.objective(node);
    if (!cycle || exact === null) return undefined;
    const length = cycle.end - cycle.start + 1;
    const elapsed = Math.min(length, Math.max(0, this.analysis.today - cycle.start + 1));
    const expected = div(fromInteger(elapsed), fromInteger(length));
    return { expected: toNumber(expected), behind: compare(exact, sub(expected, TWENTY_POINTS)) < 0 };
  }
}
