#!/usr/bin/env -S node --max-semi-space-size=1 --optimize-for-size
// The `samizdat` command. The TypeScript sources run as JavaScript compiled from them into
// dist-server/ (bin/compiled-server.js compiles it when src/ changed since), so a fresh clone
// still needs no build step and a running process carries no loader. The flag keeps V8's young
// generation at 1 MB instead of 16 and the old one from growing eagerly (less resident memory;
// see src/cli/web-cluster.ts).
import { compiledEntry } from './compiled-server.js';

const entry = compiledEntry();
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
