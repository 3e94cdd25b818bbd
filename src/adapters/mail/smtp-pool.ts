// Connections to one SMTP server, at most `size` open at once, each carrying any number of
// messages one after another (a newsletter is not slowed by reconnecting). A message waits for
// a free connection; a connection that failed is dropped and a new one opened for the next
// message. A connection left idle is closed with QUIT after `idleMs` (servers drop idle
// clients, and a staff mail every hour needs no open socket).
//
// A message is never sent twice by the pool: only when a reused connection turns out dead before
// any of the message was written (the server closed it while idle) is it tried once more on a
// new connection; anything later is the caller's error to handle.
import {
  openSmtpConnection,
  type SmtpConnection,
  type SmtpServer,
  type SmtpTimeouts,
} from './smtp-connection.ts';
import { SmtpError } from './smtp-error.ts';

export interface SmtpPoolOptions extends SmtpTimeouts {
  size: number;
  /** Close a connection unused for this long. Default 30 s. */
  idleMs?: number;
  /** Opens a connection (tests); default openSmtpConnection. */
  open?: (server: SmtpServer, timeouts: SmtpTimeouts) => Promise<SmtpConnection>;
}

export interface SmtpPool {
  /** `holdEnd`: see SendOptions.holdEndUntil (mailer.types.ts). */
  send(from: string, to: string, chunks: readonly string[], holdEnd?: Promise<unknown>): Promise<void>;
  /** QUIT on every connection once its message is done; waiting messages fail. */
  close(): void;
}

interface Waiter {
  resolve: (connection: SmtpConnection) => void;
  reject: (error: unknown) => void;
}

export function createSmtpPool(server: SmtpServer, options: SmtpPoolOptions): SmtpPool {
  const size = Math.max(1, options.size);
  const idleMs = options.idleMs ?? 30_000;
  const open = options.open ?? openSmtpConnection;
  const timeouts: SmtpTimeouts = {
    ...(options.connectMs !== undefined ? { connectMs: options.connectMs } : {}),
    ...(options.replyMs !== undefined ? { replyMs: options.replyMs } : {}),
  };
  const idle: Array<{ connection: SmtpConnection; timer: NodeJS.Timeout }> = [];
  const queue: Waiter[] = [];
  let live = 0; // open or opening
  let opening = 0;
  let closed = false;

  const dispatch = () => {
    while (queue.length > 0 && idle.length > 0) {
      const { connection, timer } = idle.pop()!;
      clearTimeout(timer);
      if (connection.usable) queue.shift()!.resolve(connection);
      else live--;
    }
    while (queue.length > opening && live < size && !closed) {
      live++;
      opening++;
      open(server, timeouts).then(
        (connection) => {
          opening--;
          connection.onGone(() => {
            const at = idle.findIndex((entry) => entry.connection === connection);
            if (at >= 0) {
              clearTimeout(idle[at]!.timer);
              idle.splice(at, 1);
              live--;
            }
          });
          release(connection);
        },
        (error: unknown) => {
          opening--;
          live--;
          // This attempt was for the oldest waiter; the others try connections of their own.
          queue.shift()?.reject(error);
          dispatch();
        },
      );
    }
  };
  const release = (connection: SmtpConnection) => {
    if (!connection.usable || closed) {
      live--;
      connection.quit();
      dispatch();
      return;
    }
    const waiter = queue.shift();
    if (waiter) return waiter.resolve(connection);
    const timer = setTimeout(() => {
      const at = idle.findIndex((entry) => entry.connection === connection);
      if (at >= 0) {
        idle.splice(at, 1);
        live--;
        connection.quit();
      }
    }, idleMs);
    timer.unref();
    idle.push({ connection, timer });
  };
  const acquire = () =>
    new Promise<SmtpConnection>((resolve, reject) => {
      if (closed) return reject(new SmtpError('the mailer is closed', 'CONN', 'ECONNECTION'));
      queue.push({ resolve, reject });
      dispatch();
    });

  return {
    async send(from, to, chunks, holdEnd) {
      let retried = false;
      for (;;) {
        const connection = await acquire();
        const reused = connection.sent > 0;
        try {
          return await connection.send(from, to, chunks, holdEnd);
        } catch (error) {
          const safe = error instanceof SmtpError && error.beforeData && error.command === 'CONN';
          if (!(safe && reused && !retried)) throw error;
          retried = true;
        } finally {
          release(connection);
        }
      }
    },
    close() {
      closed = true;
      for (const waiter of queue.splice(0))
        waiter.reject(new SmtpError('the mailer is closed', 'CONN', 'ECONNECTION'));
      for (const { connection, timer } of idle.splice(0)) {
        clearTimeout(timer);
        live--;
        connection.quit();
      }
    },
  };
}
