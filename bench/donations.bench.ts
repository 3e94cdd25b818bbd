// Reader revenue: payment webhook events processed per second on PostgreSQL (Stripe events signed
// with the stripe package's test helper, each verified, recorded once and applied in its
// request's transaction: half one-time Payment Link gifts from 500 donors, half renewals of 200
// plans), and checkout creations per second on the TEST rail (the appeal's form posted to
// POST /support/checkout, validated and recorded as pending). Run alone with
// `npx tsx bench/donations.bench.ts`; SQLite figures too, for comparison.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Stripe from 'stripe';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildServer } from '../src/web/server.ts';
import { benchDb, benchPostgresUrl, round } from './support.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 2000);
const CONCURRENCY = 8;
const WHSEC = 'whsec_bench';

async function parallel(total: number, run: (n: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await run(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

function event(n: number): Record<string, unknown> {
  const created = Math.floor(Date.now() / 1000) + n;
  if (n % 2 === 0) {
    return {
      id: `evt_bench_${n}`,
      type: 'checkout.session.completed',
      created,
      livemode: false,
      data: {
        object: {
          id: `cs_bench_${n}`,
          mode: 'payment',
          payment_status: 'paid',
          amount_total: 1000 + n,
          currency: 'eur',
          payment_intent: `pi_bench_${n}`,
          customer_details: { email: `donor${n % 500}@bench.example`, name: null },
        },
      },
    };
  }
  return {
    id: `evt_bench_${n}`,
    type: 'invoice.paid',
    created,
    livemode: false,
    data: {
      object: {
        id: `in_bench_${n}`,
        amount_paid: 500,
        currency: 'eur',
        customer_email: `plan${n % 200}@bench.example`,
        parent: { subscription_details: { subscription: `sub_bench_${n % 200}` } },
        lines: { data: [{ price: { recurring: { interval: 'month' } } }] },
      },
    },
  };
}

async function benchOne(dialect: 'sqlite' | 'postgres'): Promise<Record<string, number>> {
  const { db, drop } = await benchDb(dialect);
  await migrateToLatest(db);
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-donations-'));
  const config = loadConfig({
    env: {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      STRIPE_SECRET_KEY: 'sk_test_bench',
      STRIPE_WEBHOOK_SECRET: WHSEC,
      STRIPE_API_URL: 'http://127.0.0.1:9',
      DONATIONS_TEST_RAIL: 'on',
      DONATIONS_CHECKOUTS_PER_RANGE: '1000000',
    },
    cwd: dataDir,
  });
  const services = await createServices(config, { db, migrate: false, jobBackend: 'embedded' });
  const app = await buildServer(services, { admin: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const stripe = new Stripe('sk_test_bench');
  try {
    const bodies = Array.from({ length: EVENTS }, (_, n) => {
      const payload = JSON.stringify(event(n));
      return { payload, header: stripe.webhooks.generateTestHeaderString({ payload, secret: WHSEC }) };
    });
    const webhookSeconds = await parallel(EVENTS, async (n) => {
      const res = await fetch(`${base}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': bodies[n]!.header },
        body: bodies[n]!.payload,
      });
      if (res.status !== 200) throw new Error(`webhook ${n}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    });
    const replaySeconds = await parallel(EVENTS, async (n) => {
      const res = await fetch(`${base}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': bodies[n]!.header },
        body: bodies[n]!.payload,
      });
      if (res.status !== 200) throw new Error(`replay ${n}: ${res.status}`);
      await res.arrayBuffer();
    });
    const recorded = await db.kysely
      .selectFrom('donations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(recorded.n) !== EVENTS) throw new Error(`expected ${EVENTS} donations, found ${recorded.n}`);

    const form = new URLSearchParams({
      frequency: 'once',
      currency: 'EUR',
      amount: '10',
      rail: 'test',
      variant: 'a',
      source: 'bench',
    }).toString();
    const checkoutSeconds = await parallel(CHECKOUTS, async (n) => {
      const res = await fetch(`${base}/support/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        redirect: 'manual',
      });
      if (res.status !== 303) throw new Error(`checkout ${n}: ${res.status}`);
      await res.arrayBuffer();
    });
    return {
      [`${dialect} webhook events/s (new)`]: round(EVENTS / webhookSeconds),
      [`${dialect} webhook events/s (replayed, ignored)`]: round(EVENTS / replaySeconds),
      [`${dialect} test-rail checkouts/s`]: round(CHECKOUTS / checkoutSeconds),
    };
  } finally {
    await app.close();
    await services.close();
    await drop();
  }
}

export async function benchDonations(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  if (benchPostgresUrl) Object.assign(figures, await benchOne('postgres'));
  Object.assign(figures, await benchOne('sqlite'));
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchDonations());
}
