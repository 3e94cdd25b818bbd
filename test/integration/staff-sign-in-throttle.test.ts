import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { OWNER, setUpOwner, staffBrowser } from '../support/staff-browser.ts';

// Sign-in rate limits and temporary lockout, stored in the database so every web process
// counts the same failures, and answered the same for addresses with and without an account.

const MINUTE = 60_000;

describe.each(testDatabases)('sign-in throttle on %s', (dialect) => {
  let t: TestApp;
  let second: TestApp;
  let clock = Date.parse('2026-11-29T12:00:10Z');
  const now = () => new Date(clock);
  let secret: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { now });
    // Another web process on the same database.
    second = await startTestApp(dialect, { now, db: t.db });
    ({ secret } = await setUpOwner(t, now));
    void secret;
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const attempt = (app: TestApp, email: string, password: string) =>
    staffBrowser(app).post('/auth/sign-in', { email, password });

  it('locks an account after five failures, in every process, even against the right password', async () => {
    for (let i = 0; i < 5; i++) {
      // Alternating processes: the count is shared.
      const res = await attempt(i % 2 ? second : t, OWNER.email, `wrong password number ${i}`);
      expect(res.status).toBe(401);
    }
    const locked = await attempt(second, OWNER.email, OWNER.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    expect(locked.headers.get('set-cookie')).toBeNull();

    clock += 15 * MINUTE;
    const open = await attempt(t, OWNER.email, OWNER.password);
    expect(open.status).toBe(200);
  });

  it('locks an address without an account the same way, so the lockout reveals nothing', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(await attempt(t, 'nobody@news.example', `wrong password number ${i}`));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(answers[5]!.body.error.code).toBe('rate_limited');
    clock += 15 * MINUTE;
  });

  it('locks a client address that tries many accounts', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await attempt(t, `person${i}@news.example`, 'a wrong password again');
      expect(res.status).toBe(401);
    }
    const locked = await attempt(second, OWNER.email, OWNER.password);
    expect(locked.status).toBe(429);
    clock += 15 * MINUTE;
    expect((await attempt(t, OWNER.email, OWNER.password)).status).toBe(200);
  });

  it('locks the second factor after five wrong codes', async () => {
    const browser = staffBrowser(t);
    expect(
      (await browser.post('/auth/sign-in', { email: OWNER.email, password: OWNER.password })).status,
    ).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await browser.post('/auth/second-factor', { code: '000000' })).status).toBe(401);
    }
    const locked = await browser.post('/auth/second-factor', { code: '000000' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
  });
});
