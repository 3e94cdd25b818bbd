import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDkimSignPool } from './dkim-sign-pool.ts';

// RSA signatures made in worker threads: each answer belongs to its own request (batches go to
// two threads and come back in any order), and a closed pool refuses work and ends its threads.

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const toPem = (p: ReturnType<typeof pair>) => p.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

describe('the DKIM signing pool', () => {
  it('signs with the right key, every answer for its own request', async () => {
    const a = pair();
    const b = pair();
    const pool = createDkimSignPool([toPem(a), toPem(b)], 2);
    try {
      const requests = Array.from({ length: 60 }, (_, i) => ({
        key: i % 3 === 0 ? b : a,
        data: `header block ${i}`,
      }));
      // Spread over several turns of the event loop: several batches, on both threads.
      const signatures = await Promise.all(
        requests.map(async (r, i) => {
          if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
          return pool.sign(toPem(r.key), r.data);
        }),
      );
      requests.forEach((r, i) => {
        expect(
          verify('sha256', Buffer.from(r.data), r.key.publicKey, Buffer.from(signatures[i]!, 'base64')),
        ).toBe(true);
      });
    } finally {
      pool.close();
    }
  });

  it('requests made while the worker is busy go with its answer, as one batch', async () => {
    const a = pair();
    const pool = createDkimSignPool([toPem(a)], 1);
    try {
      const first = pool.sign(toPem(a), 'first');
      await new Promise((resolve) => setImmediate(resolve)); // sent; the worker is starting
      const later = [pool.sign(toPem(a), 'second'), pool.sign(toPem(a), 'third')];
      const all = await Promise.all([first, ...later]);
      ['first', 'second', 'third'].forEach((data, i) => {
        expect(verify('sha256', Buffer.from(data), a.publicKey, Buffer.from(all[i]!, 'base64'))).toBe(true);
      });
    } finally {
      pool.close();
    }
  });

  it('ends an idle worker and starts another for the next request', async () => {
    const a = pair();
    const pool = createDkimSignPool([toPem(a)], 1, 50);
    try {
      expect(pool.running).toBe(0);
      await pool.sign(toPem(a), 'one');
      expect(pool.running).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pool.running).toBe(0);
      const after = await pool.sign(toPem(a), 'two');
      expect(verify('sha256', Buffer.from('two'), a.publicKey, Buffer.from(after, 'base64'))).toBe(true);
      expect(pool.running).toBe(1);
    } finally {
      pool.close();
    }
  });

  it('refuses a key it was not given, and all work once closed', async () => {
    const a = pair();
    const pool = createDkimSignPool([toPem(a)], 1);
    await expect(pool.sign(toPem(pair()), 'x')).rejects.toThrow(/not one of/);
    const pending = pool.sign(toPem(a), 'y');
    pool.close();
    await expect(pending).rejects.toThrow(/closed/);
    await expect(pool.sign(toPem(a), 'z')).rejects.toThrow(/closed/);
  });
});
