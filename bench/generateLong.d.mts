// Types of what the tests import from the long-document workspace generator (generateLong.mjs).
export const MIN_BYTES: number;
export const MAX_BYTES: number;
export const FALLBACK_KINDS: readonly ('fence' | 'quote' | 'table' | 'html' | 'break')[];
export interface LongWorkspaceStats {
  files: number;
  strategicFiles: number;
  operationalFiles: number;
  objectives: number;
  keyResults: number;
  references: number;
  brokenReferences: number;
  /** Of the documents' text. */
  bytes: number;
  minBytes: number;
  maxBytes: number;
  fastFiles: number;
  fallbackFiles: number;
}
export function planLongWorkspace(fileCount?: number, seed?: number): {
  files: Map<string, string>;
  /** Relative path → the kind of block that sends the document to remark. */
  fallbacks: Map<string, string>;
  stats: LongWorkspaceStats;
};
export function generateLongWorkspace(outDir: string, fileCount?: number, seed?: number): LongWorkspaceStats & { outDir: string; seed: number };
