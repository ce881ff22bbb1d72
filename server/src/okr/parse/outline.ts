// The outline reader: objectives and key results as teams already write them, in an OKR
// document with no `Objective:` heading. Objectives are headings with a list (or table) of
// key results under them, list items with nested key results, or bold paragraphs followed
// by a list; headings without key results group, and a cycle in a heading applies below
// it. Nesting is alignment: a nested objective aligns to its parent unless it says otherwise.
import type { Heading, List, ListItem, Paragraph, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { labelLength, sourceLabel } from './annotations.ts';
import { findCycleInText } from '../model/cycleSpellings.ts';
import { slugify } from '../model/ids.ts';
import type { DocumentParser } from './documentParser.ts';
import { endOffset, maskedSource, splitLines, startOffset } from './markdown.ts';
import type { Objective, OutlineForm, WrittenCycle } from '../model/model.ts';
import type { TextObjective } from '../model/textObjective.ts';
import { DOUBLE_COLON_FIELD, FIELD_LINE, FIELD_OF, hasPlainItems, isBoldItem, isPlainItem, isContainer, isIgnored, isObjectiveItem, isObjectiveList, isObjectiveParagraph, itemText, KEY_RESULTS_HEADING, KEY_RESULTS_INTRO, NOT_KEY_RESULTS_INTRO, NOT_OKRS, NOT_OKRS_OPENING, NUMBERING, sectionEnd, sectionsOf, type Section, type Context } from './outlineShapes.ts';
import { isKeyResultTable, isObjectiveTable, tableKeyResults, tableObjectives } from './tables.ts';

export class OutlineReader {
  readonly objectives: Objective[] = [];

  constructor(
    private readonly parser: DocumentParser,
    private readonly fiscalYearStartMonth = 1,
  ) {}

  read(children: RootContent[]): Objective[] {
    this.walk(sectionsOf(children), { depth: 0 });
    return this.objectives;
  }

  private cycleIn(text: string, heading: Heading): WrittenCycle | undefined {
    const found = findCycleInText(text, this.fiscalYearStartMonth);
    if (!found) return undefined;
    return { label: found.label, source: heading.depth === 1 ? 'title' : 'heading', range: this.parser.range(startOffset(heading), endOffset(heading)) };
  }

  /** Walks the sections in order; a heading that only names a cycle applies it to the sections after it. */
  private walkAll(sections: Section[], context: Context): void {
    let cycle = context.cycle;
    for (const section of sections) cycle = this.walk(section, { ...context, cycle }) ?? cycle;
  }

  /** Reads one section; returns the cycle it declares for the sections after it, if any. */
  private walk(section: Section, context: Context): WrittenCycle | undefined {
    if (isIgnored(section)) return undefined;
    const { heading } = section;
    let inner = context;
    if (heading) {
      const plain = toString(heading).replace(/\s+/g, ' ').trim();
      const bare = plain.replace(NUMBERING, '');
      if ((NOT_OKRS.test(bare) || NOT_OKRS_OPENING.test(bare)) && labelLength(bare, 'objective') === 0) {
        // Not read, nor what lies under it; but a table of contents written as a heading above
        // the others can hold the whole document.
        if (/^(?:table of )?contents$|^toc$/i.test(bare)) this.walkAll(section.children, context);
        return undefined;
      }
      if (KEY_RESULTS_HEADING.test(bare) || labelLength(bare, 'keyResult') > 0) return undefined; // read with their objective
      const found = findCycleInText(plain, this.fiscalYearStartMonth);
      const cycle = this.cycleIn(plain, heading) ?? context.cycle;
      inner = { ...context, cycle };
      if (!isContainer(bare, found?.label)) {
        const objective = this.headingObjective(section, plain, inner);
        if (objective) {
          const consumed = new Set(this.ownKeyResultSections(section));
          this.walkAll(section.children.filter((child) => !consumed.has(child)), { parent: objective, cycle, depth: context.depth + 1 });
          return undefined;
        }
      } else if (found) {
        this.readBlocks(section.blocks, inner);
        this.walkAll(section.children, inner);
        return cycle;
      }
    }
    this.readBlocks(section.blocks, inner);
    this.walkAll(section.children, inner);
    return undefined;
  }

  /** Child sections that hold this section's key results: `### Key results`, `#### KR1: …`. */
  private ownKeyResultSections(section: Section): Section[] {
    return section.children.filter((child) => {
      const bare = toString(child.heading!).replace(/\s+/g, ' ').trim().replace(NUMBERING, '');
      return KEY_RESULTS_HEADING.test(bare) || labelLength(bare, 'keyResult') > 0;
    });
  }

  /** Some list or key-result table lies directly under a heading (not after "Initiatives:"). */
  private hasKeyResults(blocks: RootContent[]): boolean {
    return blocks.some((node, i) => {
      const before = blocks[i - 1];
      if (before?.type === 'paragraph' && NOT_KEY_RESULTS_INTRO.test(toString(before).trim())) return false;
      return (node.type === 'list' && (!isObjectiveList(node) || hasPlainItems(node))) || (node.type === 'table' && isKeyResultTable(node));
    });
  }

  /**
   * The blocks under an objective: lists and tables of key results, and objectives nested in it
   * (a bold paragraph with its list, list items labelled `Objective:`).
   */
  private readObjectiveBlocks(blocks: RootContent[], objective: Objective, context: Context): void {
    const inner = { parent: objective, cycle: context.cycle, depth: context.depth + 1 };
    // After a bold paragraph that states a nested objective, the lists that follow are its
    // own (as under a heading): the explicit form can then keep them where they are.
    let current = objective;
    for (let i = 0; i < blocks.length; i++) {
      const node = blocks[i]!;
      const before = blocks[i - 1];
      if (before?.type === 'paragraph' && NOT_KEY_RESULTS_INTRO.test(toString(before).trim())) continue;
      if (node.type === 'paragraph' && isObjectiveParagraph(node)) {
        const at = this.objectives.length;
        i = this.paragraphObjective(blocks, i, inner);
        current = this.objectives[at] ?? current;
      } else if (node.type === 'list' && isObjectiveList(node) && !hasPlainItems(node)) {
        for (const item of node.children) this.listObjective(item, { ...inner, parent: current });
      } else if (node.type === 'list' || (node.type === 'table' && isKeyResultTable(node))) {
        this.addKeyResults(node, current, current === objective ? context : inner);
      } else if (node.type === 'paragraph') {
        this.objectiveFields(node, current);
      }
    }
  }

  /** A bold paragraph (or one labelled `Objective:`) and the list after it; returns the last block read. */
  private paragraphObjective(blocks: RootContent[], at: number, context: Context): number {
    let next = at + 1;
    const intro = blocks[next];
    if (intro?.type === 'paragraph' && KEY_RESULTS_INTRO.test(toString(intro).trim())) next++;
    const list = blocks[next];
    if (list?.type !== 'list' && list?.type !== 'table') return at;
    const objective = this.newObjective(blocks[at] as Paragraph, 'paragraph', endOffset(list), context);
    this.addKeyResults(list, objective, { ...context, parent: objective, depth: context.depth + 1 });
    this.finish(objective, context);
    return next;
  }

  private headingObjective(section: Section, plain: string, context: Context): Objective | undefined {
    const heading = section.heading!;
    const krSections = this.ownKeyResultSections(section);
    const labelled = labelLength(plain.replace(NUMBERING, ''), 'objective') > 0 || labelLength(plain, 'objective') > 0;
    if (!labelled && !this.hasKeyResults(section.blocks) && krSections.length === 0) return undefined;
    const objective = this.newObjective(heading, 'heading', sectionEnd(section), context);
    // Under a `Key results` heading of its own, the lists above it are context, not key results.
    const keyResultsHeading = krSections.some((child) => KEY_RESULTS_HEADING.test(toString(child.heading!).trim()));
    if (keyResultsHeading) for (const node of section.blocks) if (node.type === 'paragraph') this.objectiveFields(node, objective);
    if (!keyResultsHeading) this.readObjectiveBlocks(section.blocks, objective, context);
    for (const child of krSections) {
      const bare = toString(child.heading!).replace(/\s+/g, ' ').trim().replace(NUMBERING, '');
      if (!KEY_RESULTS_HEADING.test(bare)) {
        const keyResult = this.parser.keyResultFrom(child.heading!, startOffset(child.heading!), sectionEnd(child), 'heading');
        if (keyResult) objective.keyResults.push(keyResult);
      }
      this.readObjectiveBlocks(child.blocks, objective, context);
      // `#### Key results` over `##### P1: Faster fetch` headings: each heading is one.
      if (KEY_RESULTS_HEADING.test(bare) && !this.hasKeyResults(child.blocks)) {
        for (const sub of child.children) {
          const keyResult = this.parser.keyResultFrom(sub.heading!, startOffset(sub.heading!), sectionEnd(sub), 'heading');
          if (keyResult) objective.keyResults.push(keyResult);
        }
      }
    }
    return this.finish(objective, context);
  }

  /** An objective from the node that states it; its fields and key results are added after. */
  private newObjective(node: Heading | Paragraph, form: OutlineForm, end: number, context: Context): TextObjective {
    const parser = this.parser;
    const plain = toString(node).replace(/^\[[ xX-]\][ \t]+/, '');
    const numbered = NUMBERING.exec(plain);
    const afterNumber = numbered ? plain.slice(numbered[0].length) : plain;
    const label = labelLength(afterNumber, 'objective');
    const contentStart = node.type === 'heading' ? startOffset(node.children[0] ?? node) : startOffset(node);
    // A heading's numbering (`## 1. Improve onboarding`) is not title text; a list's is its marker.
    const title = label > 0 ? afterNumber.slice(label) : node.type === 'heading' ? afterNumber : plain;
    const objective = parser.objective(node, title, context.depth + 1, end);
    const source = maskedSource(parser.text, node).slice(contentStart - startOffset(node));
    const firstLine = source.split(/\r\n|\r|\n/, 1)[0]!.replace(/\{#[^{}]*\}\s*$/, '');
    const sourceNumber = node.type === 'heading' ? NUMBERING.exec(firstLine) : null;
    const written = sourceLabel(firstLine, 'objective') ?? (sourceNumber ? ([0, sourceNumber[0].length] as [number, number]) : undefined);
    const titleStart = parser.lines.positionAt(contentStart + (written ? written[1] : 0));
    objective.outline = written ? { form, labelRange: parser.range(contentStart + written[0], contentStart + written[1]), titleStart } : { form, titleStart };
    const afterLabel = written ? written[1] : 0;
    const stripped = parser.readAnnotated(firstLine.slice(afterLabel), contentStart + afterLabel, objective.title, objective.fields).trim();
    // An objective's status is active or dropped: `done`, `at risk`… are kept as its state.
    for (const field of objective.fields) if (field.inferred && field.key === 'status' && field.value !== 'dropped') field.key = 'state';
    if (stripped) objective.title = stripped;
    if (!objective.idExplicit && stripped) objective.id = slugify(stripped) || objective.id;
    if (context.cycle) objective.writtenCycle = context.cycle;
    this.objectives.push(objective); // in document order: before the objectives nested in it
    return objective;
  }

  /** `key:: value` lines, and `Owner: …`, `Cycle: …`, `Status: …` lines, of a paragraph under an objective. */
  private objectiveFields(paragraph: Paragraph, objective: Objective): void {
    const parser = this.parser;
    const before = objective.fields.length;
    parser.lineFields(paragraph, objective.fields);
    if (objective.fields.length > before) return;
    // `Owner: Sam` and `Cycle: Q3 2026` lines: read only when every line of the paragraph is one.
    const lines = splitLines(maskedSource(parser.text, paragraph));
    const matches = lines.map((line) => FIELD_LINE.exec(line.text.trim()));
    if (matches.some((match) => !match)) return;
    lines.forEach((line, i) => {
      const match = matches[i]!;
      const key = FIELD_OF[match[1]!.toLowerCase()]!;
      if (objective.fields.some((field) => field.key === key)) return;
      const base = startOffset(paragraph) + line.offset + (line.text.length - line.text.trimStart().length);
      const value = match[2]!.trim();
      const valueAt = base + match[0].length - match[2]!.length;
      objective.fields.push({ key, value, range: parser.range(base, base + match[0].length), valueRange: parser.range(valueAt, valueAt + value.length), inferred: true });
    });
  }

  /** The items of a list (or rows of a table) under an objective: key results, fields, sub-objectives. */
  private addKeyResults(block: List | Table, objective: Objective, context: Context): void {
    if (block.type === 'table') {
      objective.keyResults.push(...tableKeyResults(this.parser, block));
      return;
    }
    // Where some items say `KR:`, the others are notes about them; where bold items are
    // objectives, a bold item without key results is one too.
    const labelled = block.children.some((item) => labelLength(itemText(item), 'keyResult') > 0);
    const boldObjectives = block.children.some((item) => isObjectiveItem(item) && isBoldItem(item));
    for (const item of block.children) {
      const text = itemText(item);
      if (!text.trim()) continue;
      if (isObjectiveItem(item) || (boldObjectives && isBoldItem(item))) {
        this.listObjective(item, { parent: objective, cycle: context.cycle, depth: context.depth + 1 });
        continue;
      }
      const first = item.children[0];
      const written = first?.type === 'paragraph' ? maskedSource(this.parser.text, first).trim() : '';
      if (first?.type === 'paragraph' && (FIELD_LINE.test(written) || DOUBLE_COLON_FIELD.test(written))) {
        this.objectiveFields(first, objective);
        continue;
      }
      if (labelled && labelLength(text, 'keyResult') === 0) continue;
      const keyResult = this.parser.keyResult(item, true);
      if (keyResult) objective.keyResults.push(keyResult);
    }
  }

  /** An objective stated by a list item; its nested lists hold its key results. */
  private listObjective(item: ListItem, context: Context): void {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') return;
    const objective = this.newObjective(first, 'listItem', endOffset(item), context);
    objective.setSection(startOffset(item), endOffset(item));
    const inner = { ...context, parent: objective, depth: context.depth + 1 };
    for (const child of item.children.slice(1)) {
      if (child.type === 'list') this.addKeyResults(child, objective, inner);
      else if (child.type === 'paragraph') this.objectiveFields(child, objective);
      else if (child.type === 'table' && isKeyResultTable(child)) this.addKeyResults(child, objective, inner);
    }
    this.finish(objective, context);
  }

  /** Objectives in the blocks of a heading that is not one: lists, bold paragraphs, tables. */
  private readBlocks(blocks: RootContent[], context: Context): void {
    for (let i = 0; i < blocks.length; i++) {
      const node = blocks[i]!;
      if (node.type === 'list' && isObjectiveList(node)) {
        for (const item of node.children) if (!isPlainItem(item)) this.listObjective(item, context);
      } else if (node.type === 'table' && isObjectiveTable(node)) {
        for (const objective of tableObjectives(this.parser, node, context.depth + 1)) {
          this.objectives.push(objective);
          this.finish(objective, context);
        }
      } else if (node.type === 'paragraph' && isObjectiveParagraph(node)) {
        i = this.paragraphObjective(blocks, i, context);
      }
    }
  }

  /** Its references, with the inferred one to the objective it is nested under. */
  private finish(objective: Objective, context: Context): Objective {
    if (context.cycle && !objective.writtenCycle) objective.writtenCycle = context.cycle;
    this.parser.withReferences(objective);
    const parent = context.parent;
    if (parent?.id && !objective.fields.some((field) => field.key === 'aligns')) {
      objective.references.push({ form: 'wikilink', text: `[[#${parent.id}]]`, range: objective.headingRange, target: '', fragment: parent.id, blockRef: false, inferred: true });
    }
    return objective;
  }
}
