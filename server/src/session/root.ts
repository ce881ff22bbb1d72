// One OKR workspace of the language server: a root folder, its okr.config.json and the
// index of its documents, with the analysis of that index kept until the next change.
import { dirname, sep } from 'node:path';
import { configuredLevelOf, type LevelOf } from '../fs/configuredLevel.ts';
import { excludeMatcher, pathsRelativeTo, pathsUnder, readUtf8 } from '../fs/files.ts';
import { Analysis, AnalysisState, type AnalysisOptions } from '../okr/analysis/analysis.ts';
import { defaultConfig, readConfig, type OkrConfig } from '../okr/analysis/config.ts';
import type { Day } from '../okr/model/calendar.ts';
import type { Diagnostic } from '../okr/model/diagnostics.ts';
import { WorkspaceIndex } from '../okr/workspace/workspaceIndex.ts';

/** One OKR workspace: a root folder, its config and the index of its documents. */
export class OkrRoot {
  readonly index = new WorkspaceIndex();
  config: OkrConfig = defaultConfig();
  configProblems: Diagnostic[] = [];
  configPath: string | undefined;
  isExcluded: (file: string) => boolean = () => false;
  /** The level the config's `documents` gives a file (an OKR document whatever its frontmatter). */
  levelOf: LevelOf = () => undefined;
  private cached?: { version: number; today: Day; analysis: Analysis; lastCheckIn: AnalysisOptions['lastCheckIn'] };
  /** Each key result's last check-in, once the history is read (checkin-overdue is off before). */
  lastCheckIn: AnalysisOptions['lastCheckIn'];
  /** The graph and caches analyses share; made again when the config changes. */
  private state?: AnalysisState;
  private readonly relativePath: (file: string) => string;
  private readonly underDir: (workspacePath: string) => string;

  constructor(
    readonly dir: string,
    /** The workspace folder it belongs to (undefined for a lone file's folder). */
    readonly folder: string | undefined,
  ) {
    this.relativePath = pathsRelativeTo(dir);
    this.underDir = pathsUnder(dir);
  }

  loadConfig(configPath: string | undefined): void {
    this.configPath = configPath;
    this.state?.dispose();
    this.state = undefined;
    this.cached = undefined;
    this.config = defaultConfig();
    this.configProblems = [];
    if (configPath) {
      try {
        ({ config: this.config, problems: this.configProblems } = readConfig(readUtf8(configPath)));
      } catch {
        // A config that vanished or cannot be read: the defaults.
      }
    }
    this.isExcluded = excludeMatcher(configPath ? dirname(configPath) : this.dir, this.config.exclude);
    this.levelOf = configuredLevelOf(configPath ? dirname(configPath) : this.dir, this.config.documents);
  }

  contains(file: string): boolean {
    return file === this.dir || file.startsWith(this.dir.endsWith(sep) ? this.dir : this.dir + sep);
  }

  workspacePath(file: string): string {
    return this.relativePath(file);
  }

  fsPath(workspacePath: string): string {
    return this.underDir(workspacePath);
  }

  /** The analysis of the index as it is now (made again only after a change or a new day). */
  analysis(today: Day): Analysis {
    const version = this.index.version;
    const { lastCheckIn } = this;
    if (this.cached && this.cached.version === version && this.cached.today === today && this.cached.lastCheckIn === lastCheckIn) return this.cached.analysis;
    this.state ??= new AnalysisState(this.index, this.config);
    const analysis = new Analysis(this.index, { config: this.config, today, ...(lastCheckIn ? { lastCheckIn } : {}) }, this.state);
    this.cached = { version, today, analysis, lastCheckIn };
    return analysis;
  }
}
