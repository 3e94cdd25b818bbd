#!/usr/bin/env -S node --max-semi-space-size=1
// The `samizdat` command. TypeScript sources run through tsx's loader, so there is no build step
// between a fresh clone and a running service. The flag keeps V8's young generation at 1 MB per
// isolate instead of 16 (some 40 MB less resident memory; see src/cli/web-cluster.ts).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
