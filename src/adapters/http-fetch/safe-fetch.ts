import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './private-address.ts';

// Fetching a URL someone else chose, without letting them choose where our server connects.
// The host name is resolved here, every address it resolves to is checked, and the connection
// goes to the checked address (a pinned `lookup`), so a DNS answer that changes between our check
// and the connect (DNS rebinding) cannot swap in 127.0.0.1. Redirects are followed by hand, each
// hop checked the same way. The body is read only up to the cap, within one deadline.

/** Why a fetch gave nothing. Stable codes for API answers; `detail` says more in English. */
export type FetchRefusal =
  | 'not_http'
  | 'private_address'
  | 'dns_failed'
  | 'timeout'
  | 'too_large'
  | 'http_status'
  | 'too_many_redirects'
  | 'unwanted_type'
  | 'network';

export interface FetchedFile {
  bytes: Buffer;
  /** The Content-Type header as sent, lower case, without parameters ('' when absent). */
  contentType: string;
  /** Where the bytes came from, after redirects. */
  url: string;
}

export type SafeFetchResult =
  { ok: true; file: FetchedFile } | { ok: false; reason: FetchRefusal; detail: string };

export interface SafeFetchRequest {
  /** Aborts the fetch (a caller's overall budget); reported as a timeout. */
  signal?: AbortSignal;
  /** Whether the response's Content-Type is worth reading; a refused type is never downloaded. */
  accept?: (contentType: string) => boolean;
}

export type SafeFetch = (url: string, request?: SafeFetchRequest) => Promise<SafeFetchResult>;

export type ResolveHost = (host: string) => Promise<LookupAddress[]>;

export interface SafeFetchOptions {
  /** Largest body read, in bytes; a longer one is cut off and refused. */
  maxBytes: number;
  /** From the first connect to the last byte, redirects included. */
  timeoutMs: number;
  /** Connecting, and any silence while waiting for bytes. Default: timeoutMs. */
  idleTimeoutMs?: number;
  /** Default 3. */
  maxRedirects?: number;
  /**
   * Addresses never connected to. Default isPrivateAddress (loopback, private, link-local...).
   * Only tests make exceptions (through the composition root's REMOTE_FETCH_ALLOW_ADDRESSES), to fetch
   * from a stand-in server on 127.0.0.1.
   */
  refuseAddress?: (address: string) => boolean;
  /** DNS resolution; default node:dns lookup with all addresses. Tests use it to fake a name. */
  resolve?: ResolveHost;
}

const defaultResolve: ResolveHost = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

class Refused extends Error {
  constructor(
    readonly reason: FetchRefusal,
    detail: string,
  ) {
    super(detail);
  }
}

/** One connection target: a checked address to which the host's name is pinned. */
function pinnedLookup(target: LookupAddress): LookupFunction {
  return (_host, options, callback) => {
    // With autoSelectFamily (Node 20's default) net asks for every address; otherwise for one.
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: LookupAddress[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
}

export function createSafeFetch(options: SafeFetchOptions): SafeFetch {
  const resolveHost = options.resolve ?? defaultResolve;
  const maxRedirects = options.maxRedirects ?? 3;
  const refuseAddress = options.refuseAddress ?? isPrivateAddress;
  const idleTimeoutMs = options.idleTimeoutMs ?? options.timeoutMs;

  async function target(url: URL): Promise<LookupAddress> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: LookupAddress[];
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
    else {
      try {
        addresses = await resolveHost(host);
      } catch (err) {
        throw new Refused(
          'dns_failed',
          `${host} did not resolve (${(err as { code?: string }).code ?? 'error'})`,
        );
      }
    }
    if (addresses.length === 0) throw new Refused('dns_failed', `${host} has no address`);
    // One private address among public ones refuses the whole name: we cannot know which one a
    // retry would get, and a name that points inside is a warning sign anyway.
    if (addresses.some((a) => refuseAddress(a.address))) {
      throw new Refused('private_address', `${host} resolves to a private or reserved address`);
    }
    return addresses[0]!;
  }

  function request(url: URL, to: LookupAddress, signal: AbortSignal): Promise<IncomingMessage> {
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'GET',
          headers: {
            accept: 'image/*',
            'accept-encoding': 'identity',
            'user-agent': 'Samizdat media import',
          },
          lookup: pinnedLookup(to),
          // A pooled socket could be one opened for another (unchecked) address.
          agent: false,
          signal,
          timeout: idleTimeoutMs,
        },
        resolve,
      );
      req.on('timeout', () => req.destroy(new Refused('timeout', `no answer within ${idleTimeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  }

  async function readBody(res: IncomingMessage): Promise<Buffer> {
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      res.destroy();
      throw new Refused(
        'too_large',
        `the file is ${declared} bytes, over the ${options.maxBytes} byte limit`,
      );
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > options.maxBytes) {
        // Stop reading: a server sending forever must not fill our memory.
        res.destroy();
        throw new Refused('too_large', `the file is over the ${options.maxBytes} byte limit`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  async function follow(
    start: string,
    request_: SafeFetchRequest,
    signal: AbortSignal,
  ): Promise<FetchedFile> {
    let url: URL;
    try {
      url = new URL(start);
    } catch {
      throw new Refused('not_http', 'not a URL');
    }
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Refused('not_http', `${url.protocol} URLs are not fetched`);
      }
      if (url.username || url.password)
        throw new Refused('not_http', 'URLs with credentials are not fetched');
      const res = await request(url, await target(url), signal);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.destroy();
        if (hop >= maxRedirects)
          throw new Refused('too_many_redirects', `more than ${maxRedirects} redirects`);
        try {
          url = new URL(res.headers.location, url);
        } catch {
          throw new Refused('not_http', 'a redirect to something that is not a URL');
        }
        continue;
      }
      if (status !== 200) {
        res.destroy();
        throw new Refused('http_status', `the server answered ${status}`);
      }
      const contentType = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (request_.accept && !request_.accept(contentType)) {
        res.destroy();
        throw new Refused('unwanted_type', `the server sent ${contentType || 'no content type'}`);
      }
      return { bytes: await readBody(res), contentType, url: url.href };
    }
  }

  return async (url, request_ = {}) => {
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = request_.signal ? AbortSignal.any([request_.signal, deadline]) : deadline;
    try {
      return { ok: true, file: await follow(url, request_, signal) };
    } catch (err) {
      if (err instanceof Refused) return { ok: false, reason: err.reason, detail: err.message };
      if (signal.aborted) return { ok: false, reason: 'timeout', detail: 'the time allowed ran out' };
      const code = (err as { code?: string }).code;
      return { ok: false, reason: 'network', detail: `the connection failed${code ? ` (${code})` : ''}` };
    }
  };
}
