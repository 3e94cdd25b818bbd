// `npm run bench -- newsletter`: a personalised, DKIM-signed issue to N subscribers on
// PostgreSQL, sent by our engine into a local SMTP sink (smtp-server on 127.0.0.1 that discards),
// beside the raw rate of the same SMTP adapter sending the same message with nothing around it;
// then a send killed with SIGKILL at 50% and resumed, counting what each recipient got.
// N: BENCH_NEWSLETTER_SUBSCRIBERS (default 100,000). PostgreSQL: BENCH_DATABASE_URL,
// TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test, in a schema of its own that is
// dropped afterwards. Targets (issue 11): >= 1,000 msg/s, >= 70% of raw, peak RSS < 300 MB.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { connect, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { deriveKeys, type Keys } from '../src/crypto/secret-key.ts';
import { lookupHash, seal } from '../src/crypto/sealed-box.ts';
import { createDeliveryStore } from '../src/modules/newsletters/index.ts';
import { round } from './support.ts';

const HERE = resolve(import.meta.dirname, 'newsletter');
const CONCURRENCY = Number(process.env.BENCH_NEWSLETTER_CONCURRENCY ?? 8); // MAIL_CONCURRENCY default

/**
 * N confirmed subscribers of the list, sealed as in production, 10,000 rows a statement: the
 * columns go as arrays and PostgreSQL's unnest makes the rows (a few parameters per statement
 * instead of fifteen per row).
 */
async function populate(db: Db, keys: Keys, listId: string, n: number): Promise<void> {
  const at = new Date().toISOString();
  for (let start = 0; start < n; start += 10_000) {
    const ids: string[] = [];
    const sealed: string[] = [];
    const hashes: string[] = [];
    const names: Array<string | null> = [];
    for (let i = start; i < Math.min(n, start + 10_000); i++) {
      const email = `reader${i}@mail.example`;
      ids.push(`s${String(i).padStart(8, '0')}`);
      sealed.push(seal(keys.encryption, email));
      hashes.push(lookupHash(keys.hashing, email));
      names.push(i % 2 ? seal(keys.encryption, `Reader ${i}`) : null);
    }
    await sql`
      insert into subscribers (id, email_sealed, email_hash, name_sealed, language, status,
        soft_bounces, link_version, created_at, confirmed_at, updated_at)
      select id, e, h, nm, 'en', 'confirmed', 0, 1, ${at}, ${at}, ${at}
      from unnest(${ids}::text[], ${sealed}::text[], ${hashes}::text[], ${names}::text[]) as t(id, e, h, nm)
    `.execute(db.kysely);
    await sql`
      insert into subscriptions (newsletter_id, subscriber_id, status, subscriber_status, created_at, updated_at)
      select ${listId}, id, 'active', 'confirmed', ${at}, ${at} from unnest(${ids}::text[]) as t(id)
    `.execute(db.kysely);
  }
}

async function newSend(db: Db, listId: string, total: number): Promise<string> {
  const id = randomUUID();
  const at = new Date().toISOString();
  await db.kysely
    .insertInto('newsletter_issues')
    .values({
      id,
      newsletter_id: listId,
      number: Math.floor(Math.random() * 1e9),
      slug: `weekly-${id.slice(0, 8)}`,
      kind: 'digest',
      status: 'sending',
      subject: 'This week',
      intro: '',
      language: 'en',
      since: at,
      scheduled_for: null,
      created_at: at,
      updated_at: at,
      edited_by: null,
      sent_at: null,
    })
    .execute();
  return (
    await createDeliveryStore(db).createSend({ issueId: id, newsletterId: listId, total, now: new Date() })
  ).id;
}

type SinkReport = {
  total: number;
  distinct: number;
  repeated: number;
  repeatedMessageIds: number;
  cpuMs: number;
};

function ask(sink: ChildProcess, message: string): Promise<SinkReport> {
  return new Promise((done) => {
    sink.once('message', (m) => done(m as SinkReport));
    sink.send(message);
  });
}

