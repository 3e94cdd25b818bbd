import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { startStripeStandIn, type StandIn } from '../support/payment-stand-ins.ts';
import { form } from '../support/form-post.ts';

// The donor page over HTTP, from the link in the receipt: change the amount and frequency of a
// recurring gift, pause it, resume it, cancel it, take a copy of the data, erase it. On the TEST
// rail and on Stripe (its local stand-in, which must see each change). Every change leaves an
// audit entry and sends a notice; a tampered or expired link, or a provider that does not
// answer, changes nothing.

const WHSEC = 'whsec_donor_page';
const stripe = new Stripe('sk_test_helper');
const HOUR = 3600_000;

describe.each(testDatabases)('the donor page on %s', (dialect) => {
  let t: TestApp;
  let stripeApi: StandIn;
  let clock = Date.parse('2026-12-01T10:00:00Z');
  let seq = 0;
  const kysely = () => t.services.db.kysely;

  beforeAll(async () => {
    stripeApi = await startStripeStandIn();
    t = await startTestApp(dialect, {
      site: true,
      now: () => new Date(clock),
      env: {
        STRIPE_SECRET_KEY: 'sk_test_samizdat',
        STRIPE_WEBHOOK_SECRET: WHSEC,
        STRIPE_API_URL: stripeApi.url,
        // Stripe and the TEST rail side by side.
        DONATIONS_TEST_RAIL: 'on',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await stripeApi?.close();
  });

  const mailTo = async (to: string) => {
    await t.services.jobs.runUntilIdle!();
    const list = (await t.services.outbox!.list()).filter((m) => m.to === to);
    return Promise.all(list.map(async (m) => (await t.services.outbox!.get(m.id))!));
  };
  const donorLinkIn = (text: string) => /https:\/\/news\.example(\/support\/donor\/\S+)/.exec(text)![1]!;
  const plan = (id: string) =>
    kysely().selectFrom('donation_plans').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const audits = async (objectId: string) =>
    (
      await kysely()
        .selectFrom('audit_log')
        .select(['action', 'summary', 'origin'])
        .where('object_id', '=', objectId)
        .orderBy('id')
        .execute()
    ).map((a) => a.action);
  const snapshot = async () => ({
    plans: await kysely().selectFrom('donation_plans').selectAll().orderBy('id').execute(),
    donors: await kysely().selectFrom('donors').selectAll().orderBy('id').execute(),
    donations: await kysely().selectFrom('donations').selectAll().orderBy('id').execute(),
    audit: (await kysely().selectFrom('audit_log').select('id').execute()).length,
  });

  /** A monthly gift on the TEST rail, paid; returns the donor link from its receipt and the plan. */
  async function testRailGift(email: string) {
    const start = await t.fetch(
      '/support/checkout',
      form({
        frequency: 'monthly',
        currency: 'EUR',
        amount: '5',
        rail: 'test',
        variant: 'a',
        source: 'page',
      }),
    );
    expect(start.status).toBe(303);
    const path = new URL(start.headers.get('location')!, 'https://news.example').pathname;
    const paid = await t.fetch(path, form({ outcome: 'succeed', email }));
    expect(paid.status).toBe(303);
    const [receipt] = await mailTo(email);
    expect(receipt!.subject).toMatch(/Your receipt/);
    const row = await kysely()
      .selectFrom('donations')
      .select('plan_id')
      .where('checkout_ref', '=', path.split('/').pop()!)
      .executeTakeFirstOrThrow();
    expect(row.plan_id).not.toBeNull();
    return { link: donorLinkIn(receipt!.text), planId: row.plan_id! };
  }

  async function act(link: string, fields: Record<string, string>) {
    return t.fetch(link, form(fields));
  }

  it('changes, pauses, resumes and cancels a TEST-rail recurring gift, each with a notice and an audit entry', async () => {
    const email = 'monthly.reader@example.org';
    const { link, planId } = await testRailGift(email);

    const page = await (await t.fetch(link)).text();
    expect(page).toContain('Recurring gift: €5, Monthly (active)');
    expect(page).toContain(`${link}/data`);

    const changed = await act(link, { plan: planId, action: 'change', amount: '60', frequency: 'annual' });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe(`${link}?done=changed`);
    expect(await plan(planId)).toMatchObject({ amount_minor: 6000, frequency: 'annual', status: 'active' });
    expect(await (await t.fetch(`${link}?done=changed`)).text()).toContain('Your recurring gift is changed');

    expect((await act(link, { plan: planId, action: 'pause' })).status).toBe(303);
    expect((await plan(planId)).status).toBe('paused');
    // Pausing twice is refused, and changes nothing.
    const again = await act(link, { plan: planId, action: 'pause' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Nothing was changed');
    expect((await act(link, { plan: planId, action: 'resume' })).status).toBe(303);
    expect((await plan(planId)).status).toBe('active');

    // Bad amounts get the rules' words and change nothing.
    const before = await snapshot();
    for (const amount of ['0', '-3', 'abc', '10.001', '99999999999']) {
      const res = await act(link, { plan: planId, action: 'change', amount, frequency: 'monthly' });
      expect(res.status, amount).toBe(400);
    }
    const once = await act(link, { plan: planId, action: 'change', amount: '10', frequency: 'once' });
    expect(once.status).toBe(400);
    expect(await snapshot()).toEqual(before);

    expect((await act(link, { plan: planId, action: 'cancel' })).status).toBe(303);
    const cancelled = await plan(planId);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelled_at).toBe(new Date(clock).toISOString());
    // A cancelled gift can no longer be changed.
    expect((await act(link, { plan: planId, action: 'resume' })).status).toBe(400);

    expect(await audits(planId)).toEqual([
      'donation_plan.change',
      'donation_plan.pause',
      'donation_plan.resume',
      'donation_plan.cancel',
    ]);
    // The outbox lists by time, which the test's clock holds still: the set, not the order.
    const subjects = (await mailTo(email)).map((m) => m.subject);
    expect(subjects).toHaveLength(5);
    expect(subjects).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[TEST\] Your receipt/),
        expect.stringMatching(/^\[TEST\] Your recurring gift to .* is now €60, Annual$/),
        expect.stringMatching(/^\[TEST\] Your recurring gift to .* is paused$/),
        expect.stringMatching(/^\[TEST\] Your recurring gift to .* is running again$/),
        expect.stringMatching(/^\[TEST\] Your recurring gift to .* is cancelled$/),
      ]),
    );
    // Notices name no other site and carry the donor link.
    for (const m of await mailTo(email)) expect(m.text).toContain('https://news.example/support/donor/');
  });

  it('hands the donor a copy of their data, then erases it, keeping only anonymous totals', async () => {
    const email = 'erase.me@example.org';
    const { link, planId } = await testRailGift(email);

    const data = await t.fetch(`${link}/data`);
    expect(data.status).toBe(200);
    expect(data.headers.get('content-type')).toMatch(/^application\/json/);
    expect(data.headers.get('content-disposition')).toMatch(/attachment/);
    const body = (await data.json()) as {
      donor: { email: string };
      gifts: Array<{ amount_minor: number; currency: string; test: boolean }>;
      recurring_gifts: Array<{ status: string }>;
    };
    expect(body.donor.email).toBe(email);
    expect(body.gifts).toMatchObject([{ amount_minor: 500, currency: 'EUR', test: true }]);
    expect(body.recurring_gifts).toMatchObject([{ status: 'active' }]);

    const donorId = (await plan(planId)).donor_id!;
    const erased = await act(link, { action: 'erase' });
    expect(erased.status).toBe(200);
    expect(await erased.text()).toContain('Your details are erased');
    const donor = await kysely()
      .selectFrom('donors')
      .selectAll()
      .where('id', '=', donorId)
      .executeTakeFirstOrThrow();
    expect(donor).toMatchObject({ email_sealed: null, email_hash: null, name_sealed: null });
    expect(await plan(planId)).toMatchObject({ status: 'cancelled', donor_id: null });
    const gifts = await kysely().selectFrom('donations').selectAll().where('plan_id', '=', planId).execute();
    expect(gifts).toMatchObject([{ status: 'completed', amount_minor: 500, donor_id: null }]);
    expect(await audits(donorId)).toEqual(['donor.erase']);
    const entry = await kysely()
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', donorId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(entry)).not.toContain('erase.me');

    // The link no longer opens anything.
    expect((await t.fetch(link)).status).toBe(404);
    expect((await t.fetch(`${link}/data`)).status).toBe(404);
  });

  it('turns away tampered and expired links with a clear page, changing nothing', async () => {
    const email = 'expiring@example.org';
    const { link, planId } = await testRailGift(email);
    const tampered = link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const otherDonor = link.replace(
      /^\/support\/donor\/[0-9a-f]/,
      (s) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0'),
    );
    const before = await snapshot();
    for (const bad of [tampered, otherDonor, '/support/donor/not-a-token']) {
      const get = await t.fetch(bad);
      expect(get.status, bad).toBe(404);
      expect(await get.text()).toContain('The link is wrong or has expired. Nothing was changed.');
      for (const fields of <Array<Record<string, string>>>[
        { plan: planId, action: 'cancel' },
        { plan: planId, action: 'pause' },
        { plan: planId, action: 'change', amount: '9', frequency: 'monthly' },
        { action: 'erase' },
      ]) {
        expect((await act(bad, fields)).status, `${bad} ${fields.action}`).toBe(404);
      }
      expect((await t.fetch(`${bad}/data`)).status).toBe(404);
    }
    expect(await snapshot()).toEqual(before);

    // The link works for 24 hours.
    clock += 23 * HOUR;
    expect((await t.fetch(link)).status).toBe(200);
    clock += 2 * HOUR;
    try {
      const expired = await t.fetch(link);
      expect(expired.status).toBe(404);
      expect(await expired.text()).toContain('has expired');
      expect((await act(link, { plan: planId, action: 'cancel' })).status).toBe(404);
      expect((await act(link, { action: 'erase' })).status).toBe(404);
      expect((await t.fetch(`${link}/data`)).status).toBe(404);
      expect(await snapshot()).toEqual(before);
      // A new link, asked for by address, works again.
      const ask = await t.fetch('/support/donor', form({ email }));
      expect(ask.status).toBe(200);
      const mails = await mailTo(email);
      const fresh = donorLinkIn(mails.find((m) => /supporter page/.test(m.subject))!.text);
      expect((await t.fetch(fresh)).status).toBe(200);
    } finally {
      clock -= 25 * HOUR;
    }
  });

  it('makes each change at Stripe first (its stand-in sees it); Stripe down means nothing changes', async () => {
    const email = 'card.monthly@example.org';
    const start = await t.fetch(
      '/support/checkout',
      form({ frequency: 'monthly', currency: 'EUR', amount: '10', rail: 'stripe', variant: 'a' }),
    );
    // Stripe's checkout is another origin: a page of ours refreshes to it.
    expect(start.status).toBe(200);
    const session = stripeApi.requests.at(-1)!;
    const sessionId = /url=https:\/\/checkout\.stripe\.example\/c\/pay\/([\w]+)"/.exec(
      await start.text(),
    )![1]!;
    const event = {
      id: `evt_donor_${++seq}`,
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(clock / 1000),
      livemode: false,
      data: {
        object: {
          id: sessionId,
          object: 'checkout.session',
          mode: 'subscription',
          payment_status: 'paid',
          client_reference_id: session.fields.client_reference_id,
          amount_total: 1000,
          currency: 'eur',
          subscription: 'sub_donor_1',
          invoice: 'in_donor_1',
          customer_details: { email },
        },
      },
    };
    const payload = JSON.stringify(event);
    const hook = await t.fetch('/webhooks/stripe', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: WHSEC }),
      },
      body: payload,
    });
    expect(hook.status).toBe(200);
    const [receipt] = await mailTo(email);
    expect(receipt!.subject).toMatch(/^\[TEST\] Your receipt/);
    const link = donorLinkIn(receipt!.text);
    const planId = (
      await kysely()
        .selectFrom('donation_plans')
        .select('id')
        .where('provider_ref', '=', 'sub_donor_1')
        .executeTakeFirstOrThrow()
    ).id;
    const calls = () => stripeApi.requests.filter((r) => r.path.startsWith('/v1/subscriptions/sub_donor_1'));

    expect(
      (await act(link, { plan: planId, action: 'change', amount: '15', frequency: 'monthly' })).status,
    ).toBe(303);
    const update = calls().find((r) => r.method === 'POST')!;
    expect(update.fields['items[0][price_data][unit_amount]']).toBe('1500');
    expect(update.fields['items[0][price_data][recurring][interval]']).toBe('month');
    expect((await plan(planId)).amount_minor).toBe(1500);

    expect((await act(link, { plan: planId, action: 'pause' })).status).toBe(303);
    expect(calls().at(-1)!.fields['pause_collection[behavior]']).toBe('void');
    expect((await plan(planId)).status).toBe('paused');
    expect((await act(link, { plan: planId, action: 'resume' })).status).toBe(303);
    expect(calls().at(-1)!.fields).toHaveProperty('pause_collection', '');
    expect((await plan(planId)).status).toBe('active');

    // Stripe does not answer: a clear page, and neither Stripe's state nor ours moved.
    stripeApi.failing = true;
    const before = await snapshot();
    try {
      for (const fields of <Array<Record<string, string>>>[
        { plan: planId, action: 'cancel' },
        { plan: planId, action: 'pause' },
        { plan: planId, action: 'change', amount: '20', frequency: 'annual' },
        { action: 'erase' },
      ]) {
        const res = await act(link, fields);
        expect(res.status, fields.action).toBe(503);
        expect(await res.text()).toContain('nothing was changed');
      }
    } finally {
      stripeApi.failing = false;
    }
    expect(await snapshot()).toEqual(before);

    expect((await act(link, { plan: planId, action: 'cancel' })).status).toBe(303);
    expect(calls().at(-1)!.method).toBe('DELETE');
    expect((await plan(planId)).status).toBe('cancelled');
    expect(await audits(planId)).toEqual([
      'donation_plan.change',
      'donation_plan.pause',
      'donation_plan.resume',
      'donation_plan.cancel',
    ]);
    // The outbox lists by time, which the test's clock holds still: the set, not the order.
    const subjects = (await mailTo(email)).map((m) => m.subject);
    expect(subjects).toHaveLength(5);
    expect(subjects).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[TEST\] Your receipt/),
        expect.stringMatching(/is now €15, Monthly$/),
        expect.stringMatching(/is paused$/),
        expect.stringMatching(/is running again$/),
        expect.stringMatching(/is cancelled$/),
      ]),
    );
  });
});
