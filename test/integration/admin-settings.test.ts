import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDb, testDatabases } from '../support/test-db.ts';
import { up as cleanStoredSettings } from '../../src/db/migrations/2026-11-29T1200-settings-control-characters.ts';

const patch = (key: string | undefined, body: unknown): RequestInit => ({
  method: 'PATCH',
  headers: {
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    'content-type': 'application/json',
  },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 30"><rect width="120" height="30"/></svg>';

describe.each(testDatabases)('publication settings through the Admin API (%s)', (dialect) => {
  let t: TestApp;
  let owner: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    owner = await t.key('owner');
  });
  afterAll(async () => t?.close());

  const settings = async () =>
    (
      (await (
        await t.fetch('/api/admin/v1/settings', { headers: { authorization: `Bearer ${owner}` } })
      ).json()) as {
        settings: Record<string, unknown>;
      }
    ).settings;

  it('changes what every public page shows, and keeps what it was not told to change', async () => {
    const before = await settings();
    expect(before).toMatchObject({ accent_color: '#b3261e', logo_svg: '' });
    const home = await (await t.fetch('/')).text();
    expect(home).toContain(String(before.name));

    const res = await t.fetch(
      '/api/admin/v1/settings',
      patch(owner, { name: 'The Riverside Courier', accent_color: '#1a5fb4', logo_svg: LOGO }),
    );
    expect(res.status).toBe(200);
    const after = ((await res.json()) as { settings: Record<string, unknown> }).settings;
    expect(after).toMatchObject({ name: 'The Riverside Courier', accent_color: '#1a5fb4', logo_svg: LOGO });
    expect(after.description).toBe(before.description);

    const page = await (await t.fetch('/')).text();
    expect(page).toContain('The Riverside Courier');
    const logo = /<img[^>]+src="(\/assets\/logo\.[0-9a-f]+\.svg)"/.exec(page)?.[1];
    expect(logo, 'the header shows the logo').toBeDefined();
    expect(await (await t.fetch(logo!)).text()).toBe(LOGO);
    const css = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(page)![1]!;
    expect(await (await t.fetch(css)).text()).toContain('--accent:#1a5fb4');
    expect(await settings()).toEqual(after);
  });

  it('refuses bad values with a clear error and changes nothing', async () => {
    const before = await settings();
    const cases: Array<[unknown, RegExp]> = [
      [{ accent_color: 'red' }, /accent_color: must be a hex colour/],
      [{ name: '   ' }, /name/],
      [{ logo_svg: '<script>alert(1)</script>' }, /logo_svg: must be an SVG document/],
      [{ theme: 'dark' }, /theme|Unrecognized/i],
      [{ descriptions: { 'not a language': 'x' } }, /language codes/],
      ['{broken', /JSON|body/i],
    ];
    for (const [body, message] of cases) {
      const res = await t.fetch('/api/admin/v1/settings', patch(owner, body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(await res.json()), JSON.stringify(body)).toMatch(message);
    }
    expect(await settings()).toEqual(before);
  });

  it('refuses control characters, which every page would carry, with 400 on both databases', async () => {
    const before = await settings();
    const cases: unknown[] = [
      { name: 'Nul\u0000Times' },
      { name: 'Two\nLines' },
      { description: 'bell \u0007' },
      { descriptions: { ru: 'ноль\u0000' } },
      { logo_svg: `${LOGO.slice(0, -6)}\u0000</svg>` },
    ];
    for (const body of cases) {
      const res = await t.fetch('/api/admin/v1/settings', patch(owner, body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(await res.json()), JSON.stringify(body)).toMatch(/control characters/);
    }
    expect(await settings()).toEqual(before);
    const home = await (await t.fetch('/')).text();
    expect(home).not.toContain('\u0000');
    // Line breaks stay welcome where a paragraph may go.
    const ok = await t.fetch(
      '/api/admin/v1/settings',
      patch(owner, { description: 'Local news.\nSince 1921.' }),
    );
    expect(ok.status).toBe(200);
  });

  it('lets only owners and admins change settings', async () => {
    const editor = await t.key('editor');
    expect((await t.fetch('/api/admin/v1/settings', patch(editor, { name: 'Hijacked' }))).status).toBe(403);
    expect((await t.fetch('/api/admin/v1/settings', patch(undefined, { name: 'Hijacked' }))).status).toBe(
      401,
    );
    const admin = await t.key('admin');
    expect(
      (await t.fetch('/api/admin/v1/settings', patch(admin, { description: 'Local news.' }))).status,
    ).toBe(200);
    expect(await settings()).toMatchObject({ description: 'Local news.' });
    expect((await t.fetch('/')).status).toBe(200);
    expect(await (await t.fetch('/')).text()).not.toContain('Hijacked');
  });
});

describe.each(testDatabases)('settings saved before control characters were refused (%s)', (dialect) => {
  it('are cleaned by a migration, so the publication still starts and no page carries them', async () => {
    const db = await openTestDb(dialect);
    try {
      const dirty = {
        name: 'The\u0000 Courier\u0007',
        description: 'Local\u0000 news.\nSince 1921.',
        descriptions: { ru: 'Новости\u001b' },
        accent_color: '#1a5fb4',
        logo_svg: '',
      };
      await db.kysely
        .insertInto('settings')
        .values({ key: 'site', value: JSON.stringify(dirty) })
        .execute();
      await cleanStoredSettings(db.kysely);
      await cleanStoredSettings(db.kysely); // re-runnable

      const t = await startTestApp(dialect, { db, site: true });
      try {
        expect(t.services.settings.get()).toMatchObject({
          name: 'The Courier',
          description: 'Local news.\nSince 1921.',
          descriptions: { ru: 'Новости' },
        });
        const home = await (await t.fetch('/')).text();
        expect(home).toContain('The Courier');
        for (const c of ['\u0000', '\u0007', '\u001b']) expect(home).not.toContain(c);
      } finally {
        await t.close();
      }
    } finally {
      await db.destroy();
    }
  });
});
