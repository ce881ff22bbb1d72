// Hover (SPEC §8): a reference's target; an objective's progress and how it was
// computed; a key result's arithmetic; a cycle's dates. Document text is escaped and
// the markdown is never trusted.
import type { Hover, MarkupContent } from 'vscode-languageserver';
import type { Analysis } from '../okr/analysis/analysis.ts';
import { cycleLength, describeCycle, parseCycle } from '../okr/model/cycles.ts';
import { codeSpan, escapeMarkdown, measuredText, percentText, plural } from '../okr/report/format.ts';
import type { KeyResult } from '../okr/model/model.ts';
import { formatQuantity, type Quantity } from '../okr/model/values.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';
import type { FeatureContext } from './context.ts';
import { alignedObjectives, cycleSourceText, outlineText, settingsLine, timeLeft } from './facts.ts';
import { locate } from './locate.ts';
import type { Position } from '../okr/model/text.ts';

const OBJECTIVE_KEYS = new Set(['aligns', 'cycle', 'level', 'owner', 'status']);
const MEASURE_KEYS = new Set(['start', 'current', 'target', 'progress', 'weight']);

function markdown(lines: string[]): MarkupContent {
  return { kind: 'markdown', value: lines.join('\n\n') };
}

function difference(a: Quantity, b: Quantity): string {
  return formatQuantity({ ...a, value: Math.abs(Number((a.value - b.value).toPrecision(12))) });
}

/** "8 of 12 → 67 %", "done → 100 %"… */
export function keyResultArithmetic(analysis: Analysis, keyResult: KeyResult): string {
  const progress = analysis.progress.keyResult(keyResult);
  const { measure } = analysis.keyResult(keyResult);
  const result = percentText(progress.exact);
  switch (progress.rule) {
    case 'cancelled':
      return 'cancelled: left out of every roll-up';
    case 'checked':
      return `done → ${result}`;
    case 'progress':
      return progress.overAchieved !== undefined
        ? `progress ${Math.round(progress.overAchieved * 1000) / 10} %: over-achieved, counts as ${result} in roll-ups`
        : `progress ${result}`;
    case 'metric': {
      const { start, current, target } = measure.metric!;
      if (start.value === 0) return `${formatQuantity(current)} of ${formatQuantity(target)} → ${result}`;
      return `from ${formatQuantity(start)} to ${formatQuantity(target)}, now ${formatQuantity(current)}: ${difference(current, start)} of ${difference(target, start)} → ${result}`;
    }
    case 'aligned':
      return `mean of the objectives aligned to it → ${result}`;
    case 'unchecked':
      return `open task → ${result}`;
    default:
      return measure.problem ? `unmeasured: ${measure.problem.message}` : 'unmeasured: no target, progress or checkbox';
  }
}

function objectiveHover(analysis: Analysis, node: ObjectiveNode): string[] {
  const { objective } = node;
  const progress = analysis.progress.objective(node);
  const lines = [`**${escapeMarkdown(objective.title)}** ${codeSpan(objective.id ?? '')}`, escapeMarkdown(settingsLine(analysis, node))];
  if (progress.from === 'keyResults') {
    const shares = objective.keyResults
      .filter((kr) => analysis.progress.keyResult(kr).rule !== 'cancelled')
      .map((kr) => {
        const { weight } = analysis.keyResult(kr);
        const w = weight.d === 1n && weight.n === 1n ? '' : ` × weight ${Number(weight.n) / Number(weight.d)}`;
        const { exact } = analysis.progress.keyResult(kr);
        return `- ${escapeMarkdown(kr.title)}: ${exact === null ? '0 % (unmeasured)' : percentText(exact)}${w}`;
      });
    const measured = measuredText(progress.keyResults, progress.measured);
    const of = measured ? `${plural(shares.length, 'key result')} (${measured}; the others count as 0 %)` : plural(shares.length, 'measured key result');
    lines.push(`Progress **${percentText(progress.exact)}**, the weighted mean of ${of}:\n${shares.join('\n')}`);
  } else if (progress.from === 'aligned') {
    lines.push(`Progress **${percentText(progress.exact)}**, the mean of the objectives aligned to it`);
  } else {
    lines.push('Progress: unmeasured');
  }
  const read = [outlineText(objective), cycleSourceText(analysis, node)].filter(Boolean);
  if (read.length > 0) lines.push(escapeMarkdown(read.join(' · ')));
  const left = timeLeft(analysis, node);
  const pace = analysis.progress.pace(node);
  const timing = [left, pace ? `expected ${Math.floor(pace.expected * 100 + 0.5)} % by today${pace.behind ? ', **behind pace**' : ', on pace'}` : undefined];
  if (left) lines.push(timing.filter(Boolean).join(' · '));
  const extra = [...analysis.settings(node).fields.values()].filter((f) => !OBJECTIVE_KEYS.has(f.key));
  if (extra.length > 0) lines.push(extra.map((f) => `${escapeMarkdown(f.key)}: ${escapeMarkdown(f.value)}`).join(' · '));
  const aligned = alignedObjectives(analysis, objective).length;
  lines.push(aligned === 0 ? 'No objective aligns to it' : `${plural(aligned, 'objective')} align${aligned === 1 ? 's' : ''} to it`);
  return lines;
}

