// A parsing thread: documents in, models out (as JSON, back to the caller). It gets only
// documents the fast path handed to remark (or all of them when the fast path is off).
import { parentPort } from 'node:worker_threads';
import { parseInput, type ParseInput } from './parsePool.ts';

parentPort?.on('message', ({ id, inputs }: { id: number; inputs: ParseInput[] }) => {
  // As JSON: a model's ranges are offsets over the document's line table (TextRange), which a
  // structured clone would copy without their positions.
  parentPort!.postMessage({ id, documents: JSON.parse(JSON.stringify(inputs.map((input) => parseInput(input, 'remark')))) });
});
