import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// The logo is cleaned with an allow-list before anyone sees it: through the Admin API, and also
// when a hostile logo was stored before the cleaning existed.

const DRAWING = '<rect id="keep" width="120" height="30" fill="#1a5fb4"/>';
const HOSTILE =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 30" onload="alert(1)">' +
  `${DRAWING}<script>alert(2)</script><foreignObject><iframe src="https://evil.example/"/></foreignObject>` +
  '<use href="https://evil.example/s.svg#x"/><rect width="1" height="1" style="fill:url(https://evil.example/p)"/></svg>';
const DANGER = /onload|<script|foreignObject|evil\.example|alert/;

describe.each(testDatabases)('the logo SVG on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    owner = await t.key('owner');
  });
  afterAll(async () => t?.close());

  const served = async () => {
    const page = await (await t.fetch('/')).text();
    const logo = /<img[^>]+src="(\/assets\/logo\.[0-9a-f]+\.svg)"/.exec(page)?.[1];
    expect(logo, 'the header shows the logo').toBeDefined();
    return (await t.fetch(logo!)).text();
  };

  it('set through the Admin API, is stored, answered and served without its dangerous parts', async () => {
    const res = await t.fetch('/api/admin/v1/settings', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      body: JSON.stringify({ logo_svg: HOSTILE }),
    });
    expect(res.status).toBe(200);
    const answered = ((await res.json()) as { settings: { logo_svg: string } }).settings.logo_svg;
    const stored = (
      await t.db.kysely
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'site')
        .executeTakeFirstOrThrow()
    ).value;
    for (const text of [answered, stored, await served()]) {
      expect(text).not.toMatch(DANGER);
      expect(text).toContain(DRAWING.replace(/"/g, text === stored ? '\\"' : '"'));
    }
  });

  it('stored hostile before cleaning existed, is cleaned when the settings are read', async () => {
    const row = await t.db.kysely
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'site')
      .executeTakeFirstOrThrow();
    const value = JSON.stringify({ ...JSON.parse(row.value), logo_svg: HOSTILE });
    await t.db.kysely.updateTable('settings').set({ value }).where('key', '=', 'site').execute();
    await t.services.settings.reload();
    expect(t.services.settings.get().logo_svg).not.toMatch(DANGER);
    const logo = await served();
    expect(logo).not.toMatch(DANGER);
    expect(logo).toContain(DRAWING);
  });
});
