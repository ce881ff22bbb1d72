// The Mermaid `xychart-beta` blocks of `okr history --format markdown` (issue 17), rendered by
// the mermaid package in headless Chromium as GitHub would: they parse, draw one point per day
// with a check-in, and show a hostile title as text.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { runCli } from '../../server/src/cli/main.ts';
import { launchBrowser, REPO, TODAY, watch } from './helpers.ts';

const MERMAID = join(REPO, 'node_modules/mermaid/dist/mermaid.min.js');
const TITLE = 'Grow "revenue" [fast]; <img src=x onerror=alert(1)> % #1 {x}';

const strategy = (current: number) => `---
okr: strategic
cycle: 2026-Q4
---
## Objective: ${TITLE} {#revenue}

- KR: New ARR  [start:: 0]  [target:: 100]  [current:: ${current}] ^arr
`;

describe('okr history: Mermaid charts in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let dir: string;
  before(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'okr-history-chart-'));
    const git = (args: string[], date?: string) =>
      execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.com', ...(date ? { GIT_AUTHOR_DATE: `${date}T10:00:00Z`, GIT_COMMITTER_DATE: `${date}T10:00:00Z` } : {}) } });
    git(['init', '-q', '-b', 'main']);
    for (const [current, date] of [[10, '2026-10-05'], [30, '2026-10-19'], [45, '2026-11-02']] as const) {
      writeFileSync(join(dir, 'company.md'), strategy(current));
      git(['add', '-A']);
      git(['commit', '-q', '-m', `check-in ${current}`], date);
    }
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the chart of a strategic objective, its points and its title as text', async () => {
    let markdown = '';
    const code = await runCli(['history', dir, '--format', 'markdown', '--today', TODAY], { cwd: REPO, env: process.env, stdout: (t) => (markdown += t), stderr: () => {} });
    assert.equal(code, 0);
    const blocks = [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    assert.equal(blocks.length, 1);
    assert.match(blocks[0]!, /line \[10, 30, 45\]/);
    const page = await (await browser.newContext()).newPage();
    const log = await watch(page);
    await page.addScriptTag({ path: MERMAID });
    const rendered = await page.evaluate(async (text) => {
      const mermaid = (window as unknown as { mermaid: { initialize(c: object): void; parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      await mermaid.parse(text);
      const { svg } = await mermaid.render('history1', text);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      document.body.append(holder);
      return { text: holder.textContent ?? '', images: holder.querySelectorAll('img').length, paths: holder.querySelectorAll('path').length };
    }, blocks[0]!);
    assert.match(rendered.text, /Grow +revenue +fast +img src=x onerror=alert\(1\) +1 +x/, 'the title, its special characters made spaces');
    for (const day of ['2026-10-05', '2026-10-19', '2026-11-02']) assert.ok(rendered.text.includes(day), `${day} on the axis`);
    assert.equal(rendered.images, 0);
    assert.ok(rendered.paths > 0, 'a line is drawn');
    assert.deepEqual(log.errors, []);
  });
});
