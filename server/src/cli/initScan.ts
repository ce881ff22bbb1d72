// `okr init`'s look at a folder: which markdown files are OKR documents already (`okr:`
// frontmatter, *.okr.md, or the folder's okr.config.json `documents`), which look like OKRs
// but are not read yet (okr/parse/looksLikeOkrs.ts), with the level their cycles tell and
// what would be read in them, and which are neither.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { configuredLevelOf } from '../fs/configuredLevel.ts';
import { describeFsError, excludeMatcher, readUtf8, toPosix, walkMarkdownFiles } from '../fs/files.ts';
import { CONFIG_FILE_NAME, defaultConfig, readConfig, type OkrConfig } from '../okr/analysis/config.ts';
import { documentCycle, objectiveSettings } from '../okr/analysis/settings.ts';
import { cycleLength, type Cycle } from '../okr/model/cycles.ts';
import type { Level, OkrDocument } from '../okr/model/model.ts';
import { looksLikeOkrDocument } from '../okr/parse/frontmatter.ts';
import { readAsOkrs } from '../okr/parse/looksLikeOkrs.ts';
import { parseDocument } from '../okr/parse/parse.ts';
import { UsageError } from './loadWorkspace.ts';

/** A markdown file that looks like OKRs and is not read yet. */
export interface LookingFile {
  /** Relative to the folder, with `/`. */
  path: string;
  level: Level;
  /** Why that level: "cycle 2026-11", "it aligns to other objectives", or undefined (a guess). */
  levelFrom?: string;
  objectives: number;
  keyResults: number;
  /** The cycles its objectives get, as written (empty: none found). */
  cycles: string[];
}

export interface FolderScan {
  /** The folder's own okr.config.json, if it has one. */
  configPath?: string;
  config: OkrConfig;
  /** Read already, needing no glob. */
  okrDocuments: string[];
  looking: LookingFile[];
  /** Markdown that does not look like OKRs. */
  others: string[];
  /** Files and folders that could not be read. */
  warnings: string[];
}

export function scanFolder(folder: string, cwd: string): FolderScan {
  const candidate = join(folder, CONFIG_FILE_NAME);
  const configPath = existsSync(candidate) ? candidate : undefined;
  let config = defaultConfig();
  const configProblems: string[] = [];
  if (configPath) {
    let read: ReturnType<typeof readConfig>;
    try {
      read = readConfig(readUtf8(configPath));
    } catch (error) {
      throw new UsageError(`${toPosix(relative(cwd, configPath))}: ${describeFsError(error)}`);
    }
    config = read.config;
    // What the summary says rests on the config as read: say where it was not understood.
    const at = toPosix(relative(cwd, configPath));
    for (const problem of read.problems) configProblems.push(`${at}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.message}`);
  }
  const scan: FolderScan = { ...(configPath ? { configPath } : {}), config, okrDocuments: [], looking: [], others: [], warnings: configProblems };
  const levelOf = configuredLevelOf(folder, config.documents);
  const shown = (file: string) => toPosix(relative(cwd, file)) || '.';
  const onError = (dir: string, error: unknown) => scan.warnings.push(`${shown(dir)}: skipped: ${describeFsError(error)}`);
  for (const file of walkMarkdownFiles(folder, { isExcluded: excludeMatcher(folder, config.exclude), onError })) {
    const path = toPosix(relative(folder, file));
    let text: string;
    try {
      text = readUtf8(file);
    } catch (error) {
      scan.warnings.push(`${shown(file)}: skipped: ${describeFsError(error)}`);
      continue;
    }
    const configured = levelOf(file);
    if ((configured !== undefined || looksLikeOkrDocument(path, text)) && parseDocument(path, text, configured).isOkr) {
      scan.okrDocuments.push(path);
      continue;
    }
    const reading = readAsOkrs(path, text, 'strategic', config.fiscalYearStartMonth);
    if (!reading.looksLikeOkrs) {
      scan.others.push(path);
      continue;
    }
    scan.looking.push({ path, objectives: reading.objectives, keyResults: reading.keyResults, ...tellLevel(reading.document, config) });
  }
  return scan;
}

/**
 * The level a document's cycles tell (all within operational.maxCycleDays: operational; all
 * at least strategic.minCycleDays: strategic), else what its written `aligns::` tell, else
 * strategic: it needs no alignment, so a wrong guess costs least.
 */
function tellLevel(document: OkrDocument, config: OkrConfig): Pick<LookingFile, 'level' | 'levelFrom' | 'cycles'> {
  const inherited = documentCycle(document, config);
  const found = document.objectives.map((objective) => objectiveSettings(document, objective, inherited, config).cycle).filter((cycle): cycle is Cycle => cycle !== undefined);
  const cycles = [...new Set(found.map((cycle) => cycle.label))];
  const named = `cycle${cycles.length === 1 ? '' : 's'} ${cycles.join(', ')}`;
  if (found.length > 0 && found.every((cycle) => cycleLength(cycle) <= config.operational.maxCycleDays)) return { level: 'operational', levelFrom: named, cycles };
  if (found.length > 0 && found.every((cycle) => cycleLength(cycle) >= config.strategic.minCycleDays)) return { level: 'strategic', levelFrom: named, cycles };
  if (document.objectives.some((objective) => objective.references.some((reference) => !reference.inferred))) {
    return { level: 'operational', levelFrom: 'it aligns to other objectives', cycles };
  }
  return { level: 'strategic', cycles };
}
