import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { waitFor } from '../support/wait-for.ts';
import { testDatabases } from '../support/test-db.ts';

// Every error answer, including the ones the framework and Node's HTTP parser produce before a
// route runs, has the documented shape, the security headers, and quotes nothing of the request.
// Malformed requests are written byte for byte on a socket: fetch() would refuse to send them.

/** Put into each request; it must never come back. */
const MARK = 'MARK-b7Zq';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parse(text: string): RawResponse {
  const split = text.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  return { status: Number(statusLine?.split(' ')[1]), headers, body: text.slice(split + 4) };
}

/**
 * Send `request` on a new connection and read the answer until the server closes it. With `then`,
 * the request is sent in two parts: `request`, then `then.rest` once `then.before()` resolves.
 */
function raw(
  port: number,
  request: string | Buffer,
  then?: { before: () => Promise<unknown>; rest: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (err) => (chunks.length ? undefined : reject(err)));
    socket.on('close', () => resolve(parse(Buffer.concat(chunks).toString('utf8'))));
    socket.setTimeout(10_000, () => socket.destroy());
    // Not end(): a half-closed connection may be dropped before a slow answer is written.
    socket.write(request);
    if (then) void then.before().then(() => socket.write(then.rest), reject);
  });
}

const get = (path: string, headers: Record<string, string> = {}) =>
  [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');

const post = (path: string, headers: Record<string, string>, body: string | Buffer) =>
  Buffer.concat([
    Buffer.from(
      [
        `POST ${path} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Connection: close',
        `Content-Length: ${Buffer.byteLength(body)}`,
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n'),
    ),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
  ]);

/** The documented JSON error, with the headers every error carries, and no trace of MARK. */
function expectJsonError(res: RawResponse, status: number, code: string) {
  expect(res.status, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['cache-control']).toBe('no-store');
  const body = JSON.parse(res.body) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.details === null || typeof body.error.details === 'object').toBe(true);
  expect(res.body).not.toContain(MARK);
  expect(JSON.stringify(res.headers)).not.toContain(MARK);
  return body.error;
}

describe.each(testDatabases)('error answers on %s', (dialect) => {
  let t: TestApp;
  let port: number;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    port = Number(new URL(t.baseUrl).port);
    key = await t.key('owner');
  });
  afterAll(() => t?.close());

  const api = '/api/admin/v1/articles';
  const auth = () => ({ Authorization: `Bearer ${key}` });

  it('answers bad percent-encoding with 400 in the documented shape', async () => {
    expectJsonError(
      await raw(port, get(`/api/admin/v1/articles/%E0%A4%A-${MARK}`, auth())),
      400,
      'invalid_input',
    );
    // Outside /api the reader gets the HTML error page, with its CSP, and still no echo.
    const page = await raw(port, get(`/tag/%E0%A4%A-${MARK}`));
    expect(page.status).toBe(400);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).not.toContain(MARK);
  });

  it('answers an address too long with 414, from the router and from the HTTP parser', async () => {
    expectJsonError(await raw(port, get(`${api}/${MARK}${'a'.repeat(9000)}`, auth())), 414, 'too_large');
    expectJsonError(
      await raw(port, get(`/api/content/v1/articles?q=${MARK}${'a'.repeat(20_000)}`)),
      414,
      'too_large',
    );
  });

  it('answers headers too large with 431', async () => {
    expectJsonError(
      await raw(port, get('/api/content/v1/articles', { 'X-Filler': MARK + 'x'.repeat(20_000) })),
      431,
      'too_large',
    );
  });

  it('answers bytes that are not HTTP with 400', async () => {
    expectJsonError(await raw(port, `HELLO ${MARK}\r\n\r\n`), 400, 'invalid_input');
  });

  it('answers a JSON body that does not parse, or is empty, with 400', async () => {
    const headers = { ...auth(), 'Content-Type': 'application/json' };
    const error = expectJsonError(
      await raw(port, post(api, headers, `{"title": "${MARK}`)),
      400,
      'invalid_input',
    );
    expect(error.message).toMatch(/JSON/);
    expectJsonError(await raw(port, post(api, headers, '')), 400, 'invalid_input');
  });

  it('answers an unsupported content type with 415, without quoting it', async () => {
    const headers = { ...auth(), 'Content-Type': `application/x-${MARK}` };
    expectJsonError(await raw(port, post(api, headers, 'title=x')), 415, 'unsupported_media');
  });

  it('answers a body too large with 413', async () => {
    const headers = { ...auth(), 'Content-Type': 'application/json' };
    const body = JSON.stringify({ title: MARK, body_html: 'y'.repeat(6 * 1024 * 1024) });
    expectJsonError(await raw(port, post(api, headers, body)), 413, 'too_large');
  });

  it('answers an unknown address with 404 without quoting it, and domain errors with details', async () => {
    const error = expectJsonError(await raw(port, get(`/api/nothing-${MARK}?x=${MARK}`)), 404, 'not_found');
    expect(error.details).toBeNull();
    expectJsonError(await raw(port, get(api)), 401, 'unauthenticated');
    const invalid = expectJsonError(
      await raw(
        port,
        post(api, { ...auth(), 'Content-Type': 'application/json' }, JSON.stringify({ title: '' })),
      ),
      400,
      'invalid_input',
    );
    expect(invalid.details).not.toBeNull();
  });

  it('answers a request that arrives while the server closes with 503 in the documented shape', async () => {
    const closing = await startTestApp(dialect, { site: true });
    const server = closing.app.server;
    const closingPort = Number(new URL(closing.baseUrl).port);
    // A request whose body is still arriving keeps its keep-alive connection busy, so the close
    // does not drop it; the next request on that connection arrives after the close has begun.
    const body = JSON.stringify({ title: MARK });
    const first = post('/api/content/v1/nothing', { 'Content-Type': 'application/json' }, body)
      .toString('utf8')
      .replace('Connection: close', 'Connection: keep-alive');
    const cut = first.length - 5;
    const next = (path: string) =>
      [`GET ${path}?${MARK} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: keep-alive', '', ''].join('\r\n');
    let inFlight = 0;
    server.on('request', () => inFlight++);
    let closed: Promise<void> | undefined;
    const closeBegun = async () => {
      await waitFor(() => inFlight === 2, { message: 'both first requests are in flight' });
      closed ??= closing.close();
      // The server stops listening once its preClose hooks have run.
      await waitFor(() => !server.listening);
    };
    const exchange = (path: string) =>
      raw(closingPort, first.slice(0, cut), { before: closeBegun, rest: first.slice(cut) + next(path) }).then(
        responses,
      );
    const [apiAnswers, pageAnswers] = await Promise.all([
      exchange('/api/content/v1/articles'),
      exchange('/'),
    ]);
    await closed;

    // The request that was in flight when the close began is answered as usual (a 404 here).
    expect(apiAnswers.map((r) => r.status)).toEqual([404, 503]);
    const error = expectJsonError(apiAnswers[1]!, 503, 'unavailable');
    expect(error.details).toBeNull();
    expect(apiAnswers[1]!.headers['retry-after']).toBe('5');
    expect(apiAnswers[1]!.headers.connection).toBe('close');
    // A reader gets the HTML error page, with the same headers and no echo.
    const page = pageAnswers[1]!;
    expect(page.status).toBe(503);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).not.toContain(MARK);
  });
});

/** Split what came back on a keep-alive connection into its responses (each has a Content-Length). */
function responses(all: RawResponse): RawResponse[] {
  const out: RawResponse[] = [all];
  for (;;) {
    const last = out[out.length - 1]!;
    const length = Number(last.headers['content-length']);
    if (!Number.isFinite(length) || Buffer.byteLength(last.body) <= length) return out;
    const bytes = Buffer.from(last.body);
    out[out.length - 1] = { ...last, body: bytes.subarray(0, length).toString('utf8') };
    out.push(parse(bytes.subarray(length).toString('utf8')));
  }
}
