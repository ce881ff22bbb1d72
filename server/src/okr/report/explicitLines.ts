// Line-level pieces of the explicit form (explicitForm.ts): a table of key results (or of
// objectives) as list items that keep every cell, and indentation removed by columns.
import type { Field, KeyResult, Objective } from '../model/model.ts';

export function bracketField(field: Field): string {
  return `[${field.key}:: ${field.value}]`;
}

/** `[x] ` for a key result read as done, `[-] ` for dropped: only when no number says otherwise. */
export function statusBox(keyResult: KeyResult): { box: string; status?: Field } {
  if (keyResult.checkbox !== null) return { box: '' };
  const status = keyResult.fields.find((field) => field.inferred && field.key === 'status');
  const measured = keyResult.fields.some((field) => ['progress', 'target', 'current'].includes(field.key));
  if (status?.value === 'dropped') return { box: '[-] ', status };
  if (status?.value === 'done' && !measured) return { box: '[x] ', status };
  return { box: '' };
}

/** The cells of a table row as written, `\|` kept inside a cell. */
export function tableCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\' && line[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (line[i] === '|') {
      cells.push(cell);
      cell = '';
    } else cell += line[i];
  }
  cells.push(cell);
  if (line.trimStart().startsWith('|')) cells.shift();
  if (line.trimEnd().endsWith('|') && !line.trimEnd().endsWith('\\|')) cells.pop();
  return cells.map((text) => text.trim());
}

const EMPTY = /^(?:|-|–|—)$/;
/** The header of the key-result column (as tables.ts reads it); else the first column holds them. */
const KEY_RESULT_COLUMN = /^(?:key[ -]?results?|krs?|kr ?#?|results?|measures?|metrics?|measurable results?)$/i;

export interface TableRows {
  /** The table's lines, header first. */
  lines: string[];
  /** Line number of the header. */
  first: number;
  keyResults: Map<number, KeyResult>;
  objectives: Map<number, Objective>;
}

/**
 * The table as list items, every cell kept: a key-result row becomes `- KR: title [field:: …]`
 * with the cells not read as fields as nested `Column: text` items; an objective's row a
 * heading (`heading` gives its line); any other row a plain item with its cells.
 */
export function tableAsList(table: TableRows, heading: (objective: Objective) => string[]): string[] {
  const header = tableCells(table.lines[0] ?? '');
  const out: string[] = [];
  table.lines.forEach((text, i) => {
    if (i < 2) return; // header and delimiter row
    const line = table.first + i;
    const cells = tableCells(text);
    const objective = table.objectives.get(line);
    if (objective) {
      if (out.length > 0) out.push('');
      out.push(...heading(objective));
    }
    const keyResult = table.keyResults.get(line);
    if (!keyResult) {
      const kept = cells.filter((cell, c) => !EMPTY.test(cell) && !(objective && c === objectiveColumn(header, cells, objective)));
      if (kept.length > 0) out.push(`- ${kept.join(' | ')}`);
      return;
    }
    out.push(...keyResultRow(keyResult, header, cells, objective));
  });
  return out;
}

/** The column of the objective's title: the one whose text is its title (else the first). */
function objectiveColumn(header: string[], cells: string[], objective: Objective): number {
  const at = cells.findIndex((cell) => cell.replace(/[*_]/g, '').trim() === objective.title);
  return at >= 0 ? at : header.length > 0 ? 0 : -1;
}

function keyResultRow(keyResult: KeyResult, header: string[], cells: string[], objective: Objective | undefined): string[] {
  const { box, status } = statusBox(keyResult);
  const named = header.findIndex((cell) => KEY_RESULT_COLUMN.test(cell.replace(/[*_`]/g, '').trim()));
  const titleAt = named >= 0 ? named : 0;
  const fields = keyResult.fields.filter((field) => field !== status && !/[[\]]/.test(field.value));
  const fieldValues = new Set(fields.map((field) => field.value));
  const notes: string[] = [];
  cells.forEach((cell, c) => {
    if (c === titleAt || EMPTY.test(cell)) return;
    if (objective && c === objectiveColumn(header, cells, objective)) return;
    if (fieldValues.has(cell) || (status && cell.toLowerCase() === status.value)) return;
    notes.push(`  - ${header[c] ?? 'Note'}: ${cell}`);
  });
  const title = titleAt >= 0 ? cells[titleAt]! : keyResult.title;
  return [`- ${box}KR: ${title} ${fields.map(bracketField).join(' ')}`.trimEnd(), ...notes];
}

/** Leading whitespace worth `columns` columns removed (a tab reaches the next multiple of 4). */
export function dedentColumns(line: string, columns: number): string {
  let column = 0;
  let i = 0;
  while (i < line.length && column < columns && (line[i] === ' ' || line[i] === '\t')) {
    column = line[i] === '\t' ? column + 4 - (column % 4) : column + 1;
    i++;
  }
  // A tab that went past the columns leaves the rest as spaces.
  return ' '.repeat(Math.max(0, column - columns)) + line.slice(i);
}
