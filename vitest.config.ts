import { defineConfig } from 'vitest/config';

// Lighthouse's performance score is timing-based: run beside the other test files on two cores it
// measured 87-93 for pages that score 97-100 alone. So it runs in a second group, after the rest.
const LIGHTHOUSE = 'test/browser/lighthouse.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // A beforeAll that seeds the run's demo template (demo-template.ts) takes a minute on a loaded machine.
    hookTimeout: 180_000,
    pool: 'forks',
    // Three on two cores: much of a test file's time is spent waiting (PostgreSQL, child processes,
    // Chromium, nginx), so a third worker fills it. On this 2-core machine the suite took 1,107 s
    // with three and 1,344 s with two (the default, one fewer than the cores, ran it in one).
    // Storage tests take a PostgreSQL advisory lock per database (test-db.ts).
    maxWorkers: 3,
    // Removes the temporary directories a test file made with test/support/temp-dir.ts.
    setupFiles: ['test/support/setup-temp-dirs.ts'],
    // CI also writes a machine-readable summary, from which .ci/run prints "N passed, N failed".
    ...(process.env.CI
      ? { reporters: ['default', 'json'], outputFile: { json: '.tmp/vitest-results.json' } }
      : {}),
    projects: [
      {
        extends: true,
        test: {
          // The tests beside the code: pure rules and single adapters, which hold no state between
          // files (no module mocks, no environment changes). They share worker processes, so the
          // dependencies they import load once per worker instead of once per file.
          name: 'unit',
          include: ['src/**/*.test.ts', 'admin/src/**/*.test.ts'],
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'suite',
          // Test files share worker processes as the unit files do: the application's modules and
          // dependencies load once per worker instead of once per file (some 3-5 s of CPU each).
          // A file that changes shared state (a spy on a prototype) undoes it in its afterAll.
          isolate: false,
          include: ['test/**/*.test.ts'],
          exclude: [LIGHTHOUSE, '**/node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'lighthouse', include: [LIGHTHOUSE], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
