import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../src/modules/donations/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { form } from '../support/form-post.ts';

// Card testing: checkout creation is limited per address range (IPv4 /24, IPv6 /48) and per
// e-mail address, in every process (counters in the database); over a limit the reader gets a
// clear page and nothing is recorded. The optional proof-of-work step: a challenge signed by the
// server, bound to the gift and to time, answered once.

const gift = { frequency: 'once', currency: 'EUR', amount: '10', rail: 'test', variant: 'a', source: 'page' };

describe.each(testDatabases)('card-testing defence on %s', (dialect) => {
  let limited: TestApp;
  let pow: TestApp;
  let clock = Date.parse('2026-12-01T10:00:00Z');

  beforeAll(async () => {
    limited = await startTestApp(dialect, {
      site: true,
      env: { DONATIONS_CHECKOUTS_PER_RANGE: '3', DONATIONS_CHECKOUTS_PER_EMAIL: '2' },
    });
    pow = await startTestApp(dialect, {
      site: true,
      now: () => new Date(clock),
      env: { DONATIONS_PROOF_OF_WORK_BITS: '8' },
    });
  });
  afterAll(async () => {
    await limited?.close();
    await pow?.close();
  });

  const count = async (t: TestApp) =>
    (await t.services.db.kysely.selectFrom('donations').select('id').execute()).length;

  it('limits checkouts per address range: a clear 429 page and nothing recorded', async () => {
    for (let i = 0; i < 3; i++)
      expect((await limited.fetch('/support/checkout', form(gift))).status).toBe(303);
    const over = await limited.fetch('/support/checkout', form(gift));
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('600');
    expect(await over.text()).toContain('Too many attempts');
    expect(await count(limited)).toBe(3);

    // The same /24 and /48 share a limit; another range has its own.
    const start = (address: string, email?: string) =>
      limited.services.donations
        .startCheckout({ ...gift, ...(email ? { email } : {}) }, { address })
        .then(() => 'ok')
        .catch((err: { code?: string }) => err.code);
    for (const address of ['203.0.113.1', '203.0.113.77', '::ffff:203.0.113.200']) {
      expect(await start(address)).toBe('ok');
    }
    expect(await start('203.0.113.254')).toBe('rate_limited');
    expect(await start('203.0.114.1')).toBe('ok');
    for (const address of ['2001:db8:1:1::1', '2001:db8:1:2::2', '2001:db8:1:ffff::3']) {
      expect(await start(address)).toBe('ok');
    }
    expect(await start('2001:db8:1:abcd::9')).toBe('rate_limited');
    expect(await start('2001:db8:2::1')).toBe('ok');
  });

  it('limits checkouts per e-mail address, whatever the range and the letter case', async () => {
    const start = (address: string, email: string) =>
      limited.services.donations
        .startCheckout({ ...gift, email }, { address })
        .then(() => 'ok')
        .catch((err: { code?: string }) => err.code);
    const before = await count(limited);
    expect(await start('192.0.2.1', 'tester@example.org')).toBe('ok');
    expect(await start('198.18.0.1', 'Tester@Example.org')).toBe('ok');
    expect(await start('198.19.0.1', 'tester@example.org ')).toBe('rate_limited');
    expect(await start('198.20.0.1', 'someone.else@example.org')).toBe('ok');
    expect(await count(limited)).toBe(before + 3);
  });

  describe('the proof-of-work step', () => {
    const challengeOf = async (res: Response) => {
      const html = await res.text();
      const token = /data-pow-token="([^"]+)"/.exec(html)?.[1];
      const bits = Number(/data-pow-bits="(\d+)"/.exec(html)?.[1]);
      return { html, token: token!, bits };
    };

    it('answers a form without a solved challenge with the challenge page, recording nothing', async () => {
      const res = await pow.fetch('/support/checkout', form(gift));
      expect(res.status).toBe(200);
      const { html, token, bits } = await challengeOf(res);
      expect(token).toMatch(/^v1\.\d+\.8\./);
      expect(bits).toBe(8);
      expect(html).toContain('name="pow_token"');
      expect(html).toContain('<input type="hidden" name="amount" value="10">');
      expect(html).toContain('wait 15 seconds');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await count(pow)).toBe(0);
      // A gift the rules refuse is refused at once, not challenged.
      const bad = await pow.fetch('/support/checkout', form({ ...gift, amount: '0' }));
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('more than zero');
    });

    it('takes a solved challenge once, for the gift it was issued for, while it is fresh', async () => {
      const { token } = await challengeOf(await pow.fetch('/support/checkout', form(gift)));
      const solution = solveChallenge(token, 8);

      // Not solved, another amount, another currency: refused with a fresh challenge, nothing recorded.
      const wrong = String([...Array(500).keys()].find((i) => solveChallenge(token, 8) !== String(i))!);
      const refusals = [
        { ...gift, pow_token: token, pow_solution: wrong === solution ? '999999' : wrong },
        { ...gift, amount: '25', pow_token: token, pow_solution: solution },
        { ...gift, currency: 'USD', pow_token: token, pow_solution: solution },
        { ...gift, pow_token: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), pow_solution: solution },
      ];
      for (const fields of refusals) {
        const res = await pow.fetch('/support/checkout', form(fields));
        // A wrong guess may by chance be a valid answer: skip that one.
        if (res.status === 303) throw new Error(`accepted ${JSON.stringify(fields)}`);
        expect(res.status).toBe(400);
        const again = await challengeOf(res);
        expect(again.html).toContain('The check expired or did not pass');
        expect(again.token).not.toBe(token);
      }
      expect(await count(pow)).toBe(0);

      const ok = await pow.fetch(
        '/support/checkout',
        form({ ...gift, pow_token: token, pow_solution: solution }),
      );
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toMatch(/^\/support\/test-checkout\//);
      expect(await count(pow)).toBe(1);

      // The same answer again (a replay): refused, nothing more recorded.
      const replay = await pow.fetch(
        '/support/checkout',
        form({ ...gift, pow_token: token, pow_solution: solution }),
      );
      expect(replay.status).toBe(400);
      expect(await count(pow)).toBe(1);

      // Stale: issued more than ten minutes ago.
      const { token: old } = await challengeOf(await pow.fetch('/support/checkout', form(gift)));
      clock += 11 * 60_000;
      const stale = await pow.fetch(
        '/support/checkout',
        form({ ...gift, pow_token: old, pow_solution: solveChallenge(old, 8) }),
      );
      expect(stale.status).toBe(400);
      expect(await count(pow)).toBe(1);
    });

    it('lets a reader without JavaScript through after the wait, once', async () => {
      const { token } = await challengeOf(await pow.fetch('/support/checkout', form(gift)));
      const early = await pow.fetch(
        '/support/checkout',
        form({ ...gift, pow_token: token, pow_solution: '' }),
      );
      expect(early.status).toBe(400);
      clock += 16_000;
      const later = await pow.fetch(
        '/support/checkout',
        form({ ...gift, pow_token: token, pow_solution: '' }),
      );
      expect(later.status).toBe(303);
      const twice = await pow.fetch(
        '/support/checkout',
        form({ ...gift, pow_token: token, pow_solution: '' }),
      );
      expect(twice.status).toBe(400);
      expect(await count(pow)).toBe(2);
    });
  });
});
