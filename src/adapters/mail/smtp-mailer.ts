import { createPrivateKey } from 'node:crypto';
import type { ConnectionOptions } from 'node:tls';
import type { MailMessage, Mailer, SendOptions } from './mailer.types.ts';
import { MailSendError, toMailSendError } from './mail-send-error.ts';
import { createDkimSigner, type DkimKey } from './dkim-signer.ts';
import { createDkimSignPool, type DkimSignPool } from './dkim-sign-pool.ts';
import { createComposer, UnsendableAddress } from './mime-message.ts';
import { createSmtpPool, type SmtpPool } from './smtp-pool.ts';

export { DKIM_SIGNED_HEADERS, type DkimKey } from './dkim-signer.ts';

export interface SmtpMailerOptions {
  /** Sign every message with each of these keys (an RSA key, optionally an Ed25519 one beside it). */
  dkim?: DkimKey | readonly DkimKey[];
  /** Connections open at once, over all servers of the pool. Default 5. */
  connections?: number;
  /**
   * Threads that make RSA signatures (dkim-sign-pool.ts); default one per core but one, at least
   * one. 0: sign on the sending thread.
   */
  signThreads?: number;
  /** TLS options for every server (a private CA, for instance); the URL's query is not read. */
  tls?: ConnectionOptions;
  /** Close a connection unused for this long. Default 30 s. */
  idleMs?: number;
}

/**
 * Mail handed to the SMTP server(s) in `urls` (smtp:// or smtps://, credentials in the URL;
 * several separated by commas). We write and sign each message ourselves (mime-message.ts,
 * dkim-signer.ts) and speak SMTP ourselves (smtp-connection.ts): each server gets a pool of
 * connections that stay open for any number of messages (smtp-pool.ts); messages go round-robin
 * over the servers.
 */
export function createSmtpMailer(
  urls: string,
  from: string,
  options: SmtpMailerOptions = {},
): Mailer & { close(): void } {
  const list = urls
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (list.length === 0) throw new Error('SMTP_URL names no server');
  const total = Math.max(1, options.connections ?? 5);
  const keys: readonly DkimKey[] =
    options.dkim === undefined ? [] : Array.isArray(options.dkim) ? options.dkim : [options.dkim as DkimKey];
  const rsaPems = keys
    .map((k) => k.privateKey)
    .filter((pem) => createPrivateKey(pem).asymmetricKeyType === 'rsa');
  const signPool: DkimSignPool | undefined =
    rsaPems.length > 0 && options.signThreads !== 0
      ? createDkimSignPool(rsaPems, options.signThreads)
      : undefined;
  const composer = createComposer(
    from,
    keys.length > 0
      ? createDkimSigner(keys, signPool ? (pem, data) => signPool.sign(pem, data) : undefined)
      : undefined,
  );
  const pools: SmtpPool[] = list.map((url, i) => {
    const parsed = new URL(url);
    // The connections shared out over the servers, every server at least one.
    const size = Math.max(1, Math.floor(total / list.length) + (i < total % list.length ? 1 : 0));
    return createSmtpPool(
      {
        host: decodeURIComponent(parsed.hostname).replace(/^\[|\]$/g, ''),
        port: parsed.port ? Number(parsed.port) : parsed.protocol === 'smtps:' ? 465 : 587,
        secure: parsed.protocol === 'smtps:',
        ...(parsed.username
          ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
          : {}),
        ...(options.tls ? { tls: options.tls } : {}),
      },
      { size, ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}) },
    );
  });
  let next = 0;
  return {
    kind: 'smtp',
    async send(message: MailMessage, options?: SendOptions) {
      const pool = pools[next]!;
      next = (next + 1) % pools.length;
      let composed;
      try {
        composed = await composer.compose(message);
      } catch (error) {
        if (error instanceof UnsendableAddress)
          throw new MailSendError(error.message, 'permanent', undefined, 'recipient');
        throw error;
      }
      try {
        await pool.send(composed.envelope.from, composed.envelope.to, composed.chunks, options?.holdEndUntil);
      } catch (error) {
        throw toMailSendError(error);
      }
    },
    // Mail handed to a server is the server's; nothing is kept here to forget.
    forget: async () => 0,
    close: () => {
      for (const pool of pools) pool.close();
      signPool?.close();
    },
  };
}
