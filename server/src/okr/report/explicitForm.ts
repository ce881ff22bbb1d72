// The explicit form of a document read from its outline (`okr fmt`, and the code action):
// what was inferred is written out — `Objective:` headings with `{#id}`, `KR:` items,
// `[progress:: …]` and the other fields, `cycle::`, and `aligns::` for nesting — and every
// other line is left as it was. Objectives written as list items, bold paragraphs or table
// rows become headings (their nested lines move left), since the strict form has only those.
import type { Analysis } from '../analysis/analysis.ts';
import { normaliseCycleSpelling } from '../model/cycleSpellings.ts';
import { parseDocument } from '../parse/parse.ts';
import type { Field, KeyResult, Objective, OkrDocument } from '../model/model.ts';
import { LineIndex, type Range } from '../model/text.ts';
import { bracketField, dedentColumns, statusBox, tableAsList, type TableRows } from './explicitLines.ts';

interface LineReplacement {
  /** Lines [first, last] are replaced by `lines`. */
  first: number;
  last: number;
  lines: string[];
}

/** A change inside one line: columns [start, end) become `text`. */
interface ColumnEdit {
  line: number;
  start: number;
  end: number;
  text: string;
}

const HEADING_LINE = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const TABLE_LINE = /^\s*\|/;

function fieldLine(field: Field): string {
  return `${field.key}:: ${field.value}`;
}

class ExplicitForm {
  private readonly lines: string[];
  private readonly eol: string;
  private readonly replacements: LineReplacement[] = [];
  private readonly columnEdits: ColumnEdit[] = [];
  /** Columns to strip from the start of a line (the nested lines of a list objective). */
  private readonly dedent = new Map<number, number>();
  private readonly inserted = new Map<number, string[]>();
  /** Tables to write as lists, by the line of their header. */
  private readonly tables = new Map<number, TableRows>();
  /** For each line, the depth of the last ATX heading at or above it (0: none). */
  private headingDepths?: number[];

  constructor(
    private readonly analysis: Analysis,
    private readonly document: OkrDocument,
    private readonly text: string,
  ) {
    const index = new LineIndex(text);
    this.lines = index.lineStarts.map((start, line) => text.slice(start, index.lineEnd(line)));
    this.eol = /\r\n/.test(text) ? '\r\n' : '\n';
  }

  /** The whole text in the explicit form; the text itself when nothing was inferred. */
  rewrite(): string {
    const inferred = this.document.objectives.filter((objective) => objective.outline);
    if (inferred.length === 0) return this.text;
    for (const objective of inferred) this.objective(objective);
    return this.render();
  }

  private objective(objective: Objective): void {
    const outline = objective.outline!;
    const head = objective.headingRange;
    const extra = this.fieldLines(objective);
    if (outline.form === 'heading') {
      if (outline.labelRange) this.edit(outline.labelRange, 'Objective: ');
      else this.edit({ start: outline.titleStart, end: outline.titleStart }, 'Objective: ');
      for (const field of objective.fields) if (field.inferred && field.range.start.line === head.start.line) this.remove(field.range);
      if (!objective.idExplicit && objective.id) this.edit({ start: objective.headingTextEnd, end: objective.headingTextEnd }, ` {#${objective.id}}`);
      this.insertAfter(head.end.line, extra);
    } else if (outline.form === 'tableRow') {
      this.tableOf(head.start.line).objectives.set(head.start.line, objective);
    } else {
      this.replacements.push({ first: head.start.line, last: head.end.line, lines: this.headingLines(objective, this.headText(objective), extra) });
      if (outline.form === 'listItem') this.dedentBody(objective);
    }
    for (const field of objective.fields) {
      if (!field.inferred || outline.form === 'tableRow' || (field.range.start.line >= head.start.line && field.range.start.line <= head.end.line)) continue;
      this.replacements.push({ first: field.range.start.line, last: field.range.end.line, lines: [] });
    }
    for (const keyResult of objective.keyResults) this.keyResult(keyResult);
  }

  /** `## Objective: title {#id}`, a blank line, and the field lines. */
  private headingLines(objective: Objective, title: string, extra: string[]): string[] {
    const id = objective.idExplicit || !objective.id ? '' : ` {#${objective.id}}`;
    return [`${'#'.repeat(this.depthOf(objective))} Objective: ${title}${id}`, '', ...(extra.length > 0 ? [...extra, ''] : [])];
  }

  /** The title as written (links, code, emphasis and `{#id}` kept), without label and annotations. */
  private headText(objective: Objective): string {
    const head = objective.headingRange;
    const cuts: Range[] = [
      ...(objective.outline?.labelRange ? [objective.outline.labelRange] : []),
      ...objective.fields.filter((field) => field.inferred && field.range.start.line >= head.start.line && field.range.start.line <= head.end.line).map((field) => field.range),
    ];
    const parts: string[] = [];
    for (let line = head.start.line; line <= head.end.line; line++) {
      let text = this.lines[line]!;
      for (const cut of cuts.filter((c) => c.start.line === line)) {
        const end = cut.end.line === line ? cut.end.character : text.length;
        text = text.slice(0, cut.start.character) + ' '.repeat(end - cut.start.character) + text.slice(end);
      }
      const from = line === head.start.line ? head.start.character : 0;
      const to = line === head.end.line ? head.end.character : text.length;
      parts.push(text.slice(from, to).trim());
    }
    return parts.join(' ').replace(/\s+/g, ' ').replace(/^\|\s*|\s*\|$/g, '').trim();
  }

