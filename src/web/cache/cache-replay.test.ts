import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cacheTags, PageCache } from './index.ts';
import { CacheReplay } from './cache-replay.ts';

function request(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return { url, method, headers } as unknown as IncomingMessage;
}

function response() {
  const sent: { status?: number; headers?: OutgoingHttpHeaders; body?: Buffer } = {};
  const res = {
    writeHead(status: number, headers: OutgoingHttpHeaders) {
      sent.status = status;
      sent.headers = headers;
    },
    end(body?: Buffer) {
      sent.body = body;
    },
  } as unknown as ServerResponse;
  return { res, sent };
}

function setup(maxUrls?: number) {
  const cache = new PageCache();
  const replay = new CacheReplay((entry) => cache.isCurrent(entry), maxUrls);
  const page = (key: string, body: string) =>
    cache.set(key, { body: body.repeat(50), contentType: 'text/html', tags: [cacheTags.article(key)] });
  const headers = { 'content-type': 'text/html', 'x-frame-options': 'DENY', 'content-length': '1' };
  return { cache, replay, page, headers };
}

describe('CacheReplay', () => {
  it('answers a recorded URL in the encoding asked for, with recorded headers and its own length', () => {
    const { replay, page, headers } = setup();
    const entry = page('/a', 'Reporting from the border. ');
    replay.record('/a', entry, { ...headers, date: 'yesterday', 'content-encoding': 'gzip' });

    const { res, sent } = response();
    expect(replay.answer(request('/a', { 'accept-encoding': 'gzip, br' }), res)).toBe(true);
    expect(sent.status).toBe(200);
    expect(sent.body).toBe(entry.br);
    expect(sent.headers).toMatchObject({
      'x-frame-options': 'DENY',
      'content-encoding': 'br',
      'content-length': entry.br.length,
    });
    expect(sent.headers).not.toHaveProperty('date');

    const plain = response();
    expect(replay.answer(request('/a'), plain.res)).toBe(true);
    expect(plain.sent.body).toBe(entry.body);
    expect(plain.sent.headers).not.toHaveProperty('content-encoding');
  });

  it('declines what it has not recorded, other methods, and entries no longer current', () => {
    const { cache, replay, page, headers } = setup();
    const entry = page('/a', 'x');
    replay.record('/a', entry, headers);
    replay.record('/a?utm_source=x', entry, headers);
    expect(replay.answer(request('/a?utm_source=x'), response().res)).toBe(false);
    expect(replay.answer(request('/b'), response().res)).toBe(false);
    expect(replay.answer(request('/a', {}, 'POST'), response().res)).toBe(false);
    expect(replay.size).toBe(1);

    cache.invalidate(cacheTags.article('/a'));
    expect(replay.answer(request('/a'), response().res)).toBe(false);
    expect(replay.size).toBe(0);

    // A newer entry for the same key is not the recorded one: Fastify sends and records it.
    replay.record('/a', page('/a', 'y'), headers);
    page('/a', 'z');
    expect(replay.answer(request('/a'), response().res)).toBe(false);
  });

  it('never records a response that sets a cookie or is private to one reader', () => {
    const { replay, page, headers } = setup();
    replay.record('/a', page('/a', 'a'), { ...headers, 'set-cookie': 'session=1' });
    replay.record('/b', page('/b', 'b'), { ...headers, 'cache-control': 'private, max-age=0' });
    replay.record('/c', page('/c', 'c'), { ...headers, 'cache-control': 'no-store' });
    replay.record('/d', page('/d', 'd'), { ...headers, 'cache-control': 'public, max-age=60' });
    expect(replay.size).toBe(1);
    expect(replay.answer(request('/a'), response().res)).toBe(false);
    expect(replay.answer(request('/d'), response().res)).toBe(true);
  });

  it('answers HEAD without a body and matching validators with 304', () => {
    const { replay, page, headers } = setup();
    const entry = page('/a', 'x');
    replay.record('/a', entry, headers);
    const head = response();
    expect(replay.answer(request('/a', {}, 'HEAD'), head.res)).toBe(true);
    expect(head.sent.body).toBeUndefined();
    expect(head.sent.headers?.['content-length']).toBe(entry.body.length);

    const conditional = response();
    expect(replay.answer(request('/a', { 'if-none-match': `"nope", ${entry.etag}` }), conditional.res)).toBe(
      true,
    );
    expect(conditional.sent.status).toBe(304);
    expect(conditional.sent.body).toBeUndefined();
    expect(conditional.sent.headers).not.toHaveProperty('content-type');
  });

  it('remembers a bounded number of URLs and nothing once disabled', () => {
    const { replay, page, headers } = setup(2);
    for (const url of ['/a', '/b', '/c']) replay.record(url, page(url, url), headers);
    expect(replay.size).toBe(2);
    expect(replay.answer(request('/a'), response().res)).toBe(false);
    expect(replay.answer(request('/c'), response().res)).toBe(true);
    replay.disable();
    expect(replay.answer(request('/c'), response().res)).toBe(false);
    replay.record('/d', page('/d', 'd'), headers);
    expect(replay.size).toBe(0);
  });

  it('keeps no entry alive that the page cache has let go', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const cache = new PageCache({ maxEntries: 1 });
    const replay = new CacheReplay((entry) => cache.isCurrent(entry));
    const recordEvicted = () => {
      const entry = cache.set('/a', { body: 'a'.repeat(100_000), contentType: 'text/html', tags: [] });
      replay.record('/a', entry, { 'content-type': 'text/html' });
      cache.set('/b', { body: 'b', contentType: 'text/html', tags: [] });
      return new WeakRef(entry);
    };
    const evicted = recordEvicted();
    // WeakRefs hold their target until the current job ends.
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(evicted.deref()).toBeUndefined();
    expect(replay.answer(request('/a'), response().res)).toBe(false);
  });
});
