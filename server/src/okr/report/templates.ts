// New OKR documents, as text: a strategic document and an operational one aligned to it,
// valid for the engine and markdownlint-clean (a blank line after each heading, before the
// fields). Pure, so that `okr init` and the editor's "new document" commands can share it.
import { slugify } from '../model/ids.ts';

/** YAML-safe scalar: quoted when it could be read as something else. */
function yamlScalar(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} _.,'()/&-]*$/u.test(text) && !/^(true|false|null|yes|no|on|off|~)$/i.test(text) ? text : JSON.stringify(text);
}

/** Headings hold one line; keep user text from breaking the structure. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

export interface StrategicTemplate {
  /** Objective title. */
  title: string;
  cycle: string;
  owner?: string;
}

/** Frontmatter, a title heading and the objective heading, with a blank line after each heading. */
function documentHead(level: 'strategic' | 'operational', cycle: string, owner: string | undefined, objective: string, id: string): string[] {
  return [
    '---',
    `okr: ${level}`,
    `cycle: ${yamlScalar(cycle)}`,
    ...(owner ? [`owner: ${yamlScalar(oneLine(owner))}`] : []),
    '---',
    `# OKRs, ${cycle}`,
    '',
    `## Objective: ${objective} {#${id}}`,
    '',
  ];
}

/** The id a template gives the objective titled `title`. */
export function templateObjectiveId(title: string): string {
  return slugify(oneLine(title)) || 'objective';
}

/** The block id of the template's first key result (the one to align to) under objective `id`. */
export function templateFirstKeyResultId(id: string): string {
  return `${id}-kr1`;
}

export function strategicDocument({ title, cycle, owner }: StrategicTemplate): string {
  const objective = oneLine(title) || 'Describe the outcome you want';
  const id = templateObjectiveId(objective);
  return [
    ...documentHead('strategic', cycle, owner, objective, id),
    `- KR: A first measurable result  [start:: 0]  [target:: 100]  [current:: 0] ^${templateFirstKeyResultId(id)}`,
    `- KR: A second measurable result  [start:: 0%]  [target:: 50%]  [current:: 0%] ^${id}-kr2`,
    `- [ ] KR: A milestone to reach ^${id}-kr3`,
    '',
  ].join('\n');
}

export interface OperationalTemplate {
  title: string;
  cycle: string;
  /** What it aligns to: `csat` or `csat#nps`. */
  alignsTo: string;
  owner?: string;
}

export function operationalDocument({ title, cycle, alignsTo, owner }: OperationalTemplate): string {
  const objective = oneLine(title) || 'Describe what you will do';
  const id = templateObjectiveId(objective);
  return [
    ...documentHead('operational', cycle, owner, objective, id),
    `aligns:: [[${alignsTo}]]`,
    '',
    `- KR: A first measurable result  [start:: 0]  [target:: 10]  [current:: 0] ^${templateFirstKeyResultId(id)}`,
    `- [ ] KR: A task that moves it ^${id}-kr2`,
    '',
  ].join('\n');
}

/** Where a new document goes by default: `okrs/<cycle>/<slug>.md`. */
export function defaultDocumentPath(cycle: string, title: string): string {
  const folder = cycle.replace(/\.\./g, '--').replace(/[^\p{L}\p{N}.-]+/gu, '-');
  return `okrs/${folder}/${slugify(oneLine(title)) || 'okrs'}.md`;
}
