// The progress tree as plain data: okr/progressTree result → tree nodes with label,
// description, icon, tooltip and initial expansion. Pure (no vscode import) so that it is
// unit-tested. The progress opens each label: a narrow sidebar cuts the end of a row, and
// the description comes after the label (issue 15).
import {
  type AttentionObjective,
  type AttentionReason,
  type DiagnosticCounts,
  escapeMarkdown,
  measuredText,
  OUTLINE_NOTE,
  overAchievedText,
  overallProgress as overallOf,
  percent,
  type ProgressTreeResult,
  type TreeKeyResult,
  type TreeObjective,
} from '../../server/src/protocol.ts';

export type IconState = 'problem' | 'done' | 'behind' | 'dropped' | 'unmeasured' | 'on-track';
/** How a node first shows; afterwards VS Code keeps what the user chose, by `id`. */
export type Expansion = 'none' | 'collapsed' | 'expanded';

export interface TreeNodeData {
  /**
   * `attention`: the group of objectives that need attention, at the top; `showAll`: the row
   * that says no objective is in the cycles shown (where the view's welcome would, were the
   * group not there), a click shows all cycles.
   */
  kind: 'objective' | 'keyResult' | 'attention' | 'showAll';
  /**
   * Unique in the tree and stable across refreshes and edits (the parent's id, the uri and the
   * objective's or key result's id, not its line), so that VS Code keeps its expansion.
   */
  id: string;
  label: string;
  description: string;
  /** Markdown, shown untrusted. */
  tooltip: string;
  /** A codicon id and a theme color id. */
  icon: { id: string; color?: string };
  state: IconState;
  uri: string;
  line: number;
  character: number;
  children: TreeNodeData[];
  /** Objectives aligned to it that the server has not sent yet (the tree is loaded level by level). */
  unloaded: number;
  /** 0 at the top of the tree. */
  depth: number;
}

/** Up to this many objectives, the group of those that need attention opens expanded. */
export const ATTENTION_EXPANDED_MAX = 10;

/**
 * The top objectives open on their key results and aligned objectives, which stay collapsed:
 * the strategic picture at a glance, one click from any detail. A top objective whose aligned
 * objectives are still to load stays collapsed too, so a large tree is not loaded at once.
 */
export function expansionOf(node: TreeNodeData): Expansion {
  if (node.children.length === 0 && node.unloaded === 0) return 'none';
  if (node.kind === 'attention') return node.children.length <= ATTENTION_EXPANDED_MAX ? 'expanded' : 'collapsed';
  return node.kind === 'objective' && node.depth === 0 && node.unloaded === 0 ? 'expanded' : 'collapsed';
}

/** `69 % Enhance customer satisfaction`: the progress where no sidebar cuts it; the title alone when unmeasured. */
export function progressLabel(progress: number | null, title: string): string {
  return progress === null ? title : `${percent(progress)} ${title}`;
}

/** Gives each sibling an id of its own: a duplicated id (an error the tree still shows) gets its line. */
function uniqueIds(nodes: TreeNodeData[]): TreeNodeData[] {
  const seen = new Set<string>();
  return nodes.map((node) => {
    const id = seen.has(node.id) ? `${node.id}@${node.line}` : node.id;
    seen.add(id);
    return id === node.id ? node : withId(node, id);
  });
}

function withId(node: TreeNodeData, id: string): TreeNodeData {
  const children = node.children.map((child) => withId(child, id + child.id.slice(node.id.length)));
  return { ...node, id, children };
}

