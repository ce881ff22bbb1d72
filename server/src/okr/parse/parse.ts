// Markdown text → OkrDocument (SPEC §1–3). Never throws: what is malformed becomes a
// problem in the result, and the rules judge the rest.
import type { Heading, ListItem, Nodes, Paragraph, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { complexityProblem } from './complexity.ts';
import { makeDiagnostic, type Diagnostic } from '../model/diagnostics.ts';
import { findFrontmatter, readFrontmatter } from './frontmatter.ts';
import { isValidId, slugify } from '../model/ids.ts';
import { endOffset, maskedSource, parseMarkdown, splitLines, startOffset } from './markdown.ts';
import type { Checkbox, Field, KeyResult, Objective, OkrDocument } from '../model/model.ts';
import { parseReferences } from './references.ts';
import { LineIndex, stripBom } from '../model/text.ts';

const OBJECTIVE_PREFIX = /^(?:objective|o)(?:\s*\d+(?:\.\d+)*)?\s*:/i;
const KEY_RESULT_PREFIX = /^(?:kr|key result)(?:\s*\d+(?:\.\d+)*)?\s*:/i;
const TRAILING_ID = /\{#([^{}]*)\}\s*$/;
const CHECKBOX = /^\[([ xX-])\][ \t]/;
const FIELD_KEY = /^[\p{L}\p{N}_][\p{L}\p{N}_ -]*$/u;
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

export function isObjectiveHeading(plainText: string): boolean {
  return OBJECTIVE_PREFIX.test(plainText);
}

class DocumentParser {
  readonly lines: LineIndex;
  readonly problems: Diagnostic[] = [];

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
      objectives.push(this.objective(heading, plain.slice(prefix[0].length), children.slice(i + 1, end)));
      i = end - 1;
    }
    return objectives;
  }

  objective(heading: Heading, afterPrefix: string, section: RootContent[]): Objective {
    const headingStart = startOffset(heading);
    const headingEnd = endOffset(heading);
    const headingRange = this.range(headingStart, headingEnd);
    const last = section[section.length - 1];
    const firstLine = this.text.slice(headingStart, this.lines.lineEnd(headingRange.start.line));
    const textLength = headingTextLength(firstLine);
    const objective: Objective = {
      title: afterPrefix.replace(/\s+/g, ' ').trim(),
      id: null,
      idExplicit: false,
      headingRange,
      headingTextEnd: this.lines.positionAt(headingStart + textLength),
      headingDepth: heading.depth,
      sectionRange: this.range(headingStart, last ? endOffset(last) : headingEnd),
      fields: [],
      references: [],
      keyResults: [],
    };
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
      if (braces >= 0 && close > braces) objective.idRange = this.range(headingStart + braces, headingStart + close + 1);
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
    for (const node of section) this.collect(node, objective);
    for (const field of objective.fields) {
      if (field.key !== 'aligns') continue;
      const valueOffset = this.lines.offsetAt(field.valueRange.start);
      objective.references.push(...parseReferences(field.value, valueOffset, this.lines));
    }
    return objective;
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

  /** `key:: value` lines of a paragraph. */
  lineFields(paragraph: Paragraph, into: Field[]): void {
    const base = startOffset(paragraph);
    for (const line of splitLines(maskedSource(this.text, paragraph))) {
      const separator = line.text.indexOf('::');
      if (separator < 0) continue;
      const key = line.text.slice(0, separator).trim();
      if (!FIELD_KEY.test(key)) continue;
      const lead = line.text.length - line.text.trimStart().length;
      const rawValue = line.text.slice(separator + 2);
      const value = rawValue.trim();
      const valueStart = base + line.offset + separator + 2 + (rawValue.length - rawValue.trimStart().length);
      const end = base + line.offset + line.text.trimEnd().length;
      into.push({
        key: key.toLowerCase(),
        value,
        range: this.range(base + line.offset + lead, Math.max(end, valueStart)),
        valueRange: this.range(valueStart, valueStart + value.length),
      });
    }
  }

  keyResult(item: ListItem): KeyResult | undefined {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') return undefined;
    const source = maskedSource(this.text, first);
    const base = startOffset(first);
    const box = CHECKBOX.exec(source);
    let plain = toString(first);
    if (box) plain = plain.replace(/^\[[ xX-]\][ \t]+/, '');
    const prefix = KEY_RESULT_PREFIX.exec(plain);
    if (!prefix) return undefined;
    const checkbox: Checkbox | null = !box ? null : box[1] === ' ' ? 'open' : box[1] === '-' ? 'cancelled' : 'done';
    const keyResult: KeyResult = {
      title: '',
      id: null,
      checkbox,
      fields: [],
      range: this.range(startOffset(item), endOffset(first)),
      itemRange: this.range(startOffset(item), endOffset(item as Nodes)),
    };
    BRACKET_FIELD.lastIndex = 0;
    for (let match = BRACKET_FIELD.exec(source); match; match = BRACKET_FIELD.exec(source)) {
      const key = match[1]!.trim();
      if (!FIELD_KEY.test(key)) continue;
      const rawValue = match[2]!;
      const value = rawValue.trim();
      const valueStart = base + match.index + 1 + match[1]!.length + 2 + (rawValue.length - rawValue.trimStart().length);
      keyResult.fields.push({
        key: key.toLowerCase(),
        value,
        range: this.range(base + match.index, base + match.index + match[0].length),
        valueRange: this.range(valueStart, valueStart + value.length),
      });
    }
    // The block id is the last whitespace-separated token of the first paragraph.
    const trimmed = source.trimEnd();
    const lastSpace = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\t'), trimmed.lastIndexOf('\n'), trimmed.lastIndexOf('\r'));
    const idToken = BLOCK_ID.exec(trimmed.slice(lastSpace + 1));
    if (lastSpace >= 0 && idToken) {
      keyResult.id = idToken[1]!;
      keyResult.idRange = this.range(base + lastSpace + 1, base + trimmed.length);
    }
    let title = plain.slice(prefix[0].length).replace(BRACKET_FIELD, ' ');
    if (keyResult.id !== null) title = title.replace(/\s\^[\p{L}\p{M}\p{Nd}_-]+\s*$/u, '');
    keyResult.title = title.replace(/\s+/g, ' ').trim();
    return keyResult;
  }
}

/** Parses one markdown file; a file that is not an OKR document comes back empty. Never throws. */
export function parseDocument(path: string, rawText: string): OkrDocument {
  const text = stripBom(rawText);
  const parser = new DocumentParser(text);
  const document: OkrDocument = {
    path,
    isOkr: path.toLowerCase().endsWith('.okr.md'),
    frontmatter: { broken: false, invalidKeys: [], keyRanges: {} },
    objectives: [],
    problems: [],
    lineCount: parser.lines.lineCount,
  };
  try {
    const { frontmatter, hasOkrKey, problems } = readFrontmatter(findFrontmatter(text), parser.lines);
    document.frontmatter = frontmatter;
    document.isOkr ||= hasOkrKey;
    parser.problems.push(...problems);
    if (!document.isOkr) return document;
    const tooComplex = complexityProblem(text);
    if (tooComplex) {
      // Bounded time over completeness: say so on the first line, and read no objectives.
      parser.problems.push(makeDiagnostic('document-too-complex', parser.range(0, parser.lines.lineEnd(0)), tooComplex));
    } else {
      document.objectives = parser.objectives(parseMarkdown(text).children);
    }
  } catch (error) {
    // Nothing here throws on any input we know of; if it ever does, say so instead of crashing.
    document.objectives = [];
    parser.problems.push(makeDiagnostic('document-too-complex', parser.range(0, 0), `This document could not be analysed: ${String(error)}`));
  }
  document.problems = parser.problems;
  return document;
}
