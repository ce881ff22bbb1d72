// Parse time of long documents with the fast path on and off (issue 16):
//
//   npx tsx bench/longDocuments.ts bench/out/long [--rounds 1] [--json]
//
// The workspace is bench/generateLong.mjs's. Splits its documents by what parseMarkdown does
// with them (the fast path reads them whole, or hands them to remark, for a reason) and times
// parseDocument over each group with the fast path (the default) and with remark alone: in the
// subset that is the fast path's gain; in the rest, its cost (the part it reads before giving up).
// With --rounds N, the median of N rounds; --json prints one object for bench/run.ts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { walkMarkdownFiles } from '../server/src/fs/files.ts';
import { complexityProblem } from '../server/src/okr/parse/complexity.ts';
import { parseMarkdownFast } from '../server/src/okr/parse/fastMarkdown.ts';
import { hasTableDelimiterRow } from '../server/src/okr/parse/remarkProcessor.ts';
import { parseDocument } from '../server/src/okr/parse/parse.ts';

export interface GroupTimes {
  files: number;
  megabytes: number;
  /** parseDocument with the fast path in front of remark (the default), seconds. */
  fastSeconds: number;
  /** parseDocument with remark alone, seconds. */
  remarkSeconds: number;
  /** Why the fast path handed documents to remark, and how many. */
  reasons: Record<string, number>;
}

export interface LongParse {
  /** Documents the fast path reads whole. */
  inSubset: GroupTimes;
  /** Documents it hands to remark. */
  fallingBack: GroupTimes;
  /** Documents over a limit of complexity.ts (not parsed at all; 0 for the generated workspace). */
  tooComplex: number;
  rounds: number;
}

interface Input {
  path: string;
  text: string;
}

/** Why parseMarkdown does not take the fast path for `text`, or undefined when it does. */
function fallbackReason(text: string): string | undefined {
  if (hasTableDelimiterRow(text)) return 'table';
  const fast = parseMarkdownFast(text);
  return 'root' in fast ? undefined : fast.fallback;
}

function seconds(inputs: Input[], parser: 'fast' | 'remark'): number {
  const started = performance.now();
  for (const { path, text } of inputs) parseDocument(path, text, undefined, { parser });
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

export function measureLongDocuments(dir: string, rounds = 1, log: (line: string) => void = () => {}): LongParse {
  const groups = { inSubset: [] as Input[], fallingBack: [] as Input[] };
  const reasons: Record<string, number> = {};
  let tooComplex = 0;
  for (const file of walkMarkdownFiles(dir)) {
    const input = { path: file, text: readFileSync(file, 'utf8') };
    if (complexityProblem(input.text)) tooComplex++;
    const reason = fallbackReason(input.text);
    if (reason) reasons[reason] = (reasons[reason] ?? 0) + 1;
    groups[reason ? 'fallingBack' : 'inSubset'].push(input);
  }
  // Warm both parsers' code up on a few documents, so that the first measure is not the JIT's.
  for (const parser of ['fast', 'remark'] as const) seconds([...groups.inSubset.slice(0, 3), ...groups.fallingBack.slice(0, 3)], parser);
  const times = { inSubset: { fast: [] as number[], remark: [] as number[] }, fallingBack: { fast: [] as number[], remark: [] as number[] } };
  for (let round = 0; round < rounds; round++) {
    // Alternate the order, so that neither parser always runs on a warmer JIT or a fuller heap.
    const parsers = round % 2 ? (['remark', 'fast'] as const) : (['fast', 'remark'] as const);
    for (const group of ['inSubset', 'fallingBack'] as const) {
      for (const parser of parsers) {
        const took = seconds(groups[group], parser);
        times[group][parser].push(took);
        log(`round ${round + 1}, ${group === 'inSubset' ? "the fast path's subset" : 'falling back to remark'}, ${parser}: ${took.toFixed(2)} s`);
      }
    }
  }
  const summary = (group: 'inSubset' | 'fallingBack'): GroupTimes => ({
    files: groups[group].length,
    megabytes: groups[group].reduce((sum, { text }) => sum + Buffer.byteLength(text), 0) / 1e6,
    fastSeconds: median(times[group].fast),
    remarkSeconds: median(times[group].remark),
    reasons: group === 'fallingBack' ? reasons : {},
  });
  return { inSubset: summary('inSubset'), fallingBack: summary('fallingBack'), tooComplex, rounds };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rounds: { type: 'string', default: '1' }, json: { type: 'boolean', default: false } },
  });
  const rounds = Number(values.rounds);
  if (positionals.length !== 1 || !Number.isInteger(rounds) || rounds < 1) {
    console.error('usage: npx tsx bench/longDocuments.ts WORKSPACE [--rounds N] [--json]');
    process.exit(2);
  }
  const result = measureLongDocuments(positionals[0]!, rounds, values.json ? undefined : (line) => console.log(line));
  if (values.json) console.log(JSON.stringify(result));
  else {
    for (const [name, g] of [["the fast path's subset", result.inSubset], ['falling back to remark', result.fallingBack]] as const) {
      console.log(`${name}: ${g.files} documents, ${g.megabytes.toFixed(1)} MB: fast path ${g.fastSeconds.toFixed(2)} s, remark alone ${g.remarkSeconds.toFixed(2)} s` +
        (Object.keys(g.reasons).length ? ` (${Object.entries(g.reasons).map(([why, n]) => `${why}: ${n}`).join(', ')})` : ''));
    }
    if (result.tooComplex) console.log(`${result.tooComplex} documents over a limit of complexity.ts`);
  }
}