export function hover(context: FeatureContext, position: Position): Hover | null {
  const { analysis, document } = context;
  const at = locate(document, position);
  if (!at) return null;
  switch (at.kind) {
    case 'reference': {
      const resolved = analysis.references({ document, objective: at.objective }).find((r) => r.reference === at.reference);
      if (!resolved) return null;
      if (!resolved.resolution.ok) return { contents: markdown([`Unresolved: ${escapeMarkdown(resolved.resolution.message)}`]), range: at.reference.range };
      const { target } = resolved.resolution;
      const lines = objectiveHover(analysis, target.node);
      if (target.kind === 'keyResult') {
        const { keyResult } = target;
        lines.unshift(`Key result **${escapeMarkdown(keyResult.title)}** ${codeSpan(`^${keyResult.id ?? ''}`)}: ${escapeMarkdown(keyResultArithmetic(analysis, keyResult))}`, '---');
      }
      lines.push(codeSpan(`${target.node.document.path}:${target.node.objective.headingRange.start.line + 1}`));
      return { contents: markdown(lines), range: at.reference.range };
    }
    case 'heading':
      return { contents: markdown(objectiveHover(analysis, { document, objective: at.objective })), range: at.objective.headingRange };
    case 'keyResult': {
      const { keyResult } = at;
      const progress = analysis.progress.keyResult(keyResult);
      const lines = [`**${escapeMarkdown(keyResult.title)}**${keyResult.id ? ` ${codeSpan(`^${keyResult.id}`)}` : ''}`, escapeMarkdown(keyResultArithmetic(analysis, keyResult))];
      const extra = [...analysis.keyResult(keyResult).fields.values()].filter((f) => !MEASURE_KEYS.has(f.key));
      if (extra.length > 0) lines.push(extra.map((f) => `${escapeMarkdown(f.key)}: ${escapeMarkdown(f.value)}`).join(' · '));
      if (keyResult.outline) {
        const inferred = keyResult.fields.filter((f) => f.inferred).map((f) => `${escapeMarkdown(f.key)} ${escapeMarkdown(f.value)}`);
        lines.push(`Read from the outline${inferred.length > 0 ? `: ${inferred.join(', ')} as written` : ''}`);
      }
      if (progress.rule === 'aligned') lines.push(`${plural(analysis.childrenOf(keyResult).length, 'objective')} aligned to it`);
      return { contents: markdown(lines), range: keyResult.range };
    }
    case 'cycle': {
      const parsed = parseCycle(at.text, analysis.config.fiscalYearStartMonth);
      const text = parsed.ok ? `${escapeMarkdown(describeCycle(parsed.cycle))}: ${plural(cycleLength(parsed.cycle), 'day')}` : escapeMarkdown(parsed.message);
      return { contents: markdown([text]), range: at.range };
    }
    case 'field': {
      return null;
    }
  }
}