function sender(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(HERE, 'sender.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

type SenderResult = { sent: number; ms: number; cpuMs: number; maxRssMb: number };

async function result(child: ChildProcess): Promise<SenderResult> {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the sender exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop()!) as SenderResult;
}

export async function benchNewsletter(): Promise<Record<string, number>> {
  const n = Number(process.env.BENCH_NEWSLETTER_SUBSCRIBERS ?? 100_000);
  const url =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_nl_${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'samizdat-bench-nl-'));
  // BENCH_NEWSLETTER_DKIM: rsa (default: RSA-2048, what every receiver verifies), ed25519, or
  // both (two signatures per message, RFC 8463's advice).
  const dkimKind = process.env.BENCH_NEWSLETTER_DKIM ?? 'rsa';
  const keyFile = (type: 'rsa' | 'ed25519') => {
    const file = join(dir, `dkim-${type}.pem`);
    const pair =
      type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
    writeFileSync(file, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    return file;
  };
  const dkimFile =
    dkimKind === 'both'
      ? `${keyFile('rsa')},${keyFile('ed25519')}`
      : keyFile(dkimKind === 'ed25519' ? 'ed25519' : 'rsa');
  const master = randomBytes(32);
  const keys = deriveKeys(master);
  const db = await connect({ url, schema });
  const sink = fork(join(HERE, 'smtp-discard.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const figures: Record<string, number> = {
    subscribers: n,
    dkimRsa: dkimKind === 'ed25519' ? 0 : 1,
    dkimEd25519: dkimKind === 'rsa' ? 0 : 1,
    loadAverage1m: round(loadavg()[0]!, 2),
  };
  try {
    const [{ port }] = (await once(sink, 'message')) as [{ port: number }];
    await migrateToLatest(db);
    const list = await db.kysely
      .selectFrom('newsletters')
      .select('id')
      .where('slug', '=', 'weekly')
      .executeTakeFirstOrThrow();
    let t = performance.now();
    await populate(db, keys, list.id, n);
    figures.populateSeconds = round((performance.now() - t) / 1000);
    const common = {
      BENCH_SMTP_URL: `smtp://127.0.0.1:${port}`,
      BENCH_DKIM_FILE: dkimFile,
      BENCH_CONCURRENCY: String(CONCURRENCY),
      BENCH_DB_URL: url,
      BENCH_DB_SCHEMA: schema,
      BENCH_MASTER_KEY: master.toString('hex'),
      BENCH_LIST_ID: list.id,
    };

    // The raw rate: the same adapter, the same message, nothing else.
    console.error(`newsletter bench: ${n} subscribers in ${figures.populateSeconds} s; raw send…`);
    await ask(sink, 'reset');
    const raw = await result(sender({ ...common, BENCH_MODE: 'raw', BENCH_N: String(n) }));
    const rawRate = Math.round(raw.sent / (raw.ms / 1000));
    figures.rawMessagesPerSecond = rawRate;
    // On a shared machine the wall clock measures the neighbours too: messages per CPU second of
    // the sending process is the figure that does not depend on them.
    figures.rawMessagesPerCpuSecond = Math.round(raw.sent / (raw.cpuMs / 1000));
    figures.rawPeakRssMb = round(raw.maxRssMb);
    figures.rawSenderCpuMsPerMessage = round(raw.cpuMs / raw.sent, 3);
    figures.rawSinkCpuMsPerMessage = round((await ask(sink, 'report')).cpuMs / raw.sent, 3);

    // Our engine: PostgreSQL, personalised links, durable per-recipient state.
    console.error('newsletter bench: engine send…');
    await ask(sink, 'reset');
    const sendId = await newSend(db, list.id, n);
    const engine = await result(sender({ ...common, BENCH_MODE: 'engine', BENCH_SEND_ID: sendId }));
    const received = await ask(sink, 'report');
    const engineRate = Math.round(engine.sent / (engine.ms / 1000));
    figures.engineMessagesPerSecond = engineRate;
    figures.engineMessagesPerCpuSecond = Math.round(engine.sent / (engine.cpuMs / 1000));
    figures.enginePeakRssMb = round(engine.maxRssMb);
    figures.engineSenderCpuMsPerMessage = round(engine.cpuMs / engine.sent, 3);
    figures.engineSinkCpuMsPerMessage = round(received.cpuMs / engine.sent, 3);
    figures.engineShareOfRawPercent = round((100 * engineRate) / rawRate);
    figures.engineCpuShareOfRawPercent = round(
      (100 * figures.engineMessagesPerCpuSecond) / figures.rawMessagesPerCpuSecond,
    );
    figures.engineReceivedDistinct = received.distinct;
    figures.engineReceivedRepeated = received.repeated;
    figures.loadAverage1mAfterSend = round(loadavg()[0]!, 2);

    // Killed at 50% with SIGKILL, then resumed by a new process.
    console.error('newsletter bench: kill at 50% and resume…');
    await ask(sink, 'reset');
    const killId = await newSend(db, list.id, n);
    const store = createDeliveryStore(db);
    const env = { ...common, BENCH_MODE: 'engine', BENCH_SEND_ID: killId };
    const first = sender(env);
    first.stdout!.resume();
    t = performance.now();
    for (;;) {
      // Per-recipient rows: the send's own counter is brought up to date a batch at a time.
      if ((await store.counts(killId)).accepted >= n / 2) break;
      if (first.exitCode !== null) throw new Error('the first sender finished before 50%');
      await new Promise((r) => setTimeout(r, 20));
    }
    first.kill('SIGKILL');
    await once(first, 'exit');
    figures.killedAtAccepted = (await store.counts(killId)).accepted;
    const resumed = await result(sender(env));
    const after = await ask(sink, 'report');
    figures.killResumeSeconds = round((performance.now() - t) / 1000);
    figures.killResumeRecipientsReached = after.distinct;
    figures.killResumeMissing = n - after.distinct;
    // At most CONCURRENCY (one accepted-but-unrecorded per worker), each with the same Message-ID:
    // a receiver keeps one copy. repeatedMessageIds (different ids to one reader) must be 0.
    figures.killResumeRepeated = after.repeated;
    figures.killResumeRepeatedMessageIds = after.repeatedMessageIds;
    figures.killResumeAccepted = resumed.sent;
  } finally {
    sink.send('exit');
    await db.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchNewsletter());
