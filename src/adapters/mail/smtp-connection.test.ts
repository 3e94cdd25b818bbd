import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { dotStuff } from './dot-stuff.ts';
import { toMailSendError } from './mail-send-error.ts';
import { createSmtpPool, type SmtpPool } from './smtp-pool.ts';
import { createReplyReader } from './smtp-reply.ts';

// The SMTP client on the wire: a scripted server on 127.0.0.1 sees what is written and when
// (PIPELINING groups, one command per reply without it), drops connections mid-DATA and while
// idle; smtp-server checks dot-stuffing end to end.

interface Script {
  pipelining: boolean;
  /** Called with each transaction's DATA content once it ended; false: drop the connection instead. */
  onMessage?: (content: string, connection: number) => boolean;
  /** Drop the connection after this many bytes of the first DATA content. */
  dropInDataAfter?: number;
  /** Milliseconds before answering MAIL FROM (to see whether RCPT waits for it). */
  mailDelayMs?: number;
}

interface Scripted {
  port: number;
  /** What each read from the client held, in order, over all connections. */
  reads: string[];
  /** Complete messages accepted, in order. */
  accepted: string[];
  /** Lines received before the reply to MAIL FROM had been written (without PIPELINING: none). */
  early: string[];
  connections: Socket[];
}

const servers: Server[] = [];
const pools: SmtpPool[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) p.close();
  for (const s of servers.splice(0)) {
    s.close();
    await once(s, 'close');
  }
});

