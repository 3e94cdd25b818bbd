// One SMTP connection (RFC 5321): greeting, EHLO (HELO when refused), STARTTLS when offered,
// AUTH PLAIN or LOGIN when credentials are given, then any number of transactions, one at a
// time. With PIPELINING, MAIL FROM, RCPT TO and DATA go in one write and the message after the
// 354; without it, one command per reply. A refused transaction is closed with RSET and the
// connection stays usable; a lost connection, a timeout or a reply that is not SMTP ends it.
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { dotStuff } from './dot-stuff.ts';
import { SmtpError, type SmtpCommand } from './smtp-error.ts';
import { capabilities, createReplyReader, replyText, type SmtpReply } from './smtp-reply.ts';

export interface SmtpServer {
  host: string;
  port: number;
  /** smtps: TLS from the first byte; otherwise STARTTLS when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** Options for the TLS handshake (a test's own CA, for instance). */
  tls?: ConnectionOptions;
}

export interface SmtpTimeouts {
  /** Until the TCP (and TLS) connection is up, then until the greeting. Default 30 s. */
  connectMs?: number;
  /** The longest wait for any reply. Default 10 minutes (a server may take long after DATA). */
  replyMs?: number;
}

export interface SmtpConnection {
  /** Sends one message; resolves on the server's 250 after DATA, throws an SmtpError otherwise. */
  /** `holdEnd`: everything but DATA's final "." is written meanwhile (SendOptions.holdEndUntil). */
  send(from: string, to: string, chunks: readonly string[], holdEnd?: Promise<unknown>): Promise<void>;
  /** Open, not in a transaction that went wrong, and not closing. */
  readonly usable: boolean;
  /** Messages this connection has carried. */
  readonly sent: number;
  /** QUIT, then close. */
  quit(): void;
  /** Called once when the connection is gone (closed by either side, or failed). */
  onGone(fn: () => void): void;
}

interface Waiter {
  command: SmtpCommand;
  resolve: (reply: SmtpReply) => void;
  reject: (error: SmtpError) => void;
}

/** The name EHLO gives: this host's name when it is a domain, else its address literal. */
function heloName(socket: Socket): string {
  const name = hostname();
  if (name.includes('.') && /^[A-Za-z0-9.-]+$/.test(name)) return name;
  const address = socket.localAddress ?? '127.0.0.1';
  return address.includes(':') ? `[IPv6:${address}]` : `[${address}]`;
}

