import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailMessage, Mailer, Outbox, OutboxEntry, OutboxMessage, SendOptions } from './mailer.types.ts';
import { safeHeaders, safeRecipient } from './safe-headers.ts';
import { forgetOutboxRecipient } from './outbox-forget.ts';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Written under a temporary name and renamed: a reader never sees half a file. */
async function writeAtomically(path: string, data: string | Buffer): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, data, { mode: 0o600 });
  await rename(temporary, path);
}

/**
 * The harmless default: each message becomes `<id>.eml` (opens in any mail program) in `dir`,
 * with `<id>.json` beside it for the admin's outbox screen. Nothing leaves the machine.
 */
export function createOutboxMailer(dir: string, from: string): Mailer & { outbox: Outbox } {
  // Builds the same RFC 5322 message an SMTP server would receive, without sending it; nodemailer
  // loads with the first message.
  const composer = () =>
    import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    );
  const now = () => new Date();

  async function readEntry(id: string): Promise<OutboxMessage | undefined> {
    try {
      return JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as OutboxMessage;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  return {
    kind: 'outbox',
    async send(message: MailMessage, options?: SendOptions) {
      // Kept only once what it waits for has happened, as a server would take it.
      if (options?.holdEndUntil) await options.holdEndUntil;
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const id = randomUUID();
      const { headers, messageId, from: ownFrom, to, ...rest } = message;
      const info = await (
        await composer()
      ).sendMail({
        ...rest,
        from: ownFrom ?? from,
        to: safeRecipient(to),
        headers: safeHeaders(headers),
        ...(messageId ? { messageId } : {}),
      });
      const entry: OutboxMessage = {
        id,
        to: typeof to === 'string' ? to : to.address,
        subject: message.subject,
        createdAt: now().toISOString(),
        text: message.text,
        html: message.html ?? null,
      };
      await writeAtomically(join(dir, `${id}.eml`), info.message as Buffer);
      await writeAtomically(join(dir, `${id}.json`), JSON.stringify(entry));
    },
    forget: (address: string) => forgetOutboxRecipient(dir, address),
    outbox: {
      async list(): Promise<OutboxEntry[]> {
        let names: string[];
        try {
          names = await readdir(dir);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
          throw err;
        }
        const ids = names
          .filter((n) => n.endsWith('.json'))
          .map((n) => n.slice(0, -5))
          .filter((n) => ID.test(n));
        const entries = (await Promise.all(ids.map(readEntry))).filter((e): e is OutboxMessage => !!e);
        return entries
          .map(({ id, to, subject, createdAt }) => ({ id, to, subject, createdAt }))
          .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
      },
      async get(id: string) {
        return ID.test(id) ? readEntry(id) : undefined;
      },
    },
  };
}
