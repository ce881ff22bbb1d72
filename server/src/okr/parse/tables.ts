// Key results written as table rows (outline reader): a header names the columns (Key
// result, Owner, Progress, Status, Score, Current, Target…); a table with an Objective
// column holds objectives too, a row with an empty objective cell continuing the one above.
import type { Table, TableCell, TableRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { statusOf } from './annotations.ts';
import type { DocumentParser } from './documentParser.ts';
import { endOffset, startOffset } from './markdown.ts';
import type { Field, KeyResult, Objective } from '../model/model.ts';
import type { TextObjective } from '../model/textObjective.ts';

type Column = 'keyResult' | 'objective' | 'objectiveRows' | 'owner' | 'progress' | 'status' | 'score' | 'current' | 'target' | 'start' | 'priority';

const COLUMNS: [Column, RegExp][] = [
  ['keyResult', /^(?:key[ -]?results?|krs?|kr ?#?|results?|measures?|metrics?|measurable results?)$/i],
  ['objective', /^(?:objectives?|goals?)$/i],
  ['owner', /^(?:owners?|dri|lead|responsible|assignee|who)$/i],
  ['progress', /^(?:progress|%|% ?complete|completion|% ?done)$/i],
  ['status', /^(?:status|state)$/i],
  ['score', /^(?:(?:final |end-?q(?:uarter)? )?score|grade|rating|end-?q(?:uarter)?(?: score)?|final)$/i],
  ['current', /^(?:current|actual|now|current value)$/i],
  ['target', /^(?:target|targets|target value)$/i],
  ['start', /^(?:start|baseline|initial|start value)$/i],
  ['priority', /^(?:priority|prio)$/i],
];

const EMPTY_CELL = /^(?:|-|–|—|n\/a|tbd|\?)$/i;

function columnsOf(table: Table): Map<Column, number> {
  const columns = new Map<Column, number>();
  const header = table.children[0];
  header?.children.forEach((cell, index) => {
    const text = toString(cell).replace(/[*_`]/g, '').trim();
    const column = COLUMNS.find(([, pattern]) => pattern.test(text))?.[0];
    if (column && !columns.has(column)) columns.set(column, index);
  });
  // No Key result column, but Owner, Priority, Score…: the first column names the key results
  // (a team's sheet pasted as a table), and its bold rows with nothing else are objectives.
  const described = ['owner', 'priority', 'progress', 'score', 'status'].some((column) => columns.has(column as Column));
  if (!columns.has('keyResult') && !columns.has('objective') && described && !columns.has(firstColumnOf(columns))) {
    columns.set('keyResult', 0);
    columns.set('objectiveRows', 0);
  }
  return columns;
}

function firstColumnOf(columns: Map<Column, number>): Column {
  return [...columns].find(([, index]) => index === 0)?.[0] ?? 'objectiveRows';
}

export function isKeyResultTable(table: Table): boolean {
  const columns = columnsOf(table);
  return columns.has('keyResult') && !columns.has('objective') && !columns.has('objectiveRows');
}

export function isObjectiveTable(table: Table): boolean {
  const columns = columnsOf(table);
  return columns.has('keyResult') && (columns.has('objective') || columns.has('objectiveRows'));
}

/** A row that only holds a bold title in its first cell: an objective's row in a team's sheet. */
function objectiveRowTitle(row: TableRow): string | undefined {
  const [first, ...rest] = row.children;
  if (!first || rest.some((cell) => toString(cell).trim() !== '')) return undefined;
  const strong = first.children.length === 1 && first.children[0]!.type === 'strong';
  const title = toString(first).replace(/\s+/g, ' ').trim();
  return strong && title ? title.replace(/^\d{1,3}[.)]?\s+/, '') : undefined;
}

/** A progress cell as a field value: `63%`, `63` → 63%; a score `0.7` → 70%. */
function progressValue(text: string, fromScore: boolean): string | undefined {
  const match = /^(\d{1,4}(?:\.\d{1,3})?)\s*(%?)$/.exec(text);
  if (!match) return undefined;
  const number = Number(match[1]);
  if (match[2] === '%') return `${match[1]}%`;
  if ((fromScore || match[1]!.includes('.')) && number <= 1) return `${Math.round(number * 1000) / 10}%`;
  return fromScore ? undefined : `${match[1]}%`;
}

function cellField(parser: DocumentParser, cell: TableCell, key: string, value: string): Field {
  // The cell's text, not its pipe and padding.
  const first = cell.children[0];
  const last = cell.children[cell.children.length - 1];
  const range = first && last ? parser.range(startOffset(first), endOffset(last)) : parser.range(startOffset(cell), endOffset(cell));
  return { key, value, range, valueRange: range, inferred: true };
}

function rowKeyResult(parser: DocumentParser, row: TableRow, columns: Map<Column, number>): KeyResult | undefined {
  const cells = row.children;
  const titleCell = cells[columns.get('keyResult')!];
  const title = titleCell ? toString(titleCell).replace(/\s+/g, ' ').trim() : '';
  if (!titleCell || EMPTY_CELL.test(title)) return undefined;
  // "The following not likely to get done:" alone on its row introduces rows; it is not one.
  if (title.endsWith(':') && cells.every((cell) => cell === titleCell || toString(cell).trim() === '')) return undefined;
  const rowRange = parser.range(startOffset(row), endOffset(row));
  const keyResult: KeyResult = { title, id: null, checkbox: null, fields: [], range: rowRange, itemRange: rowRange, outline: { form: 'tableRow', titleStart: parser.lines.positionAt(startOffset(titleCell)) } };
  const text = (column: Column) => {
    const index = columns.get(column);
    const cell = index === undefined ? undefined : cells[index];
    const value = cell ? toString(cell).replace(/\s+/g, ' ').trim() : '';
    return cell && !EMPTY_CELL.test(value) ? { cell, value } : undefined;
  };
  const progress = text('progress');
  const score = text('score');
  const stated = progress && progressValue(progress.value, false);
  const scored = score && progressValue(score.value, true);
  if (progress && stated) keyResult.fields.push(cellField(parser, progress.cell, 'progress', stated));
  else if (score && scored) keyResult.fields.push(cellField(parser, score.cell, 'progress', scored));
  for (const column of ['owner', 'current', 'target', 'start', 'priority'] as const) {
    const found = text(column);
    if (found) keyResult.fields.push(cellField(parser, found.cell, column, found.value));
  }
  const status = text('status');
  if (status) keyResult.fields.push(cellField(parser, status.cell, 'status', statusOf(status.value)));
  return keyResult;
}

/** The key results of a table's rows (after its header). */
export function tableKeyResults(parser: DocumentParser, table: Table): KeyResult[] {
  const columns = columnsOf(table);
  return table.children.slice(1).flatMap((row) => rowKeyResult(parser, row, columns) ?? []);
}

/** Objectives of a table with an Objective column, each with the key results of its rows. */
export function tableObjectives(parser: DocumentParser, table: Table, depth: number): Objective[] {
  const columns = columnsOf(table);
  const objectives: TextObjective[] = [];
  const byRows = columns.has('objectiveRows');
  for (const row of table.children.slice(1)) {
    const cell = row.children[columns.get('objective') ?? 0];
    const rowTitle = byRows ? objectiveRowTitle(row) : undefined;
    const title = byRows ? (rowTitle ?? '') : cell ? toString(cell).replace(/\s+/g, ' ').trim() : '';
    if (cell && !EMPTY_CELL.test(title)) {
      const objective = parser.objective(cell, title, depth, endOffset(row));
      objective.outline = { form: 'tableRow', titleStart: parser.lines.positionAt(startOffset(cell)) };
      objectives.push(objective);
    }
    const current = objectives[objectives.length - 1];
    if (!current || rowTitle) continue;
    const keyResult = rowKeyResult(parser, row, columns);
    if (keyResult) current.keyResults.push(keyResult);
    current.setSection(current.sectionStartOffset, endOffset(row));
  }
  return objectives;
}
