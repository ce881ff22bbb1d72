// The strict reader (SPEC §1–3): `Objective:` headings, `KR:` items, `key:: value` lines and
// `[key:: value]` fields, with ranges. The outline reader (outline.ts) builds on its pieces.
import type { Heading, ListItem, Nodes, Paragraph, RootContent, TableCell } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { labelLength, readAnnotations, sourceLabel } from './annotations.ts';
import { makeDiagnostic, type Diagnostic } from '../model/diagnostics.ts';
import { bracketNearMisses, FIELD_KEY, fieldKey, lineNearMiss, nearMissMessage, type NearMiss } from './fieldNames.ts';
import { isValidId, slugify } from '../model/ids.ts';
import { TextField } from '../model/textField.ts';
import { TextKeyResult } from '../model/textKeyResult.ts';
import { TextObjective } from '../model/textObjective.ts';
import { endOffset, maskedSource, splitLines, startOffset } from './markdown.ts';
import type { Checkbox, Field, KeyResult, Objective, OutlineForm } from '../model/model.ts';
import { parseReferences } from './references.ts';
import { contains, LineIndex, type Range } from '../model/text.ts';
import { IGNORE } from './outlineShapes.ts';

const OBJECTIVE_PREFIX = /^(?:objective|o)(?:\s*\d+(?:\.\d+)*)?\s*:/i;
const KEY_RESULT_PREFIX = /^(?:kr|key result)(?:\s*\d+(?:\.\d+)*)?\s*:/i;
const TRAILING_ID = /\{#([^{}]*)\}\s*$/;
const CHECKBOX = /^\[([ xX-])\][ \t]/;
const BRACKET_FIELD = /\[([^[\]:\r\n]*)::([^[\]\r\n]*)\]/g;
const BLOCK_ID = /^\^([\p{L}\p{M}\p{Nd}_-]+)$/u;

/**
 * The id of heading attributes `{#id}`, also with pandoc/kramdown extras
 * (`{#id .class key=value}`, which are ignored); undefined when malformed.
 */
function attributeId(written: string): string | undefined {
  const [id, ...rest] = written.trim().split(/\s+/);
  if (!id || !isValidId(id)) return undefined;
  return rest.every((token) => /^\.[^\s.]+$/.test(token) || /^[\p{L}\p{N}_-]+=\S*$/u.test(token)) ? id : undefined;
}

/** Length of a heading line without trailing spaces and an ATX closing run of `#`. */
function headingTextLength(line: string): number {
  let text = line.trimEnd();
  let hashes = text.length;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes < text.length && hashes > 0 && /[ \t]/.test(text[hashes - 1]!)) text = text.slice(0, hashes).trimEnd();
  return text.length;
}

function annotationKeys(annotations: { key: string }[]): string[] {
  return annotations.map((annotation) => annotation.key).sort();
}

/**
 * The nodes of an objective's section without its subsections marked `<!-- okr: ignore -->`
 * (as the outline reader leaves them), so that the explicit form reads the same.
 */
function withoutIgnoredSections(section: RootContent[]): RootContent[] {
  const kept: RootContent[] = [];
  for (let i = 0; i < section.length; i++) {
    const node = section[i]!;
    if (node.type !== 'heading') {
      kept.push(node);
      continue;
    }
    let end = i + 1;
    while (end < section.length && !(section[end]!.type === 'heading' && (section[end] as Heading).depth <= node.depth)) end++;
    const own = section.slice(i + 1, end);
    const firstHeading = own.findIndex((n) => n.type === 'heading');
    const ownBlocks = firstHeading < 0 ? own : own.slice(0, firstHeading);
    if (ownBlocks.some((n) => n.type === 'html' && IGNORE.test(n.value))) {
      i = end - 1;
      continue;
    }
    kept.push(node);
  }
  return kept;
}

/** A near miss found while reading, offsets made absolute. */
interface FoundNearMiss {
  miss: NearMiss;
  name: Range;
  inBrackets: boolean;
}

