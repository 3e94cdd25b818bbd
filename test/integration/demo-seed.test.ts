import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import { demoArticles, demoAuthors, demoSections } from '../../src/modules/demo/index.ts';
import { open } from '../../src/crypto/sealed-box.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

describe.each(testDatabases)('the demo publication on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  // One stored photo per distinct picture and caption (a translation captions it in its language).
  // And one generated portrait per author who shows one.
  const heroes =
    new Set(demoArticles.map((a) => `${a.hero.seed}:${a.hero.theme}:${a.hero.caption}`)).size +
    demoAuthors.filter((a) => a.portrait).length;
  const count = async (table: 'articles' | 'media' | 'authors' | 'tags') =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('seeds an empty database once: articles, sections, authors, photos with captions and credits', async () => {
    const result = await seedDemoIfEmpty(t.services, { heroWidth: 320 });
    expect(result?.articles).toBe(demoArticles.length);
    expect(await count('articles')).toBe(demoArticles.length);
    expect(await count('media')).toBe(heroes);
    expect(await count('authors')).toBe(demoAuthors.length);
    const sections = await t.services.tags.list({ sectionsOnly: true });
    expect(sections.map((s) => s.slug).sort()).toEqual(demoSections.map((s) => s.slug).sort());
    const scheduled = await t.services.articles.list({ status: 'scheduled' });
    expect(scheduled.total).toBe(demoArticles.filter((a) => a.hoursAgo < 0).length);
    const media = await t.services.media.list({ limit: 100 });
    // Heroes carry a caption; every picture a credit and an alt text.
    expect(
      media.items.every((m) => (m.caption || m.credit === 'Illustration: Ilmara') && m.credit && m.alt),
    ).toBe(true);
    expect(t.services.settings.get().name).toBe('Ilmara');
    // Starting again changes nothing.
    expect(await seedDemoIfEmpty(t.services, { heroWidth: 320 })).toBeUndefined();
    expect(await count('articles')).toBe(demoArticles.length);
  }, 180_000);

  it("keeps the pen names' real names sealed with the key from outside the database", async () => {
    const pen = demoAuthors.find((a) => a.isPenName)!;
    const row = await t.db.kysely
      .selectFrom('authors')
      .selectAll()
      .where('slug', '=', pen.slug)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe(pen.name);
    expect(row.real_name_sealed).not.toContain(pen.realName!);
    expect(open(t.services.keys.encryption, row.real_name_sealed!)).toBe(pen.realName);
  });

  it('finishes an interrupted seed without duplicating anything', async () => {
    const victims = demoArticles.slice(-3).map((a) => a.slug);
    await t.db.kysely.deleteFrom('articles').where('slug', 'in', victims).execute();
    await t.db.kysely
      .updateTable('settings')
      .set({ value: '"started"' })
      .where('key', '=', 'demo_seed')
      .execute();
    const result = await seedDemoIfEmpty(t.services, { heroWidth: 320 });
    expect(result?.articles).toBe(demoArticles.length);
    expect(await count('articles')).toBe(demoArticles.length);
    expect(await count('authors')).toBe(demoAuthors.length);
    expect(await count('media')).toBe(heroes);
    for (const slug of victims) expect(await t.services.articles.findBySlug(slug)).toBeDefined();
  }, 120_000);
});
