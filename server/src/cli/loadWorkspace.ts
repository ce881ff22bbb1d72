// The command line's file-system side: find the workspace root and its config, scan it
// for OKR documents, and hand their text to the pure engine.
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describeFsError, excludeMatcher, findConfigUpwards, readUtf8, toPosix, walkMarkdownFiles } from '../fs/files.ts';
import { defaultConfig, readConfig, type OkrConfig } from '../okr/config.ts';
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
    configPath = findConfigUpwards(start) ?? findConfigUpwards(cwd);
  }
  const root = configPath ? dirname(configPath) : cwd;
  let config = defaultConfig();
  let configProblems: Diagnostic[] = [];
  if (configPath) {
    let text: string;
    try {
      text = readUtf8(configPath);
    } catch (error) {
      throw new UsageError(`${relative(cwd, configPath) || configPath}: ${describeFsError(error)}`);
    }
    ({ config, problems: configProblems } = readConfig(text));
  }

  const isExcluded = excludeMatcher(root, config.exclude);
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
      text = readUtf8(file);
    } catch (error) {
      warnings.push(`${toPosix(relative(cwd, file))}: skipped: ${describeFsError(error)}`);
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
    const onError = (folder: string, error: unknown) =>
      warnings.push(`${toPosix(relative(cwd, folder)) || '.'}: skipped: ${describeFsError(error)}`);
    for (const file of walkMarkdownFiles(dir, { isExcluded, onError })) visit(file);
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
