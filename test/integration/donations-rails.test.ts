import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { btcpaySignature } from '../../src/adapters/payments/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { startBtcpayStandIn, startStripeStandIn, type StandIn } from '../support/payment-stand-ins.ts';
import { form } from '../support/form-post.ts';

// The real rails against local stand-ins: Stripe Checkout Sessions for one-time and recurring
// gifts, its webhooks signed with the stripe package's test helper (recorded once, in order per
// plan, bad signatures refused with nothing changed), BTCPay invoices and HMAC-signed webhooks,
// bank transfers marked received by an admin, and a clear page when Stripe is down.

const WHSEC = 'whsec_test_secret';
const BTCPAY_SECRET = 'btcpay-webhook-secret';
const stripe = new Stripe('sk_test_helper');

/**
 * Where the checkout sends the donor: our own pages by a 303, a provider's checkout (another
 * origin) by a page of ours that refreshes to it (the pages' CSP form-action 'self' would refuse a
 * cross-origin redirect of the form's POST).
 */
async function destination(res: Response): Promise<string> {
  if (res.status === 303) return res.headers.get('location')!;
  expect(res.status).toBe(200);
  const html = await res.text();
  const url = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html)?.[1];
  expect(url, 'a meta refresh to the provider').toBeDefined();
  expect(html).toContain(`href="${url}"`);
  return url!;
}

