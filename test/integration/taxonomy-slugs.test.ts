import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/db/unique-violation.ts';
import { adminClient, type AdminClient } from '../support/admin-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

type ErrorJson = { error: { code: string; message: string; details: unknown } };
type Created = Record<string, { id: string; slug: string }>;

// Authors and tags own their slugs the same way (src/lib/slug-ownership.ts), so one set of cases
// runs for both.
const kinds = [
  { path: '/authors', one: 'author', noun: 'an author', fallback: 'author' },
  { path: '/tags', one: 'tag', noun: 'a tag', fallback: 'tag' },
] as const;

describe.each(testDatabases)('slugs of authors and tags (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = adminClient(t, await t.key('owner'));
  });
  afterAll(async () => t?.close());

  describe.each(kinds)('$path', ({ path, one, noun, fallback }) => {
    const create = async (body: Record<string, unknown>) => {
      const res = await admin.post<Created>(path, body);
      return { status: res.status, ...(res.status === 201 ? res.body[one]! : { id: '', slug: '' }) };
    };
    const slugOf = async (id: string) =>
      (
        (await admin.get<Record<string, Array<{ id: string; slug: string }>>>(path)).body[`${one}s`] ?? []
      ).find((x) => x.id === id)?.slug;

    it('gives a name already taken the next free slug, and refuses a taken slug given outright with 409', async () => {
      const first = await create({ name: 'Ines Moll' });
      const second = await create({ name: 'Ines Moll' });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect([first.slug, second.slug]).toEqual(['ines-moll', 'ines-moll-2']);

      const explicit = await admin.post<ErrorJson>(path, { name: 'Someone Else', slug: 'ines-moll' });
      expect(explicit.status).toBe(409);
      expect(explicit.body.error).toMatchObject({
        code: 'conflict',
        message: `${noun} with slug "ines-moll" exists`,
      });
      expect((await admin.get(path)).text).not.toContain('Someone Else');

      const renamed = await admin.patch<ErrorJson>(`${path}/${second.id}`, { slug: 'ines-moll' });
      expect(renamed.status).toBe(409);
      expect(renamed.body.error.code).toBe('conflict');
      expect(await slugOf(second.id)).toBe('ines-moll-2');
      // Keeping one's own slug is no clash.
      expect(
        (await admin.patch(`${path}/${first.id}`, { slug: 'ines-moll', name: 'Ines Moll' })).status,
      ).toBe(200);
    });

    it('numbers a slug made from a name with no letters, or a very long one, within the limit', async () => {
      const first = await create({ name: '!!!' });
      const second = await create({ name: '???' });
      expect([first.slug, second.slug]).toEqual([fallback, `${fallback}-2`]);

      const long = 'word '.repeat(24);
      await create({ name: long });
      const again = await create({ name: long });
      expect(again.status).toBe(201);
      expect(again.slug).toMatch(/^word-[a-z-]+-2$/);
      expect(again.slug.length).toBeLessThanOrEqual(120);
    });

    it('answers concurrent creates and renames with 201, 200 or 409, never 500', async () => {
      const sameName = await Promise.all(Array.from({ length: 6 }, () => create({ name: 'Race Day' })));
      expect(sameName.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(sameName.map((r) => r.slug)).size).toBe(6);

      const sameSlug = await Promise.all(
        Array.from({ length: 6 }, (_, i) => create({ name: `Racer ${i}`, slug: 'the-race' })),
      );
      expect(sameSlug.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);

      const renamed = await Promise.all(
        sameName.map((r) => admin.patch(`${path}/${r.id}`, { slug: 'the-renamed' })),
      );
      expect(renamed.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    });
  });

  it('recognises the database’s own unique violation (the last line of defence under a race)', async () => {
    const at = new Date().toISOString();
    const row = { name: 'U', slug: 'unique-u', created_at: at, updated_at: at };
    await t.db.kysely
      .insertInto('tags')
      .values({ ...row, id: 'u-1', description: '', is_section: 0, nav_order: null })
      .execute();
    const error = await t.db.kysely
      .insertInto('tags')
      .values({ ...row, id: 'u-2', description: '', is_section: 0, nav_order: null })
      .execute()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeDefined();
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('connection reset'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
