// Child of footprint.bench.ts: what loading one module costs a process that runs TypeScript the
// way `samizdat` does (tsx's loader registered). Prints {"mb": resident growth after a full GC}.
// Usage: node --expose-gc bench/module-memory.mjs <specifier> [export to call]
import { register } from 'tsx/esm/api';

register();
const settle = async () => {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  await new Promise((done) => setTimeout(done, 200));
  return process.memoryUsage().rss;
};
// The loader itself warm (one TypeScript file through it) before the baseline is taken.
await import('../src/lib/slug.ts');
const before = await settle();
const [specifier, call] = process.argv.slice(2);
if (specifier && specifier !== 'none') {
  const loaded = await import(specifier);
  if (call && typeof loaded[call] === 'function') await loaded[call]();
}
const after = await settle();
console.log(JSON.stringify({ mb: (after - before) / 1048576, rssMB: after / 1048576 }));
