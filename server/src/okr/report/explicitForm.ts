// The explicit form of a document read from its outline (`okr fmt`, and the code action):
// what was inferred is written out — `Objective:` headings with `{#id}`, `KR:` items,
// `[progress:: …]` and the other fields, `cycle::`, and `aligns::` for nesting — and every
// other line is left as it was. Objectives written as list items, bold paragraphs or table
// rows become headings (their nested lines move left), since the strict form has only those.
import type { Analysis } from '../analysis/analysis.ts';
import { normaliseCycleSpelling } from '../model/cycleSpellings.ts';
import type { Field, KeyResult, Objective, OkrDocument } from '../model/model.ts';
import { LineIndex, type Range } from '../model/text.ts';

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

/** `owner:: @alice` lines for the inferred fields of an objective, and which ranges they came from. */
function fieldLine(field: Field): string {
  return `${field.key}:: ${field.value}`;
}

function bracketField(field: Field): string {
  return `[${field.key}:: ${field.value}]`;
}

/** `- [x] KR: title [owner:: …]` for a key result read from a table row (done and dropped as boxes). */
function keyResultItem(keyResult: KeyResult): string {
  const status = keyResult.fields.find((field) => field.key === 'status' && field.inferred);
  const box = status?.value === 'done' ? '[x] ' : status?.value === 'dropped' ? '[-] ' : '';
  const fields = keyResult.fields.filter((field) => !(box && field === status));
  return `- ${box}KR: ${keyResult.title} ${fields.map(bracketField).join(' ')}`.trimEnd();
}

export class ExplicitForm {
  private readonly lines: string[];
  private readonly eol: string;
  private readonly replacements: LineReplacement[] = [];
  private readonly columnEdits: ColumnEdit[] = [];
  /** Columns to strip from the start of a line (the nested lines of a list objective). */
  private readonly dedent = new Map<number, number>();
  private readonly inserted = new Map<number, string[]>();
  private readonly tables = new Set<number>();

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
    const title = `Objective: ${objective.title}${objective.idExplicit ? '' : ` {#${objective.id ?? ''}}`}`.replace(/ \{#\}$/, '');
    if (outline.form === 'heading') {
      if (outline.labelRange) this.edit(outline.labelRange, 'Objective: ');
      else this.edit({ start: outline.titleStart, end: outline.titleStart }, 'Objective: ');
      for (const field of objective.fields) if (field.inferred && field.range.start.line === head.start.line) this.remove(field.range);
      if (!objective.idExplicit && objective.id) this.edit({ start: objective.headingTextEnd, end: objective.headingTextEnd }, ` {#${objective.id}}`);
      this.insertAfter(head.end.line, extra);
    } else if (outline.form === 'tableRow') {
      this.tableObjective(objective, title, extra);
      return;
    } else {
      const depth = this.depthOf(objective);
      this.replacements.push({ first: head.start.line, last: head.end.line, lines: [`${'#'.repeat(depth)} ${title}`, '', ...(extra.length > 0 ? [...extra, ''] : [])] });
      if (outline.form === 'listItem') this.dedentBody(objective);
    }
    for (const field of objective.fields) {
      if (field.inferred && field.range.start.line !== head.start.line) this.replacements.push({ first: field.range.start.line, last: field.range.end.line, lines: [] });
    }
    for (const keyResult of objective.keyResults) this.keyResult(keyResult);
    this.keyResultTables(objective);
  }

  /** Key results written as table rows under an objective's heading: the table becomes a list. */
  private keyResultTables(objective: Objective): void {
    for (const keyResult of objective.keyResults) {
      if (keyResult.outline?.form !== 'tableRow') continue;
      const [first, last] = this.tableAround(keyResult.range.start.line);
      if (!this.tables.has(first)) {
        this.tables.add(first);
        this.replacements.push({ first, last, lines: [] });
      }
      this.replacements.find((r) => r.first === first)!.lines.push(keyResultItem(keyResult));
    }
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
    if (!outline || outline.form === 'tableRow') return;
    const status = keyResult.fields.find((field) => field.inferred && field.key === 'status');
    const box = keyResult.checkbox === null && status?.value === 'done' ? '[x] ' : keyResult.checkbox === null && status?.value === 'dropped' ? '[-] ' : '';
    const moved = keyResult.fields.filter((field) => field.inferred && field !== (box ? status : undefined));
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

  /** A table of objectives (or of key results under one) becomes headings and list items. */
  private tableObjective(objective: Objective, title: string, extra: string[]): void {
    const [first, last] = this.tableAround(objective.headingRange.start.line);
    if (!this.tables.has(first)) {
      this.tables.add(first);
      this.replacements.push({ first, last, lines: [] });
    }
    const replacement = this.replacements.find((r) => r.first === first)!;
    const depth = this.depthOf(objective);
    if (replacement.lines.length > 0) replacement.lines.push('');
    replacement.lines.push(`${'#'.repeat(depth)} ${title}`, '', ...(extra.length > 0 ? [...extra, ''] : []));
    for (const keyResult of objective.keyResults) replacement.lines.push(keyResultItem(keyResult));
  }

  /** The lines of the table holding `line`: contiguous lines that open with `|`. */
  private tableAround(line: number): [number, number] {
    let first = line;
    let last = line;
    while (first > 0 && TABLE_LINE.test(this.lines[first - 1]!)) first--;
    while (last + 1 < this.lines.length && TABLE_LINE.test(this.lines[last + 1]!)) last++;
    return [first, last];
  }

  /** One deeper than the heading above it, and one more per list objective it is nested in. */
  private depthOf(objective: Objective): number {
    let above = 1;
    for (let line = objective.headingRange.start.line - 1; line >= 0; line--) {
      const match = HEADING_LINE.exec(this.lines[line]!);
      if (match) {
        above = match[1]!.length;
        break;
      }
    }
    const nesting = this.document.objectives.filter(
      (other) => other !== objective && other.outline && other.outline.form !== 'heading' && contains(other.sectionRange, objective.headingRange),
    ).length;
    return Math.min(6, above + 1 + nesting);
  }

  private dedentBody(objective: Objective): void {
    const column = objective.headingRange.start.character;
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
    if (start === 0 || /^\s*(?:[-*+]|\d+[.)])\s*(?:\[[ xX-]\]\s*)?$/.test(line.slice(0, start))) {
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
      for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      const strip = this.dedent.get(line) ?? 0;
      if (strip > 0) text = text.slice(Math.min(strip, text.length - text.trimStart().length));
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

/** The document in the explicit form (the same text when nothing in it was inferred). */
export function explicitForm(analysis: Analysis, document: OkrDocument, text: string): string {
  return new ExplicitForm(analysis, document, text).rewrite();
}
