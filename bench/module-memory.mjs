// Child of footprint.bench.ts: what loading one module costs a process that runs the way
// `samizdat` does (the compiled JavaScript in dist-server/, no loader). Prints {"mb": resident
// growth after a full GC}. A specifier under src/ (.ts) is loaded from its compiled .js; `tsx`
// measures tsx's loader (registered, one TypeScript file through it), which processes no longer
// carry. Usage: node --expose-gc bench/module-memory.mjs <specifier> [export to call]
import { compiledEntry, OUT_DIR } from '../bin/compiled-server.js';

const settle = async () => {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  await new Promise((done) => setTimeout(done, 200));
  return process.memoryUsage().rss;
};
compiledEntry();
const src = new URL('../src/', import.meta.url).href;
const out = new URL(`file://${OUT_DIR}/`).href;
const before = await settle();
const [specifier, call] = process.argv.slice(2);
if (specifier === 'tsx') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/lib/slug.ts');
} else if (specifier && specifier !== 'none') {
  const target = specifier.startsWith(src) ? specifier.replace(src, out).replace(/\.ts$/, '.js') : specifier;
  const loaded = await import(target);
  if (call && typeof loaded[call] === 'function') await loaded[call]();
}
const after = await settle();
console.log(JSON.stringify({ mb: (after - before) / 1048576, rssMB: after / 1048576 }));
