// The packaged extension in a real VS Code (code-server) driven by headless Chromium.
// Needs `npm run package` and `bash scripts/install-code-server.sh` first; see harness.ts.
// One code-server and one browser serve the whole suite; the tests run in order, and the
// ones that edit the workspace come last.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Harness, root, today, waitFor } from './harness.ts';

describe('OKR Markdown in VS Code (code-server + Chromium)', function () {
  let h: Harness;

  before(async function () {
    this.timeout(180_000);
    h = await Harness.start();
  });

  after(async function () {
    this.timeout(30_000);
    await h?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && h) {
      const file = await h.screenshot(this.currentTest.title);
      if (file) console.log(`      screenshot: ${file}`);
    }
  });

  it('lists the one align-unresolved diagnostic in the Problems panel', async function () {
    const rows = await waitFor('one problem', async () => {
      const r = await h.problems();
      return r.length === 1 ? r : undefined;
    });
    assert.match(rows[0]!, /No objective or document "platfrom"\. Did you mean \[\[platform\]\]\?/);
    assert.match(rows[0]!, /align-unresolved/);
    assert.match(await h.statusBarItem('#status\\.problems'), /^1 0\b/);
  });

  it('shows the progress tree with titles and percentages', async function () {
    await h.showOkrView();
    const csat = await h.waitTreeRow('69 % Enhance customer satisfaction');
    assert.equal(csat.level, 1);
    assert.equal(csat.description, '2026-Q4 · Leadership team');
    const platform = await h.waitTreeRow('52 % Scale the platform for enterprise customers');
    assert.equal(platform.level, 1);
    assert.equal(platform.description, '2026-Q4 · Leadership team');
    const roots = (await h.treeRows()).filter((r) => r.level === 1).map((r) => r.label);
    assert.deepEqual(roots.slice(0, 3), ['Needs attention', '69 % Enhance customer satisfaction', '52 % Scale the platform for enterprise customers']);
  });

  it('opens the document at the objective when a tree item is clicked', async function () {
    await h.showOkrView();
    await h.clickTreeRow('69 % Enhance customer satisfaction');
    await waitFor('company-2026-q4.md to be active', async () => (await h.activeTab()).startsWith('company-2026-q4.md'));
    const cursor = await waitFor('the cursor on line 12', async () => (await h.cursor())?.line === 12 ? h.cursor() : undefined);
    assert.equal(cursor?.line, 12);
  });

  it('shows the target title and progress when hovering [[csat#nps]]', async function () {
    await h.openFile('operational/2026-11/support.md');
    const text = await h.hover('[[csat#nps]]', 'csat', 'Raise NPS');
    assert.match(text, /Raise NPS/);
    assert.match(text, /46 %/);
    assert.match(text, /Enhance customer satisfaction/);
  });

  it('goes to the definition of a reference in company-2026-q4.md', async function () {
    await h.openFile('operational/2026-11/support.md');
    await h.clickText('[[csat#nps]]', 'csat');
    await h.page.keyboard.press('F12');
    await waitFor('company-2026-q4.md to be active', async () => (await h.activeTab()).startsWith('company-2026-q4.md'));
    const cursor = await waitFor('the cursor on the NPS key result', async () => (await h.cursor())?.line === 14 ? h.cursor() : undefined);
    assert.equal(cursor?.line, 14);
  });

  it('shows the current cycles\' progress in the status bar', async function () {
    const text = await waitFor('the OKR status-bar item', async () => {
      const t = await h.statusBarItem();
      return /OKR \d+ %/.test(t) ? t : undefined;
    });
    assert.match(text, /OKR 54 %/);
  });

  it('opens the dashboard, opens an objective from it, and redraws it as a document changes', async function () {
    await h.command('OKR: Open Dashboard');
    const frame = await h.dashboardFrame('Enhance customer satisfaction');
    const text = await frame.evaluate(() => document.getElementById('dashboard')!.innerText);
    for (const title of ['Enhance customer satisfaction', 'Scale the platform for enterprise customers', 'Reduce average support response time to under 2 hours']) {
      assert.ok(text.includes(title), `the dashboard shows "${title}"`);
    }
    assert.match(text, /54 %/); // overall, as in the status bar
    assert.match(text, /platfrom/); // the problem list
    const shape = await frame.evaluate(() => ({
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      bars: document.querySelectorAll('svg.progress[data-kind="objective"]').length,
      timelineBars: document.querySelectorAll('rect.timeline-bar').length,
      styled: getComputedStyle(document.querySelector('svg.progress[data-kind="objective"]')!).width,
    }));
    assert.match(shape.csp, /^default-src 'none'; style-src 'nonce-[\w+/=-]+'; script-src 'nonce-[\w+/=-]+'; base-uri 'none'; form-action 'none'$/);
    assert.ok(shape.bars > 10 && shape.timelineBars > 5, JSON.stringify(shape));
    assert.equal(shape.styled, '120px'); // the nonce'd style applies

    // A click on an objective opens its document at the heading, beside the dashboard.
    await frame.click('a.title[data-open] >> text="Enhance customer satisfaction"');
    await waitFor('company-2026-q4.md to be active', async () => (await h.activeTab()).startsWith('company-2026-q4.md'));
    await waitFor('the cursor on line 12', async () => (await h.cursor())?.line === 12);
    // The picture once the editor beside is fully dressed (highlighting, code lenses).
    await waitFor('code lenses beside the dashboard', async () => (await h.page.$$('.part.editor .codelens-decoration')).length > 0);

    // Typing in the heading redraws the dashboard (okr/progressTreeChanged), without saving.
    const heading = '## Objective: Grow recurring revenue {#revenue}';
    const appendToTitle = async (text: string) => {
      // Line 30 may be below the editor's fold (only rendered lines can be clicked): go to it.
      await h.page.keyboard.press('Control+G');
      await h.page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 10_000 });
      await h.page.keyboard.type('30', { delay: 20 });
      await h.page.keyboard.press('Enter');
      await waitFor('the cursor on line 30', async () => (await h.cursor())?.line === 30);
      assert.ok((await h.editorLines()).some((line) => line.startsWith('## Objective: Grow recurring revenue')));
      await h.page.keyboard.press('End');
      for (let i = 0; i < ' {#revenue}'.length; i++) await h.page.keyboard.press('ArrowLeft');
      await h.page.keyboard.type(text, { delay: 20 });
    };
    // The first tab with that label (the dashboard's group has one of each).
    const tab = (label: string) => h.page.click(`.part.editor .tabs-container .tab[aria-label^="${label}"]`);
    await appendToTitle(' now');
    await h.dashboardFrame('Grow recurring revenue now');

    // Hidden behind another editor, it is shown again with the newest page.
    await tab('OKR Dashboard');
    await h.openFile('operational/2026-11/support.md'); // in the dashboard's group
    await tab('company-2026-q4.md');
    await appendToTitle(' and later');
    await new Promise((r) => setTimeout(r, 1_000)); // the redraw happens while hidden
    await tab('OKR Dashboard');
    await h.dashboardFrame('Grow recurring revenue now and later');

    // Undo the edits (and save, whatever the editor's auto-save does) for the tests that follow.
    await tab('company-2026-q4.md');
    await waitFor('the title as it was', async () => {
      if ((await h.editorLines()).includes(heading)) return true;
      await h.page.keyboard.press('Control+Z');
      return false;
    }, 10_000, 300);
    await h.page.keyboard.press('Control+S');
    await waitFor('company-2026-q4.md saved as it was', () => h.readFile('company/company-2026-q4.md').includes(heading));
    await tab('OKR Dashboard');
    await waitFor('the dashboard to show the title as saved', async () => {
      const shown = await h.dashboardFrame('Grow recurring revenue');
      return !(await shown.evaluate(() => document.getElementById('dashboard')!.innerText)).includes('revenue now');
    });
    await h.command('View: Close All Editors', 'View: Close All Editors');
    await waitFor('no editor open', async () => (await h.page.$$('.part.editor .tabs-container .tab')).length === 0);
  });

  it('reports a broken reference as it is typed and clears it when fixed', async function () {
    const original = h.readFile('operational/2026-11/support.md');
    await h.openFile('operational/2026-11/support.md');
    await h.clickText('aligns:: [[csat#nps]]', 'aligns');
    await h.page.keyboard.press('End');
    await h.page.keyboard.type(' [[nowhere', { delay: 20 });
    await h.escape();
    await waitFor('the typed reference', async () => (await h.editorLines()).some((l) => l.startsWith('aligns:: [[csat#nps]] [[nowhere')));
    const lines = await h.editorLines();
    assert.ok(lines.includes('aligns:: [[csat#nps]] [[nowhere]]'), `line is ${lines.find((l) => l.startsWith('aligns:: [[csat'))}`);
    const broken = await waitFor('a diagnostic for [[nowhere]]', async () => {
      const rows = await h.problems();
      return rows.find((r) => r.includes('"nowhere"'));
    });
    assert.match(broken, /align-unresolved/);
    // Fix it: replace "nowhere" with an existing objective.
    await h.clickText('[[nowhere]]', 'nowhere', 0);
    await h.page.keyboard.press('Shift+End');
    await h.page.keyboard.press('Shift+ArrowLeft');
    await h.page.keyboard.press('Shift+ArrowLeft');
    await h.page.keyboard.type('revenue', { delay: 20 });
    await h.escape();
    await waitFor('the fixed line', async () => (await h.editorLines()).includes('aligns:: [[csat#nps]] [[revenue]]'));
    await waitFor('the diagnostic to go', async () => {
      const rows = await h.problems();
      return rows.length === 1 && !rows.some((r) => r.includes('"nowhere"'));
    });
    // Put the line back as it was and save, for the tests that follow.
    await h.clickText('[[revenue]]', '[[revenue', 0);
    await h.page.keyboard.press('Backspace');
    await h.page.keyboard.press('Shift+End');
    await h.page.keyboard.press('Delete');
    await waitFor('the original line', async () => (await h.editorLines()).includes('aligns:: [[csat#nps]]'));
    await h.page.keyboard.press('Control+S');
    await waitFor('support.md saved as it was', () => h.readFile('operational/2026-11/support.md') === original);
  });

  it('renames an objective id and updates the other files', async function () {
    await h.openFile('company/company-2026-q4.md');
    await h.clickText('{#csat}', 'csat');
    await h.page.keyboard.press('F2');
    // Type only once the rename box has focus and holds the id (else the keys would edit the document).
    await waitFor('the rename box with "csat"', () => h.page.evaluate(() => {
      const input = document.activeElement;
      return input instanceof HTMLInputElement && !!input.closest('.rename-box') && input.value === 'csat';
    }));
    await h.page.fill('.rename-box input', 'satisfaction');
    await h.page.keyboard.press('Enter');
    await waitFor('support.md to be updated on disk', () => h.readFile('operational/2026-11/support.md').includes('aligns:: [[satisfaction#nps]]'));
    assert.doesNotMatch(h.readFile('operational/2026-11/support.md'), /\[\[csat/);
    await waitFor('the heading to be renamed', async () => (await h.editorLines()).some((l) => l.includes('Enhance customer satisfaction {#satisfaction}')));
    await h.page.keyboard.press('Control+S');
    await waitFor('company-2026-q4.md to be saved', () => h.readFile('company/company-2026-q4.md').includes('{#satisfaction}'));
    const problems = await waitFor('only the original problem', async () => {
      const rows = await h.problems();
      return rows.length === 1 ? rows : undefined;
    });
    assert.match(problems[0]!, /platfrom/);
  });

  it('writes a valid document with "OKR: New Operational OKR Document"', async function () {
    await h.command('OKR: New Operational OKR Document');
    await h.waitQuickInputTitle(/1\/5/);
    await h.page.keyboard.type('Raise NPS', { delay: 10 });
    await waitFor('"Raise NPS" to be focused', async () => (await h.quickInputState())?.focused.includes('Raise NPS'));
    await h.page.keyboard.press('Enter');
    await h.waitQuickInputTitle(/2\/5/);
    await h.page.keyboard.press('Enter');
    await h.waitQuickInputTitle(/3\/5/);
    await h.page.keyboard.type('Answer every NPS detractor within a day', { delay: 5 });
    await h.page.keyboard.press('Enter');
    await h.waitQuickInputTitle(/4\/5.*owner/i);
    await h.page.keyboard.press('Enter');
    await h.waitQuickInputTitle(/5\/5/);
    const target = (await h.quickInputState())!.value;
    console.log('      new document:', target);
    await h.page.keyboard.press('Enter');
    const file = target.startsWith('/') ? target : join(h.workspace, target);
    await waitFor(`${file} on disk`, () => existsSync(file));
    const text = await waitFor('the document content', () => {
      const t = h.readFile(file.slice(h.workspace.length + 1));
      return t.includes('Answer every NPS detractor within a day') ? t : undefined;
    });
    assert.match(text, /^---\nokr: operational\n/);
    assert.match(text, /\[\[satisfaction#\^?nps\]\]/);
    let output: string;
    try {
      output = execFileSync('node', [join(root, 'dist/cli.cjs'), 'check', '.', '--today', today], { cwd: h.workspace, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    const name = file.slice(h.workspace.length + 1);
    const errors = output.split('\n').filter((l) => l.startsWith(name) && /\berror\b/.test(l));
    assert.deepEqual(errors, [], output);
  });
});
