import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Local stand-ins for the payment providers, on 127.0.0.1: the few endpoints Samizdat calls.
// Stripe's API takes form-encoded bodies (line_items[0][price_data][unit_amount]=500); the
// stand-in keeps each request's fields as they came, for the tests to read.

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  fields: Record<string, string>;
  json: unknown;
}

export interface StandIn {
  url: string;
  requests: RecordedRequest[];
  /** Answer every request with a 500 (the provider is having a bad day). */
  failing: boolean;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function listen(
  handle: (req: RecordedRequest, res: ServerResponse) => void,
  standIn: { failing: boolean; requests: RecordedRequest[] },
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const type = req.headers['content-type'] ?? '';
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        fields: type.includes('urlencoded') ? Object.fromEntries(new URLSearchParams(body)) : {},
        json: type.includes('json') && body ? JSON.parse(body) : null,
      };
      standIn.requests.push(recorded);
      if (standIn.failing) {
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"error":{"type":"api_error","message":"down"}}');
        return;
      }
      handle(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** Checkout sessions, customers and subscriptions, as Stripe's API answers them (the fields we read). */
export async function startStripeStandIn(options: { pagesHere?: boolean } = {}): Promise<StandIn> {
  let n = 0;
  let selfUrl = '';
  const subscriptions = new Map<string, Record<string, unknown>>();
  const state = { failing: false, requests: [] as RecordedRequest[] };
  const subscription = (id: string) =>
    subscriptions.get(id) ?? {
      id,
      object: 'subscription',
      status: 'active',
      items: {
        object: 'list',
        data: [
          {
            id: `si_${id}`,
            object: 'subscription_item',
            price: {
              id: 'price_1',
              object: 'price',
              product: 'prod_1',
              currency: 'eur',
              unit_amount: 500,
              recurring: { interval: 'month' },
            },
          },
        ],
      },
    };
  const { server, url } = await listen((req, res) => {
    const path = req.path.split('?')[0]!;
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_test_${++n}`;
      return json(res, 200, {
        id,
        object: 'checkout.session',
        mode: req.fields.mode,
        url: options.pagesHere ? `${selfUrl}/c/pay/${id}` : `https://checkout.stripe.example/c/pay/${id}`,
        client_reference_id: req.fields.client_reference_id ?? null,
      });
    }
    // Stripe's hosted checkout page, on this stand-in's own origin (another origin than the site's).
    if (req.method === 'GET' && path.startsWith('/c/pay/')) {
      return res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><title>Stand-in checkout</title><h1>Stand-in Stripe checkout</h1>');
    }
    if (req.method === 'POST' && path === '/v1/customers')
      return json(res, 200, { id: `cus_${++n}`, object: 'customer' });
    const sub = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (sub) {
      const id = decodeURIComponent(sub[1]!);
      if (req.method === 'GET') return json(res, 200, subscription(id));
      if (req.method === 'POST') {
        const next = {
          ...subscription(id),
          ...(req.fields['pause_collection[behavior]'] ? { pause_collection: { behavior: 'void' } } : {}),
        };
        subscriptions.set(id, next);
        return json(res, 200, next);
      }
      if (req.method === 'DELETE') {
        const next = { ...subscription(id), status: 'canceled' };
        subscriptions.set(id, next);
        return json(res, 200, next);
      }
    }
    return json(res, 404, {
      error: { type: 'invalid_request_error', message: `no stand-in for ${req.method} ${path}` },
    });
  }, state);
  selfUrl = url;
  return Object.assign(state, {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** BTCPay Server's Greenfield API: creating an invoice. */
export async function startBtcpayStandIn(): Promise<StandIn> {
  let n = 0;
  const state = { failing: false, requests: [] as RecordedRequest[] };
  const { server, url } = await listen((req, res) => {
    const m = /^\/api\/v1\/stores\/([^/]+)\/invoices$/.exec(req.path);
    if (req.method === 'POST' && m) {
      if (req.headers.authorization !== 'token btcpay-key')
        return json(res, 401, { code: 'unauthenticated' });
      const id = `INV${++n}`;
      return json(res, 200, {
        id,
        checkoutLink: `https://btcpay.example/i/${id}`,
        status: 'New',
        ...(req.json as object),
      });
    }
    return json(res, 404, { code: 'not-found' });
  }, state);
  return Object.assign(state, {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
