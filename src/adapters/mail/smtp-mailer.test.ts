import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { authenticate } from 'mailauth';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { MailSendError } from './mail-send-error.ts';
import { createSmtpMailer } from './smtp-mailer.ts';

// Our SMTP client against smtp-server on 127.0.0.1 (what the newsletter tests run against too):
// messages read back by mailparser with their DKIM signature verified by mailauth, with and
// without PIPELINING, refused recipients (4xx, 5xx) on a connection that goes on working, AUTH
// PLAIN and LOGIN, STARTTLS.

interface Received {
  from: string;
  to: string[];
  raw: Buffer;
  secure: boolean;
  user: string | undefined;
}

const servers: SMTPServer[] = [];
const mailers: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const m of mailers.splice(0)) m.close();
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
});

async function server(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const refusals = new Map<string, { code: number; text: string }>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          secure: session.secure,
          user: session.user as string | undefined,
        });
        callback();
      });
    },
    ...options,
  });
  // A client that refuses the certificate resets the connection: an error the server reports.
  smtp.on('error', () => undefined);
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  servers.push(smtp);
  const { port } = smtp.server.address() as AddressInfo;
  return {
    port,
    received,
    refuse: (address: string, code: number, text: string) => refusals.set(address, { code, text }),
  };
}

function mailer(url: string, options: Parameters<typeof createSmtpMailer>[2] = {}) {
  const m = createSmtpMailer(url, 'Newsroom <desk@news.example>', { connections: 2, ...options });
  mailers.push(m);
  return m;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dkim = {
  domainName: 'news.example',
  keySelector: 'sel',
  privateKey: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
};
const record = `v=DKIM1; k=rsa; p=${rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
const resolver = async (name: string, type: string) => {
  if (type === 'TXT' && name === 'sel._domainkey.news.example') return [[record]];
  throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
};
const dkimResults = async (raw: Buffer) =>
  (
    await authenticate(raw, { ip: '127.0.0.1', helo: 'h', sender: 'desk@news.example', mta: 'mx', resolver })
  ).dkim.results.map((r: { status: { result: string } }) => r.status.result);

const text = (i: number) => `Hello reader ${i}.\n.A line that starts with a dot.\n..and two.\n`;

describe.each([
  ['with PIPELINING', {}],
  ['without PIPELINING', { hidePIPELINING: true }],
] as const)('the SMTP mailer %s', (_name, serverOptions) => {
  it('delivers signed messages that parse and verify, over reused connections', async () => {
    const sink = await server(serverOptions);
    const m = mailer(`smtp://127.0.0.1:${sink.port}`, { dkim });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        m.send({
          to: { name: `Reader ${i}`, address: `reader${i}@mail.example` },
          subject: `Issue ${i}`,
          text: text(i),
          html: `<p>Hello reader ${i}</p>`,
          messageId: `<m${i}@news.example>`,
        }),
      ),
    );
    expect(sink.received).toHaveLength(6);
    for (const got of sink.received) {
      const i = Number(/reader(\d)/.exec(got.to[0]!)![1]);
      expect(got.from).toBe('desk@news.example');
      expect(got.to).toEqual([`reader${i}@mail.example`]);
      const parsed = await simpleParser(got.raw);
      expect(parsed.subject).toBe(`Issue ${i}`);
      expect(parsed.messageId).toBe(`<m${i}@news.example>`);
      expect(parsed.text).toBe(text(i).replace(/\n$/, ''));
      expect(parsed.html).toBe(`<p>Hello reader ${i}</p>`);
      expect(await dkimResults(got.raw)).toEqual(['pass']);
    }
  });

  it('maps a 5xx recipient to permanent, a 4xx to transient, and goes on with the next message', async () => {
    const sink = await server(serverOptions);
    sink.refuse('gone@mail.example', 550, 'No such user here');
    sink.refuse('full@mail.example', 452, 'Mailbox full, try later');
    const m = mailer(`smtp://127.0.0.1:${sink.port}`, { connections: 1 });
    const failure = (to: string) =>
      m.send({ to, subject: 's', text: 't' }).then(
        () => undefined,
        (e: unknown) => e,
      );
    const permanent = await failure('gone@mail.example');
    expect(permanent).toBeInstanceOf(MailSendError);
    expect(permanent).toMatchObject({ kind: 'permanent', stage: 'recipient', responseCode: 550 });
    expect((permanent as Error).message).toContain('No such user here');
    expect((permanent as Error).message).not.toContain('gone@');
    const transient = await failure('full@mail.example');
    expect(transient).toMatchObject({ kind: 'transient', stage: 'recipient', responseCode: 452 });
    // One connection: the refused transactions were reset, and it carries the next message.
    await m.send({ to: 'fine@mail.example', subject: 's', text: 'after the refusals' });
    expect(sink.received.map((r) => r.to)).toEqual([['fine@mail.example']]);
  });
});

