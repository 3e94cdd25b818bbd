import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/config.schema.ts';
import { restartDelay, webWorkerCount } from './web-cluster.ts';

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
