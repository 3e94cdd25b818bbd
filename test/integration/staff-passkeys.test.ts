import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { OWNER, setUpOwner, staffBrowser, type StaffBrowser } from '../support/staff-browser.ts';
import { softAuthenticator } from '../support/soft-authenticator.ts';

// Passkeys as the second factor, with a software authenticator answering as a browser would:
// registered from a full session, then used to finish a sign-in; a replayed answer, another
// origin's answer and an unknown key are refused.

describe.each(testDatabases)('passkeys on %s', (dialect) => {
  let t: TestApp;
  let owner: StaffBrowser;
  const key = softAuthenticator(TEST_SITE_URL);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    ({ browser: owner } = await setUpOwner(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function pending() {
    const browser = staffBrowser(t);
    expect(
      (await browser.post('/auth/sign-in', { email: OWNER.email, password: OWNER.password })).status,
    ).toBe(200);
    return browser;
  }

  it('registers a passkey from a full session only', async () => {
    const half = await pending();
    expect((await half.post('/auth/passkeys/registration-options')).status).toBe(401);

    const options = await owner.post<{ challenge: string; rp: { id: string } }>(
      '/auth/passkeys/registration-options',
    );
    expect(options.status, options.text).toBe(200);
    expect(options.body.rp.id).toBe('news.example');
    const registered = await owner.post('/auth/passkeys', {
      name: 'Laptop',
      response: key.register(options.body),
    });
    expect(registered.status, registered.text).toBe(201);
    expect(registered.body.name).toBe('Laptop');
    const staff = await owner.get<{ staff: Array<{ passkeys: number }> }>('/staff');
    expect(staff.body.staff[0]!.passkeys).toBe(1);
  });

  it('refuses a registration answer made for another origin', async () => {
    const options = await owner.post<{ challenge: string }>('/auth/passkeys/registration-options');
    const other = softAuthenticator(TEST_SITE_URL);
    const res = await owner.post('/auth/passkeys', {
      name: 'Phished',
      response: other.register(options.body, 'https://news-example.evil'),
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('second_factor_failed');
  });

  it('finishes a sign-in with the passkey, and refuses the same answer twice', async () => {
    const browser = await pending();
    expect((await browser.get('/auth/state')).body.session.methods).toEqual(['totp', 'passkey', 'recovery']);
    const options = await browser.post<{ challenge: string; allowCredentials: Array<{ id: string }> }>(
      '/auth/passkeys/authentication-options',
    );
    expect(options.status, options.text).toBe(200);
    expect(options.body.allowCredentials.map((c) => c.id)).toEqual([key.credentialId]);
    const answer = key.authenticate(options.body);
    const ok = await browser.post('/auth/passkeys/authenticate', { response: answer });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.session.stage).toBe('full');
    expect((await browser.get('/articles')).status).toBe(200);

    const again = await pending();
    await again.post('/auth/passkeys/authentication-options');
    const replay = await again.post('/auth/passkeys/authenticate', { response: answer });
    expect(replay.status).toBe(401);
    expect((await again.get('/auth/state')).body.session.stage).toBe('pending');
  });

  it('refuses a key the account does not have', async () => {
    const browser = await pending();
    const options = await browser.post<{ challenge: string }>('/auth/passkeys/authentication-options');
    const stranger = softAuthenticator(TEST_SITE_URL);
    const res = await browser.post('/auth/passkeys/authenticate', {
      response: stranger.authenticate(options.body),
    });
    expect(res.status).toBe(401);
    expect((await browser.get('/articles')).status).toBe(401);
  });
});
