// Whether a markdown file without `okr:` frontmatter holds OKRs as teams write them: the
// files `okr init` offers to read, and the hint `okr check` gives on a named file it skips.
// The outline reader finds objectives in almost any document of headings and lists (a
// README's "Features"), so more is asked: objectives with key results, and a word, a label
// or a cycle that says these are OKRs; and project files (README, CHANGELOG…) never are.
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { findCycleInPath } from '../model/cycleSpellings.ts';
import type { Level, OkrDocument } from '../model/model.ts';
import { LineIndex, stripBom, type Range } from '../model/text.ts';
import { parseMarkdown } from './markdown.ts';
import { maskMdxSyntax } from './mdx.ts';
import { parseDocument } from './parse.ts';

/** Files every repository has, about the project rather than its OKRs (any case). */
const PROJECT_FILE =
  /^(?:readme|changelog|changes|release[-_ ]?notes|contributing|contributors|authors|maintainers|codeowners|license|licence|copying|code[-_]of[-_]conduct|upgrading|migrating|pull[-_]request[-_]template|issue[-_]template)(?:[.-][\w-]+)?\.mdx?$/i;
/** The same in upper case only: `support.md` may well be the support team's OKRs, `SUPPORT.md` is GitHub's. */
const UPPER_CASE_PROJECT_FILE = /^(?:SUPPORT|SECURITY|GOVERNANCE|HISTORY|NEWS|RELEASES?|NOTICE|OWNERS|TODO|MIGRATION)(?:[.-][\w-]+)?\.(?:md|mdx|MD|MDX)$/;
/** A word that names OKRs, in a path or a title. */
export const OKR_WORDS = /(?:^|[^\p{L}])(?:okrs?|objectives?|key[ _-]?results?)(?:$|[^\p{L}])/iu;
/** A label written before an objective or key result (`Objective 1:`, `KR1 -`, `O2.`), not mere numbering. */
const OKR_LABEL = /objective|key[ _-]?result|\bkrs?[\s\d:.)-]|\bo\d/i;

export interface OkrLooking {
  looksLikeOkrs: boolean;
  /** The file read as an OKR document of the level given (strategic by default). */
  document: OkrDocument;
  objectives: number;
  keyResults: number;
}

/** A project file such as README.md or CHANGELOG.md: never taken for OKRs. */
export function isProjectFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return PROJECT_FILE.test(name) || UPPER_CASE_PROJECT_FILE.test(name);
}

/**
 * Reads `text` as if it were an OKR document at `path` (workspace-relative, with `/`), and
 * says whether it looks like one. Never throws.
 */
export function readAsOkrs(path: string, text: string, level: Level = 'strategic', fiscalYearStartMonth = 1): OkrLooking {
  const document = parseDocument(path, text, level);
  const objectives = document.objectives.length;
  const keyResults = document.objectives.reduce((sum, objective) => sum + objective.keyResults.length, 0);
  const looksLikeOkrs =
    !isProjectFile(path) &&
    document.objectives.some((objective) => objective.keyResults.length > 0) &&
    (saysOkrs(document, text) || namesCycle(document, path, fiscalYearStartMonth) || OKR_WORDS.test(path) || OKR_WORDS.test(titleOf(path, text)));
  return { looksLikeOkrs, document, objectives, keyResults };
}

/** An `Objective:` heading, a `KR:` item, or a label that names one. */
function saysOkrs(document: OkrDocument, text: string): boolean {
  const lines = new LineIndex(stripBom(text));
  const labelled = (range: Range | undefined) => range !== undefined && OKR_LABEL.test(lines.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)));
  return document.objectives.some(
    (objective) =>
      !objective.outline ||
      labelled(objective.outline.labelRange) ||
      objective.keyResults.some((keyResult) => !keyResult.outline || labelled(keyResult.outline.labelRange)),
  );
}

/** A cycle in the frontmatter, a `cycle::` field, the title, or the path. */
function namesCycle(document: OkrDocument, path: string, fiscalYearStartMonth: number): boolean {
  return (
    document.frontmatter.cycle !== undefined ||
    document.objectives.some((objective) => objective.writtenCycle?.source === 'title' || objective.fields.some((field) => field.key === 'cycle')) ||
    findCycleInPath(path, fiscalYearStartMonth) !== undefined
  );
}

/** The text of the document's first level-1 heading, or ''. */
function titleOf(path: string, text: string): string {
  const plain = stripBom(text);
  const tree = parseMarkdown(path.toLowerCase().endsWith('.mdx') ? maskMdxSyntax(plain) : plain);
  const title = tree.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
  return title ? toString(title) : '';
}

