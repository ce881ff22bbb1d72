// The command line's file-system side: find the workspace root and its config, scan it
// for OKR documents, and hand their text to the pure engine.
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { configuredLevelOf } from '../fs/configuredLevel.ts';
import { describeFsError, excludeMatcher, findConfigUpwards, isMarkdownFile, pathsRelativeTo, readUtf8, toPosix, walkMarkdownFiles } from '../fs/files.ts';
import { defaultConfig, readConfig, type OkrConfig } from '../okr/analysis/config.ts';
import type { Diagnostic } from '../okr/model/diagnostics.ts';
import { looksLikeOkrDocument } from '../okr/parse/frontmatter.ts';
import { readAsOkrs } from '../okr/parse/looksLikeOkrs.ts';
import type { Level, OkrDocument } from '../okr/model/model.ts';
import { WorkspaceIndex } from '../okr/workspace/workspaceIndex.ts';
import { parseInput, type ParseInput } from '../parallel/parsePool.ts';

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
  /** Files named on the command line that are not OKR documents, with why, for stderr (the exit code ignores them). */
  skipped: string[];
  /** A named file could not be read: exit 2 after reporting the rest. */
  ioError: boolean;
}

/** What was read before parsing: enough, with the inputs, to know a run's answer. */
export interface ReadContext {
  config: OkrConfig;
  configPath?: string;
  /** The config file as written (its problems are part of the answer). */
  configText?: string;
  /** Files and folders skipped so far. */
  warnings: readonly string[];
  /** The files named on the command line that may be OKR documents. */
  named: readonly string[];
  /** What is said of the named files that are not (their text decides the hint). */
  skipped: readonly string[];
}

export interface LoadOptions {
  /** Parses the documents (on threads, from a cache…); one by one here by default. */
  parse?: (inputs: ParseInput[], context: ReadContext) => Promise<OkrDocument[]>;
}

/** The config file's text and what it says (the defaults without one); unreadable: a usage error. */
function readConfigFile(cwd: string, configPath: string | undefined): { config: OkrConfig; configProblems: Diagnostic[]; configText?: string } {
  if (!configPath) return { config: defaultConfig(), configProblems: [] };
  let configText: string;
  try {
    configText = readUtf8(configPath);
  } catch (error) {
    throw new UsageError(`${relative(cwd, configPath) || configPath}: ${describeFsError(error)}`);
  }
  const { config, problems } = readConfig(configText);
  return { config, configProblems: problems, configText };
}

/** --config FILE, else the nearest okr.config.json above the first path, else above the current folder. */
function findConfigFile(cwd: string, firstTarget: string, configOption: string | undefined): string | undefined {
  if (configOption) {
    const configPath = resolve(cwd, configOption);
    if (!existsSync(configPath)) throw new UsageError(`--config ${configOption}: no such file`);
    return configPath;
  }
  const start = statSync(firstTarget).isDirectory() ? firstTarget : dirname(firstTarget);
  return findConfigUpwards(start) ?? findConfigUpwards(cwd);
}

