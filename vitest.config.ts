import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI also writes a machine-readable summary, from which .ci/run prints "N passed, N failed".
    ...(process.env.CI
      ? { reporters: ['default', 'json'], outputFile: { json: '.tmp/vitest-results.json' } }
      : {}),
  },
});
