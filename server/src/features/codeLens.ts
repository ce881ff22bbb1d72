// Code lenses above each objective: "67 % · 3 aligned · 5 days left", and what it aligns
// to ("aligns to Enhance customer satisfaction › Raise NPS · 46 %"), which opens the target
// when the client can be asked to show a document (SHOW_LOCATION_COMMAND).
import type { CodeLens, Command, Range, ShowDocumentParams } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { Analysis } from '../okr/analysis/analysis.ts';
import type { OkrDocument } from '../okr/model/model.ts';
import { asRange, targetRange } from './context.ts';
import { alignmentParents, lensTitle, parentText, type AlignmentParent } from './facts.ts';

/** The server's command behind an "aligns to" lens: arguments `[uri, range]`, answered with window/showDocument. */
export const SHOW_LOCATION_COMMAND = 'okr.showLocation';

/** Targets shown as lenses before "+ N more". */
const SHOWN_PARENTS = 2;
/** A target's title in a lens: the row of lenses is one line. */
const PARENT_TITLE_MAX = 60;

export interface LensNavigation {
  /** The URI of a document of this root, as the editor knows it. */
  uriOf(workspacePath: string): string;
}

/** VS Code draws `$(name)` in a lens title as an icon: a zero-width space keeps document text as text. */
function plainTitle(title: string): string {
  return title.replace(/\$\(/g, '$\u200b(');
}

function showCommand(title: string, navigation: LensNavigation | undefined, parent: AlignmentParent): Command {
  if (!navigation) return { title, command: '' };
  const range = targetRange(parent.node.objective, parent.keyResult);
  return { title, command: SHOW_LOCATION_COMMAND, arguments: [navigation.uriOf(parent.node.document.path), range] };
}

/**
 * One text lens per objective, then one per target it aligns to. Without `navigation`
 * (a client that cannot show a document for the server) the targets are text too: an
 * empty command id makes VS Code show the title and do nothing on click.
 */
export function codeLenses(analysis: Analysis, document: OkrDocument, navigation?: LensNavigation): CodeLens[] {
  return document.objectives.flatMap((objective) => {
    const node = { document, objective };
    const range = objective.headingRange;
    const lenses: CodeLens[] = [{ range, command: { title: lensTitle(analysis, node), command: '' } }];
    const parents = alignmentParents(analysis, node);
    for (const parent of parents.slice(0, SHOWN_PARENTS)) {
      const { title, progress } = parentText(analysis, parent, PARENT_TITLE_MAX);
      lenses.push({ range, command: showCommand(plainTitle(`aligns to ${title} · ${progress}`), navigation, parent) });
    }
    if (parents.length > SHOWN_PARENTS) lenses.push({ range, command: { title: `+ ${parents.length - SHOWN_PARENTS} more`, command: '' } });
    return lenses;
  });
}

/** The window/showDocument request for SHOW_LOCATION_COMMAND's arguments, or undefined when they are not `[file URI, range]`. */
export function showLocationRequest(args: unknown): ShowDocumentParams | undefined {
  if (!Array.isArray(args) || typeof args[0] !== 'string') return undefined;
  const range: Range | undefined = asRange(args[1]);
  if (!range) return undefined;
  try {
    if (URI.parse(args[0], true).scheme !== 'file') return undefined;
  } catch {
    return undefined;
  }
  // The cursor at the start of the target, as after go to definition, rather than the heading selected.
  return { uri: args[0], selection: { start: range.start, end: range.start }, takeFocus: true };
}
