import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, queryString } from './client.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(answers: Array<() => Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error('no answer left');
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const headersOf = (call: Call | undefined) => (call?.init.headers ?? {}) as Record<string, string>;

describe('admin API client', () => {
  it('sends the CSRF token on state-changing requests only, and the cookie on all', async () => {
    const { fetch, calls } = fakeFetch([
      () => json(200, { ok: 1 }),
      () => json(201, { ok: 2 }),
      () => new Response(null, { status: 204 }),
    ]);
    const api = createApiClient({ fetch, csrfToken: () => 'tok123' });
    expect(await api.get('/articles', { q: 'x', status: undefined })).toEqual({ ok: 1 });
    expect(await api.post('/tags', { name: 'A' })).toEqual({ ok: 2 });
    expect(await api.delete('/tags/1')).toBeUndefined();
    expect(calls[0]?.url).toBe('/api/admin/v1/articles?q=x');
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined();
    expect(headersOf(calls[1])['X-CSRF-Token']).toBe('tok123');
    expect(headersOf(calls[1])['Content-Type']).toBe('application/json');
    expect(calls[1]?.init.body).toBe('{"name":"A"}');
    expect(headersOf(calls[2])['X-CSRF-Token']).toBe('tok123');
    for (const call of calls) expect(call.init.credentials).toBe('same-origin');
  });

  it("turns the server's error shape into an ApiError", async () => {
    const { fetch } = fakeFetch([
      () => json(422, { error: { code: 'weak_password', message: 'too short', details: { min: 12 } } }),
    ]);
    const api = createApiClient({ fetch, csrfToken: () => 't' });
    const error = await api.post('/auth/me/password', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: 'weak_password',
      message: 'too short',
      details: { min: 12 },
    });
  });

  it('names a non-JSON failure by its status, and a network failure as network', async () => {
    const { fetch } = fakeFetch([
      () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]);
    const api = createApiClient({ fetch, csrfToken: () => null });
    await expect(api.get('/x')).rejects.toMatchObject({ status: 502, code: 'http_502' });
    await expect(api.get('/x')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('on a csrf refusal fetches a fresh token and sends the request once more', async () => {
    const { fetch, calls } = fakeFetch([
      () => json(403, { error: { code: 'csrf', message: 'no token', details: null } }),
      () => json(200, { saved: true }),
    ]);
    let token = 'old';
    const api = createApiClient({
      fetch,
      csrfToken: () => token,
      refreshCsrf: async () => (token = 'new'),
    });
    expect(await api.patch('/settings', { a: 1 })).toEqual({ saved: true });
    expect(calls.map((c) => headersOf(c)['X-CSRF-Token'])).toEqual(['old', 'new']);
  });

  it('does not retry a csrf refusal twice, and reports it', async () => {
    const refusal = () => json(403, { error: { code: 'csrf', message: 'no token', details: null } });
    const { fetch, calls } = fakeFetch([refusal, refusal]);
    const api = createApiClient({ fetch, csrfToken: () => 'a', refreshCsrf: async () => 'b' });
    await expect(api.post('/x')).rejects.toMatchObject({ code: 'csrf' });
    expect(calls).toHaveLength(2);
  });

  it('tells the app when the session is gone (401)', async () => {
    const { fetch } = fakeFetch([
      () => json(401, { error: { code: 'unauthenticated', message: 'sign in', details: null } }),
    ]);
    const onUnauthenticated = vi.fn();
    const api = createApiClient({ fetch, csrfToken: () => null, onUnauthenticated });
    await expect(api.get('/articles')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('builds query strings without empty values and with repeated keys', () => {
    expect(queryString({ a: 1, b: '', c: null, d: undefined, e: ['x', 'y'], f: false })).toBe(
      '?a=1&e=x&e=y&f=false',
    );
    expect(queryString({})).toBe('');
  });
});
