import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createAccessLog, loggedPath } from './access-log.ts';

describe('loggedPath', () => {
  it('drops the query string, whatever it carries', () => {
    expect(loggedPath('/search?q=opposition+leader')).toBe('/search');
    expect(loggedPath('/a?b?c')).toBe('/a');
    expect(loggedPath(undefined)).toBe('');
  });

  it('escapes bytes that could forge a line or drive a terminal, and cuts long paths', () => {
    expect(loggedPath('/x\n[access] GET /forged 200 1ms')).toBe('/x%0a[access]%20GET%20/forged%20200%201ms');
    expect(loggedPath('/\u001b[2J')).toBe('/%1b[2J');
    const long = loggedPath(`/${'a'.repeat(1000)}`);
    expect(long).toHaveLength(301);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('createAccessLog', () => {
  const request = (method: string, url: string) =>
    ({ method, url, socket: { remoteAddress: '203.0.113.9' } }) as unknown as IncomingMessage;
  const response = (statusCode: number) =>
    Object.assign(new EventEmitter(), { statusCode, writableFinished: true }) as unknown as ServerResponse;

  it('writes nothing until flushed or the timer fires, then one batch of one line per request', () => {
    const chunks: string[] = [];
    const log = createAccessLog((chunk) => chunks.push(chunk));
    for (const [url, status] of [
      ['/', 200],
      ['/en/search?q=x', 404],
    ] as const) {
      const res = response(status);
      log.track(request('GET', url), res);
      res.emit('close');
    }
    expect(chunks).toEqual([]);
    log.flush();
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(
      /^\[access\] GET \/ 200 \d+\.\dms\n\[access\] GET \/en\/search 404 \d+\.\dms\n$/,
    );
    expect(chunks[0]).not.toContain('203.0.113.9');
  });

  it('marks an answer cut off before it was complete', () => {
    const chunks: string[] = [];
    const log = createAccessLog((chunk) => chunks.push(chunk));
    const res = Object.assign(response(200), { writableFinished: false });
    log.track(request('GET', '/big.jpg'), res);
    res.emit('close');
    log.flush();
    expect(chunks.join('')).toMatch(/^\[access\] GET \/big\.jpg 200 aborted \d+\.\dms\n$/);
  });
});