function problems(counts: DiagnosticCounts): string | undefined {
  const parts = [
    counts.error ? `${counts.error} error${counts.error === 1 ? '' : 's'}` : '',
    counts.warning ? `${counts.warning} warning${counts.warning === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function objectiveState(objective: TreeObjective): IconState {
  if (objective.diagnostics.error + objective.diagnostics.warning > 0) return 'problem';
  if (objective.status === 'dropped') return 'dropped';
  if (objective.progress === null) return 'unmeasured';
  if (objective.progress >= 1 - 1e-9) return 'done';
  if (objective.pace?.behind) return 'behind';
  return 'on-track';
}

const ICONS: Record<IconState, { id: string; color?: string }> = {
  problem: { id: 'error', color: 'problemsErrorIcon.foreground' },
  done: { id: 'pass-filled', color: 'testing.iconPassed' },
  behind: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  dropped: { id: 'circle-slash', color: 'disabledForeground' },
  unmeasured: { id: 'circle-outline' },
  'on-track': { id: 'circle-large-outline' },
};

/** A problem's icon: red with errors, yellow with warnings only (those need no attention group). */
function iconOf(state: IconState, counts: DiagnosticCounts): { id: string; color?: string } {
  return state === 'problem' && counts.error === 0 ? ICONS.behind : ICONS[state];
}

function objectiveIcon(objective: TreeObjective, state: IconState): { id: string; color?: string } {
  if (state === 'on-track' || state === 'unmeasured') return { id: objective.level === 'strategic' ? 'target' : 'milestone' };
  return iconOf(state, objective.diagnostics);
}

function timeLeft(daysLeft: number | null): string | undefined {
  if (daysLeft === null) return undefined;
  if (daysLeft < 0) return 'ended';
  return daysLeft === 0 ? 'last day' : `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`;
}

const OUTLINE_FORMS: Record<NonNullable<TreeObjective['inferred']>, string> = {
  heading: 'a heading',
  listItem: 'a list item',
  paragraph: 'a bold paragraph',
  tableRow: 'a table row',
};

/** `Read from the outline: a heading without the Objective: prefix`, for the tooltip. */
function outlineLine(written: string, prefix: string): string {
  return `${OUTLINE_NOTE[0]!.toUpperCase()}${OUTLINE_NOTE.slice(1)}: ${written} without the ${prefix} prefix`;
}

/** The progress shown for a key result: `144 % — over-achieved` when stated above 100 %. */
function keyResultProgress(keyResult: TreeKeyResult): string {
  return keyResult.overAchieved !== undefined ? overAchievedText(keyResult.overAchieved) : percent(keyResult.progress);
}

function keyResultState(keyResult: TreeKeyResult): IconState {
  if (keyResult.diagnostics.error + keyResult.diagnostics.warning > 0) return 'problem';
  if (keyResult.cancelled) return 'dropped';
  if (keyResult.progress === null) return 'unmeasured';
  return keyResult.progress >= 1 - 1e-9 ? 'done' : 'on-track';
}

/** A key result: `46 % Raise NPS`, `144 % Hire 2 AEs` (over-achieved, said in the description). */
function keyResultNode(keyResult: TreeKeyResult, index: number, parent: { id: string; depth: number }): TreeNodeData {
  const state = keyResultState(keyResult);
  const tooltip = [
    `**${escapeMarkdown(keyResult.title)}**${keyResult.id ? ` · ^${escapeMarkdown(keyResult.id)}` : ''}`,
    keyResult.cancelled ? 'Cancelled: not counted' : `Progress: ${keyResultProgress(keyResult)}${keyResult.overAchieved !== undefined ? ` (counts as ${percent(keyResult.progress)})` : ''}`,
    ...(keyResult.inferred ? [outlineLine('a list item or table row', 'KR:')] : []),
    ...(problems(keyResult.diagnostics) ? [`Problems: ${problems(keyResult.diagnostics)}`] : []),
  ].join('\n\n');
  const title = keyResult.title || (keyResult.id ? `^${keyResult.id}` : '(key result)');
  return {
    kind: 'keyResult',
    id: `${parent.id}/${keyResult.id ? `^${keyResult.id}` : `#${index}`}`,
    label: progressLabel(keyResult.cancelled ? null : (keyResult.overAchieved ?? keyResult.progress), title),
    description: keyResult.cancelled ? 'cancelled' : keyResult.overAchieved !== undefined ? 'over-achieved' : keyResult.progress === null ? 'unmeasured' : '',
    tooltip,
    icon: state === 'on-track' ? { id: 'symbol-field' } : state === 'unmeasured' ? { id: 'dash' } : iconOf(state, keyResult.diagnostics),
    state,
    uri: keyResult.uri,
    line: keyResult.range.start.line,
    character: keyResult.range.start.character,
    children: [],
    unloaded: 0,
    depth: parent.depth + 1,
  };
}

/** `2 of 3 measured`, when some key results are measured and others not. */
function measuredShort(objective: TreeObjective): string | undefined {
  const counted = objective.keyResultsCounted ?? 0;
  const measured = objective.keyResultsMeasured ?? 0;
  return measuredText(counted, measured) && `${measured} of ${counted} measured`;
}

/** The parent's id, the document and the objective's id (its line when it has none). */
function objectiveId(objective: TreeObjective, parentId: string): string {
  return `${parentId}/${objective.uri}#${objective.id ?? `L${objective.line}`}`;
}

function objectiveTooltip(objective: TreeObjective): string {
  const measured = measuredText(objective.keyResultsCounted ?? 0, objective.keyResultsMeasured ?? 0);
  const e = escapeMarkdown;
  const details = [
    `${e(objective.level ?? 'no level')} · ${objective.cycle ? `${e(objective.cycle.label)} (${e(objective.cycle.start)} – ${e(objective.cycle.end)})` : 'no cycle'}`,
    `Owner: ${e(objective.owner ?? '—')}`,
    `Progress: ${percent(objective.progress)}${measured ? ` (${measured}; the others count as 0 %)` : ''}${objective.pace ? ` · expected ${percent(objective.pace.expected)}${objective.pace.behind ? ' · **behind pace**' : ''}` : ''}`,
    timeLeft(objective.daysLeft),
    objective.status === 'dropped' ? 'Dropped' : undefined,
    objective.inferred ? outlineLine(OUTLINE_FORMS[objective.inferred], 'Objective:') : undefined,
    problems(objective.diagnostics) ? `Problems: ${problems(objective.diagnostics)}` : undefined,
  ].filter((line): line is string => !!line);
  return [`**${e(objective.title)}**${objective.id ? ` · #${e(objective.id)}` : ''}`, ...details].join('\n\n');
}

/** An objective: `69 % Enhance customer satisfaction`, described by `2026-Q4 · Leadership team`. */
export function objectiveNode(objective: TreeObjective, parentId = '', depth = 0): TreeNodeData {
  const state = objectiveState(objective);
  const status = objective.status === 'dropped' ? 'dropped' : objective.progress === null ? 'unmeasured' : measuredShort(objective);
  const description = [status, objective.cycle?.label, objective.owner].filter(Boolean).join(' · ');
  const id = objectiveId(objective, parentId);
  const self = { id, depth };
  return {
    kind: 'objective',
    id,
    label: progressLabel(objective.progress, objective.title || objective.id || '(objective)'),
    description,
    tooltip: objectiveTooltip(objective),
    icon: objectiveIcon(objective, state),
    state,
    uri: objective.uri,
    line: objective.range.start.line,
    character: objective.range.start.character,
    // Key results first, then the objectives aligned to it (SPEC §8).
    children: [
      ...uniqueIds(objective.keyResults.map((keyResult, i) => keyResultNode(keyResult, i, self))),
      ...objectiveNodes(objective.children, self),
    ],
    unloaded: Math.max(0, (objective.childCount ?? objective.children.length) - objective.children.length),
    depth,
  };
}

function objectiveNodes(objectives: TreeObjective[], parent?: { id: string; depth: number }): TreeNodeData[] {
  return uniqueIds(objectives.map((objective) => objectiveNode(objective, parent?.id ?? '', parent ? parent.depth + 1 : 0)));
}

/**
 * The nodes of an answer: at the top, the group of objectives that need attention (when there
 * are any) and the roots; below `parent`, the objectives aligned to it.
 */
export function treeNodes(result: ProgressTreeResult, parent?: { id: string; depth: number }): TreeNodeData[] {
  const group = parent ? undefined : attentionGroup(result);
  if (!group) return objectiveNodes(result.objectives, parent);
  // Every objective is below some root of all cycles: no roots here means a filter hides them.
  return [group, ...(result.objectives.length > 0 ? objectiveNodes(result.objectives) : [SHOW_ALL])];
}

const SHOW_ALL: TreeNodeData = {
  kind: 'showAll',
  id: 'show-all',
  label: 'Show All Cycles',
  description: 'no objectives in the cycles shown',
  tooltip: 'No objective is in the cycles shown, only the ones that need attention above. Click to show every cycle.',
  icon: { id: 'list-tree' },
  state: 'unmeasured',
  uri: '',
  line: 0,
  character: 0,
  children: [],
  unloaded: 0,
  depth: 0,
};

/** An objective whose aligned objectives arrived later: its key results, then them. */
export function withLoadedChildren(node: TreeNodeData, loaded: TreeNodeData[]): TreeNodeData {
  return { ...node, children: [...node.children.filter((child) => child.kind === 'keyResult'), ...loaded], unloaded: 0 };
}

export const ATTENTION_ID = 'attention';

/** The reasons besides errors (said with their count), in the description and the tooltip. */
const REASONS: Record<Exclude<AttentionReason, 'error'>, { short: string; why: string }> = {
  unaligned: { short: 'aligns to nothing', why: 'it aligns to no strategic objective or key result that exists' },
  noCycle: { short: 'no cycle', why: 'it has no cycle, so only Show All Cycles puts it in the tree' },
};

/** One objective that needs attention: why, where, and its key results (its aligned objectives are in the tree). */
function attentionNode(objective: AttentionObjective): TreeNodeData {
  const node = objectiveNode({ ...objective, children: [] }, ATTENTION_ID, 1);
  const errors = objective.reasons.includes('error') ? `${objective.diagnostics.error} error${objective.diagnostics.error === 1 ? '' : 's'}` : undefined;
  const others = objective.reasons.filter((reason) => reason !== 'error').map((reason) => REASONS[reason]);
  const why = [...(errors ? [`${errors} (see the Problems panel)`] : []), ...others.map((reason) => reason.why)].join('; ');
  return {
    ...node,
    description: [errors, ...others.map((reason) => reason.short), objective.cycle?.label].filter(Boolean).join(' · '),
    tooltip: `${node.tooltip}\n\nNeeds attention: ${why}`,
    unloaded: 0,
  };
}

/** The group of the objectives that need attention, whatever the cycle filter; none when there are none. */
function attentionGroup(result: ProgressTreeResult): TreeNodeData | undefined {
  const listed = result.attention ?? [];
  const total = listed.length + (result.moreAttention ?? 0);
  if (total === 0) return undefined;
  const more = result.moreAttention ? `\n\nThe first ${listed.length} are listed; the Problems panel has them all.` : '';
  return {
    kind: 'attention',
    id: ATTENTION_ID,
    label: 'Needs attention',
    description: `${total} objective${total === 1 ? '' : 's'}`,
    tooltip: `Objectives with errors, operational objectives that align to nothing, and objectives without a cycle, in every cycle.${more}`,
    icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
    state: 'problem',
    uri: '',
    line: 0,
    character: 0,
    children: uniqueIds(listed.map(attentionNode)),
    unloaded: 0,
    depth: 0,
  };
}

/** The status bar's number: the mean progress of the measured, active strategic roots shown. */
export function overallProgress(result: ProgressTreeResult): number | null {
  return overallOf(result.objectives).progress;
}

export { escapeMarkdown, percent };
