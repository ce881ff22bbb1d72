// A parsing thread: documents in, models out (structured-cloned back to the caller).
import { parentPort } from 'node:worker_threads';
import { parseInput, type ParseInput } from './parsePool.ts';

parentPort?.on('message', ({ id, inputs }: { id: number; inputs: ParseInput[] }) => {
  // As JSON: a model's ranges are offsets over the document's line table (TextRange), which a
  // structured clone would copy without their positions.
  parentPort!.postMessage({ id, documents: JSON.parse(JSON.stringify(inputs.map(parseInput))) });
});
