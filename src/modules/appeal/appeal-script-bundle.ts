import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The browser script, bundled with the pure rules it shares with the tests and minified, built
// once per process on first use. esbuild comes with tsx (a dependency), at the version tsx pins.
// It runs in a short-lived child process: called in this one, esbuild's synchronous API would
// keep its code, a worker thread and a service process for the life of the server (some 20 MB
// resident, for one bundle).

const ENTRY = fileURLToPath(new URL('./browser/appeal-script.ts', import.meta.url));

const BUNDLE = `
const { buildSync } = require('esbuild');
const out = buildSync({
  entryPoints: [process.argv[1]],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  write: false,
  legalComments: 'none',
});
process.stdout.write(out.outputFiles[0].contents);
`;

let built: Buffer | undefined;

export function appealScript(): Buffer {
  built ??= execFileSync(process.execPath, ['-e', BUNDLE, ENTRY], {
    // Where esbuild is installed, whatever the server's working directory.
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    maxBuffer: 16 * 1024 * 1024,
  });
  return built;
}
