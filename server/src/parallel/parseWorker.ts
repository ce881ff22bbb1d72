// A parsing thread: documents in, models out (structured-cloned back to the caller).
import { parentPort } from 'node:worker_threads';
import { parseInput, type ParseInput } from './parsePool.ts';

parentPort?.on('message', ({ id, inputs }: { id: number; inputs: ParseInput[] }) => {
  parentPort!.postMessage({ id, documents: inputs.map(parseInput) });
});
