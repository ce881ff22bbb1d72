// A parsing thread: documents in, models out (as JSON, back to the caller). It gets the
// documents with sections the fast path hands to remark (all of them when it is off).
import { parentPort } from 'node:worker_threads';
import type { MarkdownOptions } from '../okr/parse/markdown.ts';
import { parseInput, type ParseInput } from './parsePool.ts';

parentPort?.on('message', ({ id, inputs, parser }: { id: number; inputs: ParseInput[]; parser?: MarkdownOptions['parser'] }) => {
  // As JSON text, parsed once by the caller: a model's ranges are offsets over the document's
  // line table (TextRange), which a structured clone would copy without their positions.
  parentPort!.postMessage({ id, documents: JSON.stringify(inputs.map((input) => parseInput(input, parser))) });
});
