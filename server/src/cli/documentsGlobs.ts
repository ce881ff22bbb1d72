// The `documents` entries `okr init` writes for markdown that looks like OKRs: a folder glob
// (`okrs/2026-Q4/**`) where a folder holds only such files of one level, the file's own path
// otherwise, so that okr.config.json reads those files and no other markdown.
import type { Level } from '../okr/model/model.ts';
import { findCycleInPath } from '../okr/model/cycleSpellings.ts';
import { OKR_WORDS } from '../okr/parse/looksLikeOkrs.ts';

export interface DocumentsEntry {
  include: string;
  okr: Level;
}

/** What each folder (relative, with `/`) holds, all the way down. */
interface FolderCounts {
  strategic: number;
  operational: number;
  others: number;
}

/** The folders above a relative path, outermost first: `a/b/c.md` → `a`, `a/b`. */
function foldersOf(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Glob syntax in a name, escaped so that the name matches only itself. */
function escapeGlob(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@|^$]/g, (c) => `\\${c}`);
}

/**
 * One entry per file or folder: for each file, the outermost folder above it that holds
 * only files that look like OKRs, all of its level, and either two or more of them or a
 * name that says OKRs or a cycle; else the file itself. `others` is the rest of the
 * markdown, the OKR documents already read included.
 */
export function documentsEntries(looking: readonly { path: string; level: Level }[], others: readonly string[]): DocumentsEntry[] {
  const counts = new Map<string, FolderCounts>();
  const countIn = (path: string, key: keyof FolderCounts) => {
    for (const folder of foldersOf(path)) {
      const count = counts.get(folder) ?? counts.set(folder, { strategic: 0, operational: 0, others: 0 }).get(folder)!;
      count[key]++;
    }
  };
  for (const file of looking) countIn(file.path, file.level);
  for (const path of others) countIn(path, 'others');
  const qualifies = (folder: string, level: Level) => {
    const count = counts.get(folder)!;
    if (count.others > 0 || count[level === 'strategic' ? 'operational' : 'strategic'] > 0) return false;
    const name = folder.slice(folder.lastIndexOf('/') + 1);
    return count[level] >= 2 || OKR_WORDS.test(name) || findCycleInPath(name, 1) !== undefined;
  };
  const entries = new Map<string, Level>();
  for (const file of looking) {
    const folder = foldersOf(file.path).find((candidate) => qualifies(candidate, file.level));
    entries.set(folder === undefined ? escapeGlob(file.path) : `${escapeGlob(folder)}/**`, file.level);
  }
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([include, okr]) => ({ include, okr }));
}

