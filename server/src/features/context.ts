// What every feature needs: the document under the cursor, its root and analysis, and
// a way to turn workspace paths back into URIs.
import { URI } from 'vscode-uri';
import type { Analysis } from '../okr/analysis/analysis.ts';
import type { KeyResult, Objective, OkrDocument } from '../okr/model/model.ts';
import { comparePositions, type LineIndex, type Position, type Range } from '../okr/model/text.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';
import type { HistorySeries } from '../okr/history/replay.ts';
import type { OkrRoot } from '../session/root.ts';
import type { OkrSession } from '../session/session.ts';

export interface FeatureContext {
  session: OkrSession;
  root: OkrRoot;
  analysis: Analysis;
  document: OkrDocument;
  /** The URI of a document of this root, as the editor knows it. */
  uriOf(workspacePath: string): string;
  /** The root's history from git, once read (issue 17). */
  history?: HistorySeries;
}

export type UriOf = (root: OkrRoot, workspacePath: string) => string;

export function fileUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

export function uriToPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/** A location of an objective or a key result, for definition and references. */
export function targetRange(objective: Objective, keyResult?: KeyResult): Range {
  return keyResult ? keyResult.range : objective.headingRange;
}

export function nodeKey(node: ObjectiveNode): string {
  return `${node.document.path}#${node.objective.headingRange.start.line}`;
}

/** A position sent by a client, if it is one: numbers (whole ones: fractions are cut). */
export function asPosition(value: unknown): Position | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { line, character } = value as { line?: unknown; character?: unknown };
  if (typeof line !== 'number' || typeof character !== 'number' || Number.isNaN(line) || Number.isNaN(character)) return undefined;
  return { line: Math.floor(line), character: Math.floor(character) };
}

/** A range sent by a client, if it is one. */
export function asRange(value: unknown): Range | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const start = asPosition((value as { start?: unknown }).start);
  const end = asPosition((value as { end?: unknown }).end);
  return start && end ? { start, end } : undefined;
}

/**
 * The nearest position of the text: a line before the first is the start, a line past the
 * last is the end, a character past the end of its line is that end (before the line break).
 */
export function clampPosition(lines: LineIndex, position: Position): Position {
  return lines.positionAt(lines.offsetAt(position));
}

/** A range with both ends clamped into the text, start before end. */
export function clampRange(lines: LineIndex, range: Range): Range {
  const a = clampPosition(lines, range.start);
  const b = clampPosition(lines, range.end);
  return comparePositions(a, b) <= 0 ? { start: a, end: b } : { start: b, end: a };
}
