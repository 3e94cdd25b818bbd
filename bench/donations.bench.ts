// Reader revenue: payment webhook events processed per second on PostgreSQL (Stripe events signed
// with the stripe package's test helper, each verified, recorded once and applied in its
// request's transaction: half one-time Payment Link gifts from 500 donors, half renewals of 200
// plans), the same events replayed (recognised and ignored), checkout creations per second on the
// TEST rail (the appeal's form posted to POST /support/checkout, validated and recorded as
// pending), and the appeal script's size as sent (gzip -9 and brotli). Each rate is the median of
// RUNS timed runs after one untimed warm-up run (JIT, connection pool, statement caches), with
// the 1-minute load average beside it: the machine is shared. The server runs in this process,
// so the figures include the client's cost too. Run alone with `npx tsx bench/donations.bench.ts`;
// SQLite figures too, for comparison. BENCH_EVENTS and BENCH_CHECKOUTS are per run.
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import Stripe from 'stripe';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildServer } from '../src/web/server.ts';
import { appealScript } from '../src/modules/appeal/index.ts';
import { benchDb, benchPostgresUrl, round } from './support.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONCURRENCY = 8;
const WHSEC = 'whsec_bench';

async function parallel(first: number, total: number, run: (n: number) => Promise<void>): Promise<number> {
  let next = first;
  const end = first + total;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < end) await run(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One warm-up run of `size` items, then RUNS timed runs of `size` fresh items each: the median
 * rate per second, the slowest and fastest run, and the load average at the end.
 */
async function measure(
  label: string,
  size: number,
  run: (n: number) => Promise<void>,
): Promise<Record<string, number>> {
  let offset = 0;
  await parallel(offset, size, run);
  offset += size;
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    rates.push(size / (await parallel(offset, size, run)));
    offset += size;
  }
  return {
    [`${label}/s (median of ${RUNS})`]: round(median(rates)),
    [`${label}/s (slowest run)`]: round(Math.min(...rates)),
    [`${label}/s (fastest run)`]: round(Math.max(...rates)),
    [`${label}: load average (1 min)`]: round(loadavg()[0]!, 2),
  };
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
    const total = (RUNS + 1) * EVENTS;
    const bodies = Array.from({ length: total }, (_, n) => JSON.stringify(event(n)));
    // Signed when sent, as Stripe does: a signature older than five minutes is refused, and a
    // loaded machine takes longer than that over all the runs.
    const post = async (n: number, what: string) => {
      const payload = bodies[n]!;
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret: WHSEC });
      const res = await fetch(`${base}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': header },
        body: payload,
      });
      if (res.status !== 200) throw new Error(`${what} ${n}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const figures: Record<string, number> = {};
    Object.assign(
      figures,
      await measure(`${dialect} webhook events (new)`, EVENTS, (n) => post(n, 'webhook')),
    );
    Object.assign(
      figures,
      await measure(`${dialect} webhook events (replayed, ignored)`, EVENTS, (n) =>
        post(n % total, 'replay'),
      ),
    );
    const recorded = await db.kysely
      .selectFrom('donations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(recorded.n) !== total) throw new Error(`expected ${total} donations, found ${recorded.n}`);

    const form = new URLSearchParams({
      frequency: 'once',
      currency: 'EUR',
      amount: '10',
      rail: 'test',
      variant: 'a',
      source: 'bench',
    }).toString();
    Object.assign(
      figures,
      await measure(`${dialect} test-rail checkouts`, CHECKOUTS, async (n) => {
        const res = await fetch(`${base}/support/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
          redirect: 'manual',
        });
        if (res.status !== 303) throw new Error(`checkout ${n}: ${res.status}`);
        await res.arrayBuffer();
      }),
    );
    const pending = await db.kysely
      .selectFrom('donations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const checkouts = (RUNS + 1) * CHECKOUTS;
    if (Number(pending.n) !== checkouts) throw new Error(`expected ${checkouts} pending, found ${pending.n}`);
    return figures;
  } finally {
    await app.close();
    await services.close();
    await drop();
  }
}

/** The appeal script as the server sends it: minified, then gzip -9 or brotli (quality 11). */
function appealScriptSizes(): Record<string, number> {
  const script = appealScript();
  return {
    'appeal.js bytes (minified)': script.length,
    'appeal.js bytes (gzip -9)': gzipSync(script, { level: 9 }).length,
    'appeal.js bytes (brotli 11)': brotliCompressSync(script).length,
  };
}

export async function benchDonations(): Promise<Record<string, number>> {
  const figures: Record<string, number> = appealScriptSizes();
  if (benchPostgresUrl) Object.assign(figures, await benchOne('postgres'));
  Object.assign(figures, await benchOne('sqlite'));
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchDonations());
}
