// An objective as the parser reads it: its heading, section and id kept as offsets into the
// document's line table and made into ranges when read (four range and position objects per
// objective were a fifth of the model's objects; issue 16).
import type { Field, KeyResult, Objective, OutlineReading, Reference, WrittenCycle } from './model.ts';
import type { LineIndex, Position, Range } from './text.ts';

export class TextObjective implements Objective {
  id: string | null = null;
  idExplicit = false;
  fields: Field[] = [];
  references: Reference[] = [];
  keyResults: KeyResult[] = [];
  declare outline?: OutlineReading;
  declare writtenCycle?: WrittenCycle;
  /** The `{#id}` braces' offsets (-1: not written). */
  private idStart = -1;
  private idEnd = -1;

  constructor(
    private readonly lines: LineIndex,
    public title: string,
    readonly headingDepth: number,
    private readonly headingStart: number,
    private readonly headingEnd: number,
    /** Where the heading's text ends on its first line. */
    private readonly headingTextEndOffset: number,
    private sectionStart: number,
    private sectionEnd: number,
  ) {}

  get headingRange(): Range {
    return this.lines.range(this.headingStart, this.headingEnd);
  }

  get headingTextEnd(): Position {
    return this.lines.positionAt(this.headingTextEndOffset);
  }

  get sectionRange(): Range {
    return this.lines.range(this.sectionStart, this.sectionEnd);
  }

  /** Offset of the section's start, for readers that widen it. */
  get sectionStartOffset(): number {
    return this.sectionStart;
  }

  setSection(start: number, end: number): void {
    this.sectionStart = start;
    this.sectionEnd = end;
  }

  get idRange(): Range | undefined {
    return this.idStart < 0 ? undefined : this.lines.range(this.idStart, this.idEnd);
  }

  setIdRange(start: number, end: number): void {
    this.idStart = start;
    this.idEnd = end;
  }

  /** The shape of a plain objective (LSP, the CLI's JSON, the model cache, parse threads), keys in the order they always had. */
  toJSON(): Objective {
    const { title, id, idExplicit, headingRange, headingTextEnd, headingDepth, sectionRange, fields, references, keyResults, idRange, outline, writtenCycle } = this;
    return {
      title,
      id,
      idExplicit,
      headingRange,
      headingTextEnd,
      headingDepth,
      sectionRange,
      fields,
      references,
      keyResults,
      ...(idRange ? { idRange } : {}),
      ...(outline ? { outline } : {}),
      ...(writtenCycle ? { writtenCycle } : {}),
    };
  }
}
