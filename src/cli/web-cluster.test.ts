import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/config.schema.ts';
import {
  restartDelay,
  WEB_PROCESS_ENV,
  WEB_PROCESS_NODE_FLAGS,
  webProcessEnv,
  webWorkerCount,
} from './web-cluster.ts';

describe('WEB_WORKERS', () => {
  it('is one process per core unless set, and a number as given', () => {
    const parse = (value?: unknown) => configSchema.parse(value === undefined ? {} : { WEB_WORKERS: value });
    expect(webWorkerCount(parse().WEB_WORKERS, 8)).toBe(8);
    expect(webWorkerCount(parse('3').WEB_WORKERS, 8)).toBe(3);
    expect(webWorkerCount(parse(4).WEB_WORKERS, 2)).toBe(4);
    expect(webWorkerCount(parse('auto').WEB_WORKERS, 2)).toBe(2);
    expect(webWorkerCount('auto', 0)).toBe(1);
    expect(webWorkerCount('auto', 512)).toBe(64);
  });

  it('refuses what is not a count', () => {
    for (const bad of ['0', '-1', '1.5', 'many', '65', '']) {
      expect(configSchema.safeParse({ WEB_WORKERS: bad }).success, bad).toBe(false);
    }
  });
});

describe('restarting a web process', () => {
  it('is immediate after one failure, then doubles from half a second up to thirty seconds', () => {
    expect([1, 2, 3, 4, 5].map(restartDelay)).toEqual([0, 500, 1000, 2000, 4000]);
    expect(restartDelay(8)).toBe(30_000);
    expect(restartDelay(1000)).toBe(30_000);
  });
});

describe("a web process's memory settings", () => {
  it('are the same for `samizdat` itself (its first line) as for the web processes it forks', () => {
    const shebang = readFileSync(new URL('../../bin/samizdat.js', import.meta.url), 'utf8').split('\n')[0]!;
    const words = shebang.split(/\s+/);
    expect(words.filter((w) => w.startsWith('--'))).toEqual(WEB_PROCESS_NODE_FLAGS);
    expect(
      Object.fromEntries(
        words.filter((w) => w.includes('=') && !w.startsWith('--')).map((w) => w.split('=')),
      ),
    ).toEqual(WEB_PROCESS_ENV);
  });

  it("leave the operator's own allocator settings alone", () => {
    expect(webProcessEnv({ MALLOC_ARENA_MAX: '4' })).toEqual({ ...WEB_PROCESS_ENV, MALLOC_ARENA_MAX: '4' });
    expect(webProcessEnv({})).toEqual(WEB_PROCESS_ENV);
  });
});
