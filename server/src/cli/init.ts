// `okr init [folder] [--dry-run] [--today YYYY-MM-DD]`: sets a folder up. In a folder without
// OKRs it writes okr.config.json, a first strategic document for this quarter and an
// operational one for this month aligned to it; where markdown already holds OKRs, an
// okr.config.json whose `documents` read them, after saying what will be read. It never
// overwrites a file: when one it would write exists, it writes nothing and exits 2.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFsError, findConfigUpwards, toPosix } from '../fs/files.ts';
import { CONFIG_FILE_NAME, defaultConfig } from '../okr/analysis/config.ts';
import { civilFromDay, pad, type Day } from '../okr/model/calendar.ts';
import { defaultDocumentPath, operationalDocument, strategicDocument, templateFirstKeyResultId, templateObjectiveId } from '../okr/report/templates.ts';
import { plural } from '../okr/report/format.ts';
import { documentsEntries, type DocumentsEntry } from './documentsGlobs.ts';
import { scanFolder, type FolderScan } from './initScan.ts';
import { resolveToday, type CliIo } from './io.ts';
import { UsageError } from './loadWorkspace.ts';
import { USAGE } from './usage.ts';

interface PlannedFile {
  /** Relative to the folder, with `/`. */
  path: string;
  text: string;
  /** What it is, for the line that names it. */
  note: string;
}

interface InitPlan {
  files: PlannedFile[];
  /** The entries an existing okr.config.json lacks to read what looks like OKRs. */
  missingEntries?: DocumentsEntry[];
}

/** How the folder is named in messages and next steps (relative to the current folder). */
interface Shown {
  file: (path: string) => string;
  /** ` okrs` after a command, or '' for the current folder. */
  argument: string;
}


export async function init(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { 'dry-run': { type: 'boolean' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  if (parsed.values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length > 1) throw new UsageError(`okr init takes one folder, not ${parsed.positionals.length}`);
  const written = parsed.positionals[0] ?? '.';
  const folder = resolve(io.cwd, written);
  const exists = existsSync(folder);
  if (exists && !statSync(folder).isDirectory()) throw new UsageError(`${written}: not a folder`);
  const today = resolveToday(parsed.values.today, io);
  const scan: FolderScan = exists ? scanFolder(folder, io.cwd) : { config: defaultConfig(), okrDocuments: [], looking: [], others: [], warnings: [] };
  const relativeFolder = toPosix(relative(io.cwd, folder));
  const shown: Shown = {
    file: (path) => toPosix(relative(io.cwd, join(folder, path))),
    argument: relativeFolder === '' ? '' : ` ${/^[\w./-]+$/.test(relativeFolder) ? relativeFolder : `'${relativeFolder.replace(/'/g, `'\\''`)}'`}`,
  };
  for (const warning of scan.warnings) io.stderr(`okr: ${warning}\n`);
  describeScan(scan, shown, io);
  const plan = planFor(scan, folder, today);
  if (plan.missingEntries) {
    io.stderr(`okr: ${shown.file(CONFIG_FILE_NAME)} exists and okr init never changes it; to read the files above, add to its "documents":\n`);
    io.stderr(`${plan.missingEntries.map(entryLine).join(',\n')}\n`);
    io.stderr('okr: nothing was written\n');
    return 2;
  }
  const conflicts = plan.files.filter((file) => existsSync(join(folder, file.path)));
  if (conflicts.length > 0) {
    for (const file of conflicts) io.stderr(`okr: ${shown.file(file.path)} exists; okr init never overwrites a file\n`);
    io.stderr('okr: nothing was written\n');
    return 2;
  }
  if (plan.files.length === 0) {
    io.stdout(`Nothing to write: ${shown.file(CONFIG_FILE_NAME)} exists and ${plural(scan.okrDocuments.length, 'OKR document')} ${scan.okrDocuments.length === 1 ? 'is' : 'are'} read.\n`);
    nextSteps(shown, io);
    return 0;
  }
  if (scan.configPath) io.stdout(`${shown.file(CONFIG_FILE_NAME)} exists: kept as it is.\n`);
  if (parsed.values['dry-run']) {
    for (const file of plan.files) io.stdout(`Would write ${shown.file(file.path)} (${file.note}):\n${file.text.replace(/^(?=.)/gm, '    ')}`);
    io.stdout('Nothing was written (--dry-run).\n');
    return 0;
  }
  return writePlan(plan, folder, shown, io);
}

function writePlan(plan: InitPlan, folder: string, shown: Shown, io: CliIo): number {
  for (const file of plan.files) {
    const target = join(folder, file.path);
    try {
      mkdirSync(dirname(target), { recursive: true });
      // `wx`: a file that appeared since the check is not overwritten either.
      writeFileSync(target, file.text, { flag: 'wx' });
    } catch (error) {
      io.stderr(`okr: cannot write ${shown.file(file.path)}: ${describeFsError(error)}\n`);
      return 2;
    }
    io.stdout(`Wrote ${shown.file(file.path)} (${file.note})\n`);
  }
  const outer = plan.files.some((file) => file.path === CONFIG_FILE_NAME) ? findConfigUpwards(dirname(folder)) : undefined;
  if (outer) io.stdout(`Note: ${toPosix(relative(folder, outer))} covered this folder; the okr.config.json written here makes it a workspace of its own.\n`);
  nextSteps(shown, io);
  return 0;
}

