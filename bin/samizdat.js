#!/usr/bin/env node
// The `samizdat` command. TypeScript sources run through tsx's loader, so there is no build step
// between a fresh clone and a running service.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
