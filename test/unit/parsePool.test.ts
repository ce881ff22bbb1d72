// parseAll (server/src/parallel/parsePool.ts): documents parsed on worker threads from
// dist/parseWorker.cjs must come back exactly as parseDocument on this thread makes them,
// in input order, whatever the input looks like; threads start only for documents the fast
// path hands to remark, and only when there is enough of them to pay.
import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OkrDocument } from '../../server/src/okr/model/model.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { defaultThreads, parseAll, type ParseInput } from '../../server/src/parallel/parsePool.ts';
import { oddInputs, readInputs } from './parseInputs.ts';
import { plain } from './plain.ts';

/** Models compared as JSON: threads and the cache give plain ranges, parseDocument TextRange ones. */
function sameModels(actual: unknown, expected: unknown, message?: string): void {
  assert.deepStrictEqual(plain(actual), plain(expected), message);
}

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER = join(REPO, 'dist', 'parseWorker.cjs');


/** Runs `body` and counts the worker threads it starts. */
async function countingWorkers<T>(body: () => Promise<T>): Promise<{ result: T; workers: number }> {
  let workers = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'WORKER') workers++;
    },
  });
  hook.enable();
  try {
    const result = await body();
    return { result, workers };
  } finally {
    hook.disable();
  }
}

/** The same document with a block quote, which the fast path hands to remark. */
function forRemark(input: ParseInput): ParseInput {
  return { ...input, text: `${input.text}\n> A quoted note.\n` };
}

/** Threads for any amount of remark's work. */
const ALWAYS = { minParallelCharacters: 0 };

function direct(inputs: ParseInput[]): OkrDocument[] {
  return inputs.map((input) => parseDocument(input.path, input.text));
}