async function scripted(script: Script): Promise<Scripted> {
  const state: Scripted = { port: 0, reads: [], accepted: [], early: [], connections: [] };
  let dropped = false;
  const server = createServer((socket) => {
    const index = state.connections.push(socket) - 1;
    socket.setEncoding('latin1');
    socket.on('error', () => undefined);
    let buffer = '';
    let data: string | undefined;
    let mailPending = false;
    socket.write('220 scripted ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      state.reads.push(chunk);
      buffer += chunk;
      for (;;) {
        if (data !== undefined) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (
            script.dropInDataAfter !== undefined &&
            !dropped &&
            data.length + buffer.length >= script.dropInDataAfter
          ) {
            dropped = true;
            socket.destroy();
            return;
          }
          if (end < 0) return;
          const content = data + buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 5);
          data = undefined;
          if (script.onMessage && !script.onMessage(content, index)) {
            socket.destroy();
            return;
          }
          state.accepted.push(content);
          socket.write('250 2.0.0 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        if (mailPending) state.early.push(line);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO')
          socket.write(`250-scripted\r\n${script.pipelining ? '250-PIPELINING\r\n' : ''}250 8BITMIME\r\n`);
        else if (verb === 'MAIL' && script.mailDelayMs) {
          mailPending = true;
          setTimeout(() => {
            mailPending = false;
            socket.write('250 2.1.0 ok\r\n');
          }, script.mailDelayMs);
        } else if (verb === 'DATA') {
          data = '';
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  state.port = (server.address() as AddressInfo).port;
  return state;
}

function pool(port: number, size = 1) {
  const p = createSmtpPool({ host: '127.0.0.1', port, secure: false }, { size });
  pools.push(p);
  return p;
}

const message = (n: number) => [`Subject: ${n}\r\n`, '\r\n', `Body ${n}\r\n`];

describe('the SMTP connection on the wire', () => {
  it('with PIPELINING writes MAIL FROM, RCPT TO and DATA in one go', async () => {
    const server = await scripted({ pipelining: true });
    const p = pool(server.port);
    await p.send('desk@news.example', 'a@mail.example', message(1));
    await p.send('desk@news.example', 'b@mail.example', message(2));
    const envelopes = server.reads.filter((r) => r.includes('MAIL FROM'));
    expect(envelopes).toEqual([
      'MAIL FROM:<desk@news.example>\r\nRCPT TO:<a@mail.example>\r\nDATA\r\n',
      'MAIL FROM:<desk@news.example>\r\nRCPT TO:<b@mail.example>\r\nDATA\r\n',
    ]);
    expect(server.accepted).toEqual(['Subject: 1\r\n\r\nBody 1\r\n', 'Subject: 2\r\n\r\nBody 2\r\n']);
    expect(server.connections).toHaveLength(1);
  });

  it('without PIPELINING waits for each reply before the next command', async () => {
    const server = await scripted({ pipelining: false, mailDelayMs: 50 });
    const p = pool(server.port);
    await p.send('desk@news.example', 'a@mail.example', message(1));
    expect(server.early).toEqual([]);
    expect(server.reads.some((r) => r.includes('MAIL FROM') && r.includes('RCPT TO'))).toBe(false);
    expect(server.accepted).toHaveLength(1);
  });

  it('a connection lost mid-DATA is a transient session failure; sent again, the message arrives once', async () => {
    const server = await scripted({ pipelining: true, dropInDataAfter: 10 });
    const p = pool(server.port);
    const big = [`Subject: big\r\n\r\n`, `${'x'.repeat(70)}\r\n`.repeat(2000)];
    const error = await p.send('desk@news.example', 'a@mail.example', big).catch((e: unknown) => e);
    // Not retried by the pool: part of the message had been written.
    expect(server.connections).toHaveLength(1);
    expect(toMailSendError(error)).toMatchObject({ kind: 'transient', stage: 'session' });
    expect(server.accepted).toEqual([]);
    await p.send('desk@news.example', 'a@mail.example', big);
    expect(server.accepted).toHaveLength(1);
    expect(server.connections).toHaveLength(2);
  });

  it('a connection the server dropped while idle is replaced without an error or a copy', async () => {
    const server = await scripted({ pipelining: true });
    const p = pool(server.port);
    await p.send('desk@news.example', 'a@mail.example', message(1));
    // The server goes away from the idle connection without a word (no close seen yet either).
    server.connections[0]!.destroy();
    await p.send('desk@news.example', 'b@mail.example', message(2));
    expect(server.accepted).toEqual(['Subject: 1\r\n\r\nBody 1\r\n', 'Subject: 2\r\n\r\nBody 2\r\n']);
  });

  it('a message whose end the server answered with a drop is not tried again by the pool', async () => {
    let attempts = 0;
    // The first message goes; the connection (now a reused one) is dropped after the second's end.
    const server = await scripted({ pipelining: true, onMessage: () => ++attempts === 1 });
    const p = pool(server.port);
    await p.send('desk@news.example', 'a@mail.example', message(1));
    await expect(p.send('desk@news.example', 'b@mail.example', message(2))).rejects.toMatchObject({
      command: 'CONN',
    });
    expect(attempts).toBe(2);
  });
});

describe('dot-stuffing', () => {
  it('doubles a dot that starts a line, across pieces, and ends the data', () => {
    expect(dotStuff(['.a\r\n', 'b\r\n.c', '\r\n', '.d\r\nno.dot\r\n'])).toEqual([
      '..a\r\n',
      'b\r\n..c',
      '\r\n',
      '..d\r\nno.dot\r\n',
      '.\r\n',
    ]);
    expect(dotStuff(['no line break at the end'])).toEqual(['no line break at the end', '\r\n.\r\n']);
    const shared = 'a line\r\nanother\r\n';
    expect(dotStuff([shared])[0]).toBe(shared);
  });

  it('smtp-server receives the lines as they were, dots and all', async () => {
    const received: Buffer[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const p = pool((smtp.server.address() as AddressInfo).port);
    const body = '.first\r\nmiddle\r\n.\r\n..two\r\n';
    await p.send('desk@news.example', 'a@mail.example', [
      'Subject: dots\r\n\r\n',
      body.slice(0, 9),
      body.slice(9),
    ]);
    p.close(); // QUIT: smtp-server's close waits for its connections
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    expect(received.map((r) => r.toString())).toEqual([`Subject: dots\r\n\r\n${body}`]);
    expect((await simpleParser(received[0]!)).text).toBe(body.replace(/\r\n/g, '\n'));
  });
});

describe('SMTP replies', () => {
  it('reads multi-line replies split anywhere, several per read', () => {
    const reader = createReplyReader();
    expect(reader.push('250-one\r\n25')).toEqual([]);
    expect(reader.push('0 two\r\n354 go\r\n2')).toEqual([
      { code: 250, lines: ['250-one', '250 two'] },
      { code: 354, lines: ['354 go'] },
    ]);
    expect(reader.push('21\r\n')).toEqual([{ code: 221, lines: ['221'] }]);
    expect(() => reader.push('hello\r\n')).toThrow(/not an SMTP reply/);
  });
});