export async function openSmtpConnection(
  server: SmtpServer,
  timeouts: SmtpTimeouts = {},
): Promise<SmtpConnection> {
  const connectMs = timeouts.connectMs ?? 30_000;
  // SNI names a host, never an address (RFC 6066).
  const servername = isIP(server.host) ? undefined : server.host;
  const tlsOptions = { host: server.host, ...(servername ? { servername } : {}), ...server.tls };
  const replyMs = timeouts.replyMs ?? 600_000;
  let socket: Socket | TLSSocket;
  const waiters: Waiter[] = [];
  const reader = createReplyReader();
  let gone: SmtpError | undefined;
  let broken = false;
  let quitting = false;
  let sent = 0;
  const goneHandlers: Array<() => void> = [];

  const fail = (error: SmtpError) => {
    if (gone) return;
    gone = error;
    socket.destroy();
    for (const w of waiters.splice(0)) w.reject(error);
    for (const fn of goneHandlers.splice(0)) fn();
  };
  // A lost connection is the session's failure whatever command was waiting (never the
  // recipient's or the message's): toMailSendError makes it transient.
  const lost = (code: string, message: string) => fail(new SmtpError(message, 'CONN', code));
  const onData = (data: string) => {
    let replies: SmtpReply[];
    try {
      replies = reader.push(data);
    } catch (error) {
      return lost('EPROTOCOL', (error as Error).message);
    }
    for (const reply of replies) {
      const waiter = waiters.shift();
      if (!waiter) return lost('EPROTOCOL', 'the server replied to nothing we asked');
      waiter.resolve(reply);
    }
    if (waiters.length === 0) socket.setTimeout(0);
  };
  const attach = (s: Socket | TLSSocket) => {
    socket = s;
    s.setEncoding('latin1');
    s.setNoDelay(true);
    s.on('data', onData);
    s.on('timeout', () => lost('ETIMEDOUT', 'the mail server did not answer in time'));
    s.on('error', (error: NodeJS.ErrnoException) =>
      lost(error.code === 'ECONNREFUSED' ? 'ECONNECTION' : (error.code ?? 'ECONNECTION'), error.message),
    );
    s.on('close', () => lost('ECONNECTION', 'the mail server closed the connection'));
  };
  /** The next reply, answering `command`. */
  const expect = (command: SmtpCommand, timeoutMs = replyMs): Promise<SmtpReply> => {
    if (gone) return Promise.reject(gone);
    if (waiters.length === 0) socket.setTimeout(timeoutMs);
    return new Promise((resolve, reject) => waiters.push({ command, resolve, reject }));
  };
  const refused = (command: SmtpCommand, reply: SmtpReply, beforeData = false) => {
    const text = replyText(reply);
    return new SmtpError(`${command} refused: ${text}`, command, 'EENVELOPE', text, reply.code, beforeData);
  };
  /** Writes `line`, returns its reply, which must have `want`'s first digit. */
  const command = async (name: SmtpCommand, line: string, want = 2) => {
    socket.write(`${line}\r\n`);
    const reply = await expect(name);
    if (Math.floor(reply.code / 100) !== want) throw refused(name, reply);
    return reply;
  };

  // Connect: plain or TLS, bounded by connectMs until the greeting.
  await new Promise<void>((resolve, reject) => {
    const s = server.secure
      ? tlsConnect({ port: server.port, ...tlsOptions })
      : netConnect({ host: server.host, port: server.port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new SmtpError('could not connect to the mail server in time', 'CONN', 'ETIMEDOUT'));
    }, connectMs);
    s.once(server.secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      s.removeAllListeners('error');
      attach(s);
      resolve();
    });
    s.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new SmtpError(error.message, 'CONN', server.secure ? 'ETLS' : 'ECONNECTION'));
    });
  });
  try {
    const greeting = await expect('CONN', connectMs);
    if (greeting.code !== 220) throw refused('CONN', greeting);
    const name = heloName(socket!);
    const hello = async () => {
      socket.write(`EHLO ${name}\r\n`);
      const reply = await expect('EHLO');
      if (reply.code === 250) return capabilities(reply);
      await command('HELO', `HELO ${name}`);
      return new Map<string, string[]>();
    };
    let caps = await hello();
    if (!server.secure && caps.has('STARTTLS')) {
      await command('STARTTLS', 'STARTTLS');
      const plain = socket!;
      plain.removeAllListeners('data');
      plain.removeAllListeners('timeout');
      plain.removeAllListeners('close');
      plain.removeAllListeners('error');
      plain.on('error', () => undefined);
      await new Promise<void>((resolve, reject) => {
        const s = tlsConnect({ socket: plain, ...tlsOptions });
        s.once('secureConnect', () => {
          s.removeAllListeners('error');
          attach(s);
          resolve();
        });
        s.once('error', (error: Error) => reject(new SmtpError(error.message, 'STARTTLS', 'ETLS')));
      });
      caps = await hello();
    }
    if (server.auth) await authenticate(server.auth, caps.get('AUTH') ?? [], command);
    const pipelining = caps.has('PIPELINING');

    return {
      get usable() {
        return !gone && !broken && !quitting;
      },
      get sent() {
        return sent;
      },
      onGone(fn) {
        if (gone) fn();
        else goneHandlers.push(fn);
      },
      quit() {
        if (gone || quitting) return;
        quitting = true;
        if (waiters.length === 0) socket.setTimeout(connectMs);
        waiters.push({ command: 'CONN', resolve: () => fail(closed), reject: () => undefined });
        socket.end('QUIT\r\n');
      },
      async send(from, to, chunks, holdEnd) {
        if (gone) throw new SmtpError(gone.message, 'CONN', gone.code, undefined, undefined, true);
        broken = true; // until the transaction ends in a known state
        const envelope: Array<[SmtpCommand, string]> = [
          ['MAIL FROM', `MAIL FROM:<${from}>`],
          ['RCPT TO', `RCPT TO:<${to}>`],
          ['DATA', 'DATA'],
        ];
        let error: SmtpError | undefined;
        let dataOpen = false;
        try {
          if (pipelining) {
            socket.write(envelope.map(([, line]) => `${line}\r\n`).join(''));
            const replies = await Promise.all(envelope.map(([name]) => expect(name)));
            replies.forEach((reply, i) => {
              if (!error && Math.floor(reply.code / 100) !== (i === 2 ? 3 : 2))
                error = refused(envelope[i]![0], reply, true);
            });
            dataOpen = replies[2]!.code === 354;
          } else {
            for (const [name, line] of envelope) {
              socket.write(`${line}\r\n`);
              const reply = await expect(name);
              if (Math.floor(reply.code / 100) !== (name === 'DATA' ? 3 : 2)) {
                error = refused(name, reply, true);
                break;
              }
            }
          }
        } catch (lostError) {
          const e = lostError as SmtpError;
          throw new SmtpError(e.message, e.command, e.code, e.response, e.responseCode, true);
        }
        if (error) {
          // Back to a clean state for the next message. A server that opened DATA all the same
          // (its recipient refused) gets an empty message ended at once: it has no one to give it to.
          try {
            if (dataOpen) {
              socket.write('.\r\n');
              await expect('DATA');
            }
            await command('RSET', 'RSET');
            broken = false;
          } catch {
            fail(new SmtpError('RSET refused', 'RSET', 'EPROTOCOL'));
          }
          throw error;
        }
        const data = dotStuff(chunks);
        const end = holdEnd ? data.pop()! : undefined;
        socket.cork();
        for (const piece of data) socket.write(piece);
        socket.uncork();
        if (end !== undefined) {
          try {
            await holdEnd;
          } catch {
            // Withdrawn: without its end the server never takes the message; the connection goes.
            const withdrawn = new SmtpError(
              'the message was withdrawn before its end',
              'CONN',
              'ECONNECTION',
            );
            fail(withdrawn);
            throw withdrawn;
          }
          // Lost while it waited (nothing was waiting for a reply to be told): not taken either.
          const lostMeanwhile = gone as SmtpError | undefined;
          if (lostMeanwhile) throw new SmtpError(lostMeanwhile.message, 'CONN', lostMeanwhile.code);
          socket.write(end);
        }
        const reply = await expect('DATA');
        broken = false;
        sent++;
        if (Math.floor(reply.code / 100) !== 2) throw refused('DATA', reply);
      },
    };
  } catch (error) {
    socket!.destroy();
    throw error instanceof SmtpError ? error : new SmtpError(String(error), 'CONN', 'ECONNECTION');
  }
}

const closed = new SmtpError('the connection was closed', 'CONN', 'ECONNECTION');

async function authenticate(
  auth: { user: string; pass: string },
  offered: readonly string[],
  command: (name: SmtpCommand, line: string, want?: number) => Promise<SmtpReply>,
): Promise<void> {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  try {
    // PLAIN when offered or when the server names nothing; LOGIN when that is all it offers.
    if (offered.includes('LOGIN') && !offered.includes('PLAIN')) {
      await command('AUTH LOGIN', 'AUTH LOGIN', 3);
      await command('AUTH LOGIN', b64(auth.user), 3);
      await command('AUTH LOGIN', b64(auth.pass));
    } else {
      await command('AUTH PLAIN', `AUTH PLAIN ${b64(`\0${auth.user}\0${auth.pass}`)}`);
    }
  } catch (error) {
    const e = error as SmtpError;
    throw new SmtpError(e.message, e.command, 'EAUTH', e.response, e.responseCode);
  }
}
