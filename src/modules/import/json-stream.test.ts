import { describe, expect, it } from 'vitest';
import { jsonValuesAt } from './json-stream.ts';

async function all(text: string, size: number, wanted: (p: readonly string[]) => boolean) {
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const out: Array<{ path: string; value: unknown }> = [];
  for await (const v of jsonValuesAt(chunks(), wanted)) out.push({ path: v.path.join('.'), value: v.value });
  return out;
}

const doc = JSON.stringify({
  db: [
    {
      meta: { version: '5.1.0' },
      data: {
        posts: [
          { id: 'a', t: 'x "}]" y' },
          { id: 'b', n: [1, { z: 2 }] },
        ],
        tags: [],
      },
    },
  ],
});
const posts = (p: readonly string[]) => p.join('.') === 'db.*.data.posts.*' || p.join('.') === 'db.*.meta';

describe('jsonValuesAt', () => {
  it('cuts out the values at the wanted paths, whatever the chunking', async () => {
    for (const size of [1, 3, 7, 1000]) {
      expect(await all(doc, size, posts)).toEqual([
        { path: 'db.*.meta', value: { version: '5.1.0' } },
        { path: 'db.*.data.posts.*', value: { id: 'a', t: 'x "}]" y' } },
        { path: 'db.*.data.posts.*', value: { id: 'b', n: [1, { z: 2 }] } },
      ]);
    }
  });

  it('says when the JSON ends early or is no JSON', async () => {
    await expect(all(doc.slice(0, doc.length - 20), 5, posts)).rejects.toThrow(/ends early|malformed/);
    await expect(all('<?xml version="1.0"?><rss/>', 5, posts)).rejects.toThrow(/not JSON/);
  });
});