export async function loadWorkspace(cwd: string, paths: string[], configOption?: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const parseDocuments = options.parse ?? (async (inputs: ParseInput[]) => inputs.map((input) => parseInput(input)));
  const targets = (paths.length > 0 ? paths : ['.']).map((p) => resolve(cwd, p));
  for (const [i, target] of targets.entries()) {
    if (!existsSync(target)) throw new UsageError(`${paths[i] ?? target}: no such file or directory`);
  }
  const configPath = findConfigFile(cwd, targets[0]!, configOption);
  const root = configPath ? dirname(configPath) : cwd;
  const { config, configProblems, configText } = readConfigFile(cwd, configPath);

  const isExcluded = excludeMatcher(root, config.exclude);
  const levelOf = configuredLevelOf(root, config.documents);
  const workspacePath = pathsRelativeTo(root);
  const warnings: string[] = [];
  const texts = new Map<string, { text: string; level?: Level }>();
  const unreadable = new Set<string>();
  const notOkr = new Set<string>();
  // Files named one by one (not found in a named folder): said so when they are not OKR documents.
  const namedFiles = new Set(targets.filter((target) => !statSync(target).isDirectory()));
  const namedTexts = new Map<string, string>();
  let ioError = false;

  /** Reads a file once; true when it may be an OKR document. */
  const readFile = (file: string, named: boolean): boolean => {
    if (texts.has(file)) return true;
    if (notOkr.has(file)) return false;
    if (unreadable.has(file)) {
      if (named) ioError = true;
      return false;
    }
    let text: string;
    try {
      text = readUtf8(file);
    } catch (error) {
      warnings.push(`${toPosix(relative(cwd, file))}: skipped: ${describeFsError(error)}`);
      unreadable.add(file);
      if (named) ioError = true;
      return false;
    }
    if (namedFiles.has(file)) namedTexts.set(file, text);
    const level = levelOf(file);
    if (level === undefined && !looksLikeOkrDocument(workspacePath(file), text)) {
      notOkr.add(file);
      return false;
    }
    texts.set(file, level === undefined ? { text } : { text, level });
    return true;
  };

  const walk = (dir: string, visit: (file: string) => void) => {
    const onError = (folder: string, error: unknown) =>
      warnings.push(`${toPosix(relative(cwd, folder)) || '.'}: skipped: ${describeFsError(error)}`);
    for (const file of walkMarkdownFiles(dir, { isExcluded, onError })) visit(file);
  };

  // Every OKR document under the root resolves references, named or not.
  walk(root, (file) => readFile(file, false));
  const named: { target: string; label: string; files: string[]; directory: boolean }[] = [];
  for (const [i, target] of targets.entries()) {
    const directory = statSync(target).isDirectory();
    const files: string[] = [];
    if (directory) walk(target, (file) => files.push(file));
    else files.push(target);
    // A file under a path the user named that cannot be read is an I/O error.
    named.push({ target, label: paths[i] ?? '.', files: files.filter((file) => readFile(file, true)), directory });
  }
  const inputs: ParseInput[] = [...texts].map(([file, read]) => ({ path: workspacePath(file), ...read }));
  const skippedLineOf = (file: string) => skippedLine(toPosix(relative(cwd, file)), workspacePath(file), namedTexts.get(file)!, config);
  // In the order named: files that could not be read have no text, and are warned about already.
  const namedRead = [...namedFiles].filter((file) => namedTexts.has(file));
  const unread = new Map(namedRead.filter((file) => notOkr.has(file)).map((file) => [file, skippedLineOf(file)]));
  const documents = await parseDocuments(inputs, {
    config,
    configPath,
    configText,
    warnings,
    named: named.flatMap(({ files }) => files.map(workspacePath)),
    skipped: [...unread.values()],
  });
  const index = new WorkspaceIndex();
  for (const document of documents) index.set(document);
  // Some were parsed, but their frontmatter does not make them OKR documents after all (`tags: [okr]`).
  const skipped = namedRead.filter((file) => index.get(workspacePath(file)) === undefined).map((file) => unread.get(file) ?? skippedLineOf(file));

  const reported = new Set<string>();
  for (const { label, files, directory } of named) {
    const found = files.filter((file) => index.get(workspacePath(file)) !== undefined);
    for (const file of found) reported.add(workspacePath(file));
    if (directory && found.length === 0) {
      warnings.push(`${label}: no OKR documents found (markdown files with "okr:" frontmatter, named *.okr.md, or matched by "documents" in okr.config.json)`);
      ioError = true;
    }
  }
  return { root, config, configPath, configProblems, index, reported, warnings, skipped, ioError };
}

/** Why a named file is not read, and a hint when it holds OKRs that only need opting in. */
function skippedLine(shown: string, workspacePath: string, text: string, config: OkrConfig): string {
  const line = `${shown}: skipped: not an OKR document (no okr: in its frontmatter, not *.okr.md, not matched by "documents" in okr.config.json)`;
  if (!isMarkdownFile(workspacePath) || !readAsOkrs(workspacePath, text, 'strategic', config.fiscalYearStartMonth).looksLikeOkrs) return line;
  return `${line}; it looks like OKRs: add "okr: strategic" or "okr: operational" to its frontmatter, or run okr init`;
}
