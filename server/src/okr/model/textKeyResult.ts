// A key result as the parser reads it from a list item: its item's two ranges kept as offsets
// into the document's line table and made when read (a third of a model's range objects were
// key results' own).
import type { Checkbox, Field, KeyResult, OutlineReading } from './model.ts';
import type { LineIndex, Range } from './text.ts';

export class TextKeyResult implements KeyResult {
  title = '';
  id: string | null = null;
  fields: Field[] = [];
  declare outline?: OutlineReading;
  /** The `^id`'s offsets (-1: none), a range only when read. */
  private idStart = -1;
  private idEnd = -1;

  constructor(
    private readonly lines: LineIndex,
    readonly checkbox: Checkbox | null,
    private readonly itemStart: number,
    /** End of the item's first paragraph (or heading). */
    private readonly firstEnd: number,
    private readonly itemEnd: number,
  ) {}

  get idRange(): Range | undefined {
    return this.idStart < 0 ? undefined : this.lines.range(this.idStart, this.idEnd);
  }

  setId(id: string, start: number, end: number): void {
    this.id = id;
    this.idStart = start;
    this.idEnd = end;
  }

  get range(): Range {
    return this.lines.range(this.itemStart, this.firstEnd);
  }

  get itemRange(): Range {
    return this.lines.range(this.itemStart, this.itemEnd);
  }

  /** The shape of a plain key result (LSP, the CLI's JSON, the model cache, parse threads). */
  toJSON(): KeyResult {
    const { title, id, checkbox, fields, range, itemRange, idRange, outline } = this;
    return { title, id, checkbox, fields, range, itemRange, ...(idRange ? { idRange } : {}), ...(outline ? { outline } : {}) };
  }
}