describe('parseAll: parsing on worker threads', function () {
  // The hook runs a process (bench/generate.mjs) and the tests start threads: a generous
  // timeout (a guard against a hang), as a busy machine can take many seconds for them.
  this.timeout(300_000);
  let dir: string;
  let generated: ParseInput[];
  /** parseDocument on this thread, for `generated`. */
  let expected: OkrDocument[];

  before(() => {
    assert.ok(existsSync(WORKER), 'run npm run build first (dist/parseWorker.cjs)');
    dir = mkdtempSync(join(tmpdir(), 'okr-parse-pool-'));
    execFileSync(process.execPath, [join(REPO, 'bench', 'generate.mjs'), join(dir, 'ws'), '300'], { stdio: 'ignore' });
    generated = readInputs(join(dir, 'ws')).map(forRemark);
    assert.equal(generated.length, 300);
    expected = direct(generated);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives what parseDocument gives, in input order, with 2 threads on 300 documents', async () => {
    const progress: [number, number][] = [];
    const { result, workers } = await countingWorkers(() =>
      parseAll(generated, { ...ALWAYS, threads: 2, onProgress: (done, total) => progress.push([done, total]) }),
    );
    assert.equal(workers, 2, 'two worker threads were started');
    assert.equal(result.length, generated.length);
    assert.deepEqual(
      result.map((d) => d.path),
      generated.map((i) => i.path),
      'input order',
    );
    sameModels(result, expected);
    assert.ok(progress.length > 0);
    assert.deepEqual(progress.at(-1), [300, 300], 'progress reaches the total');
    for (const [i, [done, total]] of progress.entries()) {
      assert.equal(total, 300);
      if (i > 0) assert.ok(done > progress[i - 1]![0], 'progress only grows');
    }
  });

  it('keeps input order when batches finish out of order (a slow first batch)', async () => {
    // The first batch is heavy, the others tiny: the second thread returns its batches first.
    const heavy = generated.slice(0, 64).map((input, i) => ({
      path: `heavy/${i}.okr.md`,
      text: generated
        .slice(i, i + 4)
        .map((other) => other.text.replace(/^---[\s\S]*?\n---\n/, ''))
        .join('\n'),
    }));
    const light = Array.from({ length: 200 }, (_, i) => ({ path: `light/${i}.okr.md`, text: `## Objective: Light ${i} {#light-${i}}\n\n> Quoted.\n` }));
    const inputs = [...heavy, ...light];
    const order: number[] = [];
    const result = await parseAll(inputs, { ...ALWAYS, threads: 2, onProgress: (done) => order.push(done) });
    assert.deepEqual(
      result.map((d) => d.path),
      inputs.map((i) => i.path),
    );
    sameModels(result, direct(inputs));
    assert.equal(order.at(-1), inputs.length);
  });

  it('starts no thread for documents the fast path reads, nor for a little of remark\'s work', async () => {
    const fastInputs = readInputs(join(dir, 'ws'));
    const progress: [number, number][] = [];
    const { result, workers } = await countingWorkers(() =>
      parseAll(fastInputs, { threads: 2, onProgress: (done, total) => progress.push([done, total]) }),
    );
    assert.equal(workers, 0, 'no thread for the fast path');
    sameModels(result, direct(fastInputs));
    assert.deepEqual(progress.at(-1), [300, 300]);
    const mixed = [...fastInputs.slice(0, 100), ...generated.slice(100, 110)];
    const some = await countingWorkers(() => parseAll(mixed, { threads: 2 }));
    assert.equal(some.workers, 0, 'no thread for ten documents for remark');
    sameModels(some.result, direct(mixed));
  });

  it('parses everything with remark when told (OKR_PARSER=remark in the CLI), with the same models', async () => {
    const fastInputs = readInputs(join(dir, 'ws')).slice(0, 200);
    sameModels(await parseAll(fastInputs, { parser: 'remark', threads: 1 }), direct(fastInputs));
    // With threads: every document goes to them, as none is read by the fast path first.
    const { result, workers } = await countingWorkers(() => parseAll(fastInputs, { ...ALWAYS, parser: 'remark', threads: 2 }));
    assert.equal(workers, 2, 'documents the fast path reads went to the threads');
    sameModels(result, direct(fastInputs));
  });

  it('starts threads for a megabyte of text the fast path hands to remark, and not for documents with a small section for it', async () => {
    // HTML after the frontmatter: no section of these documents is cut off, remark reads them whole.
    const big = generated.map((input) => {
      const body = input.text.replace(/^---[\s\S]*?\n---\n/, '');
      return { ...input, text: `${input.text.slice(0, input.text.length - body.length)}<div></div>\n\n${body.repeat(3)}` };
    });
    assert.ok(big.reduce((sum, input) => sum + input.text.length, 0) >= 1_000_000);
    const { result, workers } = await countingWorkers(() => parseAll(big, { threads: 2 }));
    assert.equal(workers, 2);
    sameModels(result, direct(big));
    // The same megabyte with a block quote only in the last section: remark reads that section alone, here.
    const sectioned = generated.map((input) => ({ ...input, text: input.text.replace(/\n---\n/, '\n---\n\n') + input.text.replace(/^---[\s\S]*?\n---\n/, '').repeat(3) }));
    assert.ok(sectioned.reduce((sum, input) => sum + input.text.length, 0) >= 1_000_000);
    const small = await countingWorkers(() => parseAll(sectioned, { threads: 2 }));
    assert.equal(small.workers, 0);
    sameModels(small.result, direct(sectioned));
  });

  it('handles no input and one thread', async () => {
    assert.deepEqual(await parseAll([], { threads: 2 }), []);
    const { result, workers } = await countingWorkers(() => parseAll(generated.slice(0, 210), { ...ALWAYS, threads: 1 }));
    assert.equal(workers, 0);
    sameModels(result, expected.slice(0, 210));
  });

  it('round-trips odd inputs (BOM, CRLF, lone CR, empty, only frontmatter…) through the threads unchanged', async () => {
    const odd = oddInputs();
    // Odd inputs spread over every batch of both threads, between ordinary documents.
    const inputs: ParseInput[] = [];
    generated.slice(0, 260).forEach((input, i) => {
      inputs.push(input);
      if (i % 16 === 0) inputs.push(odd[(i / 16) % odd.length]!);
    });
    assert.ok(inputs.length >= 260 + odd.length);
    const { result, workers } = await countingWorkers(() => parseAll(inputs, { ...ALWAYS, threads: 2 }));
    assert.equal(workers, 2);
    const expected = direct(inputs);
    for (const [i, input] of inputs.entries()) {
      if (!input.path.startsWith('odd/')) continue;
      sameModels(result[i], expected[i], `${input.path} differs after the threads`);
      // Same own keys: threads send models as JSON, which would drop a key whose value is undefined.
      assert.equal(JSON.stringify(Object.keys(result[i]!)), JSON.stringify(Object.keys(expected[i]!)));
    }
    sameModels(result, expected);
    // The odd inputs are actually parsed (not all empty shells).
    const byPath = new Map(result.map((d) => [d.path, d]));
    assert.equal(byPath.get('odd/crlf.md')!.objectives[0]!.id, 'ship');
    assert.equal(byPath.get('odd/lone-cr.md')!.frontmatter.cycle?.value, '2026-11');
    assert.equal(byPath.get('odd/bom.md')!.frontmatter.okr?.value, 'operational');
  });

  it('OKR_PARSE_THREADS sets the default number of threads', () => {
    const saved = process.env.OKR_PARSE_THREADS;
    try {
      process.env.OKR_PARSE_THREADS = '3';
      assert.equal(defaultThreads(), 3);
      process.env.OKR_PARSE_THREADS = 'lots';
      assert.ok(defaultThreads() >= 1 && defaultThreads() <= 8);
      process.env.OKR_PARSE_THREADS = '0';
      assert.ok(defaultThreads() >= 1 && defaultThreads() <= 8);
    } finally {
      if (saved === undefined) delete process.env.OKR_PARSE_THREADS;
      else process.env.OKR_PARSE_THREADS = saved;
    }
  });

  it('uses OKR_PARSE_THREADS when no thread count is given', async () => {
    const saved = process.env.OKR_PARSE_THREADS;
    try {
      process.env.OKR_PARSE_THREADS = '1';
      const inputs = generated.slice(0, 200);
      const one = await countingWorkers(() => parseAll(inputs, ALWAYS));
      assert.equal(one.workers, 0, 'OKR_PARSE_THREADS=1 parses here');
      process.env.OKR_PARSE_THREADS = '3';
      const three = await countingWorkers(() => parseAll(inputs, ALWAYS));
      assert.equal(three.workers, 3);
      sameModels(three.result, expected.slice(0, 200));
      sameModels(one.result, expected.slice(0, 200));
    } finally {
      if (saved === undefined) delete process.env.OKR_PARSE_THREADS;
      else process.env.OKR_PARSE_THREADS = saved;
    }
  });
});
