// The progress tree as plain data: okr/progressTree result → tree nodes with label,
// description, icon and tooltip. Pure (no vscode import) so that it is unit-tested.
import {
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

export interface TreeNodeData {
  kind: 'objective' | 'keyResult';
  /** Stable across refreshes: uri and line. */
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

function objectiveIcon(objective: TreeObjective, state: IconState): { id: string; color?: string } {
  if (state === 'on-track' || state === 'unmeasured') return { id: objective.level === 'strategic' ? 'target' : 'milestone' };
  return ICONS[state];
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

function keyResultNode(keyResult: TreeKeyResult): TreeNodeData {
  const state: IconState =
    keyResult.diagnostics.error + keyResult.diagnostics.warning > 0 ? 'problem' : keyResult.progress === null ? 'unmeasured' : keyResult.progress >= 1 - 1e-9 ? 'done' : 'on-track';
  const tooltip = [
    `**${escapeMarkdown(keyResult.title)}**${keyResult.id ? ` · ^${escapeMarkdown(keyResult.id)}` : ''}`,
    `Progress: ${keyResultProgress(keyResult)}${keyResult.overAchieved !== undefined ? ` (counts as ${percent(keyResult.progress)})` : ''}`,
    ...(keyResult.inferred ? [outlineLine('a list item or table row', 'KR:')] : []),
    ...(problems(keyResult.diagnostics) ? [`Problems: ${problems(keyResult.diagnostics)}`] : []),
  ].join('\n\n');
  return {
    kind: 'keyResult',
    id: `${keyResult.uri}#${keyResult.line}`,
    label: keyResult.title || (keyResult.id ? `^${keyResult.id}` : '(key result)'),
    description: keyResultProgress(keyResult),
    tooltip,
    icon: state === 'on-track' ? { id: 'symbol-field' } : state === 'unmeasured' ? { id: 'dash' } : ICONS[state],
    state,
    uri: keyResult.uri,
    line: keyResult.range.start.line,
    character: keyResult.range.start.character,
    children: [],
    unloaded: 0,
  };
}

export function objectiveNode(objective: TreeObjective, parentId = ''): TreeNodeData {
  const state = objectiveState(objective);
  const measured = measuredText(objective.keyResultsCounted ?? 0, objective.keyResultsMeasured ?? 0);
  const description = [percent(objective.progress), measured, objective.cycle?.label, objective.owner].filter(Boolean).join(' · ');
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
  const id = `${parentId}/${objective.uri}#${objective.line}`;
  return {
    kind: 'objective',
    id,
    label: objective.title || objective.id || '(objective)',
    description,
    tooltip: [`**${e(objective.title)}**${objective.id ? ` · #${e(objective.id)}` : ''}`, ...details].join('\n\n'),
    icon: objectiveIcon(objective, state),
    state,
    uri: objective.uri,
    line: objective.range.start.line,
    character: objective.range.start.character,
    // Key results first, then the objectives aligned to it (SPEC §8).
    children: [...objective.keyResults.map(keyResultNode), ...objective.children.map((child) => objectiveNode(child, id))],
    unloaded: Math.max(0, (objective.childCount ?? objective.children.length) - objective.children.length),
  };
}

export function treeNodes(result: ProgressTreeResult, parentId = ''): TreeNodeData[] {
  return result.objectives.map((objective) => objectiveNode(objective, parentId));
}

/** An objective whose aligned objectives arrived later: its key results, then them. */
export function withLoadedChildren(node: TreeNodeData, loaded: TreeNodeData[]): TreeNodeData {
  return { ...node, children: [...node.children.filter((child) => child.kind === 'keyResult'), ...loaded], unloaded: 0 };
}

/** The status bar's number: the mean progress of the measured, active strategic roots shown. */
export function overallProgress(result: ProgressTreeResult): number | null {
  return overallOf(result.objectives).progress;
}

export { escapeMarkdown, percent };