describe('the SMTP mailer with authentication and TLS', () => {
  const onAuth: SMTPServerOptions['onAuth'] = (auth, _session, callback) => {
    if (auth.username === 'desk' && auth.password === 'p@ss:w/rd') return callback(null, { user: 'desk' });
    callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
  };

  it.each(['PLAIN', 'LOGIN'])('logs in with AUTH %s (credentials from the URL, encoded)', async (method) => {
    const sink = await server({
      disabledCommands: ['STARTTLS'],
      authMethods: [method],
      allowInsecureAuth: true,
      authOptional: false,
      onAuth,
    });
    const m = mailer(`smtp://desk:${encodeURIComponent('p@ss:w/rd')}@127.0.0.1:${sink.port}`);
    await m.send({ to: 'reader@mail.example', subject: 's', text: 't' });
    expect(sink.received.map((r) => r.user)).toEqual(['desk']);
  });

  it('a refused login is the session failing, transient, and nothing is sent', async () => {
    const sink = await server({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: false,
      onAuth,
    });
    const m = mailer(`smtp://desk:wrong@127.0.0.1:${sink.port}`);
    const error = await m
      .send({ to: 'reader@mail.example', subject: 's', text: 't' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient', stage: 'session', responseCode: 535 });
    expect(sink.received).toEqual([]);
  });

  it('upgrades with STARTTLS when offered, then logs in', async () => {
    // smtp-server's own self-signed certificate: trusted here by switching the check off.
    const sink = await server({ disabledCommands: [], authMethods: ['PLAIN'], authOptional: false, onAuth });
    const m = mailer(`smtp://desk:${encodeURIComponent('p@ss:w/rd')}@127.0.0.1:${sink.port}`, {
      tls: { rejectUnauthorized: false },
    });
    await m.send({ to: 'reader@mail.example', subject: 's', text: 't' });
    expect(sink.received.map((r) => [r.secure, r.user])).toEqual([[true, 'desk']]);
  });

  it('speaks TLS from the first byte to smtps://', async () => {
    const sink = await server({ secure: true, disabledCommands: ['AUTH'] });
    const m = mailer(`smtps://127.0.0.1:${sink.port}`, { tls: { rejectUnauthorized: false } });
    await m.send({ to: 'reader@mail.example', subject: 's', text: 't' });
    expect(sink.received.map((r) => r.secure)).toEqual([true]);
  });

  it('a server whose certificate does not verify is a transient session failure', async () => {
    const sink = await server({ secure: true, disabledCommands: ['AUTH'] });
    const m = mailer(`smtps://127.0.0.1:${sink.port}`);
    const error = await m
      .send({ to: 'reader@mail.example', subject: 's', text: 't' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient', stage: 'session' });
  });
});

describe('the SMTP mailer holding a message end', () => {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('hands the message over only once the hold settles, the rest already written', async () => {
    const sink = await server();
    const m = mailer(`smtp://127.0.0.1:${sink.port}`, { connections: 1 });
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const sent = m.send({ to: 'reader@mail.example', subject: 'held', text: 'body' }, { holdEndUntil: hold });
    await wait(300);
    expect(sink.received).toEqual([]);
    release();
    await sent;
    expect(sink.received.map((r) => r.to)).toEqual([['reader@mail.example']]);
    expect((await simpleParser(sink.received[0]!.raw)).text?.trim()).toBe('body');
  });

  it('withdraws the message when the hold fails: nothing is taken, the error is the session, the next message goes', async () => {
    const sink = await server();
    const m = mailer(`smtp://127.0.0.1:${sink.port}`, { connections: 1 });
    const hold = wait(100).then(() => Promise.reject(new Error('the database write failed')));
    // As the engine does: its write is observed when it is made, not only where it is awaited.
    hold.catch(() => undefined);
    const error = await m
      .send({ to: 'reader@mail.example', subject: 'withdrawn', text: 'body' }, { holdEndUntil: hold })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({ kind: 'transient', stage: 'session' });
    await m.send({ to: 'next@mail.example', subject: 'next', text: 'body' });
    await wait(100);
    expect(sink.received.map((r) => r.to)).toEqual([['next@mail.example']]);
  });
});
