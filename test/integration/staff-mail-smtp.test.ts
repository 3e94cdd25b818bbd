import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { OWNER, setUpOwner, type StaffBrowser } from '../support/staff-browser.ts';
import { waitFor } from '../support/wait-for.ts';

// With SMTP_URL set, staff mail goes to that server (a real smtp-server on 127.0.0.1 here) from
// MAIL_FROM, and nothing is written to the outbox.

describe.each(testDatabases)('staff mail over SMTP on %s', (dialect) => {
  let t: TestApp;
  let smtp: SMTPServer;
  let owner: StaffBrowser;
  const received: ParsedMail[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestApp(dialect, {
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Newsroom <desk@news.example>' },
    });
    ({ browser: owner } = await setUpOwner(t));
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends an invite through the SMTP server', async () => {
    const res = await owner.post<{ invite_url: string; mailed: boolean }>('/staff/invites', {
      email: 'olga@news.example',
      role: 'author',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.mailed).toBe(true);
    const mail = received.find((m) => m.subject?.startsWith('You are invited'))!;
    expect(mail.from?.value).toEqual([{ name: 'Newsroom', address: 'desk@news.example' }]);
    expect((mail.to as { value: Array<{ address: string }> }).value[0]!.address).toBe('olga@news.example');
    expect(mail.text).toContain(res.body.invite_url);
    expect(mail.html).toContain('https://news.example/admin/invite?token=');
    expect((await owner.get<{ messages: unknown[] }>('/outbox')).body.messages).toEqual([]);
  });

  it('sends a password reset through the SMTP server', async () => {
    const res = await owner.post('/auth/password-reset', { email: OWNER.email });
    expect(res.status).toBe(202);
    await waitFor(() => received.some((m) => m.subject?.startsWith('Set a new password')));
    const mail = received.find((m) => m.subject?.startsWith('Set a new password'))!;
    expect(mail.text).toMatch(/https:\/\/news\.example\/admin\/reset\?token=reset_/);
  });
});
