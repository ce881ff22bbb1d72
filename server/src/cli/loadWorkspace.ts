// The command line's file-system side: find the workspace root and its config, scan it
// for OKR documents, and hand their text to the pure engine.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME, defaultConfig, readConfig, type OkrConfig } from '../okr/config.ts';
import type { Diagnostic } from '../okr/diagnostics.ts';
import { looksLikeOkrDocument } from '../okr/frontmatter.ts';
import { parseDocument } from '../okr/parse.ts';
import { WorkspaceIndex } from '../okr/workspaceIndex.ts';

/** A problem that stops the command: reported on one line, exit code 2. */
export class UsageError extends Error {}

export interface LoadedWorkspace {
  root: string;
  config: OkrConfig;
  configPath?: string;
  configProblems: Diagnostic[];
  index: WorkspaceIndex;
  /** Workspace paths of the OKR documents to report. */
  reported: Set<string>;
  /** Files skipped with a reason (not UTF-8, unreadable), for stderr. */
  warnings: string[];
  /** A named file could not be read: exit 2 after reporting the rest. */
  ioError: boolean;
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function findConfig(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readText(file: string): string {
  return utf8.decode(readFileSync(file));
}

function describeError(error: unknown): string {
  if (error instanceof TypeError && /encoded data was not valid/i.test(error.message)) return 'not valid UTF-8 text';
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}

export function loadWorkspace(cwd: string, paths: string[], configOption?: string): LoadedWorkspace {
  const targets = (paths.length > 0 ? paths : ['.']).map((p) => resolve(cwd, p));
  for (const [i, target] of targets.entries()) {
    if (!existsSync(target)) throw new UsageError(`${paths[i] ?? target}: no such file or directory`);
  }
  let configPath: string | undefined;
  if (configOption) {
    configPath = resolve(cwd, configOption);
    if (!existsSync(configPath)) throw new UsageError(`--config ${configOption}: no such file`);
  } else {
    const first = targets[0]!;
    const start = statSync(first).isDirectory() ? first : dirname(first);
    configPath = findConfig(start) ?? findConfig(cwd);
  }
  const root = configPath ? dirname(configPath) : cwd;
  let config = defaultConfig();
  let configProblems: Diagnostic[] = [];
  if (configPath) {
    let text: string;
    try {
      text = readText(configPath);
    } catch (error) {
      throw new UsageError(`${relative(cwd, configPath) || configPath}: ${describeError(error)}`);
    }
    ({ config, problems: configProblems } = readConfig(text));
  }

  const excluded = config.exclude.length > 0 ? picomatch(config.exclude, { dot: true }) : () => false;
  const workspacePath = (file: string) => toPosix(relative(root, file));
  const index = new WorkspaceIndex();
  const warnings: string[] = [];
  const seen = new Set<string>();
  const unreadable = new Set<string>();
  let ioError = false;

  const addFile = (file: string, named: boolean): boolean => {
    if (seen.has(file)) {
      if (named && unreadable.has(file)) ioError = true;
      return index.get(workspacePath(file)) !== undefined;
    }
    seen.add(file);
    const path = workspacePath(file);
    let text: string;
    try {
      text = readText(file);
    } catch (error) {
      warnings.push(`${toPosix(relative(cwd, file))}: skipped: ${describeError(error)}`);
      unreadable.add(file);
      if (named) ioError = true;
      return false;
    }
    if (!looksLikeOkrDocument(path, text)) return false;
    const document = parseDocument(path, text);
    index.set(document);
    return document.isOkr;
  };

  const walk = (dir: string, visit: (file: string) => void) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      warnings.push(`${toPosix(relative(cwd, dir)) || '.'}: skipped: ${describeError(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const rel = workspacePath(full);
      if (ALWAYS_SKIPPED.has(entry.name) || (!rel.startsWith('..') && excluded(rel))) continue;
      if (entry.isDirectory()) walk(full, visit);
      else if (entry.isFile() && /\.md$/i.test(entry.name)) visit(full);
    }
  };

  // Every OKR document under the root resolves references, named or not.
  walk(root, (file) => addFile(file, false));

  const reported = new Set<string>();
  for (const [i, target] of targets.entries()) {
    if (statSync(target).isDirectory()) {
      let found = 0;
      walk(target, (file) => {
        // A file under a path the user named that cannot be read is an I/O error.
        if (addFile(file, true)) {
          reported.add(workspacePath(file));
          found++;
        }
      });
      if (found === 0) warnings.push(`${paths[i] ?? '.'}: no OKR documents found (markdown files with "okr:" frontmatter or named *.okr.md)`);
      if (found === 0) ioError = true;
    } else if (addFile(target, true)) {
      reported.add(workspacePath(target));
    }
  }
  return { root, config, configPath, configProblems, index, reported, warnings, ioError };
}
