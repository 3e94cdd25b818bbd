import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appealScript } from './appeal-script-bundle.ts';

// The budget: the appeal script at most 6 KB compressed, as the server sends it.
const BUDGET = 6 * 1024;

describe('the appeal script', () => {
  it('is at most 6 KB compressed (gzip and brotli)', () => {
    const script = appealScript();
    const gzip = gzipSync(script, { level: 9 }).length;
    const brotli = brotliCompressSync(script).length;
    console.log(`appeal.js: ${script.length} B, gzip ${gzip} B, brotli ${brotli} B`);
    expect(gzip).toBeLessThanOrEqual(BUDGET);
    expect(brotli).toBeLessThanOrEqual(BUDGET);
  });

  it('is one self-contained script: no import, no eval, no inline-style writes', () => {
    const text = appealScript().toString('utf8');
    expect(text).not.toMatch(/\bimport\s*\(|\brequire\(|\beval\(|new Function|\.style\b|innerHTML/);
  });
});
