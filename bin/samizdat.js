#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072 node --max-semi-space-size=1 --optimize-for-size --v8-pool-size=1
// The `samizdat` command. The TypeScript sources run as JavaScript compiled from them into
// dist-server/ (bin/compiled-server.js compiles it when src/ changed since), so a fresh clone
// still needs no build step and a running process carries no loader. The flags keep V8's young
// generation at 1 MB instead of 16, the old one from growing eagerly and V8's thread pool at one
// thread, and the environment gives glibc's allocator two arenas and a fixed trim threshold (less
// resident memory; see WEB_PROCESS_NODE_FLAGS and WEB_PROCESS_ENV in src/cli/web-cluster.ts).
import { compiledEntry } from './compiled-server.js';

const entry = compiledEntry();
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
