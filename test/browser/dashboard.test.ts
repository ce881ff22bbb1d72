// The dashboard page of `okr report --format html` and the Mermaid gantt blocks of
// `okr report --format markdown`, in headless Chromium (playwright-core): opened from a
// file:// URL like a user would, with no request, no error and its CSP in force; bars sized
// by the report's numbers; hostile document text shown literally and never run; printable;
// and the README's screenshot (docs/images/dashboard.png with OKR_SCREENSHOTS=1).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  EXAMPLES, KEYWORD_TITLES, PAYLOADS, REPO, TODAY, hostileFiles, jsonReport, keywordFiles, launchBrowser, occurrences,
  okrReport, operationalBelowStrategic, violations, watch, writeFiles, type JsonObjective, type PageLog,
} from './helpers.ts';

const MERMAID = join(REPO, 'node_modules/mermaid/dist/mermaid.min.js');

describe('dashboard page in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let temp: string;
  let contexts: BrowserContext[] = [];
  let examples: { file: string; html: string; roots: JsonObjective[] };
  let hostile: { dir: string; file: string };

  before(async () => {
    browser = await launchBrowser();
    temp = mkdtempSync(join(tmpdir(), 'okr-browser-'));
    const file = join(temp, 'examples', 'dashboard.html');
    mkdirSync(join(temp, 'examples'));
    await okrReport(EXAMPLES, '--format', 'html', '--output', file);
    examples = { file, html: readFileSync(file, 'utf8'), roots: await jsonReport(EXAMPLES) };
    const dir = join(temp, 'hostile');
    writeFiles(dir, hostileFiles());
    await okrReport(dir, '--format', 'html', '--output', join(dir, 'dashboard.html'));
    hostile = { dir, file: join(dir, 'dashboard.html') };
  });

  after(async () => {
    await browser?.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  /** A fresh context and page, watched, at `file` (when given). */
  async function open(file?: string, viewport = { width: 1200, height: 900 }): Promise<{ page: Page; log: PageLog }> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    const log = await watch(page);
    if (file) await page.goto(pathToFileURL(file).href);
    return { page, log };
  }

  const count = (page: Page, selector: string) => page.locator(selector).count();
  const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

  it('loads from file:// with no network request, no console error and no CSP violation', async () => {
    const { page, log } = await open(examples.file);
    await page.waitForLoadState('load');
    const url = pathToFileURL(examples.file).href;
    assert.deepEqual(log.requests.filter((r) => r !== url), [], 'requests other than the page itself');
    assert.deepEqual(log.errors, [], 'page errors');
    assert.deepEqual(log.console.filter((m) => m.type === 'error' || /Content.Security.Policy/i.test(m.text)), [], 'console errors');
    assert.deepEqual(await violations(page), [], 'securitypolicyviolation events');
    assert.match(await page.title(), new RegExp(TODAY));
  });

  it('draws a bar per objective occurrence and key result, and a timeline bar per operational objective below a strategic cycle', async () => {
    const { page } = await open(examples.file);
    const all = occurrences(examples.roots);
    const groups = operationalBelowStrategic(examples.roots);
    const bars = [...groups.values()].reduce((n, g) => n + g.length, 0);
    assert.ok(all.length > 10 && bars > 5, 'the examples are not trivial');
    assert.equal(await count(page, 'svg.progress[data-kind=objective]'), all.length);
    assert.equal(await count(page, 'svg.progress[data-kind=keyResult]'), all.reduce((n, o) => n + o.keyResults.length, 0));
    assert.equal(await count(page, 'svg.progress[data-kind=overall]'), 1);
    assert.equal(await count(page, 'rect.timeline-bar'), bars);
    assert.equal(await count(page, 'rect.band'), groups.size);
    const widths = await page.$$eval('svg.progress, rect.timeline-bar', (els) => els.map((e) => e.getBoundingClientRect().width));
    assert.ok(widths.every((w) => w > 0), `zero-width bars: ${widths.join(', ')}`);
  });

  it('sizes each fill by its objective\'s progress, and draws today at 56/92 of the 2026-Q4 band', async () => {
    const { page } = await open(examples.file);
    const all = occurrences(examples.roots);
    const drawn = await page.$$eval('svg.progress[data-kind=objective]', (svgs) =>
      svgs.map((svg) => ({ track: svg.querySelector('.track')!.getBoundingClientRect().width, fill: svg.querySelector('.fill')?.getBoundingClientRect().width ?? null })),
    );
    assert.equal(drawn.length, all.length);
    all.forEach((objective, i) => {
      const { track, fill } = drawn[i]!;
      if (objective.progress === null) return assert.equal(fill, null, `${objective.title}: unmeasured, no fill`);
      assert.ok(Math.abs(fill! / track - objective.progress) <= 0.01, `${objective.title}: fill ${fill}/${track} px for progress ${objective.progress}`);
    });
    assert.ok(all.some((o) => o.progress !== null && o.progress > 0 && o.progress < 1), 'a partial fill was checked');

    const figure = page.locator('figure.timeline').first();
    assert.match((await figure.locator('figcaption').innerText()), /2026-Q4/);
    const band = await figure.locator('rect.band').boundingBox();
    const todays = await figure.locator('line.today').evaluateAll((lines) => lines.map((l) => { const r = l.getBoundingClientRect(); return r.left + r.width / 2; }));
    assert.ok(band && band.width > 100);
    assert.equal(todays.length, 1 + (await figure.locator('rect.timeline-bar').count()), 'a today line in every lane');
    const expected = band.x + (band.width * 56) / 92;
    for (const x of todays) assert.ok(Math.abs(x - expected) <= 1, `today at ${x}px, expected ${expected}px`);
  });

  /** Computed styles that only the stylesheet gives (no named functions inside: tsx would wrap them in __name). */
  const styles = (page: Page) =>
    page.evaluate(() => {
      const [fill, badge, body] = ['svg.progress .fill', '.badge', 'body'].map((selector) => getComputedStyle(document.querySelector(selector)!));
      return { fill: fill!.fill, badge: `${badge!.borderTopStyle} ${badge!.borderTopWidth}`, padding: body!.paddingTop };
    });

  it('applies its stylesheet through the CSP nonce', async () => {
    const { page } = await open(examples.file);
    const applied = await styles(page);
    assert.notEqual(applied.fill, 'rgb(0, 0, 0)', 'progress fills are not the default black');
    assert.equal(applied.fill, 'rgb(9, 105, 218)');
    assert.equal(applied.badge, 'solid 1px');
    assert.equal(applied.padding, '24px');
  });

  it('renders unstyled, with a CSP violation, when the <style> loses its nonce', async () => {
    assert.match(examples.html, /<style nonce="[^"]+">/);
    const file = join(temp, 'examples', 'no-nonce.html');
    writeFileSync(file, examples.html.replace(/<style nonce="[^"]+">/, '<style>'));
    const { page, log } = await open(file);
    const applied = await styles(page);
    assert.equal(applied.fill, 'rgb(0, 0, 0)');
    assert.equal(applied.badge, 'none 0px');
    assert.equal(applied.padding, '0px');
    const reported = [...(await violations(page)), ...log.console.map((m) => m.text)];
    assert.ok(reported.some((t) => /style-src/.test(t)), `the blocked style is reported: ${reported.join(' | ')}`);
  });

  it('shows hostile document text literally and runs none of it, even when every link is clicked', async () => {
    const { page, log } = await open(hostile.file);
    const text = await page.locator('body').innerText();
    for (const payload of PAYLOADS) assert.ok(text.includes(payload), `shown literally: ${payload}`);
    assert.ok(text.includes('<svg onload=alert(1)>'));
    const injected = await page.evaluate(() => ({
      elements: [...document.querySelectorAll('img, script, iframe, object, embed, svg:not([class])')].map((e) => e.outerHTML.slice(0, 200)),
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
      hrefs: [...document.querySelectorAll('a')].map((a) => a.href),
    }));
    assert.deepEqual({ elements: injected.elements, handlers: injected.handlers }, { elements: [], handlers: [] }, 'no element or handler made of document text');
    assert.ok(injected.hrefs.length >= 4, `links: ${injected.hrefs.join(' ')}`);
    for (const href of injected.hrefs) assert.match(href, /^file:\/\/\/.+\.md$/, 'every link is to a document');
    assert.equal(await pwned(page), undefined);

    for (let i = 0; i < injected.hrefs.length; i++) {
      await page.goto(pathToFileURL(hostile.file).href);
      await page.locator('a').nth(i).click();
      await page.waitForURL(injected.hrefs[i]!);
      assert.equal(await pwned(page), undefined, `after following link ${i} (${injected.hrefs[i]})`);
    }
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(log.errors, []);
    assert.equal(log.popups, 0);
  });

  it('prints: bars and fills kept under print media, and a PDF of more than 10 kB', async () => {
    const { page } = await open(examples.file);
    const screen = { objective: await count(page, 'svg.progress[data-kind=objective]'), timeline: await count(page, 'rect.timeline-bar') };
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.evaluate(() => matchMedia('print').matches));
    assert.deepEqual({ objective: await count(page, 'svg.progress[data-kind=objective]'), timeline: await count(page, 'rect.timeline-bar') }, screen);
    const printed = await page.evaluate(() => {
      const fills = [...document.querySelectorAll('svg.progress .fill, rect.timeline-bar')];
      return {
        colours: [...new Set(fills.map((f) => getComputedStyle(f).fill))],
        zero: fills.filter((f) => f.getBoundingClientRect().width <= 0 && f.getAttribute('width') !== '0').length,
        adjust: getComputedStyle(document.querySelector('svg.progress')!).printColorAdjust,
      };
    });
    assert.ok(!printed.colours.includes('rgb(0, 0, 0)') && !printed.colours.includes('none'), `fill colours in print: ${printed.colours.join(', ')}`);
    assert.equal(printed.zero, 0, 'every fill keeps its width in print');
    assert.equal(printed.adjust, 'exact');
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.length > 10_000, `PDF of ${pdf.length} bytes`);
  });

  // Print makes the body 11px: key results, the meta line and lane labels are sized relative
  // to it (em), else on paper every objective title would be smaller than its own key results
  // and its meta line.
  it('keeps the type hierarchy in print: an objective title is not smaller than its key results or meta line', async () => {
    const { page } = await open(examples.file);
    await page.emulateMedia({ media: 'print' });
    const px = await page.evaluate(() =>
      ['.objective > .row .title', '.objective > .row .meta', '.key-result .kr-title'].map((selector) => parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize)),
    );
    const [title, meta, keyResult] = px as [number, number, number];
    assert.ok(title >= keyResult && title >= meta, `print font sizes: objective title ${title}px, meta ${meta}px, key result ${keyResult}px`);
  });

  it('takes the README screenshot, 1200 px wide (docs/images/dashboard.png with OKR_SCREENSHOTS=1)', async () => {
    const { page } = await open(examples.file, { width: 1200, height: 800 });
    const dir = process.env.OKR_SCREENSHOTS === '1' ? join(REPO, 'docs', 'images') : temp;
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'dashboard.png');
    const png = await page.screenshot({ path, fullPage: true });
    assert.equal(png.readUInt32BE(16), 1200, 'PNG width');
    assert.ok(png.readUInt32BE(20) > 800, 'full page, taller than the viewport');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'no horizontal overflow at 1200 px');
    if (dir !== temp) console.log(`      screenshot: ${path}`);
  });

  describe('Mermaid gantt blocks of the markdown report', () => {
    /** The ```mermaid blocks of `okr report` on `workspace`. */
    const blocks = async (workspace: string) => [...(await okrReport(workspace)).matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    let renders = 0;

    async function mermaidPage(): Promise<{ page: Page; log: PageLog }> {
      const opened = await open();
      await opened.page.addScriptTag({ path: MERMAID });
      await opened.page.evaluate(() => (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
      return opened;
    }

    /** Parses and renders `text`, puts the SVG in the page, and returns it with its text. */
    async function render(page: Page, text: string): Promise<{ svg: string; text: string }> {
      return page.evaluate(
        async ({ text, id }) => {
          const mermaid = (window as unknown as { mermaid: { parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
          await mermaid.parse(text);
          const { svg } = await mermaid.render(id, text);
          const holder = document.createElement('div');
          holder.innerHTML = svg;
          document.body.append(holder);
          await new Promise((r) => setTimeout(r, 50));
          return { svg, text: holder.textContent ?? '' };
        },
        { text, id: `g${++renders}` },
      );
    }

    /** Document text as a task name, done here by hand: Mermaid's special characters become spaces. */
    const taskName = (o: JsonObjective) =>
      `${o.title}${o.status === 'dropped' ? ' (dropped)' : ''} (${o.cycle!.label})`.replace(/[:;#%`<>{}"\\[\]]/g, ' ').replace(/\s+/g, ' ').trim();

    it('renders each block of the examples, with every operational objective and a today milestone', async () => {
      const { page, log } = await mermaidPage();
      const texts = await blocks(EXAMPLES);
      const groups = operationalBelowStrategic(examples.roots);
      assert.equal(texts.length, groups.size);
      for (const [i, operational] of [...groups.values()].entries()) {
        const { svg, text } = await render(page, texts[i]!);
        for (const objective of operational) assert.ok(text.includes(taskName(objective)), `task "${taskName(objective)}" in the SVG`);
        assert.match(svg, /class="[^"]*\bmilestone\b/);
        assert.ok(text.includes(`Today ${TODAY}`));
      }
      assert.deepEqual(log.errors, []);
    });

    it('parses and renders the hostile workspace\'s blocks without running anything', async () => {
      const { page, log } = await mermaidPage();
      const texts = await blocks(hostile.dir);
      assert.equal(texts.length, 1);
      const { svg, text } = await render(page, texts[0]!);
      assert.match(text, /constructor\.constructor/);
      assert.doesNotMatch(svg, /<script|<img|onerror|javascript:/i);
      assert.equal(await pwned(page), undefined);
      assert.deepEqual([log.dialogs, log.errors], [[], []]);
    });

    // Mermaid's gantt lexer is case-insensitive and tries its keywords first: unguarded, "Section 508…"
    // would start a section and "Click tracking…" would fail the whole block.
    it('keeps an objective whose title begins with a gantt keyword as a task', async () => {
      const dir = join(temp, 'keywords');
      writeFiles(dir, keywordFiles());
      const { page } = await mermaidPage();
      const texts = await blocks(dir);
      assert.equal(texts.length, 1);
      const { svg, text } = await render(page, texts[0]!);
      const tasks = (svg.match(/<rect[^>]*class="[^"]*\btask\b/g) ?? []).length;
      const missing = KEYWORD_TITLES.filter((title) => !text.includes(`${title} (2026-11)`));
      assert.deepEqual(missing, [], `tasks missing from the chart (${tasks} task rects):\n${texts[0]}`);
    });
  });
});
