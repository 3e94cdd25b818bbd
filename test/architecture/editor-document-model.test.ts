// The admin's editor and the server must agree on what an article body is: the editor is built on
// the server's own TipTap extensions (src/modules/articles/document/editor-extensions.ts), and
// that module must be loadable in a browser (no happy-dom, no Node built-ins).
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { documentSchema } from '../../src/modules/articles/document/document-parser.ts';
import { schemaShape } from '../../src/modules/articles/document/editor-extensions.ts';
import { editorExtensions } from '../../admin/src/editor/editor-extensions.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Bundle `entry` as the admin's browser build would, recording every file it pulls in. */
async function browserBundle(entry: string): Promise<{ inputs: string[]; errors: string[] }> {
  try {
    const result = await build({
      entryPoints: [root + entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return { inputs: Object.keys((result.metafile as Metafile).inputs), errors: [] };
  } catch (err) {
    const errors = (err as { errors?: Array<{ text: string }> }).errors ?? [];
    return { inputs: [], errors: errors.map((e) => e.text) };
  }
}

const NODE_ONLY = /(^|\/)node_modules\/(happy-dom|better-sqlite3|pg|sharp|kysely|fastify)\//;

describe('the editor document model', () => {
  it('gives the editor the same node and mark names, attributes and content rules as the server', () => {
    const editorSchema = getSchema(editorExtensions({ onSave: () => {}, onLink: () => {} }));
    const editor = schemaShape(editorSchema);
    const server = schemaShape(documentSchema);
    expect(Object.keys(editor.nodes).sort()).toEqual(Object.keys(server.nodes).sort());
    expect(Object.keys(editor.marks).sort()).toEqual(Object.keys(server.marks).sort());
    expect(editor).toEqual(server);
    // The shape is not vacuous: it names what the README promises.
    expect(server.nodes.figure?.attrs).toEqual({ src: '', alt: '', caption: '', credit: '', media_id: null });
    expect(server.nodes.heading?.attrs).toEqual({ level: 2 });
    expect(server.marks.link?.attrs).toEqual({ href: null });
  });

  it('bundles the browser-safe module and the editor extensions for a browser with nothing Node-only', async () => {
    for (const entry of [
      'src/modules/articles/document/editor-extensions.ts',
      'admin/src/editor/editor-extensions.ts',
    ]) {
      const { inputs, errors } = await browserBundle(entry);
      expect(errors, entry).toEqual([]);
      expect(
        inputs.filter((file) => NODE_ONLY.test(file)),
        entry,
      ).toEqual([]);
      expect(
        inputs.some((file) => file.endsWith('document/figure.node.ts')),
        entry,
      ).toBe(true);
    }
  });

  it('would notice a Node-only import: the server-side index does not bundle for a browser', async () => {
    const { inputs, errors } = await browserBundle('src/modules/articles/document/index.ts');
    const pulledNodeOnly = inputs.some((file) => NODE_ONLY.test(file));
    expect(errors.length > 0 || pulledNodeOnly).toBe(true);
  });
});
