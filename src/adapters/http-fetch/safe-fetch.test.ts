import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from './private-address.ts';
import { createSafeFetch, type SafeFetchOptions } from './safe-fetch.ts';

// Real sockets on loopback. The stand-in "public" server is 127.0.0.1, which the default rule
// refuses: tests that need it to count as public say so with refuseAddress; the default is
// tested as it ships, and each refusal is checked by counting what reached the servers.

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface StandIn {
  origin: string;
  port: number;
  requests: string[];
  close(): Promise<void>;
}

async function standIn(host: string, routes: Record<string, Handler>): Promise<StandIn> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.headers.host} ${req.url}`);
    const route = routes[req.url ?? ''];
    if (route) route(req, res);
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PNG_HEAD = Buffer.from('89504e470d0a1a0a', 'hex');
// The stand-in at 127.0.0.1 is "the internet"; every other private address stays refused.
const onlyStandInPublic = (address: string) => address !== '127.0.0.1' && isPrivateAddress(address);
const options = (extra: Partial<SafeFetchOptions> = {}): SafeFetchOptions => ({
  maxBytes: 1000,
  timeoutMs: 2000,
  refuseAddress: onlyStandInPublic,
  ...extra,
});

describe('createSafeFetch', () => {
  let web: StandIn;
  let internal: StandIn;

  beforeAll(async () => {
    // The "internal service" a hostile redirect aims at, on another loopback address.
    internal = await standIn('127.0.0.2', { '/secret': (_req, res) => res.end('internal data') });
    const image: Handler = (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_HEAD);
    web = await standIn('127.0.0.1', {
      '/photo.png': image,
      '/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>'),
      '/big-declared': (_req, res) =>
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': '5000' }).end(Buffer.alloc(5000)),
      '/big-streamed': (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png' });
        // Sends forever unless the reader hangs up.
        const timer = setInterval(() => res.write(Buffer.alloc(400)), 5);
        res.on('close', () => clearInterval(timer));
      },
      '/slow': (_req, res) => {
        const timer = setTimeout(
          () => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_HEAD),
          5000,
        );
        res.on('close', () => clearTimeout(timer));
      },
      '/to-internal': (_req, res) =>
        res.writeHead(302, { location: `http://127.0.0.2:${internal.port}/secret` }).end(),
      '/to-metadata': (_req, res) => res.writeHead(301, { location: 'http://169.254.169.254/latest/' }).end(),
      '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
      '/hop1': (_req, res) => res.writeHead(302, { location: '/hop2' }).end(),
      '/hop2': (_req, res) => res.writeHead(307, { location: '/hop3' }).end(),
      '/hop3': (_req, res) => res.writeHead(308, { location: '/photo.png' }).end(),
      '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
    });
  });
  afterAll(async () => {
    await web?.close();
    await internal?.close();
  });

  it('fetches an image and follows up to three redirects', async () => {
    const result = await createSafeFetch(options())(`${web.origin}/hop1`);
    expect(result).toEqual({
      ok: true,
      file: { bytes: PNG_HEAD, contentType: 'image/png', url: `${web.origin}/photo.png` },
    });
  });

  it('refuses loopback with the default rule, without a request reaching the server', async () => {
    const before = web.requests.length;
    const safeFetch = createSafeFetch({ maxBytes: 1000, timeoutMs: 2000 });
    for (const url of [`${web.origin}/photo.png`, `http://[::ffff:127.0.0.1]:${web.port}/photo.png`]) {
      expect(await safeFetch(url)).toMatchObject({ ok: false, reason: 'private_address' });
    }
    expect(web.requests.length).toBe(before);
  });

  it('refuses a host name that resolves to a private address, and one private address among public ones', async () => {
    const before = web.requests.length;
    const resolve = async (host: string) =>
      host === 'sneaky.test'
        ? [{ address: '127.0.0.1', family: 4 }]
        : [
            { address: '93.184.215.14', family: 4 },
            { address: '10.0.0.7', family: 4 },
          ];
    const safeFetch = createSafeFetch({ maxBytes: 1000, timeoutMs: 2000, resolve });
    expect(await safeFetch(`http://sneaky.test:${web.port}/photo.png`)).toMatchObject({
      reason: 'private_address',
    });
    expect(await safeFetch(`http://mixed.test:${web.port}/photo.png`)).toMatchObject({
      reason: 'private_address',
    });
    expect(web.requests.length).toBe(before);
  });

  it('connects to the address it checked, not to what the system resolver would say', async () => {
    // images.test exists in no DNS; only the pinned lookup can take the request to the stand-in.
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const result = await createSafeFetch(options({ resolve }))(`http://images.test:${web.port}/photo.png`);
    expect(result.ok).toBe(true);
    expect(web.requests.at(-1)).toBe(`images.test:${web.port} /photo.png`);
  });

  it('refuses a redirect to a private address without contacting it', async () => {
    const safeFetch = createSafeFetch(options());
    expect(await safeFetch(`${web.origin}/to-internal`)).toMatchObject({
      ok: false,
      reason: 'private_address',
    });
    expect(await safeFetch(`${web.origin}/to-metadata`)).toMatchObject({
      ok: false,
      reason: 'private_address',
    });
    expect(internal.requests).toEqual([]);
  });

  it('refuses schemes other than http(s), at the start and after a redirect', async () => {
    const safeFetch = createSafeFetch(options());
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.com/a.png',
      'data:image/png;base64,AAAA',
      'nonsense',
    ]) {
      expect(await safeFetch(url)).toMatchObject({ ok: false, reason: 'not_http' });
    }
    expect(await safeFetch(`${web.origin}/to-file`)).toMatchObject({ ok: false, reason: 'not_http' });
  });

  it('stops after three redirects', async () => {
    const before = web.requests.length;
    expect(await createSafeFetch(options())(`${web.origin}/loop`)).toMatchObject({
      reason: 'too_many_redirects',
    });
    expect(web.requests.length - before).toBe(4);
  });

  it('refuses a body over the cap, declared or streamed, without reading on', async () => {
    const safeFetch = createSafeFetch(options());
    expect(await safeFetch(`${web.origin}/big-declared`)).toMatchObject({ ok: false, reason: 'too_large' });
    const started = Date.now();
    expect(await safeFetch(`${web.origin}/big-streamed`)).toMatchObject({ ok: false, reason: 'too_large' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up on a slow server when the time runs out, and when the caller aborts', async () => {
    const started = Date.now();
    const result = await createSafeFetch(options({ timeoutMs: 300 }))(`${web.origin}/slow`);
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    const aborted = await createSafeFetch(options())(`${web.origin}/slow`, {
      signal: AbortSignal.timeout(200),
    });
    expect(aborted).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('answers a 404 and an unwanted content type as refusals', async () => {
    const safeFetch = createSafeFetch(options());
    expect(await safeFetch(`${web.origin}/missing.png`)).toMatchObject({
      reason: 'http_status',
      detail: 'the server answered 404',
    });
    const accept = (type: string) => type.startsWith('image/');
    expect(await safeFetch(`${web.origin}/page`, { accept })).toMatchObject({ reason: 'unwanted_type' });
  });
});
