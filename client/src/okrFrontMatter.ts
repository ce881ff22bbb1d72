// The cheap test of a file's first bytes used before the language server runs: does it open
// with front matter that has an `okr:` key? (The server's reading is the real one; this only
// decides whether starting it is worth it, so it may say yes to `okr: nonsense`.)

/** Front matter (`---` on the first line, after an optional BOM) with an `okr:` key before it closes. */
export function hasOkrFrontMatter(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return false;
  for (const line of lines.slice(1)) {
    if (/^(---|\.\.\.)\s*$/.test(line)) return false;
    if (/^["']?okr["']?\s*:/.test(line)) return true;
  }
  return false;
}
