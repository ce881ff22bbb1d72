// The `okr` executable (dist/cli.cjs): the command line's bundle, started with V8's code cache.
import { join } from 'node:path';
import { runBundle } from './codeCache.ts';

runBundle(join(__dirname, 'cli-main.cjs'));
