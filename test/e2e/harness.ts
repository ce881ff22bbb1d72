// End-to-end harness: the packaged extension in a real VS Code (code-server 4.100.3 = VS Code
// 1.100.3), driven in Debian's headless Chromium through playwright-core.
//
// It packages nothing itself: run `npm run package` (writes okr-markdown.vsix) and
// `bash scripts/install-code-server.sh` (code-server into .vscode-test/, Chromium if missing)
// first. Every wait is on a condition, polled with a timeout.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const codeServerBin = join(root, '.vscode-test/code-server/node_modules/.bin/code-server');
export const vsix = join(root, 'okr-markdown.vsix');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const today = '2026-11-25';
export const failuresDir = join(root, 'test/e2e/failures');
/** The user settings of `npm start`'s demo, so that what the tests see is what a new user sees. */
export const demoSettings = JSON.parse(readFileSync(join(root, 'scripts/demo-settings.json'), 'utf8')) as Record<string, unknown>;

/** The OKR status-bar item (its id is publisher.extension.itemId). */
const okrStatusItem = '[id="okr-markdown.okr-markdown.okr.progress"]';
const quickInput = '.quick-input-widget:not([style*="display: none"])';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls `probe` until it returns a value other than undefined/false, or throws after `timeout` ms. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeout = 20_000, interval = 150): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    return response.status < 500;
  } catch {
    return false;
  }
}

export interface TreeRow {
  level: number;
  label: string;
  description: string;
  ariaLabel: string;
  expanded: string | null;
}

export class Harness {
  readonly temp: string;
  readonly workspace: string;
  readonly userData: string;
  readonly extensions: string;
  private server: ChildProcess | undefined;
  private browser: Browser | undefined;
  private serverLog = '';
  page!: Page;
  port = 0;

  private constructor() {
    this.temp = mkdtempSync(join(tmpdir(), 'okr-e2e-'));
    this.workspace = join(this.temp, 'workspace');
    this.userData = join(this.temp, 'user-data');
    this.extensions = join(this.temp, 'extensions');
  }

  /**
   * Installs the vsix, starts code-server on a copy of `fixture` and opens it in Chromium, in a
   * window of `viewport` (VS Code's own default window is 1024 × 768).
   */
  static async start(fixture = join(root, 'examples'), viewport = { width: 1600, height: 1000 }): Promise<Harness> {
    const h = new Harness();
    try {
      await h.boot(fixture, viewport);
    } catch (error) {
      await h.screenshot('startup');
      await h.stop();
      throw error;
    }
    return h;
  }

  private async boot(fixture: string, viewport: { width: number; height: number }): Promise<void> {
    if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
    if (!existsSync(codeServerBin)) throw new Error(`${codeServerBin} is missing: run \`bash scripts/install-code-server.sh\` first`);
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: run \`bash scripts/install-code-server.sh\` first`);
    mkdirSync(join(this.userData, 'User'), { recursive: true });
    writeFileSync(
      join(this.userData, 'User/settings.json'),
      JSON.stringify(demoSettings, null, 2),
    );
    cpSync(fixture, this.workspace, { recursive: true });
    execFileSync(codeServerBin, ['--user-data-dir', this.userData, '--extensions-dir', this.extensions, '--install-extension', vsix], { stdio: 'pipe' });

    this.port = await freePort();
    this.server = spawn(
      codeServerBin,
      ['--auth', 'none', '--bind-addr', `127.0.0.1:${this.port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
        '--user-data-dir', this.userData, '--extensions-dir', this.extensions],
      // Its own process group, so that stop() ends code-server, its extension host and the language server by id.
      { cwd: this.temp, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OKR_TODAY: today } },
    );
    const keep = (chunk: Buffer) => { this.serverLog = (this.serverLog + chunk.toString()).slice(-20_000); };
    this.server.stdout?.on('data', keep);
    this.server.stderr?.on('data', keep);
    await waitFor('code-server to answer', async () => {
      if (this.server?.exitCode !== null) throw new Error(`code-server exited: ${this.serverLog}`);
      return httpOk(`http://127.0.0.1:${this.port}/healthz`);
    }, 60_000, 250);

