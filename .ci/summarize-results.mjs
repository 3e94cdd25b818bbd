// Prints the closing line of a CI run from vitest's JSON report: "N passed, N failed, N skipped".
// A test whose file failed before it could run (a beforeAll that threw: no Chromium, a database
// that would not start) is reported "skipped" by vitest; here it counts as failed, so a broken
// setup never reads as a green line.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let passed = 0;
let failed = 0;
let skipped = 0;
const brokenFiles = [];
/** Group (unit: beside the code in src/; test/integration; test/browser) → [tests, ms of its files]. */
const groups = new Map();
const groupOf = (name) => /\/test\/([^/]+)\//.exec(name)?.[1] ?? (name.includes('/src/') ? 'unit' : 'other');
for (const file of report.testResults) {
  const setupFailed = file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed');
  if (setupFailed) brokenFiles.push(file.name);
  const group = groups.get(groupOf(file.name)) ?? [0, 0];
  groups.set(groupOf(file.name), [
    group[0] + file.assertionResults.length,
    group[1] + file.endTime - file.startTime,
  ]);
  for (const t of file.assertionResults) {
    if (t.status === 'passed') passed++;
    else if (t.status === 'failed' || setupFailed) failed++;
    else skipped++;
  }
}
for (const name of brokenFiles) console.log(`ci: ${name} failed before its tests ran`);
// Files run three at a time, so these add up to more than the wall-clock time.
const perGroup = [...groups].map(
  ([name, [tests, ms]]) => `${name} ${tests} tests ${(ms / 1000).toFixed(1)} s`,
);
console.log(`ci: by group (summed file times): ${perGroup.join(', ')}`);
// The slowest files, where the next minute of CI time is to be found.
const slowest = report.testResults
  .map((file) => [(file.endTime - file.startTime) / 1000, file.name.replace(`${process.cwd()}/`, '')])
  .sort((a, b) => b[0] - a[0])
  .slice(0, 15)
  .map(([s, name]) => `${name} ${s.toFixed(1)} s`);
console.log(`ci: slowest files: ${slowest.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
