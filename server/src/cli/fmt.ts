// `okr fmt [paths…] [--write]`: documents read from their outline, rewritten in the explicit
// form (report/explicitForm.ts). Without --write it prints the change as a unified diff and
// exits 1 when there is one (for CI); with --write it writes the files and names them.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { Analysis } from '../okr/analysis/analysis.ts';
import type { Day } from '../okr/model/calendar.ts';
import { parseDocument } from '../okr/parse/parse.ts';
import { explicitFormOf } from '../okr/report/explicitForm.ts';
import { stripBom } from '../okr/model/text.ts';
import { toPosix } from '../fs/files.ts';
import type { LoadedWorkspace } from './loadWorkspace.ts';

export interface FmtIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function fmt(workspace: LoadedWorkspace, today: Day, write: boolean, io: FmtIo): number {
  const analysis = new Analysis(workspace.index, { config: workspace.config, today });
  let changed = 0;
  let failed = false;
  for (const document of workspace.index.documents()) {
    if (!workspace.reported.has(document.path) || !document.objectives.some((objective) => objective.outline)) continue;
    const file = resolve(workspace.root, document.path);
    const shown = toPosix(relative(io.cwd, file));
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (error) {
      io.stderr(`okr: cannot read ${shown}: ${(error as Error).message}\n`);
      failed = true;
      continue;
    }
    const text = stripBom(raw);
    // The file must still be what was analysed: a rewrite of other text would lose edits.
    if (JSON.stringify(parseDocument(document.path, raw, document.configuredLevel).objectives) !== JSON.stringify(document.objectives)) {
      io.stderr(`okr: ${shown} changed while it was read; run okr fmt again\n`);
      failed = true;
      continue;
    }
    const { text: rewritten, problem } = explicitFormOf(analysis, document, text);
    if (problem) {
      io.stderr(`okr: ${shown} left as it is: ${problem}\n`);
      failed = true;
      continue;
    }
    if (rewritten === text) continue;
    changed++;
    if (!write) {
      io.stdout(createTwoFilesPatch(shown, shown, text, rewritten, '', '', { context: 3 }));
      continue;
    }
    try {
      writeFileSync(file, raw.length > text.length ? `\uFEFF${rewritten}` : rewritten);
      io.stderr(`okr: wrote ${shown} in the explicit form\n`);
    } catch (error) {
      io.stderr(`okr: cannot write ${shown}: ${(error as Error).message}\n`);
      failed = true;
    }
  }
  if (failed || workspace.ioError) return 2;
  if (changed === 0) {
    io.stderr('okr: every OKR document is already in the explicit form\n');
    return 0;
  }
  if (write) return 0;
  io.stderr(`okr: ${changed} document${changed === 1 ? '' : 's'} read from the outline would be rewritten; run okr fmt --write to write ${changed === 1 ? 'it' : 'them'}\n`);
  return 1;
}