    this.browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await this.browser.newContext({ viewport });
    this.page = await context.newPage();
    await this.page.goto(`http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The extension is up when its status-bar item shows a percentage.
    await waitFor('the OKR status-bar item', async () => /OKR\s+\d+\s*%/.test(await this.statusBarItem()), 60_000);
  }

  /** Ends the browser and code-server (with everything it started), by process id. */
  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    this.browser = undefined;
    const server = this.server;
    this.server = undefined;
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise<void>((r) => server.once('exit', () => r()));
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-server.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.temp, { recursive: true, force: true });
  }

  /** With OKR_SCREENSHOTS=1 (npm run screenshots): the README's pictures, into docs/images. */
  async illustrate(name: string): Promise<void> {
    if (!process.env.OKR_SCREENSHOTS || !this.page) return;
    const dir = join(import.meta.dirname, '../../docs/images');
    mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: join(dir, `${name}.png`) });
  }

  async screenshot(name: string): Promise<string | undefined> {
    if (!this.page) return undefined;
    mkdirSync(failuresDir, { recursive: true });
    const file = join(failuresDir, `${name.replace(/[^\w.-]+/g, '_').slice(0, 120)}.png`);
    await this.page.screenshot({ path: file }).catch(() => undefined);
    return file;
  }

  file(relative: string): string {
    return join(this.workspace, relative);
  }

  readFile(relative: string): string {
    return readFileSync(this.file(relative), 'utf8');
  }

  // ---- workbench helpers ------------------------------------------------------------------

  /** Closes any open quick input, hover or suggestion. */
  async escape(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      if (!(await this.page.$(quickInput)) && !(await this.page.$('.monaco-hover:not(.hidden) .hover-contents'))) break;
      await this.page.keyboard.press('Escape');
    }
  }

  async quickInputState(): Promise<{ title: string; value: string; message: string; rows: string[]; focused: string } | undefined> {
    return this.page.evaluate(() => {
      const w = document.querySelector<HTMLElement>('.quick-input-widget');
      if (!w || w.style.display === 'none') return undefined;
      const rows = [...w.querySelectorAll<HTMLElement>('.quick-input-list .monaco-list-row')];
      return {
        title: w.querySelector<HTMLElement>('.quick-input-title')?.innerText ?? '',
        value: w.querySelector('input')?.value ?? '',
        message: w.querySelector<HTMLElement>('.quick-input-message')?.innerText ?? '',
        rows: rows.map((r) => r.innerText.replace(/\n/g, ' | ')),
        focused: rows.find((r) => r.classList.contains('focused'))?.innerText.replace(/\n/g, ' | ') ?? '',
      };
    });
  }

  async waitQuickInputTitle(pattern: RegExp, timeout = 15_000): Promise<void> {
    await waitFor(`a quick input titled ${pattern}`, async () => pattern.test((await this.quickInputState())?.title ?? ''), timeout);
  }

  /** Runs a command from the Command Palette: types `text`, waits for the focused row to include `pick`. */
  async command(text: string, pick = text): Promise<void> {
    await this.escape();
    await this.page.keyboard.press('F1');
    await this.page.waitForSelector(`${quickInput} input`, { timeout: 10_000 });
    await this.page.keyboard.type(text.startsWith('>') ? text.slice(1) : text, { delay: 5 });
    await waitFor(`the command "${pick}" in the palette`, async () => (await this.quickInputState())?.focused.includes(pick), 10_000);
    await this.page.keyboard.press('Enter');
  }

  activeTab(): Promise<string> {
    return this.page.evaluate(() => {
      const tab = document.querySelector('.part.editor .editor-group-container.active .tabs-container .tab.active');
      return tab?.getAttribute('aria-label') ?? '';
    });
  }

  /** Opens a workspace file with Quick Open, waits until its tab is the active one, and goes to its first line. */
  async openFile(relative: string): Promise<void> {
    const name = relative.split('/').pop()!;
    // From a webview (the dashboard) the keys could still go to its frame, and on a busy
    // machine the webview taking focus can close Quick Open as it opens: focus its input,
    // and open it again if it closed.
    for (let attempt = 1; ; attempt++) {
      await this.escape();
      await this.page.keyboard.press('Control+P');
      try {
        await this.page.waitForSelector(`${quickInput} input`, { timeout: 10_000 });
        await this.page.click(`${quickInput} input`, { timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await this.page.keyboard.type(relative, { delay: 5 });
    await waitFor(`"${relative}" in Quick Open`, async () => {
      const state = await this.quickInputState();
      return state?.focused.includes(name) && state.focused.includes(relative.split('/').slice(0, -1).join('/').split('/').pop() ?? '');
    }, 10_000);
    await this.page.keyboard.press('Enter');
    await waitFor(`the tab of ${relative}`, async () => (await this.activeTab()).startsWith(name), 10_000);
    await this.page.waitForSelector('.part.editor .monaco-editor .view-lines .view-line', { timeout: 10_000 });
    // VS Code restores where the file was last scrolled to: start at the top, where tests look.
    await this.page.keyboard.press('Control+Home');
    await waitFor('the cursor on line 1', async () => (await this.cursor())?.line === 1, 5_000);
  }

  /** The text of the active editor's rendered lines (spaces normalized). */
  async editorLines(): Promise<string[]> {
    return this.page.evaluate(() => {
      const lines = [...document.querySelectorAll<HTMLElement>('.part.editor .editor-group-container.active .monaco-editor .view-lines .view-line')];
      return lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '));
    });
  }

  /** The screen position of the middle of `text` (char `at` of it) on the first rendered line that includes `lineIncludes`, and that line's number. */
  async textPosition(lineIncludes: string, text: string, at?: number): Promise<{ x: number; y: number; line: number }> {
    const point = await waitFor(`"${text}" on the line "${lineIncludes}"`, () => this.page.evaluate(({ lineIncludes, text, at }) => {
      const editor = document.querySelector('.part.editor .editor-group-container.active .monaco-editor');
      if (!editor) return undefined;
      for (const line of editor.querySelectorAll<HTMLElement>('.view-lines .view-line')) {
        const nodes: Text[] = [];
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
        const whole = nodes.map((n) => n.data).join('').replace(/\u00a0/g, ' ');
        const lineStart = whole.indexOf(lineIncludes);
        if (lineStart < 0) continue;
        const start = whole.indexOf(text, lineIncludes.includes(text) ? lineStart : 0);
        if (start < 0) continue;
        // The line number shown in the gutter at the same height.
        const number = [...editor.querySelectorAll<HTMLElement>('.margin-view-overlays > div')]
          .find((d) => d.style.top === line.style.top)?.querySelector<HTMLElement>('.line-numbers')?.innerText;
        const offset = start + (at ?? Math.floor(text.length / 2));
        let seen = 0;
        for (const node of nodes) {
          if (offset < seen + node.data.length) {
            const range = document.createRange();
            range.setStart(node, offset - seen);
            range.setEnd(node, offset - seen + 1);
            const rect = range.getBoundingClientRect();
            return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, line: Number(number ?? 0) };
          }
          seen += node.data.length;
        }
      }
      return undefined;
    }, { lineIncludes, text, at }), 10_000);
    return point;
  }

  /** Moves the mouse onto `text` and returns the visible hover's text once it includes `expect`. */
  async hover(lineIncludes: string, text: string, expect: string | RegExp): Promise<string> {
    await this.escape();
    const shown = async () => {
      const texts = await this.page.$$eval('.monaco-hover .hover-contents', (els) =>
        els.filter((e) => (e as HTMLElement).offsetParent).map((e) => (e as HTMLElement).innerText));
      const joined = texts.join('\n');
      return (typeof expect === 'string' ? joined.includes(expect) : expect.test(joined)) ? joined : undefined;
    };
    // Code lenses can appear and move the lines after the text was measured: measure and
    // move onto it again until the hover shows.
    return waitFor(`a hover with ${expect}`, async () => {
      await this.page.mouse.move(5, 500);
      const { x, y } = await this.textPosition(lineIncludes, text);
      await this.page.mouse.move(x, y, { steps: 3 });
      return waitFor('the hover', shown, 4_000).catch(() => undefined);
    }, 30_000, 100);
  }

  /** Clicks on `text` (char `at`) in the active editor, placing the cursor there. */
  async clickText(lineIncludes: string, text: string, at?: number): Promise<void> {
    await this.escape();
    // Code lenses can appear and move the lines between measuring and clicking: click until the cursor is on the line.
    await waitFor(`the cursor on "${text}" of "${lineIncludes}"`, async () => {
      const { x, y, line } = await this.textPosition(lineIncludes, text, at);
      await this.page.mouse.click(x, y);
      return waitFor('the cursor to move', async () => (await this.cursor())?.line === line, 1_000, 100).then(() => true, () => false);
    }, 15_000, 200);
  }

  /** "Ln 12, Col 3" of the status bar. */
  async cursor(): Promise<{ line: number; column: number } | undefined> {
    const text = await this.page.$eval('#status\\.editor\\.selection', (e) => (e as HTMLElement).innerText).catch(() => '');
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
  }

  /** The text of a status-bar item (default: the OKR progress item). */
  async statusBarItem(selector = okrStatusItem): Promise<string> {
    return this.page.$eval(selector, (e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()).catch(() => '');
  }

  /** Opens the Problems panel and returns the aria-labels of its marker rows (not the file rows). */
  async problems(): Promise<string[]> {
    if (!(await this.page.$('.markers-panel'))) {
      await this.command('View: Focus Problems', 'Focus Problems');
      await this.page.waitForSelector('.markers-panel', { timeout: 10_000 });
    } else if (!(await this.page.isVisible('.markers-panel'))) {
      await this.command('View: Focus Problems', 'Focus Problems');
      await this.page.waitForSelector('.markers-panel', { state: 'visible', timeout: 10_000 });
    }
    return this.page.$$eval('.markers-panel .monaco-list-row', (rows) =>
      rows.filter((r) => r.getAttribute('aria-level') !== '1').map((r) => `${r.getAttribute('aria-label') ?? ''} | ${(r as HTMLElement).innerText.replace(/\n/g, ' ')}`));
  }

  /** Opens the OKRs view (activity bar). */
  async showOkrView(): Promise<void> {
    const opened = async () => (await this.page.$$eval('.part.sidebar .composite.title', (els) => els.map((e) => (e as HTMLElement).innerText).join(' '))).toUpperCase().includes('OKRS');
    if (!(await opened())) await this.page.click('.activitybar .action-item a[aria-label^="OKRs"]');
    await waitFor('the OKRs view', opened, 10_000);
    await this.page.waitForSelector('.part.sidebar .monaco-list-row', { timeout: 30_000 });
  }

  /** The rendered rows of the OKRs tree (expands nothing). */
  async treeRows(): Promise<TreeRow[]> {
    return this.page.$$eval('.part.sidebar .monaco-list-row', (rows) => rows
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((r) => ({
        level: Number(r.getAttribute('aria-level') ?? 1),
        label: (r.querySelector<HTMLElement>('.label-name')?.innerText ?? '').trim(),
        description: (r.querySelector<HTMLElement>('.label-description')?.innerText ?? '').trim(),
        ariaLabel: r.getAttribute('aria-label') ?? '',
        expanded: r.getAttribute('aria-expanded'),
      })));
  }

  async waitTreeRow(label: string, timeout = 20_000): Promise<TreeRow> {
    return waitFor(`the tree row "${label}"`, async () => (await this.treeRows()).find((r) => r.label === label), timeout);
  }

  async clickTreeRow(label: string): Promise<void> {
    await this.waitTreeRow(label);
    const index = await this.page.$$eval('.part.sidebar .monaco-list-row', (rows, label) =>
      rows.find((r) => r.querySelector<HTMLElement>('.label-name')?.innerText.trim() === label)?.getAttribute('data-index'), label);
    await this.page.click(`.part.sidebar .monaco-list-row[data-index="${index}"] .label-name`);
  }

  /** The dashboard webview's page (a frame inside VS Code's webview iframes), once its text includes `text`. */
  async dashboardFrame(text: string, timeout = 30_000): Promise<Frame> {
    return waitFor(`the dashboard showing "${text}"`, async () => {
      for (const frame of this.page.frames()) {
        const found = await frame
          .evaluate((wanted) => document.getElementById('dashboard')?.innerText.includes(wanted) ?? false, text)
          .catch(() => false);
        if (found) return frame;
      }
      return undefined;
    }, timeout);
  }
}
