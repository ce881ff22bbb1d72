// The `okr-language-server` executable (dist/server.cjs): the server's bundle, started with
// V8's code cache.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { codeCacheFolder, runBundle } from './codeCache.ts';

// A larger young generation: indexing makes many short-lived objects, and with the default
// the collector's pauses show up as startup time and as slow keystrokes (bench/RESULTS.md).
// Set before the bundle is compiled: V8 trusts a code cache only under the flags it was made with.
setFlagsFromString('--max-semi-space-size=32');
// Editors usually end the server with a signal, when no exit handler runs: the cache is
// written once the first indexing has most likely compiled what a start needs.
runBundle(join(__dirname, 'server-main.cjs'), { folder: codeCacheFolder(), saveAfterMs: 10_000 });