export class DocumentParser {
  readonly lines: LineIndex;
  readonly problems: Diagnostic[] = [];
  /**
   * Near misses of field names, by the field list of the objective or key result they were
   * found in: reported once it is read (`withReferences`), unless a reading read them after all
   * (the outline's `Owner: Sam` lines).
   */
  private readonly nearMisses = new Map<Field[], FoundNearMiss[]>();

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }

  range(start: number, end: number) {
    return this.lines.range(start, end);
  }

  objectives(children: RootContent[]): Objective[] {
    const objectives: Objective[] = [];
    for (let i = 0; i < children.length; i++) {
      const heading = children[i]!;
      if (heading.type !== 'heading') continue;
      const plain = toString(heading);
      const prefix = OBJECTIVE_PREFIX.exec(plain);
      if (!prefix) continue;
      let end = i + 1;
      while (end < children.length) {
        const next = children[end]!;
        if (next.type === 'heading' && (next.depth <= heading.depth || OBJECTIVE_PREFIX.test(toString(next)))) break;
        end++;
      }
      const section = withoutIgnoredSections(children.slice(i + 1, end));
      const last = section[section.length - 1];
      const objective = this.objective(heading, plain.slice(prefix[0].length), heading.depth, last ? endOffset(last) : endOffset(heading));
      for (const node of section) this.collect(node, objective);
      objectives.push(this.withReferences(objective));
      i = end - 1;
    }
    return objectives;
  }

  /**
   * An objective from its heading (or, read from the outline, a paragraph): title, id and
   * ranges; its section runs to `sectionEnd`. Fields and key results are the caller's.
   */
  objective(heading: Heading | Paragraph | TableCell, afterPrefix: string, depth: number, sectionEnd: number): TextObjective {
    const headingStart = startOffset(heading);
    const headingEnd = endOffset(heading);
    const firstLine = this.text.slice(headingStart, this.lines.lineEnd(this.lines.positionAt(headingStart).line));
    const textLength = headingTextLength(firstLine);
    const objective = new TextObjective(
      this.lines,
      afterPrefix.replace(/\s+/g, ' ').trim(),
      depth,
      headingStart,
      headingEnd,
      headingStart + textLength,
      headingStart,
      Math.max(sectionEnd, headingEnd),
    );
    const headingRange = objective.headingRange;
    // A `{#id}` inside inline code is title text, not an id.
    const maskedFirstLine = maskedSource(this.text, heading).slice(0, textLength);
    // The id as written outside code (`A {#y} \`{#x}\`` is id y), found again in the title text.
    const written = TRAILING_ID.exec(maskedFirstLine);
    const at = written ? afterPrefix.lastIndexOf(written[0].trimEnd()) : -1;
    const idMatch = written ? (at >= 0 ? { index: at, 1: written[1]! } : TRAILING_ID.exec(afterPrefix)) : null;
    if (idMatch) {
      objective.title = afterPrefix.slice(0, idMatch.index).replace(/\s+/g, ' ').trim();
      const braces = maskedFirstLine.lastIndexOf('{#');
      const close = maskedFirstLine.indexOf('}', braces);
      if (braces >= 0 && close > braces) objective.setIdRange(headingStart + braces, headingStart + close + 1);
      const id = attributeId(idMatch[1]!);
      if (id) {
        objective.id = id;
        objective.idExplicit = true;
      } else {
        // No id at all rather than a guessed one: one diagnostic, not a cascade of them.
        this.problems.push(
          makeDiagnostic('field-invalid', headingRange, `Malformed id {#${idMatch[1]}}: an id is made of letters, digits, "-" and "_"`),
        );
      }
    } else {
      const slug = slugify(objective.title);
      if (slug) objective.id = slug;
      else {
        this.problems.push(
          makeDiagnostic('field-invalid', headingRange, 'This objective has no id: its title gives an empty slug; add {#id}'),
        );
      }
    }
    return objective;
  }

  /** The references of the objective's `aligns::` fields; its near misses of field names reported. */
  withReferences(objective: Objective): Objective {
    for (const fields of [objective.fields, ...objective.keyResults.map((keyResult) => keyResult.fields)]) this.reportNearMisses(fields);
    for (const field of objective.fields) {
      if (field.key !== 'aligns') continue;
      const valueOffset = this.lines.offsetAt(field.valueRange.start);
      objective.references.push(...parseReferences(field.value, valueOffset, this.lines));
    }
    return objective;
  }

  /**
   * Fields for what the outline reader finds around a title (`=> 63%`, `@alice`, `[WIP]`, `P1`)
   * in `source` (masked, starting at `base`), and the title without them. They are read only
   * when the text reads the same as the source (nothing of them inside code or HTML) and no
   * written field of the same key wins: otherwise the line keeps them all as title text.
   */
  readAnnotated(source: string, base: number, title: string, into: Field[]): string {
    const { annotations } = readAnnotations(source);
    if (annotations.length === 0) return title;
    const plain = readAnnotations(title.replace(/\s+/g, ' ').trim());
    if (annotationKeys(plain.annotations).join() !== annotationKeys(annotations).join()) return title;
    if (annotations.some((annotation) => into.some((field) => field.key === annotation.key && !field.inferred))) return title;
    for (const annotation of annotations) {
      const written = source.slice(annotation.start, annotation.end);
      const at = written.toLowerCase().lastIndexOf(annotation.value.replace(/%$/, '').toLowerCase());
      const valueStart = base + annotation.start + Math.max(at, 0);
      into.push({
        key: annotation.key,
        value: annotation.value,
        range: this.range(base + annotation.start, base + annotation.end),
        valueRange: this.range(valueStart, at < 0 ? base + annotation.end : valueStart + annotation.value.replace(/%$/, '').length),
        inferred: true,
      });
    }
    return plain.rest;
  }

  /** Fields from paragraphs and plain list items; key results from top-level list items. */
  collect(node: RootContent, objective: Objective, nested = false): void {
    if (node.type === 'paragraph') {
      this.lineFields(node, objective.fields);
    } else if (node.type === 'list') {
      for (const item of node.children) {
        const keyResult = nested ? undefined : this.keyResult(item);
        if (keyResult) {
          objective.keyResults.push(keyResult);
        } else {
          for (const child of item.children) this.collect(child as RootContent, objective, true);
        }
      }
    }
  }

  private noteNearMiss(into: Field[], miss: NearMiss | undefined, base: number, inBrackets: boolean): void {
    if (!miss) return;
    const found = { miss, name: this.range(base + miss.nameStart, base + miss.nameEnd), inBrackets };
    const list = this.nearMisses.get(into);
    if (list) list.push(found);
    else this.nearMisses.set(into, [found]);
  }

  private reportNearMisses(fields: Field[]): void {
    const found = this.nearMisses.get(fields);
    this.nearMisses.delete(fields);
    for (const { miss, name, inBrackets } of found ?? []) {
      const readAfterAll = fields.some((field) => field.key === miss.key && contains(field.range, name.start) && contains(field.range, name.end));
      if (!readAfterAll) this.problems.push(makeDiagnostic('field-near-miss', name, nearMissMessage(miss, inBrackets)));
    }
  }

  /** `key:: value` lines of a paragraph (and near misses of them). */
  lineFields(paragraph: Paragraph, into: Field[]): void {
    const base = startOffset(paragraph);
    for (const line of splitLines(maskedSource(this.text, paragraph))) {
      this.noteNearMiss(into, lineNearMiss(line.text), base + line.offset, false);
      const separator = line.text.indexOf('::');
      if (separator < 0) continue;
      const key = line.text.slice(0, separator).trim();
      if (!FIELD_KEY.test(key)) continue;
      const lead = line.text.length - line.text.trimStart().length;
      const rawValue = line.text.slice(separator + 2);
      const value = rawValue.trim();
      const valueStart = base + line.offset + separator + 2 + (rawValue.length - rawValue.trimStart().length);
      const end = base + line.offset + line.text.trimEnd().length;
      into.push(new TextField(this.lines, fieldKey(key), value, base + line.offset + lead, Math.max(end, valueStart), valueStart, valueStart + value.length));
    }
  }

  /** A key result from a list item: strict needs `KR:`; read from the outline, any item is one. */
  keyResult(item: ListItem, fromOutline = false): KeyResult | undefined {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') return undefined;
    return this.keyResultFrom(first, startOffset(item), endOffset(item as Nodes), fromOutline ? 'listItem' : undefined);
  }

  /**
   * A key result from the paragraph (or heading) that states it; `form` set: read from the
   * outline, where the label is optional and annotations become fields.
   */
  keyResultFrom(first: Paragraph | Heading, itemStart: number, itemEnd: number, form?: OutlineForm): KeyResult | undefined {
    const contentStart = first.type === 'heading' ? startOffset(first.children[0] ?? first) : startOffset(first);
    const source = maskedSource(this.text, first).slice(contentStart - startOffset(first));
    const base = contentStart;
    const box = CHECKBOX.exec(source);
    let plain = toString(first);
    // `[x]` reads as a link when the document defines `[x]: …`; then its text is `x`.
    if (box) plain = plain.replace(/^\[?[ xX-]\]?[ \t]+/, '');
    const prefixLength = form ? labelLength(plain, 'keyResult') : (KEY_RESULT_PREFIX.exec(plain)?.[0].length ?? -1);
    if (prefixLength < 0) return undefined;
    const checkbox: Checkbox | null = !box ? null : box[1] === ' ' ? 'open' : box[1] === '-' ? 'cancelled' : 'done';
    const keyResult = new TextKeyResult(this.lines, checkbox, itemStart, endOffset(first), itemEnd);
    for (const miss of bracketNearMisses(source)) this.noteNearMiss(keyResult.fields, miss, base, true);
    // Fields and the block id, blanked once read: what is left around them may hold annotations
    // (read from the outline only: the strict form needs no copy).
    const blanked: string[] | undefined = form ? [] : undefined;
    let blankedTo = 0;
    BRACKET_FIELD.lastIndex = 0;
    for (let match = BRACKET_FIELD.exec(source); match; match = BRACKET_FIELD.exec(source)) {
      const key = match[1]!.trim();
      if (!FIELD_KEY.test(key)) continue;
      const rawValue = match[2]!;
      const value = rawValue.trim();
      const valueStart = base + match.index + 1 + match[1]!.length + 2 + (rawValue.length - rawValue.trimStart().length);
      keyResult.fields.push(new TextField(this.lines, fieldKey(key), value, base + match.index, base + match.index + match[0].length, valueStart, valueStart + value.length));
      // Built once from its pieces: blanking each field in a copy of the line is quadratic.
      blanked?.push(source.slice(blankedTo, match.index), ' '.repeat(match[0].length));
      blankedTo = match.index + match[0].length;
    }
    blanked?.push(source.slice(blankedTo));
    let rest = blanked ? blanked.join('') : '';
    // The block id is the last whitespace-separated token of the first paragraph.
    const trimmed = source.trimEnd();
    const lastSpace = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\t'), trimmed.lastIndexOf('\n'), trimmed.lastIndexOf('\r'));
    const idToken = BLOCK_ID.exec(trimmed.slice(lastSpace + 1));
    if (lastSpace >= 0 && idToken) {
      keyResult.setId(idToken[1]!, base + lastSpace + 1, base + trimmed.length);
      rest = rest.slice(0, lastSpace + 1);
    }
    let title = plain.slice(prefixLength).replace(BRACKET_FIELD, ' ');
    if (keyResult.id !== null) title = title.replace(/\s\^[\p{L}\p{M}\p{Nd}_-]+\s*$/u, '');
    if (form) {
      const boxLength = box ? box[0].length : 0;
      const label = sourceLabel(rest.slice(boxLength), 'keyResult');
      if (label) keyResult.outline = { form, labelRange: this.range(base + boxLength + label[0], base + boxLength + label[1]), titleStart: this.lines.positionAt(base + boxLength + label[1]) };
      else keyResult.outline = { form, titleStart: this.lines.positionAt(base + boxLength) };
      // The checkbox and label are not title text: blanked, so that `[ ] [P2] Other` has its leading tag.
      const skip = boxLength + (label ? label[1] : 0);
      const unboxed = ' '.repeat(skip) + rest.slice(skip);
      title = this.readAnnotated(unboxed, base, title, keyResult.fields);
    }
    keyResult.title = title.replace(/\s+/g, ' ').trim();
    return keyResult;
  }
}

