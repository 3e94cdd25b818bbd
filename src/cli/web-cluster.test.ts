import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/config.schema.ts';
import { webWorkerCount } from './web-cluster.ts';

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
