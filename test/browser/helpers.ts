// Helpers for the browser tests of the dashboard page and the Mermaid timelines: the CLI run
// in-process on the sources, the report tree walked independently of the product's timeline
// code, workspaces written to temp folders, and a page watcher for requests and errors.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../../server/src/cli/main.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLES = join(REPO, 'examples');
export const TODAY = '2026-11-25';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** `okr report <workspace> --today TODAY …`, in-process, from the repository root; throws unless it exits 0. */
export async function okrReport(workspace: string, ...args: string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const argv = ['report', workspace, '--today', TODAY, ...args];
  const code = await runCli(argv, { cwd: REPO, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  if (code !== 0) throw new Error(`okr ${argv.join(' ')} exited ${code}: ${stderr}`);
  return stdout;
}

// ---- The json report, walked by hand ---------------------------------------------------

export interface JsonObjective {
  id: string | null;
  title: string;
  level: 'strategic' | 'operational' | null;
  status: 'active' | 'dropped';
  owner: string | null;
  cycle: { label: string; start: string; end: string } | null;
  progress: number | null;
  path: string;
  line: number;
  keyResults: { id: string | null; title: string; progress: number | null }[];
  children: JsonObjective[];
}

export async function jsonReport(workspace: string): Promise<JsonObjective[]> {
  return (JSON.parse(await okrReport(workspace, '--format', 'json')) as { objectives: JsonObjective[] }).objectives;
}

/** Every occurrence in the tree, depth first (an objective under two parents counts twice). */
export function occurrences(roots: JsonObjective[]): JsonObjective[] {
  const all: JsonObjective[] = [];
  const visit = (o: JsonObjective, path: JsonObjective[]) => {
    if (path.includes(o)) return;
    all.push(o);
    o.children.forEach((c) => visit(c, [...path, o]));
  };
  roots.forEach((o) => visit(o, []));
  return all;
}

const validCycle = (o: JsonObjective) => !!o.cycle && /^\d{4}-\d\d-\d\d$/.test(o.cycle.start) && o.cycle.start <= o.cycle.end;

/** Per strategic cycle (start..end): the distinct operational objectives with a valid cycle somewhere below it. */
export function operationalBelowStrategic(roots: JsonObjective[]): Map<string, JsonObjective[]> {
  const groups = new Map<string, Map<string, JsonObjective>>();
  const visit = (o: JsonObjective, group: Map<string, JsonObjective> | undefined, path: JsonObjective[]) => {
    if (path.includes(o)) return;
    if (o.level === 'strategic' && validCycle(o)) {
      const key = `${o.cycle!.start}..${o.cycle!.end}`;
      if (!groups.has(key)) groups.set(key, new Map());
      group = groups.get(key);
    } else if (o.level === 'operational' && validCycle(o) && group) {
      group.set(`${o.path}:${o.line}`, o);
    }
    o.children.forEach((c) => visit(c, group, [...path, o]));
  };
  roots.forEach((o) => visit(o, undefined, []));
  return new Map([...groups].map(([key, group]) => [key, [...group.values()]]));
}

// ---- Workspaces --------------------------------------------------------------------------

export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=2">',
  '[x](javascript:window.__pwned=3)',
  "{{constructor.constructor('window.__pwned=4')()}}",
];
/** The payloads as markdown text that reads back literally (a bare link would read as its text "x"). */
const MD = PAYLOADS.map((p) => p.replace(/[[\]]/g, '\\$&'));

/** Makes the folder the workspace root: without it the root is the current folder (the repository, with bench/'s 11,000 documents). */
const CONFIG = 'okr.config.json';

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Titles, owners, ids, KR titles, a file name and a heading carrying every payload. */
export function hostileFiles(): Record<string, string> {
  return {
    [CONFIG]: '{}\n',
    'strategy.md': `---
okr: strategic
cycle: 2026-Q4
owner: ${JSON.stringify(PAYLOADS[0])}
---
# Strategy ${PAYLOADS[0]}

## Objective: ${MD[0]} ${MD[1]} {#${PAYLOADS[1]}}

owner:: ${MD[2]}

- KR: ${MD[0]}  [progress:: 40%] ^k1
- KR: ${MD[1]}  [progress:: 50%]
- KR: ${MD[2]}  [progress:: 60%]
- KR: ${MD[3]} <svg onload=alert(1)>  [progress:: 70%]

## Objective: ${MD[2]} ${MD[3]} {#evil}

owner:: ${MD[3]}

- KR: Ship it  [progress:: 30%] ^ship
`,
    [`ops/${PAYLOADS[1]}.md`]: `---
okr: operational
cycle: 2026-11
owner: ${JSON.stringify(PAYLOADS[1])}
---
## Objective: ${MD[0]} in November

aligns:: [[evil#ship]]

- KR: ${MD[1]}  [progress:: 10%]

## Objective: ${MD[3]} ${MD[2]}

aligns:: [[evil]]
owner:: ${MD[0]}

- KR: ${MD[2]}  [progress:: 90%]
`,
  };
}

/** Operational titles that begin with a word Mermaid's gantt grammar reads as a keyword. */
export const KEYWORD_TITLES = ['Section 508 audit of the booking form', 'Title tags on every help article', 'Click tracking on the pricing page', 'Gantt view for dispatchers'];

export function keywordFiles(): Record<string, string> {
  const objectives = KEYWORD_TITLES.map((title, i) => `## Objective: ${title}\n\naligns:: [[growth]]\n\n- KR: Done  [progress:: ${20 * (i + 1)}%]\n`);
  return {
    [CONFIG]: '{}\n',
    'company.md': '---\nokr: strategic\ncycle: 2026-Q4\n---\n## Objective: Grow {#growth}\n\n- KR: Revenue  [progress:: 50%]\n',
    'ops.md': `---\nokr: operational\ncycle: 2026-11\n---\n${objectives.join('\n')}`,
  };
}

// ---- Watching a page ---------------------------------------------------------------------

export interface PageLog {
  requests: string[];
  console: { type: string; text: string }[];
  errors: string[];
  dialogs: string[];
  popups: number;
}

/** Records what a page asks for and complains about; `securitypolicyviolation` events land in window.__violations. */
export async function watch(page: Page): Promise<PageLog> {
  const log: PageLog = { requests: [], console: [], errors: [], dialogs: [], popups: 0 };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('popup', () => log.popups++);
  page.on('dialog', (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return log;
}

export async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
}