/** What the folder holds: files that look like OKRs (each with what would be read), documents, the rest. */
function describeScan(scan: FolderScan, shown: Shown, io: CliIo): void {
  const { looking, okrDocuments, others } = scan;
  const LISTED = 50;
  if (looking.length > 0) {
    io.stdout(`${plural(looking.length, 'markdown file')} ${looking.length === 1 ? 'looks' : 'look'} like OKRs but ${looking.length === 1 ? 'is' : 'are'} not read yet:\n`);
    for (const file of looking.slice(0, LISTED)) {
      const cycles = file.cycles.length === 0 ? 'no cycle found (okr check will ask for one)' : `${file.cycles.length === 1 ? 'cycle' : 'cycles'} ${file.cycles.join(', ')}`;
      const why = file.levelFrom === undefined ? ' (a guess)' : file.levelFrom.startsWith('cycle') ? '' : ` (${file.levelFrom})`;
      io.stdout(`  ${shown.file(file.path)}: ${plural(file.objectives, 'objective')}, ${plural(file.keyResults, 'key result')}, ${cycles}: ${file.level}${why}\n`);
    }
    if (looking.length > LISTED) io.stdout(`  … and ${looking.length - LISTED} more\n`);
  }
  const some = (paths: string[], n: number) => `${paths.slice(0, n).map(shown.file).join(', ')}${paths.length > n ? ', …' : ''}`;
  if (okrDocuments.length > 0) {
    const one = okrDocuments.length === 1;
    io.stdout(`${plural(okrDocuments.length, 'file')} ${one ? 'is an OKR document' : 'are OKR documents'} already (okr: in the frontmatter, *.okr.md or "documents" in okr.config.json) and need${one ? 's' : ''} no glob: ${some(okrDocuments, 5)}\n`);
  }
  if (others.length > 0) {
    const one = others.length === 1;
    io.stdout(`${plural(others.length, 'other markdown file')} ${one ? 'does' : 'do'} not look like OKRs and ${one ? 'is' : 'are'} left out: ${some(others, 3)}\n`);
  }
}

function planFor(scan: FolderScan, folder: string, today: Day): InitPlan {
  const schema = schemaReference(folder);
  if (scan.looking.length > 0) {
    // A glob never spans a folder of documents read already: their level may come from an
    // entry of the config that a broader, earlier one would override.
    const entries = documentsEntries(scan.looking, [...scan.others, ...scan.okrDocuments]);
    if (scan.configPath) return { files: [], missingEntries: entries };
    const note = `its "documents" read the ${plural(scan.looking.length, 'file')} above`;
    return { files: [{ path: CONFIG_FILE_NAME, text: configText(schema, entries), note }] };
  }
  const config: PlannedFile[] = scan.configPath ? [] : [{ path: CONFIG_FILE_NAME, text: configText(schema, []), note: 'the workspace root and its settings' }];
  return { files: scan.okrDocuments.length > 0 ? config : [...config, ...starterDocuments(today)] };
}

/** A first strategic document for this quarter, and an operational one for this month aligned to its first key result. */
function starterDocuments(today: Day): PlannedFile[] {
  const { year, month } = civilFromDay(today);
  const quarter = `${pad(year, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
  const thisMonth = `${pad(year, 4)}-${pad(month, 2)}`;
  const strategicTitle = 'Delight our customers';
  const id = templateObjectiveId(strategicTitle);
  const alignsTo = `${id}#${templateFirstKeyResultId(id)}`;
  return [
    { path: defaultDocumentPath(quarter, 'company'), text: strategicDocument({ title: strategicTitle, cycle: quarter }), note: `strategic, ${quarter}` },
    {
      path: defaultDocumentPath(thisMonth, 'team'),
      text: operationalDocument({ title: 'Answer support requests faster', cycle: thisMonth, alignsTo }),
      note: `operational, ${thisMonth}, aligned to [[${alignsTo}]]`,
    },
  ];
}

function entryLine({ include, okr }: DocumentsEntry): string {
  return `    { "include": ${JSON.stringify(include)}, "okr": ${JSON.stringify(okr)} }`;
}

/** A small okr.config.json: the schema when there is one to point at, the fiscal year's start (it decides what Q1 is), and `documents`. */
function configText(schema: string | undefined, entries: DocumentsEntry[]): string {
  const members = [...(schema ? [`  "$schema": ${JSON.stringify(schema)}`] : []), '  "fiscalYearStartMonth": 1'];
  if (entries.length > 0) members.push(`  "documents": [\n${entries.map(entryLine).join(',\n')}\n  ]`);
  return `{\n${members.join(',\n')}\n}\n`;
}

/**
 * The JSON schema's path relative to the folder, when okr-markdown is installed in the
 * project (node_modules, as Node finds it); else none: VS Code's extension brings the schema
 * itself, and a path into a global install or someone's clone would break for the others.
 */
function schemaReference(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const schema = join(dir, 'node_modules', 'okr-markdown', 'dist', 'okr.config.schema.json');
    if (existsSync(schema)) {
      const path = toPosix(relative(folder, schema));
      return path.startsWith('.') ? path : `./${path}`;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function nextSteps(shown: Shown, io: CliIo): void {
  const steps: [string, string][] = [
    [`okr check${shown.argument}`, 'check the documents and list what to fix'],
    [`okr report${shown.argument}`, 'the alignment tree with progress'],
    [`code${shown.argument || ' .'}`, 'open the folder in VS Code: the OKR Markdown extension adds diagnostics, a progress tree and a dashboard'],
  ];
  const width = Math.max(...steps.map(([command]) => command.length)) + 3;
  io.stdout(`\nNext steps:\n${steps.map(([command, what]) => `  ${command.padEnd(width)}${what}\n`).join('')}`);
}
