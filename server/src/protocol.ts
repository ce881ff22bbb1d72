// Custom LSP messages shared by the server and any client (the VS Code extension's
// progress tree uses them; another editor can build the same view).
import type { Range } from './okr/model/text.ts';
import type { Report, ReportKeyResult, ReportObjective } from './okr/report/report.ts';
import type { SeverityCounts } from './okr/report/dashboard.ts';

export const PROGRESS_TREE_REQUEST = 'okr/progressTree';
export const PROGRESS_TREE_CHANGED_NOTIFICATION = 'okr/progressTreeChanged';
/** The progress dashboard's data (a `Dashboard`, server/src/okr/report/dashboard.ts); refetch on okr/progressTreeChanged. */
export const DASHBOARD_REQUEST = 'okr/dashboard';

/**
 * Which roots the dashboard shows, as for the progress tree; `maxObjectives` cuts a large
 * tree to the whole levels that fit (the answer's `depth` says how many), and `maxProblems`
 * the problems listed (the answer's `moreProblems` counts the rest).
 */
export interface DashboardParams extends Pick<ProgressTreeParams, 'cycle' | 'all' | 'maxObjectives'> {
  maxProblems?: number;
}

export interface ProgressTreeParams {
  /** Keep the roots whose cycle overlaps this cycle expression. */
  cycle?: string;
  /** Every root, whatever its cycle. Without `cycle` or `all`: the cycles containing today. */
  all?: boolean;
  /**
   * Levels of aligned objectives to include below each objective returned (0: none; default:
   * all). A large workspace's tree is big: clients load it level by level (`childCount`
   * says what is left) and ask for the rest with `under`.
   */
  depth?: number;
  /** Without `depth`: as many whole levels as keep the answer within this many objectives. */
  maxObjectives?: number;
  /** Instead of the roots: the objectives aligned to this objective (its heading's line). */
  under?: { uri: string; line: number };
  /** `false`: leave `attention` out of the answer (a client that only wants the roots' progress). */
  attention?: boolean;
}

/** Diagnostics by severity. */
export type DiagnosticCounts = SeverityCounts;

export interface TreeKeyResult extends ReportKeyResult {
  uri: string;
  range: Range;
  diagnostics: DiagnosticCounts;
}

export interface TreeObjective extends Omit<ReportObjective, 'keyResults' | 'children'> {
  uri: string;
  range: Range;
  diagnostics: DiagnosticCounts;
  /** Expected progress today and whether it is more than 20 points behind (SPEC §3); null when unmeasured. */
  pace: { expected: number; behind: boolean } | null;
  /** Days until the cycle ends (negative once it has ended); null without a valid cycle. */
  daysLeft: number | null;
  keyResults: TreeKeyResult[];
  /** Empty below the requested depth: `childCount` tells how many there are. */
  children: TreeObjective[];
  /** Objectives aligned to this one (directly or to its key results). */
  childCount: number;
}

/**
 * Why an objective needs attention: `error`, it has errors (its key results' included);
 * `unaligned`, it is operational and aligns to nothing that resolves; `noCycle`, it is a root
 * without a cycle, which no cycle filter shows.
 */
export type AttentionReason = 'error' | 'unaligned' | 'noCycle';

/** An objective that needs attention, without its aligned objectives (`childCount` says how many). */
export interface AttentionObjective extends TreeObjective {
  reasons: AttentionReason[];
}

/** The shape of `okr report --format json`, each objective and key result located. */
export interface ProgressTreeResult extends Omit<Report, 'objectives'> {
  objectives: TreeObjective[];
  /** The filter applied, as written (absent when all cycles are shown). */
  cycle?: string;
  /**
   * Every objective of the workspace that needs attention, whatever the filter, in workspace
   * order, so that none is out of sight; at most `maxObjectives`. Absent with `under`, with
   * `attention: false`, and from servers before it existed (version 1 still).
   */
  attention?: AttentionObjective[];
  /** Objectives that need attention left out of `attention` by `maxObjectives`. */
  moreAttention?: number;
}

// What clients reuse of the engine, so that both sides of the wire apply the same rules:
// a client imports the server through this file only.
export { parseIsoDay } from './okr/model/calendar.ts';
export { cycleContains, cycleLength, parseCycle, suggestCycles, type Cycle } from './okr/model/cycles.ts';
export { slugify } from './okr/model/ids.ts';
export { defaultDocumentPath, operationalDocument, strategicDocument, type OperationalTemplate, type StrategicTemplate } from './okr/report/templates.ts';
export { overallProgress, shownObjectives, type Dashboard } from './okr/report/dashboard.ts';
export { escapeMarkdown, measuredText, OUTLINE_NOTE, overAchievedText, percent } from './okr/report/format.ts';
export { escapeHtml, renderDashboardBody, renderDashboardHtml } from './dashboard/html.ts';
