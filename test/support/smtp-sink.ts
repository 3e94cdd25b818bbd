// A real SMTP server on 127.0.0.1 for the newsletter tests: records each accepted message (its
// envelope recipient and raw source), can answer chosen recipients with chosen replies, and can
// hold messages unanswered (to kill a sender while messages are in flight).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SinkMessage {
  to: string;
  raw: Buffer;
}

export interface SmtpSink {
  url: string;
  port: number;
  received: SinkMessage[];
  /** Reply to RCPT TO of this address with an error (code + message), `times` times (default always). */
  refuse(address: string, code: number, message: string, times?: number): void;
  /** From now on, keep DATA unanswered; `held()` counts those waiting. */
  hold(on: boolean): void;
  /** Hold every message after the first `n` accepted ones. */
  holdAfter(n: number): void;
  /** Call `fn` right after the `n`th message was answered 250. */
  afterAccepted(n: number, fn: () => void): void;
  held(): number;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: SinkMessage[] = [];
  const refusals = new Map<string, { code: number; message: string; times: number }>();
  let holding = false;
  let holdAfterN = Infinity;
  let hook: { n: number; fn: () => void } | undefined;
  let heldCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address.toLowerCase());
      if (refusal && refusal.times > 0) {
        refusal.times--;
        const error = new Error(refusal.message) as Error & { responseCode: number };
        error.responseCode = refusal.code;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (holding || received.length >= holdAfterN) {
          heldCount++;
          return; // never answered: the sender does not know whether it went
        }
        for (const rcpt of session.envelope.rcptTo)
          received.push({ to: rcpt.address, raw: Buffer.concat(chunks) });
        callback();
        if (hook && received.length >= hook.n) {
          const { fn } = hook;
          hook = undefined;
          fn();
        }
      });
    },
  });
  // A sender killed mid-conversation resets its connections: expected here, not a failure.
  server.on('error', () => {});
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    refuse(address, code, message, times = Infinity) {
      refusals.set(address.toLowerCase(), { code, message, times });
    },
    hold(on) {
      holding = on;
    },
    held: () => heldCount,
    holdAfter(n) {
      holdAfterN = n;
    },
    afterAccepted(n, fn) {
      hook = { n, fn };
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Held connections would keep close() waiting for ever.
        for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections ??
          [])
          connection.close();
        server.close(() => resolve());
      }),
  };
}
