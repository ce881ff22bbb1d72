// File-system helpers shared by the command line and the language server: finding
// configs, walking folders for markdown (.md, .mdx), reading UTF-8 strictly.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME } from '../okr/analysis/config.ts';

/** Folders never scanned, whatever the config says. */
export const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** A segment that `relative` would resolve (`.`, `..`) or an empty one (`//`, a trailing `/`). */
const UNNORMAL_SEGMENT = /(?:^|[\\/])\.{0,2}(?:[\\/]|$)/;

/**
 * `toPosix(relative(dir, file))` for many files under one folder. A file found by walking the
 * folder starts with it, and its path is the rest: sliced, not resolved again (path.relative
 * was 120 MB of garbage and a tenth of the scans' time at 10,000 files). Anything else is
 * left to path.relative.
 */
export function pathsRelativeTo(dir: string): (file: string) => string {
  const prefix = isAbsolute(dir) && normalize(dir) === dir ? (dir.endsWith(sep) ? dir : dir + sep) : undefined;
  return (file) => {
    if (prefix !== undefined && file.startsWith(prefix)) {
      const rest = file.slice(prefix.length);
      if (!UNNORMAL_SEGMENT.test(rest)) return toPosix(rest);
    }
    return toPosix(relative(dir, file));
  };
}

/** `join(dir, ...workspacePath.split('/'))` for many workspace paths (ours are normal: no `.`, `..` or empty segments). */
export function pathsUnder(dir: string): (workspacePath: string) => string {
  const prefix = isAbsolute(dir) && normalize(dir) === dir ? (dir.endsWith(sep) ? dir : dir + sep) : undefined;
  return (workspacePath) => {
    if (prefix !== undefined && workspacePath !== '' && !UNNORMAL_SEGMENT.test(workspacePath)) {
      return prefix + (sep === '/' ? workspacePath : workspacePath.split('/').join(sep));
    }
    return join(dir, ...workspacePath.split('/'));
  };
}

/** The nearest okr.config.json in `start` or one of its ancestors. */
export function findConfigUpwards(start: string, stopAt?: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dir === stopAt || dirname(dir) === dir) return undefined;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a file as UTF-8; throws on bytes that are not UTF-8. */
export function readUtf8(file: string): string {
  return utf8.decode(readFileSync(file));
}

/** One short phrase for why a file could not be read. */
export function describeFsError(error: unknown): string {
  if (error instanceof TypeError && /encoded data was not valid/i.test(error.message)) return 'not valid UTF-8 text';
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}

/** A matcher for the config's `exclude` globs, relative to `root`. */
export function excludeMatcher(root: string, globs: string[]): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const matches = picomatch(globs, { dot: true });
  const relativePath = pathsRelativeTo(root);
  return (file) => {
    const rel = relativePath(file);
    return !rel.startsWith('..') && matches(rel);
  };
}

export interface WalkOptions {
  isExcluded?: (path: string) => boolean;
  /** Called for a folder that cannot be listed. */
  onError?: (dir: string, error: unknown) => void;
}

/** Markdown, as OKR documents are written: `.md`, or `.mdx` (read as markdown, its ESM lines masked). */
/** A workspace path (`/`) of a markdown file outside the folders never scanned: one whose history counts. */
export function isScannedMarkdown(path: string): boolean {
  return isMarkdownFile(path) && !path.split('/').some((segment) => ALWAYS_SKIPPED.has(segment));
}

/** Whether `file` is `dir` or lies below it. */
export function isInside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

export function isMarkdownFile(path: string): boolean {
  return /\.mdx?$/i.test(path);
}

/** Every markdown file (`*.md`, `*.mdx`) under `dir` (sorted, depth first), skipping node_modules, .git and excluded paths. */
export function walkMarkdownFiles(dir: string, options: WalkOptions = {}): string[] {
  const files: string[] = [];
  const visit = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      options.onError?.(folder, error);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(folder, entry.name);
      if (ALWAYS_SKIPPED.has(entry.name) || options.isExcluded?.(full)) continue;
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && isMarkdownFile(entry.name)) files.push(full);
    }
  };
  visit(dir);
  return files;
}

/** Every okr.config.json under `dir`, skipping node_modules and .git. */
export function findConfigsUnder(dir: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && entry.name === CONFIG_FILE_NAME) found.push(full);
    }
  };
  visit(dir);
  return found;
}

/** The folder with its links resolved (and on Windows its drive letter as the system writes it), as git names folders; itself when it cannot be resolved. */
export function realFolder(folder: string): string {
  try {
    return realpathSync.native(folder);
  } catch {
    return folder;
  }
}
