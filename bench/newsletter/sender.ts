// The benchmark's sender, in a process of its own (its peak RSS is the figure; the kill test
// SIGKILLs it). BENCH_MODE=engine: our engine sends the personalised, DKIM-signed issue of
// BENCH_SEND_ID to the list's recipients from PostgreSQL. BENCH_MODE=raw: the same SMTP adapter
// sends the same message BENCH_N times with nothing else (no database, no personalisation).
// Prints one JSON line: {sent, ms, maxRssMb}.
import { connect } from '../../src/db/connect.ts';
import { deriveKeys } from '../../src/crypto/secret-key.ts';
import { createSmtpMailer, loadDkimKey } from '../../src/adapters/mail/index.ts';
import {
  createDeliveryStore,
  createSendEngine,
  personalise,
  renderIssue,
} from '../../src/modules/newsletters/index.ts';
import { createSubscriberDirectory } from '../../src/modules/subscribers/index.ts';
import { benchIssue, BENCH_FROM, BENCH_SITE } from './issue.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const concurrency = Number(env('BENCH_CONCURRENCY'));
const dkimFiles = env('BENCH_DKIM_FILE');
const dkim = loadDkimKey({
  DKIM_DOMAIN: 'news.example',
  DKIM_SELECTOR: dkimFiles
    .split(',')
    .map((_, i) => `bench${i}`)
    .join(','),
  DKIM_PRIVATE_KEY_FILE: dkimFiles,
});
const mailer = createSmtpMailer(env('BENCH_SMTP_URL'), BENCH_FROM, {
  connections: concurrency,
  ...(dkim ? { dkim } : {}),
});
const template = renderIssue(benchIssue());
const started = performance.now();
const cpuStart = process.cpuUsage();
let sent = 0;

if (env('BENCH_MODE') === 'raw') {
  const n = Number(env('BENCH_N'));
  const links = {
    preferencesUrl: `${BENCH_SITE}/newsletter/preferences/token`,
    unsubscribeUrl: `${BENCH_SITE}/newsletter/unsubscribe/token`,
    unsubscribeMailto: 'mailto:desk@news.example?subject=unsubscribe%20token',
  };
  const message = personalise(
    template,
    { subscriberId: 's', email: 'reader@mail.example', name: null, language: 'en' },
    links,
    '<raw@news.example>',
  );
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        await mailer.send({
          ...message,
          to: `reader${i}@mail.example`,
          messageId: `<raw.${i}@news.example>`,
        });
        sent++;
      }
    }),
  );
} else {
  const db = await connect({ url: env('BENCH_DB_URL'), schema: env('BENCH_DB_SCHEMA') });
  const keys = deriveKeys(Buffer.from(env('BENCH_MASTER_KEY'), 'hex'));
  const directory = createSubscriberDirectory({
    db,
    keys,
    siteUrl: BENCH_SITE,
    mailFrom: BENCH_FROM,
    softBounceLimit: 3,
  });
  const store = createDeliveryStore(db);
  const engine = createSendEngine({ store, mailer, directory, concurrency, ratePerSecond: 0, leaseMs: 3000 });
  const sendId = env('BENCH_SEND_ID');
  const listId = env('BENCH_LIST_ID');
  for (;;) {
    const outcome = await engine.run(sendId, listId, (r) =>
      personalise(
        template,
        r,
        directory.links(r.subscriberId, listId),
        `<${sendId}.${r.subscriberId}@news.example>`,
      ),
    );
    if (outcome.state === 'done') break;
    await new Promise((r) => setTimeout(r, 250)); // a killed run's lease has to lapse first
  }
  sent = (await store.getSend(sendId))?.accepted ?? 0;
  await db.close();
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
mailer.close();
console.log(JSON.stringify({ sent, ms, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
process.exit(0);
