// The `okr-language-server` executable (dist/server.cjs): the server's bundle, started with
// V8's code cache. (V8 sizes its heap when the process starts: a flag such as
// --max-semi-space-size set from here on has no effect, and would only make V8 reject
// caches made before it was set.)
import { join } from 'node:path';
import { codeCacheFolder, runBundle } from './codeCache.ts';

// Editors usually end the server with a signal, when no exit handler runs: the cache is
// also written once the first indexing has most likely compiled what a start needs.
runBundle(join(__dirname, 'server-main.cjs'), { folder: codeCacheFolder(), saveAfterMs: 10_000 });
