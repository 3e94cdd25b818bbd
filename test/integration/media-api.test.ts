import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraJpeg, leaksMetadata, SECRET_MARKERS } from '../support/image-fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

function form(
  file: { bytes: Buffer; name: string; type?: string } | undefined,
  fields: Record<string, string> = {},
) {
  const fd = new FormData();
  if (file)
    fd.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/jpeg' }), file.name);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe.each(testDatabases)('media uploads through the Admin API on %s', (dialect) => {
  let t: TestApp;
  let key: string;
  let photo: Buffer;
  const mediaCount = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('media')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { MAX_UPLOAD_MB: '2' } });
    key = await t.key('author');
    photo = await cameraJpeg(1600, 1200);
  });
  afterAll(async () => t?.close());

  const upload = (body: FormData | string, headers: Record<string, string> = {}) =>
    t.fetch('/api/admin/v1/media', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, ...headers },
      body,
    });

  it('stores a photo without EXIF/GPS and serves its variants; an article hero is set by media id', async () => {
    expect(leaksMetadata(photo)).toBe(true);
    const res = await upload(
      form(
        { bytes: photo, name: 'IMG_0001.jpg' },
        { caption: 'The dam at dawn', credit: 'Ilya Morn / Samizdat', alt: 'A concrete dam' },
      ),
    );
    expect(res.status).toBe(201);
    const { media } = (await res.json()) as {
      media: {
        id: string;
        url: string;
        caption: string;
        credit: string;
        variants: Array<{ url: string; width: number }>;
      };
    };
    expect(media).toMatchObject({ caption: 'The dam at dawn', credit: 'Ilya Morn / Samizdat' });
    expect(media.variants.map((v) => v.width)).toEqual(expect.arrayContaining([400, 800, 1200]));
    expect(media.variants.every((v) => v.width <= 1600)).toBe(true);
    for (const variant of [media.url, ...media.variants.map((v) => v.url)]) {
      const path = new URL(variant).pathname;
      const file = await t.fetch(path);
      expect(file.status, path).toBe(200);
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(leaksMetadata(bytes), path).toBe(false);
      for (const marker of SECRET_MARKERS) expect(bytes.includes(marker), `${marker} in ${path}`).toBe(false);
    }
    const owner = await t.key('owner');
    const article = await t.fetch('/api/admin/v1/articles', {
      method: 'POST',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Dam story', status: 'published', hero_media_id: media.id }),
    });
    expect(article.status).toBe(201);
    const pub = (await (await t.fetch('/api/content/v1/articles/dam-story')).json()) as {
      article: {
        hero: { id: string; caption: string; credit: string; alt: string; srcset: { webp: string } };
      };
    };
    expect(pub.article.hero).toMatchObject({
      id: media.id,
      caption: 'The dam at dawn',
      credit: 'Ilya Morn / Samizdat',
      alt: 'A concrete dam',
    });
    expect(pub.article.hero.srcset.webp).toMatch(/\.webp 400w/);
  });

  it('refuses what is not an image, a truncated image, malformed multipart and oversize files, storing nothing', async () => {
    const before = await mediaCount();
    const cases: Array<[FormData | string, Record<string, string>, number, string]> = [
      [
        form({ bytes: Buffer.from('just some text, honest'), name: 'photo.jpg' }),
        {},
        415,
        'unsupported_media',
      ],
      [
        form({ bytes: photo.subarray(0, Math.floor(photo.length / 2)), name: 'cut.jpg' }),
        {},
        400,
        'invalid_input',
      ],
      [form(undefined, { caption: 'no file' }), {}, 400, 'invalid_input'],
      [form({ bytes: photo, name: 'x.jpg' }, { unexpected: 'field' }), {}, 400, 'invalid_input'],
      [
        '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc',
        { 'content-type': 'multipart/form-data; boundary=xyz' },
        400,
        'invalid_input',
      ],
      [JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' }, 415, 'unsupported_media'],
      [
        form({ bytes: Buffer.concat([photo, Buffer.alloc(3 * 1024 * 1024)]), name: 'huge.jpg' }),
        {},
        413,
        'too_large',
      ],
    ];
    for (const [body, headers, status, code] of cases) {
      const res = await upload(body, headers);
      const json = (await res.json()) as { error: { code: string } };
      expect(res.status, JSON.stringify(json)).toBe(status);
      expect(json.error.code).toBe(code);
    }
    expect(await mediaCount()).toBe(before);
  });

  it('trims caption, credit and alt on PATCH, and refuses bad details and bad pages, changing nothing', async () => {
    const created = await upload(form({ bytes: photo, name: 'b.jpg' }));
    const { media } = (await created.json()) as { media: { id: string } };
    const patch = (body: unknown) =>
      t.fetch(`/api/admin/v1/media/${media.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = await patch({ credit: ' Photo: Oleg / Agency ', alt: 'A river' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { media: { credit: string } }).media.credit).toBe('Photo: Oleg / Agency');

    for (const bad of [
      { credit: 'x'.repeat(301) },
      { caption: 'x'.repeat(1001) },
      { alt: 'a\u0000b' },
      { title: 'x' },
    ]) {
      const res = await patch(bad);
      const json = (await res.json()) as { error: { code: string } };
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(json.error.code).toBe('invalid_input');
    }
    const stored = await t.db.kysely
      .selectFrom('media')
      .select(['credit', 'alt'])
      .where('id', '=', media.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ credit: 'Photo: Oleg / Agency', alt: 'A river' });

    for (const limit of [0, 1000]) {
      const res = await t.fetch(`/api/admin/v1/media?limit=${limit}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(res.status, `limit=${limit}`).toBe(400);
      await res.arrayBuffer();
    }
  });

  it('needs a key that may upload', async () => {
    const res = await t.fetch('/api/admin/v1/media', {
      method: 'POST',
      body: form({ bytes: photo, name: 'a.jpg' }),
    });
    expect(res.status).toBe(401);
  });
});
