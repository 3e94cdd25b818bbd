import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

// The browser script, bundled with the pure rules it shares with the tests and minified, built
// once per process on first use. esbuild comes with tsx (a dependency), at the version tsx pins.

const ENTRY = fileURLToPath(new URL('./browser/appeal-script.ts', import.meta.url));
let built: Buffer | undefined;

export function appealScript(): Buffer {
  if (!built) {
    const out = buildSync({
      entryPoints: [ENTRY],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      write: false,
      legalComments: 'none',
    });
    built = Buffer.from(out.outputFiles[0]!.contents);
  }
  return built;
}
