import assert from 'node:assert/strict';
import { hasOkrFrontMatter } from '../../../client/src/okrFrontMatter.ts';

describe('client: the startup probe of a file head', () => {
  it('says yes to front matter with an okr: key, with a BOM, CRLF or quoted key', () => {
    assert.equal(hasOkrFrontMatter('---\nokr: strategic\ncycle: 2026-Q4\n---\n# OKRs'), true);
    assert.equal(hasOkrFrontMatter('\uFEFF---\r\ntitle: Team\r\nokr: operational\r\n---\r\n'), true);
    assert.equal(hasOkrFrontMatter('---\n"okr": strategic\n'), true, 'a head cut before the closing fence');
  });

  it('says no to markdown without it: no front matter, the key after it closes, or another key', () => {
    assert.equal(hasOkrFrontMatter('# README\n\nokr: strategic\n'), false);
    assert.equal(hasOkrFrontMatter('---\ntitle: x\n---\nokr: strategic\n'), false);
    assert.equal(hasOkrFrontMatter('---\nokrs: 3\nbroker: x\n---\n'), false);
    assert.equal(hasOkrFrontMatter(''), false);
  });
});