describe.each(testDatabases)('payment rails on %s', (dialect) => {
  let t: TestApp;
  let stripeApi: StandIn;
  let btcpay: StandIn;
  let key: string;
  let seq = 0;
  const created = Math.floor(Date.parse('2026-11-30T10:00:00Z') / 1000);

  const kysely = () => t.services.db.kysely;
  const counts = async () => ({
    donations: (await kysely().selectFrom('donations').selectAll().execute()).length,
    events: (await kysely().selectFrom('payment_events').selectAll().execute()).length,
    plans: (await kysely().selectFrom('donation_plans').selectAll().execute()).length,
  });

  function stripeEvent(type: string, object: Record<string, unknown>, at = created + seq) {
    return { id: `evt_${++seq}`, object: 'event', type, created: at, livemode: false, data: { object } };
  }
  async function sendStripe(event: unknown, options: { secret?: string; body?: string; type?: string } = {}) {
    const payload = options.body ?? JSON.stringify(event);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WHSEC });
    return t.fetch('/webhooks/stripe', {
      method: 'POST',
      headers: { 'content-type': options.type ?? 'application/json', 'stripe-signature': header },
      body: payload,
    });
  }
  const admin = async (path: string, init: RequestInit = {}) => {
    const res = await t.fetch(`/api/admin/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, ...(init.headers ?? {}) },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    stripeApi = await startStripeStandIn();
    btcpay = await startBtcpayStandIn();
    t = await startTestApp(dialect, {
      site: true,
      env: {
        STRIPE_SECRET_KEY: 'sk_test_samizdat',
        STRIPE_WEBHOOK_SECRET: WHSEC,
        STRIPE_API_URL: stripeApi.url,
        BTCPAY_URL: btcpay.url,
        BTCPAY_API_KEY: 'btcpay-key',
        BTCPAY_STORE_ID: 'store1',
        BTCPAY_WEBHOOK_SECRET: BTCPAY_SECRET,
        BANK_TRANSFER_DETAILS: 'IBAN: LV00 TEST 0000 0000 0000 0|Bank: Example Bank',
      },
    });
    key = await t.key('owner');
  });
  afterAll(async () => {
    await t?.close();
    await stripeApi?.close();
    await btcpay?.close();
  });

  it('offers the configured rails and no TEST rail; nothing called Stripe at start', async () => {
    const rules = await t.services.donations.publicRules();
    expect(rules.rails.map((r) => r.id)).toEqual(['stripe', 'btcpay', 'bank']);
    expect(stripeApi.requests).toEqual([]);
  });

  it('creates Stripe Checkout Sessions with the amount set by the server and fixed return URLs', async () => {
    const once = await t.fetch(
      '/support/checkout',
      form({
        frequency: 'once',
        currency: 'EUR',
        amount: '10',
        rail: 'stripe',
        success_url: 'https://evil.example/',
      }),
    );
    expect(once.status).toBe(200);
    expect(await destination(once)).toMatch(/^https:\/\/checkout\.stripe\.example\/c\/pay\/cs_test_/);
    const sent = stripeApi.requests.at(-1)!;
    expect(sent.path).toBe('/v1/checkout/sessions');
    expect(sent.fields).toMatchObject({
      mode: 'payment',
      'line_items[0][price_data][unit_amount]': '1000',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][quantity]': '1',
    });
    expect(sent.fields.success_url).toMatch(/^https:\/\/news\.example\/support\/thank-you\?gift=/);
    expect(sent.fields.cancel_url).toBe('https://news.example/support');

    await t.fetch(
      '/support/checkout',
      form({ frequency: 'annual', currency: 'USD', amount: '60', rail: 'stripe' }),
    );
    expect(stripeApi.requests.at(-1)!.fields).toMatchObject({
      mode: 'subscription',
      'line_items[0][price_data][unit_amount]': '6000',
      'line_items[0][price_data][recurring][interval]': 'year',
    });
    const pending = await admin('/donations?rail=stripe&status=pending');
    expect((pending.body.donations as unknown[]).length).toBe(2);
  });

  it('records a completed Stripe checkout once: a replay and a bad signature change nothing', async () => {
    const start = await t.fetch(
      '/support/checkout',
      form({ frequency: 'once', currency: 'EUR', amount: '25', rail: 'stripe', variant: 'a' }),
    );
    const sessionId = new URL(await destination(start), 'https://news.example').pathname.split('/').pop()!;
    const donationId = stripeApi.requests.at(-1)!.fields.client_reference_id!;
    const event = stripeEvent('checkout.session.completed', {
      id: sessionId,
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      client_reference_id: donationId,
      amount_total: 2500,
      currency: 'eur',
      payment_intent: 'pi_once_1',
      customer_details: { email: 'card.donor@example.org', name: 'Card Donor' },
    });
    const before = await counts();
    const forged = await sendStripe(event, { secret: 'whsec_wrong' });
    expect(forged.status).toBe(400);
    expect((await forged.json()).error.code).toBe('invalid_input');
    const unsigned = await t.fetch('/webhooks/stripe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(400);
    const wrongType = await sendStripe(event, { type: 'text/plain' });
    expect(wrongType.status).toBe(415);
    const truncated = await sendStripe(event, { body: JSON.stringify(event).slice(0, 40) });
    expect(truncated.status).toBe(400);
    expect(await counts()).toEqual(before);

    const ok = await sendStripe(event);
    expect(ok.status).toBe(200);
    const d = await kysely()
      .selectFrom('donations')
      .selectAll()
      .where('id', '=', donationId)
      .executeTakeFirstOrThrow();
    expect(d).toMatchObject({ status: 'completed', amount_minor: 2500, payment_ref: 'pi_once_1' });
    expect(d.donor_id).not.toBeNull();

    const after = await counts();
    const replay = await sendStripe(event);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: 1, duplicates: 1 });
    expect(await counts()).toEqual(after);

    // Refunded, then disputed: the gift's status follows, once.
    await sendStripe(
      stripeEvent('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_once_1' }),
    );
    expect(
      (
        await kysely()
          .selectFrom('donations')
          .select('status')
          .where('id', '=', donationId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('refunded');
    const summary = await admin('/donations/summary');
    expect(summary.body.refunds).toEqual({ count: 1, totals: [{ currency: 'EUR', amount_minor: 2500 }] });
  });

  it('records a checkout it did not create (a Payment Link) from its customer details', async () => {
    const before = await counts();
    await sendStripe(
      stripeEvent('checkout.session.completed', {
        id: 'cs_link_1',
        object: 'checkout.session',
        mode: 'payment',
        payment_status: 'paid',
        client_reference_id: null,
        amount_total: 700,
        currency: 'eur',
        payment_intent: 'pi_link_1',
        customer_details: { email: 'link.donor@example.org', name: null },
      }),
    );
    expect((await counts()).donations).toBe(before.donations + 1);
    const row = await kysely()
      .selectFrom('donations')
      .selectAll()
      .where('checkout_ref', '=', 'cs_link_1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'completed',
      amount_minor: 700,
      source: 'payment-link',
      frequency: 'once',
    });
    const supporters = await admin('/supporters');
    expect((supporters.body.supporters as Array<{ email: string }>).map((s) => s.email)).toContain(
      'link.donor@example.org',
    );
  });

  it('records a dispute on a gift once and shows it on the dashboard beside the refunds', async () => {
    await sendStripe(
      stripeEvent('checkout.session.completed', {
        id: 'cs_disputed_1',
        object: 'checkout.session',
        mode: 'payment',
        payment_status: 'paid',
        client_reference_id: null,
        amount_total: 3300,
        currency: 'eur',
        payment_intent: 'pi_disputed_1',
        customer_details: { email: 'disputing.donor@example.org', name: null },
      }),
    );
    const gift = () =>
      kysely()
        .selectFrom('donations')
        .select('status')
        .where('checkout_ref', '=', 'cs_disputed_1')
        .executeTakeFirstOrThrow();
    expect(await gift()).toEqual({ status: 'completed' });
    const dispute = stripeEvent('charge.dispute.created', {
      id: 'dp_1',
      object: 'dispute',
      charge: 'ch_disputed_1',
      payment_intent: 'pi_disputed_1',
      amount: 3300,
      currency: 'eur',
      reason: 'fraudulent',
    });
    expect((await sendStripe(dispute)).status).toBe(200);
    expect(await gift()).toEqual({ status: 'disputed' });
    const summary = await admin('/donations/summary');
    expect(summary.body.disputes).toEqual({ count: 1, totals: [{ currency: 'EUR', amount_minor: 3300 }] });
    expect(summary.body.refunds).toEqual({ count: 1, totals: [{ currency: 'EUR', amount_minor: 2500 }] });
    const after = await counts();
    expect(await (await sendStripe(dispute)).json()).toEqual({ received: 1, duplicates: 1 });
    expect(await counts()).toEqual(after);
    expect((await admin('/donations/summary')).body.disputes).toEqual(summary.body.disputes);
    const listed = await admin('/donations?status=disputed');
    expect((listed.body.donations as Array<{ amount_minor: number }>).map((d) => d.amount_minor)).toEqual([
      3300,
    ]);
  });

  it('keeps a plan in order: its first invoice counted once, renewals added, an older event ignored', async () => {
    const start = await t.fetch(
      '/support/checkout',
      form({ frequency: 'monthly', currency: 'EUR', amount: '5', rail: 'stripe', variant: 'm' }),
    );
    const sessionId = new URL(await destination(start), 'https://news.example').pathname.split('/').pop()!;
    const donationId = stripeApi.requests.at(-1)!.fields.client_reference_id!;
    const invoice = (id: string, at: number, type = 'invoice.paid') =>
      stripeEvent(
        type,
        {
          id,
          object: 'invoice',
          amount_paid: 500,
          amount_due: 500,
          currency: 'eur',
          customer_email: 'monthly.donor@example.org',
          parent: { subscription_details: { subscription: 'sub_m1' } },
          lines: { data: [{ price: { recurring: { interval: 'month' } } }] },
        },
        at,
      );
    // The first invoice's event arrives before the checkout's.
    await sendStripe(invoice('in_m1', created + 10));
    await sendStripe(
      stripeEvent(
        'checkout.session.completed',
        {
          id: sessionId,
          object: 'checkout.session',
          mode: 'subscription',
          payment_status: 'paid',
          client_reference_id: donationId,
          amount_total: 500,
          currency: 'eur',
          subscription: 'sub_m1',
          invoice: 'in_m1',
          customer_details: { email: 'monthly.donor@example.org' },
        },
        created + 11,
      ),
    );
    const paid = async () =>
      (
        await kysely()
          .selectFrom('donations')
          .selectAll()
          .where('status', '=', 'completed')
          .where('invoice_ref', 'like', 'in_m%')
          .execute()
      ).length;
    expect(await paid()).toBe(1);
    await sendStripe(invoice('in_m2', created + 2_600_000));
    expect(await paid()).toBe(2);

    const plan = () =>
      kysely()
        .selectFrom('donation_plans')
        .selectAll()
        .where('provider_ref', '=', 'sub_m1')
        .executeTakeFirstOrThrow();
    expect((await plan()).status).toBe('active');
    // A failed renewal: past due, and the donor is asked to update their payment method.
    await sendStripe(invoice('in_m3', created + 5_200_000, 'invoice.payment_failed'));
    expect((await plan()).status).toBe('past_due');
    await t.services.jobs.runUntilIdle!();
    const mail = (await t.services.outbox!.list()).filter((m) => m.to === 'monthly.donor@example.org');
    expect(mail.map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringMatching(/update your payment method/)]),
    );

    // Deleted at T+6M; an update stamped earlier arrives after it and changes nothing.
    const sub = (type: string, status: string, at: number) =>
      stripeEvent(
        type,
        {
          id: 'sub_m1',
          object: 'subscription',
          status,
          items: {
            data: [{ price: { unit_amount: 500, currency: 'eur', recurring: { interval: 'month' } } }],
          },
        },
        at,
      );
    await sendStripe(sub('customer.subscription.deleted', 'canceled', created + 6_000_000));
    await sendStripe(sub('customer.subscription.updated', 'active', created + 5_500_000));
    expect((await plan()).status).toBe('cancelled');
    const summary = await admin('/donations/summary');
    expect(summary.body.recurring_monthly).toEqual([]);
    expect(
      (summary.body.supporters_per_month as Array<{ cancelled: number }>).some((m) => m.cancelled === 1),
    ).toBe(true);
  });

  it('offers the other rails when Stripe is down, recording nothing', async () => {
    const before = await counts();
    stripeApi.failing = true;
    try {
      const res = await t.fetch(
        '/support/checkout',
        form({ frequency: 'once', currency: 'EUR', amount: '10', rail: 'stripe' }),
      );
      expect(res.status).toBe(503);
      const html = await res.text();
      expect(html).toContain('not answering');
      expect(html).toContain('value="btcpay"');
      expect(html).toContain('value="bank"');
      expect(html).not.toContain('value="stripe"');
    } finally {
      stripeApi.failing = false;
    }
    expect(await counts()).toEqual(before);
  });

  it('takes BTCPay invoices and HMAC-signed webhooks, once', async () => {
    const start = await t.fetch(
      '/support/checkout',
      form({ frequency: 'once', currency: 'EUR', amount: '15.50', rail: 'btcpay' }),
    );
    const goesTo = await destination(start);
    expect(goesTo).toMatch(/^https:\/\/btcpay\.example\/i\/INV/);
    const sent = btcpay.requests.at(-1)!;
    expect(sent.json).toMatchObject({ amount: '15.50', currency: 'EUR' });
    const invoiceId = new URL(goesTo, 'https://news.example').pathname.split('/').pop()!;
    const body = JSON.stringify({
      deliveryId: 'del1',
      webhookId: 'wh1',
      isRedelivery: false,
      type: 'InvoiceSettled',
      timestamp: created + 50,
      storeId: 'store1',
      invoiceId,
      metadata: { orderId: (sent.json as { metadata: { orderId: string } }).metadata.orderId },
    });
    const post = (sig: string, payload = body) =>
      t.fetch('/webhooks/btcpay', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'btcpay-sig': sig },
        body: payload,
      });
    const before = await counts();
    expect((await post(btcpaySignature('wrong', body))).status).toBe(400);
    expect((await post('sha256=00')).status).toBe(400);
    // Signed correctly but not JSON, or cut short: refused, clearly.
    const wrongType = await t.fetch('/webhooks/btcpay', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'btcpay-sig': btcpaySignature(BTCPAY_SECRET, body) },
      body,
    });
    expect(wrongType.status).toBe(415);
    const cut = body.slice(0, 40);
    const truncated = await post(btcpaySignature(BTCPAY_SECRET, cut), cut);
    expect(truncated.status).toBe(400);
    expect((await truncated.json()).error.message).toMatch(/./);
    expect(await counts()).toEqual(before);
    expect((await post(btcpaySignature(BTCPAY_SECRET, body))).status).toBe(200);
    const row = await kysely()
      .selectFrom('donations')
      .selectAll()
      .where('checkout_ref', '=', invoiceId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'completed', amount_minor: 1550, rail: 'btcpay' });
    const after = await counts();
    const replay = await post(btcpaySignature(BTCPAY_SECRET, body));
    expect(await replay.json()).toEqual({ received: 1, duplicates: 1 });
    // A redelivery names the first delivery: still the same event.
    const again = body.replace('"deliveryId":"del1"', '"deliveryId":"del2","originalDeliveryId":"del1"');
    expect(await (await post(btcpaySignature(BTCPAY_SECRET, again), again)).json()).toEqual({
      received: 1,
      duplicates: 1,
    });
    expect(await counts()).toEqual(after);
    // Crypto is one-time only.
    expect(
      (
        await t.fetch(
          '/support/checkout',
          form({ frequency: 'monthly', currency: 'EUR', amount: '5', rail: 'btcpay' }),
        )
      ).status,
    ).toBe(400);
  });

  it('shows bank details with a unique reference; an admin marks the transfer received', async () => {
    const start = await t.fetch(
      '/support/checkout',
      form({ frequency: 'once', currency: 'EUR', amount: '40', rail: 'bank' }),
    );
    expect(start.status).toBe(303);
    const path = new URL(start.headers.get('location')!, 'https://news.example').pathname;
    expect(path).toMatch(/^\/support\/bank\/SZ-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const page = await (await t.fetch(path)).text();
    expect(page).toContain('LV00 TEST');
    expect(page).toContain(path.split('/').pop());
    const row = await kysely()
      .selectFrom('donations')
      .selectAll()
      .where('checkout_ref', '=', path.split('/').pop()!)
      .executeTakeFirstOrThrow();
    const editorKey = await t.key('editor');
    const refused = await t.fetch(`/api/admin/v1/donations/${row.id}/received`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editorKey}` },
    });
    expect(refused.status).toBe(403);
    const marked = await admin(`/donations/${row.id}/received`, { method: 'POST' });
    expect(marked.status).toBe(200);
    expect(marked.body.donation).toMatchObject({ status: 'completed', rail: 'bank', amount_minor: 4000 });
    const twice = await admin(`/donations/${row.id}/received`, { method: 'POST' });
    expect(twice.status).toBe(409);
  });
});
