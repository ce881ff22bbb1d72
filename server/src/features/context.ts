// What every feature needs: the document under the cursor, its root and analysis, and
// a way to turn workspace paths back into URIs.
import { URI } from 'vscode-uri';
import type { Analysis } from '../okr/analysis.ts';
import type { KeyResult, Objective, OkrDocument } from '../okr/model.ts';
import type { Range } from '../okr/text.ts';
import type { ObjectiveNode } from '../okr/workspaceIndex.ts';
import type { OkrRoot, OkrSession } from '../session.ts';

export interface FeatureContext {
  session: OkrSession;
  root: OkrRoot;
  analysis: Analysis;
  document: OkrDocument;
  /** The URI of a document of this root, as the editor knows it. */
  uriOf(workspacePath: string): string;
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
