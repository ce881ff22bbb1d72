// The effective level, cycle, owner and status of an objective: its own fields first,
// then the frontmatter (SPEC §2), with the problems of how they are written.
import { fieldOf, firstOfEachKey } from './firstFields.ts';
import type { OkrConfig } from './config.ts';
import { parseCycle, type Cycle } from '../model/cycles.ts';
import { findCycleInPath } from '../model/cycleSpellings.ts';
import { makeDiagnostic, type Diagnostic } from '../model/diagnostics.ts';
import type { Field, Level, Objective, OkrDocument, Status } from '../model/model.ts';
import type { Range } from '../model/text.ts';

const SINGLE_VALUED = new Set(['cycle', 'level', 'owner', 'status']);

/**
 * - `valid`: the cycle parses; `missing`: nothing sets it;
 * - `invalid`: it does not parse (reported where written);
 * - `unknown`: the frontmatter that should give it is broken (no further checks).
 */
/** `Invalid cycle "2026-13": month 13 does not exist…`: the cycle's own message says why. */
export function invalidCycleMessage(written: string, why: string): string {
  return `Invalid cycle "${written}": ${why}`;
}

export type CycleState = 'valid' | 'missing' | 'invalid' | 'unknown';

export interface ObjectiveSettings {
  level?: Level;
  /** The level was written somewhere (valid or not) or its source is broken: no level-missing. */
  levelAttempted: boolean;
  cycle?: Cycle;
  cycleState: CycleState;
  /** Where cycle diagnostics go: the `cycle::` field, else the heading. */
  cycleLine: Range;
  /** Where the cycle came from (hover says so); outline-read objectives may take it from the text. */
  cycleSource?: CycleSource;
  owner?: string;
  status: Status;
  /** The first field of each key (the objective's own list when no key repeats). */
  fields: readonly Field[];
  problems: Diagnostic[];
}

export type CycleSource =
  | { kind: 'field' | 'frontmatter' }
  | { kind: 'heading' | 'title'; range: Range; label: string }
  | { kind: 'path'; label: string };

export interface DocumentCycle {
  cycle?: Cycle;
  state: CycleState;
}

/** The frontmatter's cycle; an invalid one is reported once, on its line, by the caller. */
export function documentCycle(document: OkrDocument, config: OkrConfig): DocumentCycle & { message?: string } {
  const { frontmatter } = document;
  if (frontmatter.broken || frontmatter.invalidKeys.includes('cycle')) return { state: 'unknown' };
  if (!frontmatter.cycle) return { state: 'missing' };
  const parsed = parseCycle(frontmatter.cycle.value, config.fiscalYearStartMonth);
  return parsed.ok ? { cycle: parsed.cycle, state: 'valid' } : { state: 'invalid', message: parsed.message };
}

/**
 * An objective read from the outline takes its cycle, when no field or frontmatter gives one,
 * from the heading above it, the document's title, then the file and folder names.
 */
function writtenCycle(document: OkrDocument, objective: Objective, config: OkrConfig, settings: ObjectiveSettings): void {
  const written = objective.writtenCycle;
  if (written) {
    const parsed = parseCycle(written.label, config.fiscalYearStartMonth);
    if (parsed.ok) {
      settings.cycle = parsed.cycle;
      settings.cycleState = 'valid';
      settings.cycleSource = { kind: written.source, range: written.range, label: written.label };
      return;
    }
  }
  const fromPath = findCycleInPath(document.path, config.fiscalYearStartMonth);
  if (fromPath) {
    settings.cycle = fromPath.cycle;
    settings.cycleState = 'valid';
    settings.cycleSource = { kind: 'path', label: fromPath.label };
  }
}

export function objectiveSettings(
  document: OkrDocument,
  objective: Objective,
  inherited: DocumentCycle,
  config: OkrConfig,
): ObjectiveSettings {
  const problems: Diagnostic[] = [];
  const fields = firstOfEachKey(objective.fields, (field, first) => {
    if (!SINGLE_VALUED.has(field.key)) return;
    problems.push(makeDiagnostic('field-invalid', field.range, `The field ${field.key}:: is already set to "${first.value}" on line ${first.range.start.line + 1}; this one is ignored`));
  });
  const { frontmatter } = document;
  const settings: ObjectiveSettings = {
    levelAttempted: false,
    cycleState: 'missing',
    cycleLine: objective.headingRange,
    status: 'active',
    fields,
    problems,
  };

  const levelField = fieldOf(fields, 'level');
  if (levelField) {
    settings.levelAttempted = true;
    const value = levelField.value.toLowerCase();
    if (value === 'strategic' || value === 'operational') settings.level = value;
    else problems.push(makeDiagnostic('field-invalid', levelField.range, `The level must be "strategic" or "operational", not "${levelField.value}"`));
  } else if (frontmatter.okr) {
    settings.level = frontmatter.okr.value as Level;
    settings.levelAttempted = true;
  } else if (frontmatter.broken || frontmatter.invalidKeys.includes('okr')) {
    settings.levelAttempted = true;
  } else if (document.configuredLevel) {
    settings.level = document.configuredLevel;
    settings.levelAttempted = true;
  }

  const cycleField = fieldOf(fields, 'cycle');
  if (cycleField) {
    settings.cycleLine = cycleField.range;
    const parsed = parseCycle(cycleField.value, config.fiscalYearStartMonth);
    if (parsed.ok) {
      settings.cycle = parsed.cycle;
      settings.cycleState = 'valid';
    } else {
      settings.cycleState = 'invalid';
      problems.push(makeDiagnostic('cycle-invalid', cycleField.range, invalidCycleMessage(cycleField.value, parsed.message)));
    }
    settings.cycleSource = { kind: 'field' };
  } else {
    settings.cycleState = inherited.state;
    if (inherited.cycle) {
      settings.cycle = inherited.cycle;
      settings.cycleSource = { kind: 'frontmatter' };
    } else if (inherited.state === 'missing' && objective.outline) writtenCycle(document, objective, config, settings);
  }

  const ownerField = fieldOf(fields, 'owner');
  if (ownerField?.value) settings.owner = ownerField.value;
  else if (frontmatter.owner?.value) settings.owner = frontmatter.owner.value;

  const statusField = fieldOf(fields, 'status');
  if (statusField) {
    const value = statusField.value.toLowerCase();
    if (value === 'active' || value === 'dropped') settings.status = value;
    else problems.push(makeDiagnostic('field-invalid', statusField.range, `The status must be "active" or "dropped", not "${statusField.value}"`));
  }
  return settings;
}
