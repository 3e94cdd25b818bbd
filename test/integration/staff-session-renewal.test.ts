import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/staff/index.ts';
import { startTestApp, TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { OWNER, staffBrowser, type StaffBrowser } from '../support/staff-browser.ts';
import { softAuthenticator } from '../support/soft-authenticator.ts';

// Session fixation: a pending session (after the password, or a setup or invite link) becomes
// full under a NEW token and CSRF token, whichever second factor finishes it (enrolment, a TOTP
// code, a recovery code, a passkey). Whoever knew the pending cookie holds nothing afterwards.

describe.each(testDatabases)('a session renewed by its second factor on %s', (dialect) => {
  let t: TestApp;
  let clock = Date.parse('2026-11-29T12:00:10Z');
  const now = () => new Date(clock);
  let secret: string;
  let recoveryCodes: string[];
  const key = softAuthenticator(TEST_SITE_URL);

  beforeAll(async () => {
    t = await startTestApp(dialect, { now });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The same requests with a given cookie, as another browser holding it would make them. */
  const withCookie = (cookie: string | undefined) => {
    const other = staffBrowser(t);
    other.cookie = cookie;
    return other;
  };

  /** The old cookie signs nothing in; the new one is full, with its own CSRF token that works. */
  async function expectRenewed(browser: StaffBrowser, pendingCookie: string, pendingCsrf: string | null) {
    expect(browser.cookie).toBeDefined();
    expect(browser.cookie).not.toBe(pendingCookie);
    const stale = await withCookie(pendingCookie).get('/auth/state');
    expect(stale.body.session).toBeNull();
    expect(stale.body.csrf_token).toBeNull();
    expect((await withCookie(pendingCookie).get('/articles')).status).toBe(401);

    const state = await browser.get('/auth/state');
    expect(state.body.session.stage).toBe('full');
    expect(state.body.csrf_token).not.toBe(pendingCsrf);
    expect((await browser.get('/articles')).status).toBe(200);
    // The pending session's CSRF token is refused with the new cookie; the new one is accepted.
    const oldCsrf = await t.fetch('/api/admin/v1/auth/me', {
      method: 'PATCH',
      headers: { cookie: browser.cookie!, 'content-type': 'application/json', 'x-csrf-token': pendingCsrf! },
      body: JSON.stringify({ language: 'en' }),
    });
    expect(oldCsrf.status).toBe(403);
    expect((await browser.patch('/auth/me', { language: 'en' })).status).toBe(204);
  }

  async function pending() {
    const browser = staffBrowser(t);
    const res = await browser.post('/auth/sign-in', { email: OWNER.email, password: OWNER.password });
    expect(res.status, res.text).toBe(200);
    return browser;
  }

  it('renews the session when the first enrolment is confirmed', async () => {
    const token = await t.services.setupTokens.issueFirstOwnerToken();
    const browser = staffBrowser(t);
    expect((await browser.post('/auth/setup', { token, ...OWNER })).status).toBe(200);
    const pendingCookie = browser.cookie!;
    const pendingCsrf = browser.csrf;
    secret = (await browser.post<{ secret: string }>('/auth/totp/enrol')).body.secret;
    const confirm = await browser.post<{ recovery_codes: string[] }>('/auth/totp/enrol/confirm', {
      code: totpCode(secret, now()),
    });
    expect(confirm.status, confirm.text).toBe(200);
    expect(confirm.headers.get('set-cookie')).toMatch(/^samizdat_session=[A-Za-z0-9_-]{43};/);
    recoveryCodes = confirm.body.recovery_codes;
    await expectRenewed(browser, pendingCookie, pendingCsrf);
  });

  it('renews the session after a TOTP code, and answers the new CSRF token at once', async () => {
    const browser = await pending();
    const pendingCookie = browser.cookie!;
    const pendingCsrf = browser.csrf;
    clock += 30_000;
    const res = await browser.post<{ csrf_token: string }>('/auth/second-factor', {
      code: totpCode(secret, now()),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.csrf_token).toBe(browser.csrf);
    expect(res.body.csrf_token).not.toBe(pendingCsrf);
    await expectRenewed(browser, pendingCookie, pendingCsrf);
  });

  it('renews the session after a recovery code', async () => {
    const browser = await pending();
    const pendingCookie = browser.cookie!;
    const res = await browser.post('/auth/second-factor', { recovery_code: recoveryCodes[0] });
    expect(res.status, res.text).toBe(200);
    await expectRenewed(browser, pendingCookie, null);
  });

  it('renews the session after a passkey', async () => {
    const full = await pending();
    clock += 30_000;
    await full.post('/auth/second-factor', { code: totpCode(secret, now()) });
    const options = await full.post<{ challenge: string }>('/auth/passkeys/registration-options');
    expect(
      (await full.post('/auth/passkeys', { name: 'Key', response: key.register(options.body) })).status,
    ).toBe(201);

    const browser = await pending();
    const pendingCookie = browser.cookie!;
    const pendingCsrf = browser.csrf;
    const auth = await browser.post<{ challenge: string }>('/auth/passkeys/authentication-options');
    const res = await browser.post('/auth/passkeys/authenticate', { response: key.authenticate(auth.body) });
    expect(res.status, res.text).toBe(200);
    await expectRenewed(browser, pendingCookie, pendingCsrf);
  });

  it('keeps the pending session as it was when the second factor is wrong', async () => {
    const browser = await pending();
    const pendingCookie = browser.cookie!;
    const res = await browser.post('/auth/second-factor', { code: '000000' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(browser.cookie).toBe(pendingCookie);
    expect((await browser.get('/auth/state')).body.session.stage).toBe('pending');
  });
});
