// YAML frontmatter (SPEC §1): found between `---` fences at the top, parsed with `yaml`
// without ever building JS objects from it (no prototype pollution, no alias expansion),
// validated key by key with zod so that one bad key does not lose the others.
import { isAlias, isMap, isScalar, parseDocument, type Node as YamlNode, type Scalar } from 'yaml';
import { makeDiagnostic, type Diagnostic } from '../model/diagnostics.ts';
import type { Frontmatter } from '../model/model.ts';
import type { LineIndex, Range } from '../model/text.ts';
import * as z from '../model/validation.ts';
import { readPlainFrontmatter } from './plainFrontmatter.ts';

export interface FrontmatterBlock {
  /** The YAML between the fences. */
  content: string;
  /** Offset of `content` in the document. */
  contentStart: number;
}

const FENCE = /^---[ \t]*$/;

/** The frontmatter block, when the document opens with a `---` fence that is closed later. */
export function findFrontmatter(text: string): FrontmatterBlock | undefined {
  const firstBreak = text.search(/\r\n|\r|\n/);
  if (firstBreak < 0 || !FENCE.test(text.slice(0, firstBreak))) return undefined;
  const contentStart = firstBreak + (text.startsWith('\r\n', firstBreak) ? 2 : 1);
  const lineBreak = /\r\n|\r|\n/g;
  lineBreak.lastIndex = contentStart;
  let lineStart = contentStart;
  for (;;) {
    const match = lineBreak.exec(text);
    const lineEnd = match ? match.index : text.length;
    if (FENCE.test(text.slice(lineStart, lineEnd))) {
      return { content: text.slice(contentStart, lineStart), contentStart };
    }
    if (!match) return undefined;
    lineStart = match.index + match[0].length;
  }
}

const OKR_LINE = /^okr[ \t]*:/m;

/** SPEC §1: the key `okr` in the frontmatter (checked cheaply first), or a `.okr.md` name. */
export function looksLikeOkrDocument(path: string, text: string): boolean {
  if (path.toLowerCase().endsWith('.okr.md')) return true;
  // Cheap and permissive (flow or indented YAML too); parsing the YAML decides.
  const block = findFrontmatter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return block !== undefined && block.content.includes('okr');
}

const keySchemas = {
  okr: z.pipe(
    z.pipe(
      z.string(),
      z.transform((s: string) => s.toLowerCase()),
    ),
    z.enum(['strategic', 'operational'], { error: 'The frontmatter key okr must be "strategic" or "operational"' }),
  ),
  cycle: z.string({ error: 'The frontmatter key cycle must be text such as 2026-Q4' }),
  owner: z.string({ error: 'The frontmatter key owner must be text' }),
} as const;

type KnownKey = keyof typeof keySchemas;

/** The text a YAML value is read as: scalars as written (`cycle: 2026` is "2026"). */
function scalarText(node: YamlNode | null): string | null | undefined {
  if (node === null) return null;
  if (!isScalar(node)) return undefined;
  const scalar = node as Scalar;
  if (scalar.value === null) return null;
  if (typeof scalar.source === 'string' && scalar.type === 'PLAIN') return scalar.source;
  return String(scalar.value);
}

export interface FrontmatterResult {
  frontmatter: Frontmatter;
  /** The key `okr` was present (or, in broken YAML, a line starts with `okr:`). */
  hasOkrKey: boolean;
  problems: Diagnostic[];
}

/** One known key as read (`text`: the scalar's text, null when empty, undefined for a collection). */
function readKnownKey(result: FrontmatterResult, known: KnownKey, text: string | null | undefined, range: Range): void {
  const { frontmatter, problems } = result;
  if (known === 'okr') result.hasOkrKey = true;
  frontmatter.keyRanges[known] = range;
  if (text === null && known !== 'okr') return; // `owner:` left empty: as if absent
  const parsed = keySchemas[known].safeParse(text === undefined ? {} : (text ?? ''));
  if (parsed.success) {
    frontmatter[known] = { value: parsed.data, range };
  } else {
    frontmatter.invalidKeys.push(known);
    const shown = text === undefined ? 'a list or mapping' : text === null ? 'empty' : `"${text}"`;
    problems.push(makeDiagnostic('frontmatter-invalid', range, `${parsed.error.issues[0]?.message ?? `The frontmatter key ${known} is invalid`}, not ${shown}`));
  }
}

function isKnownKey(key: string): key is KnownKey {
  return key in keySchemas && Object.prototype.hasOwnProperty.call(keySchemas, key);
}

export function readFrontmatter(block: FrontmatterBlock | undefined, lines: LineIndex, options: { plain?: boolean } = {}): FrontmatterResult {
  const frontmatter: Frontmatter = { broken: false, invalidKeys: [], keyRanges: {} };
  const problems: Diagnostic[] = [];
  if (!block) return { frontmatter, hasOkrKey: false, problems };
  const base = block.contentStart;
  // Plain `key: value` lines need no YAML parser; what is not provably plain goes to it.
  const read = options.plain === false ? undefined : readPlainFrontmatter(block.content);
  // A list under a key we read is for YAML to read (and for us to call invalid).
  const plain = read?.some((entry) => entry.list && isKnownKey(entry.key)) ? undefined : read;
  if (plain) {
    const result: FrontmatterResult = { frontmatter, hasOkrKey: false, problems };
    for (const entry of plain) if (isKnownKey(entry.key)) readKnownKey(result, entry.key, entry.value, lines.range(base + entry.start, base + entry.end));
    return result;
  }
  // YAML knows no lone-CR line ends; the rest of the engine does. Same length, same offsets.
  const content = block.content.replace(/\r(?!\n)/g, '\n');
  const doc = parseDocument(content, { prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    frontmatter.broken = true;
    const [start, end] = firstError.pos;
    const message = firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push(makeDiagnostic('frontmatter-invalid', lines.range(base + start, base + Math.max(end, start)), `Frontmatter is not valid YAML: ${message}`));
    return { frontmatter, hasOkrKey: OKR_LINE.test(block.content), problems };
  }
  const contents = doc.contents as YamlNode | null;
  if (!isMap(contents)) {
    return { frontmatter, hasOkrKey: false, problems };
  }
  const result: FrontmatterResult = { frontmatter, hasOkrKey: false, problems };
  for (const pair of contents.items) {
    const keyNode = pair.key as YamlNode | null;
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string' || !isKnownKey(keyNode.value)) continue;
    const valueNode = (isAlias(pair.value) ? pair.value.resolve(doc) : pair.value) as YamlNode | null | undefined;
    // Where the value is written: an alias's own place, not its anchor's.
    const entryEnd = Math.max((pair.value as YamlNode | null)?.range?.[1] ?? 0, keyNode.range?.[1] ?? 0);
    readKnownKey(result, keyNode.value, scalarText(valueNode ?? null), lines.range(base + (keyNode.range?.[0] ?? 0), base + entryEnd));
  }
  return result;
}
