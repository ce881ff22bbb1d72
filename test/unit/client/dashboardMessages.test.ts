// The dashboard webview can only ask the extension to open what the page it was sent lists.
import assert from 'node:assert/strict';
import { isStaleReady, openRequest, type Targets } from '../../../client/src/dashboardMessages.ts';

const targets: Targets = {
  version: 3,
  objectives: [
    { uri: 'file:///w/company.md', line: 11, character: 0 },
    { line: 4, character: 0 }, // no uri: nothing to open
  ],
  problems: [{ uri: 'file:///w/ops.md', line: 25, character: 9 }],
};

describe('client: dashboard messages', () => {
  it('opens a listed objective or problem of the current page', () => {
    assert.deepEqual(openRequest({ type: 'open', objective: 0, version: 3 }, targets), { uri: 'file:///w/company.md', line: 11, character: 0 });
    assert.deepEqual(openRequest({ type: 'openProblem', problem: 0, version: 3 }, targets), { uri: 'file:///w/ops.md', line: 25, character: 9 });
  });

  it('ignores anything else', () => {
    const ignored: unknown[] = [
      null, undefined, 'open', 42, [], {},
      { type: 'open', objective: 0, version: 2 }, // an older page
      { type: 'open', objective: 0 }, // no version
      { type: 'open', objective: 1, version: 3 }, // no uri
      { type: 'open', objective: 2, version: 3 }, { type: 'open', objective: -1, version: 3 },
      { type: 'open', objective: 0.5, version: 3 }, { type: 'open', objective: '0', version: 3 },
      { type: 'open', objective: Number.NaN, version: 3 }, { type: 'open', objective: 'constructor', version: 3 },
      { type: 'openProblem', problem: 1, version: 3 }, { type: 'openProblem', objective: 0, version: 3 },
      { type: 'command', command: 'workbench.action.terminal.new', version: 3 },
      { type: 'open', objective: 0, version: 3, uri: 'command:evil' }, // extra fields change nothing
    ];
    for (const message of ignored.slice(0, -1)) assert.equal(openRequest(message, targets), undefined, JSON.stringify(message));
    assert.deepEqual(openRequest(ignored.at(-1), targets), { uri: 'file:///w/company.md', line: 11, character: 0 });
  });

  it('knows when a page loaded an older version than the last one sent', () => {
    assert.equal(isStaleReady({ type: 'ready', version: 2 }, 3), true);
    assert.equal(isStaleReady({ type: 'ready', version: Number.NaN }, 3), true);
    assert.equal(isStaleReady({ type: 'ready', version: 3 }, 3), false);
    assert.equal(isStaleReady({ type: 'open', version: 2 }, 3), false);
    assert.equal(isStaleReady(null, 3), false);
  });
});
