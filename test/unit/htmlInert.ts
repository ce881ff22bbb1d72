// Is a dashboard page inert? Checked without an HTML parser, by what the renderer may emit.
import assert from 'node:assert/strict';

export const TAGS = new Set('html head meta title style body main header h1 h2 dl div dt dd time span strong svg rect line section ul ol li a s code figure figcaption p script text'.split(' '));
export const ATTRIBUTES = new Set(
  'lang charset http-equiv content name nonce id class datetime data-kind viewBox preserveAspectRatio role aria-label aria-labelledby width height x y x1 x2 y1 y2 vector-effect href title tabindex data-open data-problem data-version text-anchor'.split(' '),
);

/**
 * Without parsing HTML: every `<` opens a known tag whose attributes are known names with
 * double-quoted values, text between tags holds no `<`, `>` or `"`, and no link has a scheme.
 */
export function assertInert(page: string): void {
  const text = page.replace(/^<!DOCTYPE html>/, '').replace(/(<style nonce="[^"]*">)[^<]*(<\/style>)/, '$1$2');
  const tag = /<\/?([a-z][a-z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9-]*="[^"<>]*")*)\s*\/?>/g;
  let last = 0;
  for (const m of text.matchAll(tag)) {
    assert.doesNotMatch(text.slice(last, m.index), /[<>"]|&(?!#\d+;)/, `text ${JSON.stringify(text.slice(last, m.index))} before ${m[0]}`);
    assert.ok(TAGS.has(m[1]!), `unknown tag ${m[0]}`);
    for (const [, name, value] of m[2]!.matchAll(/\s+([a-zA-Z][a-zA-Z0-9-]*)="([^"]*)"/g)) {
      assert.ok(ATTRIBUTES.has(name!), `unknown attribute ${name} in ${m[0]}`);
      if (name === 'href') {
        const decoded = value!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
        assert.doesNotMatch(decoded, /^\s*[a-z][a-z0-9+.-]*:/i, `href with a scheme: ${value}`);
      }
    }
    last = m.index + m[0].length;
  }
  assert.doesNotMatch(text.slice(last), /[<>"]/);
}
