// bench/generateLong.mjs: the long-document workspace of issue 16's benchmark row must hold
// what the row says it measures: documents of 50–200 KB within the complexity limits, half read
// whole by the fast path and half handed to remark by the block the generator put there.
import assert from 'node:assert/strict';
import { FALLBACK_KINDS, MAX_BYTES, MIN_BYTES, planLongWorkspace } from '../../bench/generateLong.mjs';
import { complexityProblem } from '../../server/src/okr/parse/complexity.ts';
import { parseMarkdownFast } from '../../server/src/okr/parse/fastMarkdown.ts';
import { hasTableDelimiterRow } from '../../server/src/okr/parse/remarkProcessor.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';

const COUNT = 10;

/** Why parseMarkdown hands `text` to remark, or undefined when the fast path reads it whole. */
function fallbackReason(text: string): string | undefined {
  if (hasTableDelimiterRow(text)) return 'table';
  const read = parseMarkdownFast(text);
  return 'root' in read ? undefined : read.fallback;
}

const EXPECTED_REASON: Record<string, RegExp> = {
  fence: /^fenced code$/,
  quote: /^block quote or HTML$/,
  table: /^table$/,
  html: /^block quote or HTML$/,
  break: /^thematic break/,
};

describe('bench/generateLong.mjs', () => {
  const { files, fallbacks, stats } = planLongWorkspace(COUNT, 1);
  const documents = [...files].filter(([path]) => path.endsWith('.md'));

  it('is deterministic, and a seed changes it', () => {
    assert.deepEqual([...planLongWorkspace(COUNT, 1).files], [...files]);
    assert.notDeepEqual([...planLongWorkspace(COUNT, 2).files], [...files]);
  });

  it('writes documents of 50–200 KB that are within the complexity limits', () => {
    assert.equal(documents.length, COUNT);
    for (const [path, text] of documents) {
      const bytes = Buffer.byteLength(text);
      assert.ok(bytes >= MIN_BYTES && bytes <= MAX_BYTES, `${path}: ${bytes} bytes`);
      assert.equal(complexityProblem(text), undefined, path);
    }
  });

  it('sends every second document to remark with its block, one kind after another, and no other', () => {
    assert.equal(stats.fallbackFiles, COUNT / 2);
    assert.deepEqual([...fallbacks.values()].sort(), [...FALLBACK_KINDS].sort());
    for (const [path, text] of documents) {
      const kind = fallbacks.get(path);
      const reason = fallbackReason(text);
      if (kind) assert.match(reason ?? 'read by the fast path', EXPECTED_REASON[kind]!, `${path} (${kind})`);
      else assert.equal(reason, undefined, path);
    }
  });

  it('holds OKRs that align to each other: objectives, key results and references in every document', () => {
    for (const [path, text] of documents) {
      const document = parseDocument(path, text);
      assert.ok(document.isOkr && document.objectives.length >= 20, `${path}: ${document.objectives.length} objectives`);
      assert.ok(document.objectives.every((objective) => objective.keyResults.length >= 2), path);
    }
    // Every operational objective aligns; strategic team objectives often do.
    assert.ok(stats.references > stats.objectives * 0.8, `${stats.references} references for ${stats.objectives} objectives`);
  });

  it('reads the same with the fast path on and off (one document of each group)', () => {
    const [fast] = documents.filter(([path]) => !fallbacks.has(path));
    const [slow] = documents.filter(([path]) => fallbacks.has(path));
    for (const [path, text] of [fast!, slow!]) {
      assert.equal(JSON.stringify(parseDocument(path, text, undefined, { parser: 'fast' })), JSON.stringify(parseDocument(path, text, undefined, { parser: 'remark' })), path);
    }
  });
});
