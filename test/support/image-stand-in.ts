// A stand-in for "another site" serving images (and misbehaving) on 127.0.0.1, for the tests of
// copying remote images. It counts every request, so a test can prove none reached it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandInHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ImageStandIn {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** "GET /path" for every request received, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startImageStandIn(routes: Record<string, StandInHandler>): Promise<ImageStandIn> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const route = routes[req.url ?? ''];
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `bytes` with this content type. */
export const serve =
  (contentType: string, bytes: Buffer | string): StandInHandler =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': contentType }).end(bytes);

/** Answers after `ms` (or never, when the client gives up first). */
export const slowly =
  (ms: number, then: StandInHandler): StandInHandler =>
  (req, res) => {
    const timer = setTimeout(() => then(req, res), ms);
    res.on('close', () => clearTimeout(timer));
  };

/** An image/jpeg that never ends, without a Content-Length: only a reader's cap stops it. */
export const endless: StandInHandler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'image/jpeg' });
  const chunk = Buffer.alloc(64 * 1024);
  const timer = setInterval(() => res.write(chunk), 1);
  res.on('close', () => clearInterval(timer));
};

/** Redirects to `location`. */
export const redirect =
  (location: string): StandInHandler =>
  (_req, res) =>
    res.writeHead(302, { location }).end();
