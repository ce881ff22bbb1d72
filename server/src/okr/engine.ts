// The engine's front door: a set of files (text, no file system) → index + analysis.
import { Analysis, type AnalysisOptions } from './analysis/analysis.ts';
import type { Level } from './model/model.ts';
import { parseDocument } from './parse/parse.ts';
import { WorkspaceIndex } from './workspace/workspaceIndex.ts';

export interface SourceFile {
  /** Workspace-relative path with `/`. */
  path: string;
  text: string;
  /** The level okr.config.json's `documents` gives this path, if any. */
  level?: Level;
}

export function indexFiles(files: Iterable<SourceFile>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const file of files) index.set(parseDocument(file.path, file.text, file.level));
  return index;
}

export function analyzeFiles(files: Iterable<SourceFile>, options: AnalysisOptions): Analysis {
  return new Analysis(indexFiles(files), options);
}