  /** The table holding `line`, registered once with its rows. */
  private tableOf(line: number): TableRows {
    let first = line;
    while (first > 0 && TABLE_LINE.test(this.lines[first - 1]!)) first--;
    let table = this.tables.get(first);
    if (table) return table;
    let last = line;
    while (last + 1 < this.lines.length && TABLE_LINE.test(this.lines[last + 1]!)) last++;
    table = { first, lines: this.lines.slice(first, last + 1), keyResults: new Map(), objectives: new Map() };
    this.tables.set(first, table);
    return table;
  }

  /** `owner:: …`, `cycle:: …`, `aligns:: …` lines for what was inferred about an objective. */
  private fieldLines(objective: Objective): string[] {
    const lines = objective.fields.filter((field) => field.inferred).map(fieldLine);
    const node = this.analysis.nodeOf(objective);
    const settings = node && this.analysis.settings(node);
    const source = settings?.cycleSource;
    if (settings?.cycle && source && source.kind !== 'field' && source.kind !== 'frontmatter') {
      lines.push(`cycle:: ${normaliseCycleSpelling(settings.cycle.label) ?? settings.cycle.label}`);
    }
    for (const reference of objective.references) if (reference.inferred) lines.push(`aligns:: ${reference.text}`);
    return lines;
  }

  private keyResult(keyResult: KeyResult): void {
    const outline = keyResult.outline;
    if (!outline) return;
    if (outline.form === 'tableRow') {
      this.tableOf(keyResult.range.start.line).keyResults.set(keyResult.range.start.line, keyResult);
      return;
    }
    const { box, status } = statusBox(keyResult);
    const moved = keyResult.fields.filter((field) => field.inferred && field !== status);
    if (outline.form === 'heading') {
      // A key result written as a heading becomes a list item (the strict form has no others).
      const first = keyResult.range.start.line;
      this.replacements.push({ first, last: first, lines: [`- ${box}KR: ${keyResult.title} ${moved.map(bracketField).join(' ')}`.trimEnd()] });
      return;
    }
    if (outline.labelRange) this.edit(outline.labelRange, `${box}KR: `);
    else this.edit({ start: outline.titleStart, end: outline.titleStart }, `${box}KR: `);
    for (const field of keyResult.fields) if (field.inferred) this.remove(field.range);
    if (moved.length > 0) {
      const at = keyResult.idRange?.start ?? keyResult.range.end;
      this.edit({ start: at, end: at }, keyResult.idRange ? `${moved.map(bracketField).join(' ')} ` : ` ${moved.map(bracketField).join(' ')}`);
    }
  }

  /** One deeper than the heading above it, and one more per objective it is nested in that is not a heading. */
  private depthOf(objective: Objective): number {
    if (!this.headingDepths) {
      let depth = 0;
      this.headingDepths = this.lines.map((line) => (depth = HEADING_LINE.exec(line)?.[1]!.length ?? depth));
    }
    const above = this.headingDepths[objective.headingRange.start.line - 1] || 1;
    let nesting = 0;
    const seen = new Set<Objective>();
    for (let parent = this.parentOf(objective); parent && !seen.has(parent) && parent.outline?.form !== 'heading'; parent = this.parentOf(parent)) {
      seen.add(parent);
      nesting++;
    }
    return Math.min(6, above + 1 + nesting);
  }

  /** The objective an objective is nested in (its inferred reference), if any. */
  private parentOf(objective: Objective): Objective | undefined {
    const reference = objective.references.find((r) => r.inferred);
    if (!reference?.fragment) return undefined;
    return this.byId().get(reference.fragment)?.find((o) => contains(o.sectionRange, objective.headingRange));
  }

  private ids?: Map<string, Objective[]>;

  private byId(): Map<string, Objective[]> {
    if (!this.ids) {
      this.ids = new Map();
      for (const o of this.document.objectives) if (o.id) this.ids.set(o.id, [...(this.ids.get(o.id) ?? []), o]);
    }
    return this.ids;
  }

  private dedentBody(objective: Objective): void {
    const prefix = this.lines[objective.headingRange.start.line]!.slice(0, objective.headingRange.start.character);
    const column = [...prefix].reduce((c, ch) => (ch === '\t' ? c + 4 - (c % 4) : c + 1), 0);
    for (let line = objective.headingRange.end.line + 1; line <= objective.sectionRange.end.line; line++) {
      this.dedent.set(line, Math.max(this.dedent.get(line) ?? 0, column));
    }
  }

  private insertAfter(line: number, fields: string[]): void {
    if (fields.length === 0) return;
    const next = this.lines[line + 1];
    this.inserted.set(line, ['', ...fields, ...(next !== undefined && next.trim() !== '' ? [''] : [])]);
  }

