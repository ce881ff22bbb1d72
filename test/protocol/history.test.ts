// The language server's history (issue 17): read from git in the background after indexing,
// shown in hovers ("Last check-in … by …: 22 % → 38 %", the forecast), and read again when
// HEAD moves (a commit made while the server runs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from './lspClient.ts';

const STRATEGY = (nps: number) => `---
okr: strategic
cycle: 2026-Q4
---
## Objective: Enhance customer satisfaction {#csat}

- KR: Raise NPS  [start:: 30]  [target:: 50]  [current:: ${nps}] ^nps
- KR: Cut churn  [start:: 4]  [target:: 2]  [current:: 3] ^churn
`;

function commit(dir: string, message: string, date: string, author: string): void {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: author, GIT_COMMITTER_EMAIL: 'a@example.com', GIT_AUTHOR_DATE: `${date}T10:00:00+00:00`, GIT_COMMITTER_DATE: `${date}T10:00:00+00:00` };
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: dir, env });
}

const hoverText = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value ?? '';

/** Asks for the hover until it says `wanted` (history is read in the background). */
async function hoverSaying(client: LspClient, file: string, line: number, wanted: RegExp, ms = 30_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const text = hoverText(await client.hover(file, { line, character: 6 }));
    if (wanted.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`The hover never said ${wanted}; last: ${text}\n${client.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('language server: history from git (issue 17)', function () {
  this.timeout(90_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'okr-server-history-'));
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    writeFileSync(join(dir, 'company.md'), STRATEGY(30));
    commit(dir, 'start', '2026-10-05', 'Alice');
    writeFileSync(join(dir, 'company.md'), STRATEGY(35));
    commit(dir, 'check-in', '2026-11-13', 'Bob *bold*');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes checkin-overdue once the history is read, for a key result unchanged for longer than checkIn.maxDays', async () => {
    const client = await LspClient.start({ folders: [dir], today: '2026-11-25' });
    try {
      await client.waitForIndexed(1, 30_000);
      const uri = uriOf(join(dir, 'company.md'));
      const overdue = await client.waitFor(
        () => client.diagnostics.get(uri)?.diagnostics.find((d) => d.code === 'checkin-overdue'),
        'checkin-overdue',
        30_000,
      );
      assert.equal(overdue.range.start.line, 7, 'on the churn key result, not on NPS (changed 12 days ago)');
      assert.match(String(overdue.message), /^No check-in for 51 days \(last change on 2026-10-05 by Alice; checkIn.maxDays is 14\)/);
      assert.equal(overdue.severity, 3);
    } finally {
      await client.stop();
    }
  });

  it('shows the last check-in and the forecast in hovers, and follows a new commit', async () => {
    const client = await LspClient.start({ folders: [dir], today: '2026-11-25' });
    try {
      await client.waitForIndexed(1, 30_000);
      const file = join(dir, 'company.md');
      const keyResult = await hoverSaying(client, file, 6, /Last check-in/);
      assert.match(keyResult, /Last check-in 12 days ago by Bob \\\*bold\\\*: 0 % → 25 %/);
      const heading = await hoverSaying(client, file, 4, /Last check-in/);
      assert.match(heading, /Last check-in 12 days ago by Bob \\\*bold\\\*: 25 % → 38 %/);
      assert.match(heading, /Forecast \*\*\d+ %\*\* by the end of 2026-Q4/);

      writeFileSync(file, STRATEGY(40));
      commit(dir, 'another check-in', '2026-11-24', 'Carol');
      const after = await hoverSaying(client, file, 6, /by Carol/);
      assert.match(after, /Last check-in yesterday by Carol: 25 % → 50 %/);

      // A config written while the server runs makes a new root of the folder: it keeps the history.
      const uri = uriOf(file);
      const overdueOnChurn = () => client.diagnostics.get(uri)?.diagnostics.some((d) => d.code === 'checkin-overdue');
      await client.waitFor(overdueOnChurn, 'checkin-overdue at 14 days (churn: 51 days)', 30_000);
      const config = join(dir, 'okr.config.json');
      writeFileSync(config, '{ "checkIn": { "maxDays": 60 } }');
      client.filesChanged([{ path: config, type: 1 }]);
      await client.waitFor(() => client.diagnostics.get(uri) && !client.diagnostics.get(uri)!.diagnostics.some((d) => d.code === 'checkin-overdue'), 'checkin-overdue gone at 60 days', 30_000);
      assert.match(await hoverSaying(client, file, 6, /Last check-in/), /by Carol/);
    } finally {
      await client.stop();
    }
  });
});
