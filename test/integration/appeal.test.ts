// The appeal's server side on both databases: the /support pages (and only while the checkout
// answers), anonymous counts from the browser, the admin settings and stats, and "email me a
// reminder" (sealed, sent once when the snooze ends, then deleted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/staff/index.ts';
import { adminClient, type AdminClient } from '../support/admin-client.ts';
import { startAppealSite } from '../support/appeal-site.ts';
import { startTestApp } from '../support/test-app.ts';
import type { TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabases)('the appeal on %s', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let clock = new Date('2026-12-01T09:00:00Z');

  beforeAll(async () => {
    t = await startAppealSite(dialect, { seed: false, now: () => clock });
    owner = adminClient(t, await t.key('owner'));
    await t.services.settings.set({ name: 'Ilmara' });
  }, 120_000);
  afterAll(async () => t?.close());

  const event = (body: string, type = 'text/plain;charset=UTF-8') =>
    t.fetch('/support/events', { method: 'POST', headers: { 'content-type': type }, body });

  it('serves /support and /ru/support with the full form, the letter and the banner', async () => {
    for (const [path, title, continueLabel] of [
      ['/support', 'Support Ilmara!', 'Continue'],
      ['/ru/support', 'Поддержите «Ilmara»!', 'Продолжить'],
    ] as const) {
      const res = await t.fetch(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      expect(html).toContain(`<h1 class="appeal__title" data-appeal-title>${title}</h1>`);
      expect(html).toContain(
        '<form class="appeal-form" method="post" action="/support/checkout" data-appeal-form>',
      );
      for (const field of ['frequency', 'currency', 'amount', 'custom_amount', 'rail', 'variant', 'source']) {
        expect(html).toContain(`name="${field}"`);
      }
      expect(html).toContain(continueLabel);
      expect(html).toMatch(/<script src="\/assets\/appeal\.[0-9a-f]{10}\.js" defer><\/script>/);
      expect(html).not.toMatch(/<script(?![^>]*(src=|application\/ld\+json))/);
      expect(html).not.toContain('style=');
    }
    expect(await (await t.fetch('/support')).text()).toContain('Starting from just $2 a month.');
  });

  it('the script is served fingerprinted and immutable', async () => {
    const html = await (await t.fetch('/support')).text();
    const url = /src="(\/assets\/appeal\.[0-9a-f]{10}\.js)"/.exec(html)![1]!;
    const res = await t.fetch(url, { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('counts events per variant and day, refusing bad bodies and unknown variants', async () => {
    expect((await event(JSON.stringify({ variant: 'control', event: 'view' }))).status).toBe(204);
    expect(
      (await event(JSON.stringify({ variant: 'control', event: 'view' }), 'application/json')).status,
    ).toBe(204);
    expect((await event(JSON.stringify({ variant: 'control', event: 'snooze' }))).status).toBe(204);
    for (const bad of [
      '{"variant":"control","event":"purchase"}',
      '{"variant":"nope","event":"view"}',
      '{"variant":"control","event":"view","reader":"r-123"}',
      '{"variant":"control"',
      '',
    ]) {
      const res = await event(bad);
      expect(res.status, bad).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_input');
    }
    await t.services.appeal.recordConversion('control');
    const stats = await owner.get<{ variants: Array<Record<string, unknown>>; comparisons: unknown[] }>(
      '/appeal/stats',
    );
    expect(stats.status).toBe(200);
    expect(stats.body.variants).toEqual([
      {
        id: 'control',
        views: 2,
        dismissals: 0,
        snoozes: 1,
        conversion_clicks: 0,
        conversions: 1,
        conversion_rate: 0.5,
      },
    ]);
    const rows = await t.db.kysely.selectFrom('appeal_counts').selectAll().execute();
    expect(rows.map((r) => Object.keys(r).sort())).toEqual(
      rows.map(() => ['count', 'day', 'event', 'variant']),
    );
  });

  it('settings: admins change them with validation; variants get a readout', async () => {
    const bad = await owner.patch('/appeal', { views_before_dialog: 0 });
    expect(bad.status).toBe(400);
    const dup = await owner.patch('/appeal', {
      variants: [
        { id: 'a', weight: 1 },
        { id: 'a', weight: 1 },
      ],
    });
    expect(dup.status).toBe(400);
    const saved = await owner.patch<{ appeal: { variants: Array<{ id: string }> } }>('/appeal', {
      letter: { en: 'Dear reader,\n\nA new letter.' },
      variants: [
        { id: 'control', weight: 1 },
        {
          id: 'bold',
          weight: 1,
          title: { en: 'Keep Ilmara free' },
          amounts: { USD: { monthly: [300, 800] } },
        },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.appeal.variants.map((v) => v.id)).toEqual(['control', 'bold']);
    const html = await (await t.fetch('/support')).text();
    expect(html).toContain('<p>A new letter.</p>');
    expect(html).toContain('&#34;id&#34;:&#34;bold&#34;');
    expect(html).toContain('Keep Ilmara free');
    expect((await event(JSON.stringify({ variant: 'bold', event: 'view' }))).status).toBe(204);
    const stats = await owner.get<{ comparisons: Array<{ id: string; readout: string }> }>(
      '/appeal/stats?days=1',
    );
    expect(stats.body.comparisons).toEqual([
      expect.objectContaining({ id: 'bold', readout: expect.stringMatching(/^not yet significant/) }),
    ]);
    // Enough counted for a verdict: bold converts 30 of 400 views, control 8 of 400.
    const day = clock.toISOString().slice(0, 10);
    await t.db.kysely.deleteFrom('appeal_counts').execute();
    await t.db.kysely
      .insertInto('appeal_counts')
      .values([
        { day, variant: 'control', event: 'view', count: 400 },
        { day, variant: 'control', event: 'conversion', count: 8 },
        { day, variant: 'bold', event: 'view', count: 400 },
        { day, variant: 'bold', event: 'conversion', count: 30 },
      ])
      .execute();
    const verdict = await owner.get<{
      comparisons: Array<{ id: string; readout: string; significant: boolean; p: number; z: number }>;
    }>('/appeal/stats?days=1');
    expect(verdict.body.comparisons).toEqual([
      expect.objectContaining({
        id: 'bold',
        baseline: 'control',
        significant: true,
        readout: 'bold converts better than control: 7.50% against 2.00% (p = 0.000)',
      }),
    ]);
    expect(verdict.body.comparisons[0]!.z).toBeCloseTo(3.66, 1);
    const editor = adminClient(t, await t.key('editor'));
    expect((await editor.get('/appeal')).status).toBe(403);
  });

  it('"email me a reminder": sealed with consent, sent once when the snooze ends, then deleted', async () => {
    const form = new URLSearchParams({ email: ' Reader@Example.org ', lang: 'ru', page: '/ru/support' });
    const res = await t.fetch('/support/reminder', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Мы напомним');
    const row = await t.db.kysely.selectFrom('appeal_reminders').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row).toLowerCase()).not.toContain('reader@example.org');
    expect(row).toMatchObject({ lang: 'ru', consent_page: '/ru/support', consent_at: clock.toISOString() });
    expect(row.remind_at).toBe(new Date(clock.getTime() + 7 * DAY).toISOString());

    const bad = await t.fetch('/support/reminder', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=not-an-address',
    });
    expect(bad.status).toBe(400);
    expect(await t.db.kysely.selectFrom('appeal_reminders').selectAll().execute()).toHaveLength(1);
    // A forged consent page (another origin) is recorded as the site's root, never as given.
    for (const page of ['//evil.example/x', '/\\evil.example', 'https://evil.example/']) {
      const forged = await t.fetch('/support/reminder', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'Reader@Example.org', lang: 'ru', page }).toString(),
      });
      expect(forged.status).toBe(200);
      expect(
        (await t.db.kysely.selectFrom('appeal_reminders').select('consent_page').executeTakeFirstOrThrow())
          .consent_page,
      ).toBe('/');
    }
    await t.fetch('/support/reminder', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });

    // One job, keyed to the reminder, due when the snooze ends (the embedded queue's table).
    if (dialect === 'sqlite') {
      const job = await t.db.kysely
        .selectFrom('jobs')
        .selectAll()
        .where('task', '=', 'appeal.reminder')
        .executeTakeFirstOrThrow();
      expect(job).toMatchObject({ run_at: row.remind_at, job_key: `appeal:reminder:${row.id}` });
    }
    // The job's work: not yet due, nothing sent; due, sent once.
    await t.services.appeal.sendReminder(row.id);
    expect(await t.services.outbox!.list()).toHaveLength(0);
    clock = new Date(clock.getTime() + 7 * DAY + 1000);
    await t.services.appeal.sendReminder(row.id);
    const sent = await t.services.outbox!.list();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('reader@example.org');
    const message = await t.services.outbox!.get(sent[0]!.id);
    expect(message!.text).toContain('https://news.example/ru/support');
    expect(await t.db.kysely.selectFrom('appeal_reminders').selectAll().execute()).toHaveLength(0);
    // Sending again (a retried job) sends nothing.
    await t.services.appeal.sendReminder(row.id);
    expect(await t.services.outbox!.list()).toHaveLength(1);
  });

  it('the support pages answer 404 while the newsroom has not switched reader revenue on', async () => {
    const bare = await startTestApp(dialect, { site: true });
    try {
      expect((await bare.fetch('/support')).status).toBe(404);
      const article = await bare.fetch('/');
      expect(await article.text()).not.toContain('support-banner');
    } finally {
      await bare.close();
    }
  });

  it('the owner can read the settings back', async () => {
    const res = await owner.get<{ appeal: { snooze_days: number } }>('/appeal');
    expect(res.body.appeal.snooze_days).toBe(7);
    expect(t.services.appeal.read(systemActor).views_before_dialog).toBe(3);
  });
});