  private edit(range: Range, text: string): void {
    this.columnEdits.push({ line: range.start.line, start: range.start.character, end: range.start.line === range.end.line ? range.end.character : this.lines[range.start.line]!.length, text });
  }

  /** Removes what a range covers on its line, with the spaces before it. */
  private remove(range: Range): void {
    const line = this.lines[range.start.line]!;
    let start = range.start.character;
    while (start > 0 && (line[start - 1] === ' ' || line[start - 1] === '\t')) start--;
    const end = range.start.line === range.end.line ? range.end.character : line.length;
    // A leading annotation (`[P1] Fix login`) takes the spaces after it instead.
    if (/^\s*(?:#{1,6}\s+)?(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX-]\]\s*)?$/.test(line.slice(0, range.start.character))) {
      let after = end;
      while (after < line.length && (line[after] === ' ' || line[after] === '\t')) after++;
      this.columnEdits.push({ line: range.start.line, start: range.start.character, end: after, text: '' });
      return;
    }
    this.columnEdits.push({ line: range.start.line, start, end, text: '' });
  }

  private render(): string {
    const byLine = new Map<number, ColumnEdit[]>();
    for (const edit of this.columnEdits) byLine.set(edit.line, [...(byLine.get(edit.line) ?? []), edit]);
    const out: string[] = [];
    for (const table of this.tables.values()) {
      // A team sheet's bold row `**1 Finish X**` is the objective `Finish X`.
      const title = (objective: Objective) => this.headText(objective).replace(/^(\*\*|__)?\d{1,3}[.)]?\s+/, '$1');
      const heading = (objective: Objective) => this.headingLines(objective, title(objective), this.fieldLines(objective));
      this.replacements.push({ first: table.first, last: table.first + table.lines.length - 1, lines: tableAsList(table, heading) });
    }
    const replacedFrom = new Map(this.replacements.map((r) => [r.first, r]));
    for (let line = 0; line < this.lines.length; line++) {
      const replacement = replacedFrom.get(line);
      if (replacement) {
        // A heading starts a block: a blank line before it (MD022), unless there is one.
        if (replacement.lines[0]?.startsWith('#') && out.length > 0 && out[out.length - 1]!.trim() !== '') out.push('');
        out.push(...replacement.lines);
        line = replacement.last;
        continue;
      }
      let text = this.lines[line]!;
      const edits = (byLine.get(line) ?? []).sort((a, b) => b.start - a.start || b.end - a.end);
      // Right to left; an edit never reaches into one already made (overlaps are clipped).
      let limit = text.length;
      for (const edit of edits) {
        const end = Math.min(edit.end, limit);
        if (edit.start > end) continue;
        text = text.slice(0, edit.start) + edit.text + text.slice(end);
        limit = edit.start;
      }
      const strip = this.dedent.get(line) ?? 0;
      if (strip > 0) text = dedentColumns(text, strip);
      out.push(text);
      const after = this.inserted.get(line);
      if (after) out.push(...after);
    }
    return out.join(this.eol);
  }
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end) && !(outer.start.line === inner.start.line && outer.start.character === inner.start.character);
}

/** What a reader takes from a document: objectives, their key results and what they are nested in. */
function meaningOf(document: OkrDocument): string[] {
  const titleOf = (id: string | undefined) => document.objectives.find((o) => o.id === id)?.title ?? id;
  return document.objectives.map((objective) => {
    const parents = objective.references.map((r) => (r.target === '' && r.fragment !== undefined ? `#${titleOf(r.fragment)}` : r.text));
    return JSON.stringify([objective.title, objective.keyResults.map((kr) => kr.title), parents]);
  });
}

export interface ExplicitFormResult {
  /** The text in the explicit form; the text as it was when nothing was inferred or on a problem. */
  text: string;
  /** Why the document is left as it is: the rewrite would not read the same. */
  problem?: string;
}

/**
 * The document in the explicit form, checked by reading it again: a rewrite that would change
 * which objectives, key results or nesting a reader finds is not made, and says where.
 */
export function explicitFormOf(analysis: Analysis, document: OkrDocument, text: string): ExplicitFormResult {
  const rewritten = new ExplicitForm(analysis, document, text).rewrite();
  if (rewritten === text) return { text };
  const after = parseDocument(document.path, rewritten, document.configuredLevel);
  const before = meaningOf(document);
  const now = meaningOf(after);
  const at = before.findIndex((line, i) => line !== now[i]);
  if (at < 0 && before.length === now.length && after.objectives.every((o) => !o.outline)) return { text: rewritten };
  const objective = document.objectives[at >= 0 ? at : Math.min(before.length, now.length)] ?? document.objectives[0];
  const where = objective ? ` at "${objective.title}" (line ${objective.headingRange.start.line + 1})` : '';
  return { text, problem: `written explicitly it would not read the same${where}: its key results or nesting would move; make that part explicit by hand` };
}

/** The document in the explicit form (the same text when nothing in it was inferred, or on a problem). */
export function explicitForm(analysis: Analysis, document: OkrDocument, text: string): string {
  return explicitFormOf(analysis, document, text).text;
}
