import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { form } from '../support/form-post.ts';

// A gift on the TEST rail, end to end over HTTP: the appeal's form posts to /support/checkout,
// the TEST checkout page succeeds, the gift is recorded, the receipt lands in the outbox, the
// donor page opens from the emailed link, and the Admin API's dashboard counts it. Bad input
// records nothing; the database holds no donor address in plain text.

const EMAIL = 'Reader.One@Example.org';

const gift = {
  frequency: 'once',
  currency: 'EUR',
  amount: '10',
  rail: 'test',
  variant: 'b',
  source: 'banner',
};

describe.each(testDatabases)('a TEST-rail gift on %s', (dialect) => {
  let t: TestApp;
  let key: string;
  const admin = async (path: string) => {
    const res = await t.fetch(`/api/admin/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const count = async () =>
    Number(
      (
        await t.services.db.kysely
          .selectFrom('donations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const completed: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    key = await t.key('owner');
  });
  afterAll(async () => t?.close());

  it('offers the TEST rail when no rail is configured, with the default rules', async () => {
    const rules = await t.services.donations.publicRules();
    expect(rules.rails).toEqual([{ id: 'test', label: expect.any(String), test: true }]);
    expect(rules.defaultCurrency).toBe('USD');
    expect(rules.currencies[0]!.suggested).toEqual({
      once: [500, 1000, 2500],
      monthly: [200, 500, 1000],
      annual: [2400, 6000, 12000],
    });
  });

  it('reads the donation rules back exactly as they were written (suggested in major units)', async () => {
    const rules = {
      currencies: [
        {
          code: 'EUR',
          minimum_minor: 100,
          maximum_minor: 1_000_000,
          suggested: { once: [5, 10, 25], monthly: [2, 5, 10], annual: [24, 60, 120] },
        },
        {
          code: 'USD',
          minimum_minor: 100,
          maximum_minor: 1_000_000,
          suggested: { once: [5, 10, 25], monthly: [2, 5, 10], annual: [24, 60, 120] },
        },
      ],
      default_currency: 'USD',
    };
    const put = await t.fetch('/api/admin/v1/donations/rules', {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(rules),
    });
    expect(put.status).toBe(200);
    const read = await admin('/donations/rules');
    expect(read.body.rules).toEqual(rules);
    // Twice round the loop changes nothing either.
    const again = await t.fetch('/api/admin/v1/donations/rules', {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(read.body.rules),
    });
    expect(again.status).toBe(200);
    expect((await admin('/donations/rules')).body.rules).toEqual(rules);
    expect((await t.services.donations.publicRules()).currencies[0]!.suggested.once).toEqual([
      500, 1000, 2500,
    ]);
  });

  it('refuses bad input with a clear page and records nothing', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ amount: '0.50' }, /smallest gift/],
      [{ amount: '-5' }, /more than zero/],
      [{ amount: '0' }, /more than zero/],
      [{ amount: 'NaN' }, /not a number/],
      [{ amount: '1e9' }, /not a number/],
      [{ amount: '99999999999999999999' }, /largest gift/],
      [{ amount: '10.001' }, /decimal places/],
      [{ currency: 'XYZ' }, /this currency/],
      [{ frequency: 'weekly' }, /once, monthly or annual/],
      [{ rail: 'stripe' }, /not on offer/],
    ];
    for (const [over, text] of cases) {
      const res = await t.fetch('/support/checkout', form({ ...gift, ...over }));
      expect(res.status, JSON.stringify(over)).toBe(400);
      const html = await res.text();
      expect(html, JSON.stringify(over)).toMatch(text);
      expect(html).toContain('Nothing was charged');
    }
    const json = await t.fetch('/support/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(gift),
    });
    expect(json.status).toBe(415);
    expect(await count()).toBe(0);
  });

  it('goes from the form through the TEST checkout to a recorded gift, a receipt and the dashboard', async () => {
    const start = await t.fetch('/support/checkout', form({ ...gift, custom_amount: '12.50', amount: '10' }));
    expect(start.status).toBe(303);
    const location = new URL(start.headers.get('location')!, 'https://news.example');
    expect(location.origin).toBe('https://news.example');
    expect(location.pathname).toMatch(/^\/support\/test-checkout\/test_cs_/);

    const page = await t.fetch(location.pathname);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('TEST');
    expect(html).toMatch(/€12\.50/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");

    const pay = await t.fetch(
      location.pathname,
      form({ outcome: 'succeed', email: EMAIL, name: 'Reader One' }),
    );
    expect(pay.status).toBe(303);
    const thanks = await t.fetch(pay.headers.get('location')!);
    const thanksHtml = await thanks.text();
    expect(thanksHtml).toContain('data-samizdat-supporter');
    expect(thanksHtml).toContain('Your gift has been received');

    const list = await admin('/donations?status=completed');
    expect(list.status).toBe(200);
    const rows = list.body.donations as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      amount_minor: 1250,
      currency: 'EUR',
      rail: 'test',
      test: true,
      variant: 'b',
      source: 'banner',
    });
    completed.push(rows[0]!.id as string);

    // Paying twice (a double click) changes nothing.
    const again = await t.fetch(location.pathname, form({ outcome: 'succeed', email: EMAIL }));
    expect(again.status).toBe(404);

    await t.services.jobs.runUntilIdle!();
    const mail = (await t.services.outbox!.list()).filter((m) => m.to === EMAIL.toLowerCase());
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toMatch(/^\[TEST\] Your receipt/);
    const message = await t.services.outbox!.get(mail[0]!.id);
    expect(message!.text).toContain('€12.50');
    const link = /https:\/\/news\.example(\/support\/donor\/\S+)/.exec(message!.text)![1]!;

    const donorPage = await t.fetch(link);
    expect(donorPage.status).toBe(200);
    const donorHtml = await donorPage.text();
    expect(donorHtml).toContain('reader.one@example.org');
    expect(donorHtml).toContain('data-samizdat-supporter');
    expect(donorHtml).toContain('€12.50');

    const summary = await admin('/donations/summary');
    expect(summary.body.one_time_total).toEqual([{ currency: 'EUR', amount_minor: 1250 }]);
    expect(summary.body.gifts_per_variant).toEqual([{ variant: 'b', gifts: 1 }]);
    const supporters = await admin('/supporters');
    expect(supporters.body.supporters).toMatchObject([
      { email: 'reader.one@example.org', name: 'Reader One' },
    ]);
  });

  it('records a failed and a cancelled TEST checkout as such', async () => {
    for (const outcome of ['fail', 'cancel']) {
      const start = await t.fetch('/support/checkout', form(gift));
      const path = new URL(start.headers.get('location')!, 'https://news.example').pathname;
      const res = await t.fetch(path, form({ outcome }));
      expect(res.status).toBe(outcome === 'fail' ? 200 : 303);
    }
    const failed = await admin('/donations?status=failed');
    const cancelled = await admin('/donations?status=cancelled');
    expect((failed.body.donations as unknown[]).length).toBe(1);
    expect((cancelled.body.donations as unknown[]).length).toBe(1);
  });

  it('turns away a tampered donor link, changing nothing', async () => {
    const res = await t.fetch(
      '/support/donor/00000000-0000-4000-8000-000000000000.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    );
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('This link does not work');
    const post = await t.fetch(
      '/support/donor/00000000-0000-4000-8000-000000000000.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      form({ action: 'erase' }),
    );
    expect(post.status).toBe(404);
    const supporters = await admin('/supporters');
    expect((supporters.body.supporters as unknown[]).length).toBe(1);
  });

  it('keeps no donor address in plain text in the database files', async () => {
    if (dialect !== 'sqlite') {
      const rows = await t.services.db.kysely.selectFrom('donors').selectAll().execute();
      expect(JSON.stringify(rows).toLowerCase()).not.toContain('reader.one@example.org');
      const jobs = await t.services.db.kysely.selectFrom('jobs').selectAll().execute();
      expect(JSON.stringify(jobs).toLowerCase()).not.toContain('reader.one');
      return;
    }
    const list = await sql<{ file: string }>`PRAGMA database_list`.execute(t.services.db.kysely);
    const dir = dirname(list.rows.find((r) => r.file)!.file);
    let checked = 0;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (!statSync(file).isFile()) continue;
      const bytes = readFileSync(file).toString('latin1').toLowerCase();
      expect(bytes, file).not.toContain('reader.one@example.org');
      expect(bytes, file).not.toContain('reader one');
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
