// Parses many documents. The fast path (okr/parse/fastMarkdown.ts) reads most OKR documents
// on the calling thread faster than a thread starts and sends a model back; what it hands to
// remark (about 1 MB/s per core) is parsed on worker threads when there is enough of it to pay
// for them, each core its share, the models coming back as plain data. A little of it, or a
// missing worker bundle, is parsed on the calling thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Level, OkrDocument } from '../okr/model/model.ts';
import type { MarkdownOptions } from '../okr/parse/markdown.ts';
import { parseDocument, parseDocumentWithoutRemark } from '../okr/parse/parse.ts';

export interface ParseInput {
  /** Workspace path. */
  path: string;
  text: string;
  /** The level okr.config.json's `documents` gives the path (fs/configuredLevel.ts), if any. */
  level?: Level;
}

/** Parses one input, with its configured level. */
export function parseInput(input: ParseInput, parser?: MarkdownOptions['parser']): OkrDocument {
  return parseDocument(input.path, input.text, input.level, { parser });
}

export interface ParseOptions {
  /** Threads to use; default: one per available core, capped at 8. */
  threads?: number;
  /** Called as documents are parsed. */
  onProgress?: (done: number, total: number) => void;
  /** Text for remark below which no thread starts; default MIN_PARALLEL_CHARACTERS. */
  minParallelCharacters?: number;
  /** `remark` turns the fast path off (the CLI's OKR_PARSER=remark: bench/run.ts measures both). */
  parser?: MarkdownOptions['parser'];
}

/**
 * Below this much text for remark, starting threads costs more than it saves: two threads
 * start in about 0.2 s and remark reads about 1 MB/s per core (bench/RESULTS.md).
 */
export const MIN_PARALLEL_CHARACTERS = 1_000_000;
const BATCH = 64;

declare const __dirname: string | undefined;

/** dist/parseWorker.cjs: beside the bundle that runs, or built in the checkout (tests run sources). */
function workerFile(): string | undefined {
  const candidates: string[] = [];
  if (typeof __dirname === 'string') candidates.push(join(__dirname, 'parseWorker.cjs'));
  try {
    candidates.push(new URL('../../../dist/parseWorker.cjs', import.meta.url).pathname);
  } catch {
    // Bundled as CommonJS: import.meta is empty, and __dirname answered above.
  }
  return candidates.find((file) => existsSync(file));
}

export function defaultThreads(): number {
  const fromEnv = Number(process.env.OKR_PARSE_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.min(8, availableParallelism());
}

/** Yields to the event loop, so that a server keeps answering while it parses. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function parseHere(inputs: ParseInput[], indices: number[], results: OkrDocument[], { progress, parser }: Omit<Threads, 'file' | 'threads'>): Promise<void> {
  for (let i = 0; i < indices.length; i++) {
    results[indices[i]!] = parseInput(inputs[indices[i]!]!, parser);
    progress();
    if ((i + 1) % BATCH === 0 && i + 1 < indices.length) await tick();
  }
}

/** Parses every input (results in input order); never rejects: a failed thread's share is parsed here. */
export async function parseAll(inputs: ParseInput[], options: ParseOptions = {}): Promise<OkrDocument[]> {
  const results: OkrDocument[] = new Array(inputs.length);
  let done = 0;
  const progress = () => {
    done++;
    if (done % BATCH === 0 || done === inputs.length) options.onProgress?.(done, inputs.length);
  };
  // The fast path first, here; documents with sections it cannot read are parsed next, here
  // or on threads, remark reading those sections.
  const forRemark: number[] = [];
  let remarkCharacters = 0;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const read = options.parser === 'remark' ? { remarkCharacters: input.text.length } : parseDocumentWithoutRemark(input.path, input.text, input.level);
    if ('remarkCharacters' in read) {
      forRemark.push(i);
      remarkCharacters += read.remarkCharacters;
    } else {
      results[i] = read;
      progress();
    }
    if ((i + 1) % BATCH === 0 && i + 1 < inputs.length) await tick();
  }
  const threads = Math.min(options.threads ?? defaultThreads(), Math.ceil(forRemark.length / BATCH));
  const file = threads > 1 && remarkCharacters >= (options.minParallelCharacters ?? MIN_PARALLEL_CHARACTERS) ? workerFile() : undefined;
  if (file) await parseOnThreads(inputs, forRemark, results, { file, threads, progress, parser: options.parser });
  // What no thread parsed (no threads, or one failed) is parsed here.
  await parseHere(inputs, forRemark.filter((i) => results[i] === undefined), results, { progress, parser: options.parser });
  return results;
}

interface Threads {
  file: string;
  threads: number;
  parser?: MarkdownOptions['parser'];
  progress: () => void;
}

/** Parses the inputs at `indices` on worker threads, into `results`; a failed thread's share is left undefined. */
async function parseOnThreads(inputs: ParseInput[], indices: number[], results: OkrDocument[], { file, threads, progress, parser }: Threads): Promise<void> {
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve) => {
      let current: number[] | undefined;
      const send = () => {
        if (next >= indices.length) {
          current = undefined;
          resolve();
          return;
        }
        current = indices.slice(next, next + BATCH);
        next += current.length;
        worker.postMessage({ id: next - current.length, inputs: current.map((i) => inputs[i]!), parser });
      };
      worker.on('message', ({ id, documents }: { id: number; documents: string }) => {
        (JSON.parse(documents) as OkrDocument[]).forEach((document, i) => {
          results[indices[id + i]!] = document;
          progress();
        });
        send();
      });
      const fail = () => {
        current = undefined;
        resolve();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      send();
    });
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < threads; i++) {
      // Parsing makes many short-lived objects; 16 MB of young generation per thread was both
      // faster and smaller than 64 MB here (10,000 files: 13.2 s / 441 MB against 14.0 s / 536 MB).
      workers.push(new Worker(file, { resourceLimits: { maxYoungGenerationSizeMb: 16 } }));
    }
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
