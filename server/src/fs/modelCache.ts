// Each document's parsed model, kept on disk by content hash and configured level (as
// ESLint's --cache keeps results), so that a second run parses only what changed. A
// workspace-level answer may be kept beside it under a key that covers every input. A cache
// from another build, or one that cannot be read, is ignored; writing one never fails the
// command.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OkrDocument } from '../okr/model/model.ts';
import type { Range } from '../okr/model/text.ts';
import { parseAll, type ParseInput, type ParseOptions } from '../parallel/parsePool.ts';

declare const OKR_ENGINE_HASH: string | undefined;
/** Models from another build of the engine are not trusted. */
const ENGINE = typeof OKR_ENGINE_HASH === 'string' ? OKR_ENGINE_HASH : 'dev';
const FORMAT = 'okr-model-cache/2';

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** What a stored model was parsed from: the text (its contentHash), and the level okr.config.json gave the path. */
function inputHash(input: ParseInput, hash: string): string {
  return input.level === undefined ? hash : `${hash}:${input.level}`;
}

interface Header {
  format: string;
  engine: string;
  /** A stored answer for one exact set of inputs. */
  answer?: { key: string; value: unknown };
}

// Ranges are most of a model: written as [line, character, line, character] they take a
// fifth of the room, and the cache reads several times faster.
function packRange(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const range = value as Partial<Range>;
  if (range.start === undefined || range.end === undefined || typeof range.start.line !== 'number') return value;
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** Turns packed ranges back into ranges, in place (models hold no other arrays of numbers). */
function unpackRanges(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  const container = value as Record<string, unknown>;
  for (const key of Object.keys(container)) {
    const child = container[key];
    if (Array.isArray(child) && child.length === 4 && typeof child[0] === 'number') {
      container[key] = { start: { line: child[0], character: child[1] }, end: { line: child[2], character: child[3] } };
    } else if (typeof child === 'object' && child !== null) {
      unpackRanges(child);
    }
  }
}

/** The shape of a model, checked shallowly: enough that a damaged entry cannot be used. */
function looksLikeModel(value: unknown, path: string): value is OkrDocument {
  if (typeof value !== 'object' || value === null) return false;
  const model = value as Partial<Record<keyof OkrDocument, unknown>>;
  return (
    model.path === path &&
    typeof model.isOkr === 'boolean' &&
    typeof model.lineCount === 'number' &&
    typeof model.frontmatter === 'object' &&
    model.frontmatter !== null &&
    Array.isArray(model.objectives) &&
    Array.isArray(model.problems) &&
    model.objectives.every((objective) => typeof objective === 'object' && objective !== null && Array.isArray((objective as { keyResults?: unknown }).keyResults) && Array.isArray((objective as { references?: unknown }).references) && Array.isArray((objective as { fields?: unknown }).fields))
  );
}

/** The first line of the file (the header) and where the models start, without reading them. */
function readHeader(file: string): { header: Header; modelsOffset: number } {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(1 << 16);
      const read = readSync(fd, chunk, 0, chunk.length, length);
      const newline = chunk.subarray(0, read).indexOf(10);
      if (newline >= 0 || read === 0) {
        chunks.push(chunk.subarray(0, newline >= 0 ? newline : read));
        const line = Buffer.concat(chunks);
        return { header: JSON.parse(line.toString('utf8')) as Header, modelsOffset: line.length + 1 };
      }
      chunks.push(chunk.subarray(0, read));
      length += read;
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes the pieces in chunks of about a megabyte: never one string the size of the file. */
function writeInChunks(file: string, pieces: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    let chunk = '';
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length >= 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

export class ModelCache {
  private stored = new Map<string, { hash: string; document: OkrDocument }>();
  private readonly used = new Map<string, { hash: string; document: OkrDocument }>();
  private header: Header = { format: FORMAT, engine: ENGINE };
  private modelsOffset = 0;
  private modelsRead = true;
  private changed = false;
  hits = 0;
  misses = 0;

  private constructor(readonly file: string) {}

  /** The cache at `file`; empty when it is missing, unreadable or from another build. */
  static load(file: string): ModelCache {
    const cache = new ModelCache(file);
    try {
      const { header, modelsOffset } = readHeader(file);
      if (header.format !== FORMAT || header.engine !== ENGINE) return cache;
      cache.header = header;
      // The models are read only if the stored answer does not do.
      cache.modelsOffset = modelsOffset;
      cache.modelsRead = false;
    } catch {
      // No cache yet, or a damaged one: start empty.
    }
    return cache;
  }

  private models(): Map<string, { hash: string; document: OkrDocument }> {
    if (!this.modelsRead) {
      this.modelsRead = true;
      try {
        const entries = JSON.parse(readFileSync(this.file).subarray(this.modelsOffset).toString('utf8')) as unknown;
        this.stored = new Map();
        for (const entry of Array.isArray(entries) ? (entries as unknown[]) : []) {
          // A damaged entry is a miss (the file is parsed again), never a wrong model.
          if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string' || !looksLikeModel(entry[2], entry[0])) continue;
          unpackRanges(entry[2]);
          this.stored.set(entry[0], { hash: entry[1], document: entry[2] });
        }
      } catch {
        this.stored = new Map();
      }
    }
    return this.stored;
  }

  /** The stored answer for these exact inputs, if any. */
  answer(key: string): unknown {
    return this.header.answer?.key === key ? this.header.answer.value : undefined;
  }

  setAnswer(key: string, value: unknown): void {
    if (this.header.answer?.key === key) return;
    this.header = { ...this.header, answer: { key, value } };
    this.changed = true;
  }

  /**
   * Parses what the cache does not hold (on threads), and remembers every input's model;
   * `contentHashes`: each input's contentHash, when the caller has them already.
   */
  async parse(inputs: ParseInput[], options: ParseOptions = {}, contentHashes?: readonly string[]): Promise<OkrDocument[]> {
    const stored = this.models();
    const results: OkrDocument[] = new Array(inputs.length);
    const missing: number[] = [];
    const hashes = inputs.map((input, i) => inputHash(input, contentHashes?.[i] ?? contentHash(input.text)));
    inputs.forEach((input, i) => {
      const entry = stored.get(input.path);
      if (entry && entry.hash === hashes[i]) {
        results[i] = entry.document;
        this.used.set(input.path, entry);
        this.hits++;
      } else missing.push(i);
    });
    const parsed = await parseAll(
      missing.map((i) => inputs[i]!),
      options,
    );
    missing.forEach((i, k) => {
      results[i] = parsed[k]!;
      this.used.set(inputs[i]!.path, { hash: hashes[i]!, document: parsed[k]! });
    });
    this.misses += missing.length;
    if (missing.length > 0 || this.used.size !== stored.size) this.changed = true;
    return results;
  }

  /** The header line, then the models of this run's inputs as one JSON array of [path, hash, model]. */
  private *entriesJson(): Generator<string> {
    yield `${JSON.stringify(this.header)}\n[`;
    let first = true;
    for (const [path, { hash, document }] of this.used) {
      yield `${first ? '' : ','}${JSON.stringify([path, hash, document], packRange)}`;
      first = false;
    }
    yield ']';
  }

  /** Writes the models of this run's inputs (others are dropped); an error message, or undefined. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeInChunks(temporary, this.entriesJson());
      renameSync(temporary, this.file);
      this.changed = false;
      return undefined;
    } catch (error) {
      try {
        unlinkSync(`${this.file}.${process.pid}.tmp`);
      } catch {
        // never written
      }
      return `cannot write the cache ${this.file}: ${(error as Error).message}`;
    }
  }
}
