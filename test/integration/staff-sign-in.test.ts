import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/staff/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { OWNER, setUpOwner, staffBrowser, type StaffBrowser } from '../support/staff-browser.ts';

// Staff sign-in over real HTTP: the first run, the password and second-factor steps, what a
// pending session may not do, and the bad inputs of issue 10 (wrong and replayed codes, used
// recovery codes, reused links, tampered cookies). Time is a clock the test moves.

const HOUR = 3600_000;

describe.each(testDatabases)('staff sign-in on %s', (dialect) => {
  let t: TestApp;
  let clock = Date.parse('2026-11-29T12:00:10Z');
  const now = () => new Date(clock);
  let owner: Awaited<ReturnType<typeof setUpOwner>>;

  beforeAll(async () => {
    t = await startTestApp(dialect, { now });
  });
  afterAll(async () => {
    await t?.close();
  });

  const staffCount = async () => (await t.db.kysely.selectFrom('staff_users').select('id').execute()).length;

  /** Signs in with the password and a fresh TOTP code (the clock moves a step so it is new). */
  async function signInFully(browser: StaffBrowser = staffBrowser(t)) {
    const first = await browser.post('/auth/sign-in', { email: OWNER.email, password: OWNER.password });
    expect(first.status).toBe(200);
    clock += 30_000;
    const second = await browser.post('/auth/second-factor', { code: totpCode(owner.secret, now()) });
    expect(second.status, second.text).toBe(200);
    return browser;
  }

  it('runs the first start: setup link, owner, TOTP enrolment with a first-party QR code, recovery codes', async () => {
    const anonymous = staffBrowser(t);
    expect((await anonymous.get('/auth/state')).body).toEqual({
      needs_first_owner: true,
      session: null,
      staff: null,
      csrf_token: null,
    });
    const token = await t.services.setupTokens.issueFirstOwnerToken();
    expect((await anonymous.get(`/auth/links/${token}`)).body).toEqual({ purpose: 'first-owner' });

    const browser = staffBrowser(t);
    const setup = await browser.post('/auth/setup', { token, ...OWNER, language: 'ru' });
    expect(setup.status, setup.text).toBe(200);
    expect(setup.body).toEqual({ next: 'enrol', methods: [] });
    const cookie = setup.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^samizdat_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/,
    );

    const pending = await browser.get('/auth/state');
    expect(pending.body.session).toEqual({ stage: 'pending', next: 'enrol', methods: [] });
    expect(pending.body.staff).toMatchObject({
      name: OWNER.name,
      email: OWNER.email,
      role: 'owner',
      language: 'ru',
    });
    // A pending session authorizes nothing in the Admin API.
    expect((await browser.get('/articles')).status).toBe(401);

    const enrol = await browser.post<{ secret: string; otpauth_uri: string; qr_svg: string }>(
      '/auth/totp/enrol',
    );
    expect(enrol.status).toBe(200);
    expect(enrol.body.otpauth_uri).toContain(`secret=${enrol.body.secret}`);
    expect(enrol.body.qr_svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>/);
    expect(enrol.body.qr_svg.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|href/);

    const wrong = await browser.post('/auth/totp/enrol/confirm', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('second_factor_failed');
    const confirm = await browser.post<{ recovery_codes: string[] }>('/auth/totp/enrol/confirm', {
      code: totpCode(enrol.body.secret, now()),
    });
    expect(confirm.status, confirm.text).toBe(200);
    expect(confirm.body.recovery_codes).toHaveLength(10);
    expect(new Set(confirm.body.recovery_codes).size).toBe(10);

    const state = await browser.get('/auth/state');
    expect(state.body.session).toEqual({ stage: 'full', next: null, methods: ['totp', 'recovery'] });
    expect(state.body.csrf_token).toMatch(/^[0-9a-f]{64}$/);
    expect((await browser.get('/articles')).status).toBe(200);
    const created = await browser.post<{ article: { id: string } }>('/articles', {
      title: 'Written after signing in',
      body_html: '<p>Text.</p>',
    });
    expect(created.status, created.text).toBe(201);
    const row = await t.db.kysely
      .selectFrom('articles')
      .select('created_by')
      .where('id', '=', created.body.article.id)
      .executeTakeFirstOrThrow();
    expect(row.created_by).toMatch(/^staff:/);

    // The link worked once; the address is sealed at rest.
    expect((await anonymous.get(`/auth/links/${token}`)).body.error.code).toBe('link_invalid');
    const again = await staffBrowser(t).post('/auth/setup', {
      token,
      name: 'Someone else',
      email: 'else@news.example',
      password: 'another long passphrase here',
    });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('link_invalid');
    expect(await staffCount()).toBe(1);
    const stored = await t.db.kysely.selectFrom('staff_users').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(OWNER.email);
    owner = { browser, secret: enrol.body.secret, recoveryCodes: confirm.body.recovery_codes, token };
  });

  it('answers a wrong password and an unknown address alike', async () => {
    const wrong = await staffBrowser(t).post('/auth/sign-in', {
      email: OWNER.email,
      password: 'not the password at all',
    });
    const unknown = await staffBrowser(t).post('/auth/sign-in', {
      email: 'nobody@news.example',
      password: 'not the password at all',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('sign_in_failed');
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('signs in with password then TOTP, and refuses a wrong or replayed code', async () => {
    const browser = staffBrowser(t);
    const first = await browser.post('/auth/sign-in', {
      email: OWNER.email.toUpperCase(),
      password: OWNER.password,
    });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ next: 'totp', methods: ['totp', 'recovery'] });
    expect((await browser.get('/articles')).status).toBe(401);

    const wrong = await browser.post('/auth/second-factor', { code: '123456' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('second_factor_failed');

    clock += 30_000;
    const code = totpCode(owner.secret, now());
    const ok = await browser.post('/auth/second-factor', { code });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.session.stage).toBe('full');
    expect((await browser.get('/articles')).status).toBe(200);

    // The same code, seconds later, in another browser: refused although still inside its window.
    const other = staffBrowser(t);
    await other.post('/auth/sign-in', { email: OWNER.email, password: OWNER.password });
    clock += 5_000;
    const replay = await other.post('/auth/second-factor', { code });
    expect(replay.status).toBe(401);
    expect((await other.get('/auth/state')).body.session.stage).toBe('pending');
  });

  it('accepts each recovery code once', async () => {
    const [code] = owner.recoveryCodes;
    const browser = staffBrowser(t);
    await browser.post('/auth/sign-in', { email: OWNER.email, password: OWNER.password });
    const used = await browser.post('/auth/second-factor', { recovery_code: code!.toUpperCase() });
    expect(used.status, used.text).toBe(200);
    const again = staffBrowser(t);
    await again.post('/auth/sign-in', { email: OWNER.email, password: OWNER.password });
    const reused = await again.post('/auth/second-factor', { recovery_code: code });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('second_factor_failed');
    expect((await again.get('/auth/state')).body.session.stage).toBe('pending');
  });

  it('refuses a pending session that tries to replace the existing second factor', async () => {
    const browser = staffBrowser(t);
    await browser.post('/auth/sign-in', { email: OWNER.email, password: OWNER.password });
    const enrol = await browser.post('/auth/totp/enrol');
    expect(enrol.status).toBe(403);
  });

  it('refuses a state-changing request without the CSRF token, and changes nothing', async () => {
    const browser = await signInFully();
    const before = (await t.db.kysely.selectFrom('articles').select('id').execute()).length;
    const refused = await browser.post(
      '/articles',
      { title: 'Forged', body_html: '<p>x</p>' },
      { csrf: false },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('csrf');
    const forged = await t.fetch('/api/admin/v1/articles', {
      method: 'POST',
      headers: {
        cookie: browser.cookie!,
        'content-type': 'application/json',
        'x-csrf-token': 'f'.repeat(64),
      },
      body: JSON.stringify({ title: 'Forged', body_html: '<p>x</p>' }),
    });
    expect(forged.status).toBe(403);
    const signOut = await browser.post('/auth/sign-out', undefined, { csrf: false });
    expect(signOut.status).toBe(403);
    expect((await t.db.kysely.selectFrom('articles').select('id').execute()).length).toBe(before);
    expect((await browser.get('/auth/state')).body.session.stage).toBe('full');
    // A key needs no CSRF token.
    const key = await t.key('editor');
    const keyed = await t.fetch('/api/admin/v1/articles', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'By key', body_html: '<p>x</p>' }),
    });
    expect(keyed.status).toBe(201);
  });

  it('ignores a tampered session cookie', async () => {
    const browser = await signInFully();
    const value = browser.cookie!.split('=')[1]!;
    const tampered = `samizdat_session=${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`;
    const state = await t.fetch('/api/admin/v1/auth/state', { headers: { cookie: tampered } });
    expect(((await state.json()) as { session: unknown }).session).toBeNull();
    const articles = await t.fetch('/api/admin/v1/articles', { headers: { cookie: tampered } });
    expect(articles.status).toBe(401);
    const junk = await t.fetch('/api/admin/v1/articles', {
      headers: { cookie: 'samizdat_session=../../etc' },
    });
    expect(junk.status).toBe(401);
  });

  it('ends a session after 12 idle hours, and after 14 days however active', async () => {
    const idle = await signInFully();
    clock += 11 * HOUR;
    expect((await idle.get('/articles')).status).toBe(200);
    clock += 12 * HOUR;
    expect((await idle.get('/articles')).status).toBe(401);
    expect((await idle.get('/auth/state')).body.session).toBeNull();

    const busy = await signInFully();
    for (let h = 0; h < 14 * 24 - 10; h += 10) {
      clock += 10 * HOUR;
      expect((await busy.get('/articles')).status).toBe(200);
    }
    clock += 10 * HOUR;
    expect((await busy.get('/articles')).status).toBe(401);
  });

  it('lists its sessions, ends one, and signs out everywhere', async () => {
    const a = await signInFully(
      staffBrowser(t, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }),
    );
    const b = await signInFully();
    const list = await a.get<{
      sessions: Array<{ id: string; current: boolean; user_agent_summary: string }>;
    }>('/auth/sessions');
    expect(list.status).toBe(200);
    const mine = list.body.sessions.find((s) => s.current)!;
    expect(mine.user_agent_summary).toBe('Firefox on Linux');
    const others = list.body.sessions.filter((s) => !s.current);
    expect(others.length).toBeGreaterThanOrEqual(1);
    expect((await a.delete(`/auth/sessions/${others[0]!.id}`)).status).toBe(204);
    expect((await a.delete(`/auth/sessions/${others[0]!.id}`)).status).toBe(404);

    const b2 = await signInFully();
    expect((await b2.post('/auth/sign-out-everywhere')).status).toBe(204);
    expect((await a.get('/articles')).status).toBe(401);
    expect((await b.get('/articles')).status).toBe(401);
    expect(await t.db.kysely.selectFrom('staff_sessions').select('id').execute()).toEqual([]);
  });

  it('signs out one session', async () => {
    const browser = await signInFully();
    const out = await browser.post('/auth/sign-out');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^samizdat_session=; .*Max-Age=0/);
    expect((await browser.get('/articles')).status).toBe(401);
  });

  it('refuses a weak password and changes nothing; refuses an expired setup link', async () => {
    // Only while no account exists is a setup link any use: a second app on a fresh database.
    const fresh = await startTestApp(dialect, { now });
    try {
      const token = await fresh.services.setupTokens.issueFirstOwnerToken();
      const weak = await staffBrowser(fresh).post('/auth/setup', {
        token,
        ...OWNER,
        password: 'password1234567',
      });
      expect(weak.status).toBe(422);
      expect(weak.body.error.code).toBe('weak_password');
      const short = await staffBrowser(fresh).post('/auth/setup', { token, ...OWNER, password: 'short pw' });
      expect(short.status).toBe(422);
      expect((await fresh.db.kysely.selectFrom('staff_users').select('id').execute()).length).toBe(0);
      expect((await staffBrowser(fresh).get(`/auth/links/${token}`)).status).toBe(200);
      clock += 25 * HOUR;
      const late = await staffBrowser(fresh).post('/auth/setup', { token, ...OWNER });
      expect(late.status).toBe(404);
      expect(late.body.error.code).toBe('link_invalid');
      expect((await fresh.db.kysely.selectFrom('staff_users').select('id').execute()).length).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
