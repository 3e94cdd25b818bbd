// A sender in its own process, for the kill-and-resume test: runs the engine on one send until it
// is done (waiting while another process's lease lasts), then exits 0. Run with `node --import tsx`.
import { connect } from '../../src/db/connect.ts';
import { createSmtpMailer } from '../../src/adapters/mail/index.ts';
import { createDeliveryStore, createSendEngine } from '../../src/modules/newsletters/index.ts';
import { standInDirectory } from './stand-in-directory.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const db = await connect({
  url: env('CHILD_DB_URL'),
  ...(process.env.CHILD_DB_SCHEMA ? { schema: process.env.CHILD_DB_SCHEMA } : {}),
});
const mailer = createSmtpMailer(env('CHILD_SMTP_URL'), 'Newsroom <desk@news.example>', {
  connections: Number(env('CHILD_CONCURRENCY')),
});
const sendId = env('CHILD_SEND_ID');
const { directory } = standInDirectory(Number(env('CHILD_COUNT')));
const engine = createSendEngine({
  store: createDeliveryStore(db),
  mailer,
  directory,
  concurrency: Number(env('CHILD_CONCURRENCY')),
  ratePerSecond: 0,
  batchSize: 40,
  leaseMs: 1000,
});
for (;;) {
  const outcome = await engine.run(sendId, 'list', (r) => ({
    to: r.email,
    subject: 'This week',
    text: `Hello ${r.subscriberId}`,
    messageId: `<${sendId}.${r.subscriberId}@news.example>`,
  }));
  if (outcome.state === 'done') break;
  await new Promise((r) => setTimeout(r, 100));
}
mailer.close();
await db.close();
process.exit(0);
