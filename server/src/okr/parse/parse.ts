// Markdown text → OkrDocument (SPEC §1–3). Never throws: what is malformed becomes a
// problem in the result, and the rules judge the rest.
import { complexityProblem } from './complexity.ts';
import { DocumentParser } from './documentParser.ts';
import { makeDiagnostic } from '../model/diagnostics.ts';
import { findFrontmatter, readFrontmatter } from './frontmatter.ts';
import { parseMarkdown, parseMarkdownWithoutRemark, type MarkdownOptions } from './markdown.ts';
import type { Root, RootContent } from 'mdast';
import type { Level, Objective, OkrDocument } from '../model/model.ts';
import { OutlineReader } from './outline.ts';
import { stripBom, type LineIndex } from '../model/text.ts';

const NO_OBJECTIVES =
  'No objective was read in this OKR document. Write each objective as a heading with its key results listed under it ' +
  '("## Improve onboarding" then "- Cut setup time to 5 minutes"), as a list item with its key results nested under it, ' +
  'or as "## Objective: …" headings (see the README, "Writing OKRs")';
import { maskMdxSyntax } from './mdx.ts';

/**
 * Today's strict form wherever an `Objective:` heading is written, the outline otherwise; and
 * the outline too when the strict reading finds objectives but not one key result among them
 * while the outline does (`### Objective: …` headings over plain bullets): a document that
 * never wrote `KR:` does not mean "no key results".
 */
function readObjectives(parser: DocumentParser, children: RootContent[]): Objective[] {
  // Every `Objective:` heading is a strict objective: none read means none written.
  const before = parser.problems.length;
  const strict = parser.objectives(children);
  if (strict.some((objective) => objective.keyResults.length > 0)) return strict;
  const strictProblems = parser.problems.splice(before);
  const outline = new OutlineReader(parser).read(children);
  if (strict.length === 0) return outline;
  // Only the same objectives, with key results added: never other objectives than the strict form's.
  const same = outline.length === strict.length && outline.every((objective, i) => objective.title === strict[i]!.title);
  if (same && outline.some((objective) => objective.keyResults.length > 0)) return outline;
  parser.problems.splice(before, parser.problems.length - before, ...strictProblems);
  return strict;
}

/**
 * Parses one markdown file; a file that is not an OKR document comes back empty. Never throws.
 * `configuredLevel`: okr.config.json's `documents` glob matched this path with that level.
 */
export function parseDocument(path: string, rawText: string, configuredLevel?: Level, options?: MarkdownOptions): OkrDocument {
  return readDocument(path, rawText, configuredLevel, (text, lines) => parseMarkdown(text, options, lines))!;
}

/**
 * parseDocument where the fast path reads the whole document; where it needs remark, how many
 * characters remark would read (a caller may run that elsewhere: threads pay for remark only).
 */
export function parseDocumentWithoutRemark(path: string, rawText: string, configuredLevel?: Level): OkrDocument | { remarkCharacters: number } {
  let remarkCharacters = 0;
  const document = readDocument(path, rawText, configuredLevel, (text, lines) => {
    const read = parseMarkdownWithoutRemark(text, lines);
    if ('type' in read) return read;
    remarkCharacters = read.remarkCharacters;
    return undefined;
  });
  return document ?? { remarkCharacters };
}

function readDocument(path: string, rawText: string, configuredLevel: Level | undefined, markdown: (text: string, lines: LineIndex) => Root | undefined): OkrDocument | undefined {
  const text = path.toLowerCase().endsWith('.mdx') ? maskMdxSyntax(stripBom(rawText)) : stripBom(rawText);
  const parser = new DocumentParser(text);
  const document: OkrDocument = {
    path,
    isOkr: path.toLowerCase().endsWith('.okr.md') || configuredLevel !== undefined,
    ...(configuredLevel ? { configuredLevel } : {}),
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
      // The parser's line table serves the markdown too: one per document.
      const root = markdown(text, parser.lines);
      if (!root) return undefined;
      // Today's strict form wherever an `Objective:` heading is written; the outline otherwise.
      document.objectives = readObjectives(parser, root.children);
      if (document.objectives.length === 0) {
        parser.problems.push(makeDiagnostic('no-objectives', parser.range(0, parser.lines.lineEnd(0)), NO_OBJECTIVES));
      }
    }
  } catch (error) {
    // Nothing here throws on any input we know of; if it ever does, say so instead of crashing.
    document.objectives = [];
    parser.problems.push(makeDiagnostic('document-too-complex', parser.range(0, 0), `This document could not be analysed: ${String(error)}`));
  }
  document.problems = parser.problems;
  return withExactArrays(document);
}

/**
 * The model with its lists copied to their exact length: a list filled by `push` keeps room
 * for about 16 more items, and tens of thousands of short lists (fields, references, key
 * results) are most of a model's arrays.
 */
function withExactArrays(document: OkrDocument): OkrDocument {
  for (const objective of document.objectives) {
    for (const keyResult of objective.keyResults) keyResult.fields = keyResult.fields.slice();
    objective.keyResults = objective.keyResults.slice();
    objective.fields = objective.fields.slice();
    objective.references = objective.references.slice();
  }
  document.objectives = document.objectives.slice();
  document.problems = document.problems.slice();
  return document;
}
