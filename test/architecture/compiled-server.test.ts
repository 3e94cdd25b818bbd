import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript without declarations (it runs before any loader).
import { renameImports } from '../../bin/compiled-server.js';

// bin/compiled-server.js compiles src/ into dist-server/ file by file; every relative import of a
// .ts file must name the .js file beside it, and nothing else may change.
describe('the compiled server', () => {
  it('renames relative .ts imports, static and dynamic, to .js', () => {
    const code = [
      'import { a } from "./a.ts";',
      'import "../side-effect.ts";',
      'export * from "./b/c.ts";',
      'const d = await import("../../d.ts");',
    ].join('\n');
    expect(renameImports(code)).toBe(
      [
        'import { a } from "./a.js";',
        'import "../side-effect.js";',
        'export * from "./b/c.js";',
        'const d = await import("../../d.js");',
      ].join('\n'),
    );
  });

  it('leaves packages, other files and .ts in plain strings alone', () => {
    const code = [
      'import x from "tsx";',
      'import y from "some-package/file.ts";',
      'const url = new URL("./image-worker-main.ts", import.meta.url);',
      'const text = "see ./notes.ts";',
    ].join('\n');
    expect(renameImports(code)).toBe(code);
  });
});
