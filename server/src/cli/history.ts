// `okr history` (issue 17): every objective's and key result's progress and confidence over
// time, read from the git history of the workspace's documents, and the edits not committed
// yet as a point for today.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { configuredLevelOf } from '../fs/configuredLevel.ts';
import { excludeMatcher, isInside, isScannedMarkdown, pathsRelativeTo, pathsUnder, readUtf8, realFolder } from '../fs/files.ts';
import { readGitHistory } from '../git/gitHistory.ts';
import type { Day } from '../okr/model/calendar.ts';
import { parseCycle } from '../okr/model/cycles.ts';
import { parseIsoDay } from '../okr/model/calendar.ts';
import { buildHistoryReport } from '../okr/history/historyReport.ts';
import { replayHistory, type HistoryChange, type HistoryVersion } from '../okr/history/replay.ts';
import { formatHistoryCsv, formatHistoryMarkdown, formatHistoryText } from './formats/history.ts';
import type { CliIo } from './io.ts';
import type { OkrDocument } from '../okr/model/model.ts';
import { UsageError, type LoadedWorkspace } from './loadWorkspace.ts';

const FORMATS = ['text', 'json', 'csv', 'markdown'];

/** Each path's text after the last version (renames followed). */
function lastTexts(versions: readonly HistoryVersion[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const version of versions) {
    for (const change of version.changes) {
      if (change.from !== undefined) texts.delete(change.from);
      if (change.text === null) texts.delete(change.path);
      else texts.set(change.path, change.text);
    }
  }
  return texts;
}

/** The edits not committed: each file whose text on disk is not the last committed one. */
function uncommitted(workspace: LoadedWorkspace, committed: Map<string, string>, today: Day, isIncluded: (path: string) => boolean, parsedNow?: ParsedNow): HistoryVersion | undefined {
  const fileOf = pathsUnder(workspace.root);
  const paths = new Set([...committed.keys(), ...workspace.index.documents().map((document) => document.path).filter(isIncluded)]);
  const changes: HistoryChange[] = [];
  for (const path of [...paths].sort()) {
    // Loading the workspace read its documents already; the others are read here.
    let text = parsedNow?.get(path)?.text ?? null;
    const file = fileOf(path);
    try {
      if (text === null && existsSync(file)) text = readUtf8(file);
    } catch {
      text = null; // unreadable now: as `okr check` skips it
    }
    const before = committed.get(path) ?? null;
    if (text !== before) changes.push({ path, text, previous: { text: before } });
  }
  return changes.length > 0 ? { commit: null, day: today, author: null, changes } : undefined;
}

/** A model of the workspace as it is now, by path, with the text it was parsed from. */
export type ParsedNow = ReadonlyMap<string, { text: string; document: OkrDocument }>;

/**
 * Where git runs: the workspace root, whose every document counts (progress flows from
 * documents the paths named may not hold). A folder named outside the root (no config, the
 * command run from elsewhere) has a repository of its own: there, only what is under it.
 */
function gitFolder(workspace: LoadedWorkspace, paths: string[], cwd: string): { folder: string; only?: string } {
  const first = paths.length > 0 ? resolve(cwd, paths[0]!) : undefined;
  // Without a config the root is only where the command runs: the folder named is the workspace.
  if (first === undefined || (workspace.configPath !== undefined && isInside(first, workspace.root))) return { folder: workspace.root };
  const folder = statSync(first).isDirectory() ? first : dirname(first);
  return { folder, only: folder };
}


export async function history(values: Record<string, unknown>, paths: string[], workspace: LoadedWorkspace, io: CliIo, today: Day, parsedNow?: ParsedNow): Promise<number> {
  const format = (values.format as string | undefined) ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${format}: expected ${FORMATS.join(', ')}`);
  let since: Day | undefined;
  if (values.since !== undefined) {
    since = parseIsoDay(String(values.since));
    if (since === undefined) throw new UsageError(`--since ${String(values.since)}: expected a date YYYY-MM-DD`);
  }
  const cycleWritten = values.cycle as string | undefined;
  const parsedCycle = cycleWritten !== undefined ? parseCycle(cycleWritten, workspace.config.fiscalYearStartMonth) : undefined;
  if (parsedCycle && !parsedCycle.ok) throw new UsageError(`--cycle ${cycleWritten}: ${parsedCycle.message}`);

  const fileOf = pathsUnder(workspace.root);
  const isExcluded = excludeMatcher(workspace.root, workspace.config.exclude);
  const levelOf = configuredLevelOf(workspace.root, workspace.config.documents);
  const git = gitFolder(workspace, paths, io.cwd);
  const isIncluded = (path: string) =>
    isScannedMarkdown(path) && !isExcluded(fileOf(path)) && (git.only === undefined || isInside(fileOf(path), git.only));
  // Paths as loading the workspace made them (from its root, `../` included when a folder named
  // lies outside it); only the documents loaded count (isIncluded).
  // git names files from its top folder with links resolved: so is the root, for the two to meet.
  const inWorkspace = pathsRelativeTo(realFolder(workspace.root));
  const read = await readGitHistory(git.folder, { workspacePath: inWorkspace, isIncluded, env: io.env });
  const versions = [...read.versions];
  const edits = uncommitted(workspace, lastTexts(versions), today, isIncluded, parsedNow);
  if (edits && !read.unavailable) versions.push(edits);
  const replayed = replayHistory(read.unavailable ? [] : versions, { config: workspace.config, levelOf: (path) => levelOf(fileOf(path)),
    // Most files' last version is their text now, which loading the workspace parsed already.
    reuse: (path, text) => (parsedNow?.get(path)?.text === text ? parsedNow.get(path)!.document : undefined),
  });
  const report = buildHistoryReport(replayed, {
    today,
    ...(since !== undefined ? { since } : {}),
    ...(parsedCycle?.ok ? { cycle: parsedCycle.cycle } : {}),
    reported: (path) => workspace.reported.has(path),
    ...(read.unavailable ? { unavailable: read.unavailable } : {}),
  });
  if (read.unavailable) io.stderr(`okr: no history: ${read.unavailable}\n`);
  if (format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'csv') io.stdout(formatHistoryCsv(report));
  else if (format === 'markdown') io.stdout(formatHistoryMarkdown(report));
  else io.stdout(formatHistoryText(report));
  return workspace.ioError ? 2 : 0;
}
