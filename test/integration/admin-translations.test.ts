import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, publishArticle, type AdminClient } from '../support/admin-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

type ErrorJson = { error: { code: string; message: string; details: unknown } };
type OneArticle = {
  article: { id: string; slug: string; version: number; translation_group: string | null };
};

describe.each(testDatabases)('translations through the Admin API and the public site (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    admin = adminClient(t, await t.key('owner'));
  });
  afterAll(async () => t?.close());

  const html = async (slug: string) => {
    const res = await t.fetch(`/articles/${slug}`);
    expect(res.status).toBe(200);
    return res.text();
  };
  /** The languages a page links to as its other versions (x-default aside). */
  const hreflangs = async (slug: string) =>
    [...(await html(slug)).matchAll(/<link[^>]+hreflang="([^"]+)"[^>]*>/g)]
      .map((m) => m[1])
      .filter((l) => l !== 'x-default')
      .sort();
  const version = async (id: string) => (await admin.get<OneArticle>(`/articles/${id}`)).body.article.version;

  /** An English original and its Russian translation, both published. */
  async function pair(name: string) {
    const en = await publishArticle(admin, { title: `${name} in English`, language: 'en' });
    const ru = await publishArticle(admin, {
      title: `${name} по-русски`,
      language: 'ru',
      translation_of: en.id,
    });
    return { en, ru };
  }

  it('links a translation and its original with hreflang on both pages', async () => {
    const { en, ru } = await pair('Bridge');
    expect(await hreflangs(en.slug)).toEqual(['en', 'ru']);
    expect(await hreflangs(ru.slug)).toEqual(['en', 'ru']);
    expect(await html(en.slug)).toContain(`/articles/${ru.slug}`);
  });

  // A change names every article whose page it affects (the members of the groups it was and is
  // in), so the original's cached page learns of a translation that joins it at once.
  it('shows a translation published later on the original’s page at once', async () => {
    const en = await publishArticle(admin, { title: 'Dam in English', language: 'en' });
    expect(await hreflangs(en.slug)).toEqual([]); // rendered and cached alone
    const ru = await publishArticle(admin, {
      title: 'Плотина по-русски',
      language: 'ru',
      translation_of: en.id,
    });
    expect(await hreflangs(ru.slug)).toEqual(['en', 'ru']);
    expect(await hreflangs(en.slug)).toEqual(['en', 'ru']);
  });

  it('publishing or withdrawing a translation changes the original’s cached page at once', async () => {
    const en = await publishArticle(admin, { title: 'Quay in English', language: 'en' });
    const draft = await admin.post<OneArticle>('/articles', {
      title: 'Набережная по-русски',
      language: 'ru',
      translation_of: en.id,
    });
    expect(draft.status).toBe(201);
    const ru = draft.body.article;
    expect(await hreflangs(en.slug)).toEqual([]); // a draft is no version readers can switch to
    expect((await admin.post(`/articles/${ru.id}/publish`, {})).status).toBe(200);
    expect(await hreflangs(en.slug)).toEqual(['en', 'ru']);
    expect((await admin.post(`/articles/${ru.id}/unpublish`, {})).status).toBe(200);
    expect(await hreflangs(en.slug)).toEqual([]);
  });

  it('refuses a second translation in a language the group already has, with a clear 409', async () => {
    const { en, ru } = await pair('Ferry');
    const clash = await admin.post<ErrorJson>('/articles', {
      title: 'Паром, ещё раз',
      language: 'ru',
      translation_of: en.id,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('conflict');
    expect(clash.body.error.message).toBe(`the translation group already has a "ru" version: ${ru.slug}`);

    // Joining through the translation (not the original) is the same group, and the same clash.
    const viaTranslation = await admin.post<ErrorJson>('/articles', {
      title: 'Ferry, once more',
      language: 'en',
      translation_of: ru.id,
    });
    expect(viaTranslation.status).toBe(409);
    expect(viaTranslation.body.error.message).toMatch(/already has a "en" version/);

    // A lone article asked to join later meets the same rule.
    const loner = await publishArticle(admin, { title: 'Паром: мнение', language: 'ru' });
    const joined = await admin.patch<ErrorJson>(`/articles/${loner.id}`, {
      version: loner.version,
      translation_of: en.id,
    });
    expect(joined.status).toBe(409);
    expect(await hreflangs(loner.slug)).toEqual([]);
    expect(await hreflangs(en.slug)).toEqual(['en', 'ru']);
  });

  // The clash check runs on a language change too, not only when translation_of is sent.
  it('refuses a language change that would give the group two versions in one language', async () => {
    const { en, ru } = await pair('Tram');
    const res = await admin.patch<ErrorJson>(`/articles/${ru.id}`, { version: ru.version, language: 'en' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already has a "en" version/);
    expect(await hreflangs(en.slug)).toEqual(['en', 'ru']);
  });

  it('refuses an article declared its own translation, or a translation of nothing, with 400', async () => {
    const lone = await publishArticle(admin, { title: 'Standing alone' });
    const self = await admin.patch<ErrorJson>(`/articles/${lone.id}`, {
      version: lone.version,
      translation_of: lone.id,
    });
    expect(self.status).toBe(400);
    expect(self.body.error.message).toMatch(/cannot translate itself/);
    const unknown = await admin.post<ErrorJson>('/articles', {
      title: 'Orphan',
      language: 'de',
      translation_of: 'nope',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/translation_of: unknown article nope/);
  });

  it('detaches a translation with translation_of: null: both pages lose the link and the hreflang', async () => {
    const { en, ru } = await pair('Market');
    // Both pages rendered (and cached) while linked.
    expect(await hreflangs(en.slug)).toEqual(['en', 'ru']);
    expect(await hreflangs(ru.slug)).toEqual(['en', 'ru']);

    const detached = await admin.patch<OneArticle>(`/articles/${ru.id}`, {
      version: await version(ru.id),
      translation_of: null,
    });
    expect(detached.status).toBe(200);
    expect(detached.body.article.translation_group).toBeNull();

    expect(await hreflangs(ru.slug)).toEqual([]);
    expect(await hreflangs(en.slug)).toEqual([]);
    expect(await html(en.slug)).not.toContain(`/articles/${ru.slug}`);
    expect(await html(ru.slug)).not.toContain(`/articles/${en.slug}`);
    const api = (await (await t.fetch(`/api/content/v1/articles/${en.slug}`)).json()) as {
      article: { translations: unknown[] };
    };
    expect(api.article.translations).toEqual([]);
  });

  it('lets a detached translation join again, on both pages at once', async () => {
    const { en, ru } = await pair('Mill');
    await admin.patch(`/articles/${ru.id}`, { version: await version(ru.id), translation_of: null });
    expect(await hreflangs(en.slug)).toEqual([]);
    const rejoined = await admin.patch(`/articles/${ru.id}`, {
      version: await version(ru.id),
      translation_of: en.id,
    });
    expect(rejoined.status).toBe(200);
    expect(await hreflangs(ru.slug)).toEqual(['en', 'ru']);
    expect(await hreflangs(en.slug)).toEqual(['en', 'ru']);
  });

  it('detaching the original leaves its translations linked to each other', async () => {
    const { en, ru } = await pair('Harvest');
    const de = await publishArticle(admin, {
      title: 'Ernte auf Deutsch',
      language: 'de',
      translation_of: en.id,
    });
    expect(await hreflangs(de.slug)).toEqual(['de', 'en', 'ru']);

    const res = await admin.patch(`/articles/${en.id}`, {
      version: await version(en.id),
      translation_of: null,
    });
    expect(res.status).toBe(200);
    expect(await hreflangs(en.slug)).toEqual([]);
    expect(await hreflangs(ru.slug)).toEqual(['de', 'ru']);
    expect(await hreflangs(de.slug)).toEqual(['de', 'ru']);
  });
});
