// Frontmatter that is only `key: value` lines, read without the YAML parser (issue 16: YAML
// is 7 % of a cold `okr check`). It answers only where it can prove the YAML reading would be
// the same: every line a simple key with a plain value that YAML reads as that very text (or
// as null), no comments, quotes, flow or block collections, anchors, tags, tabs or duplicate
// keys. Anything else returns undefined, and the yaml library reads the block; a differential
// test (test/unit/plainFrontmatter.test.ts) holds the two readings equal.

export interface PlainEntry {
  key: string;
  /** The value as YAML reads it: its text, or null (empty, `null`, `Null`, `NULL`). */
  value: string | null;
  /** A one-line list of plain words (`aliases: [team plan, x]`): valid YAML, its items not read. */
  list?: true;
  /** Offsets in the block's content: the key's start, and the end of the value (or of `key:`). */
  start: number;
  end: number;
}

/** `key: value`, `key:` — a key YAML reads as a string, a plain value without `#`, `:` or indicators. */
const LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:( +)([\p{L}\p{N}][\p{L}\p{N} ._/()+-]*?))? *$/u;
/** `key: [plain, plain]`: a flow sequence of plain words, which YAML reads without error. */
const FLOW_LIST = /^([A-Za-z_][A-Za-z0-9_-]*): +\[ *(?:[\p{L}\p{N}][\p{L}\p{N} ._/()+-]*?(?: *, *[\p{L}\p{N}][\p{L}\p{N} ._/()+-]*?)*)? *\] *$/u;
/** Plain scalars YAML's core schema reads as something other than a string whose text matters. */
const NULL = /^(?:null|Null|NULL)$/;
/** Keys YAML reads as a boolean, a null or a number: left to it. */
const SPECIAL_KEY = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$/;

/** The entries of a plain block, in order; undefined when the block is not provably plain. */
export function readPlainFrontmatter(content: string): PlainEntry[] | undefined {
  const entries: PlainEntry[] = [];
  const seen = new Set<string>();
  const lineBreak = /\r\n|\r|\n/g;
  let lineStart = 0;
  for (;;) {
    const match = lineBreak.exec(content);
    const lineEnd = match ? match.index : content.length;
    const line = content.slice(lineStart, lineEnd);
    if (line !== '') {
      const parsed = LINE.exec(line);
      const list = parsed ? undefined : FLOW_LIST.exec(line);
      const key = (parsed ?? list)?.[1];
      if (key === undefined || seen.has(key) || SPECIAL_KEY.test(key)) return undefined;
      seen.add(key);
      if (list) {
        entries.push({ key, value: null, list: true, start: lineStart, end: lineStart + line.trimEnd().length });
        if (!match) return entries;
        lineStart = match.index + match[0].length;
        continue;
      }
      const written = parsed![3];
      const valueStart = lineStart + key.length + 1 + (parsed![2]?.length ?? 0);
      entries.push({
        key,
        value: written === undefined || NULL.test(written) ? null : written,
        start: lineStart,
        // An empty value's null runs to the end of the line (its spaces), as YAML places it.
        end: written === undefined ? lineEnd : valueStart + written.length,
      });
    }
    if (!match) return entries;
    lineStart = match.index + match[0].length;
  }
}
