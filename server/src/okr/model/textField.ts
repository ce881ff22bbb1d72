// A field as the parser reads it from the text: its two ranges kept as offsets into the
// document's line table and made when read. A model holds about eleven fields per objective;
// two range objects each were 96 of their 152 bytes.
import type { Field } from './model.ts';
import type { LineIndex, Range } from './text.ts';

export class TextField implements Field {
  constructor(
    private readonly lines: LineIndex,
    public key: string,
    public value: string,
    private readonly start: number,
    private readonly end: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
  ) {}

  get range(): Range {
    return this.lines.range(this.start, this.end);
  }

  get valueRange(): Range {
    return this.lines.range(this.valueStart, this.valueEnd);
  }

  /** The shape of a plain field (LSP, the CLI's JSON, the model cache, parse threads). */
  toJSON(): Field {
    return { key: this.key, value: this.value, range: this.range, valueRange: this.valueRange };
  }
}
