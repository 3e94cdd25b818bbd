import type { IncomingMessage, ServerResponse } from 'node:http';

// One line per request: method, path, status, milliseconds. Never the client's address, its
// user agent, cookies, the Authorization header or the query string (a search term or a link's
// token can ride there): a seized or leaked log must not say who read what. Lines are gathered
// and written in batches, so the cached-page path pays for a string and an array push.

const FLUSH_MS = 200;
const FLUSH_BYTES = 32 * 1024;
const MAX_PATH = 300;

export interface AccessLog {
  /** Log this request once its answer has been sent (or the connection dropped). */
  track(req: IncomingMessage, res: ServerResponse): void;
  /** Write what is gathered now (the server is closing). */
  flush(): void;
}

/** The path as logged: no query string, at most MAX_PATH characters, printable ASCII only. */
export function loggedPath(url: string | undefined): string {
  const raw = url ?? '';
  const query = raw.indexOf('?');
  const path = query === -1 ? raw : raw.slice(0, query);
  const cut = path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
  // A raw byte outside printable ASCII could forge a line or drive a terminal.
  return cut.replace(/[^\x21-\x7e…]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function createAccessLog(
  write: (chunk: string) => void = (chunk) => process.stdout.write(chunk),
): AccessLog {
  let lines: string[] = [];
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (lines.length === 0) return;
    const chunk = lines.join('');
    lines = [];
    bytes = 0;
    write(chunk);
  };

  const add = (line: string) => {
    lines.push(line);
    bytes += line.length;
    if (bytes >= FLUSH_BYTES) flush();
    else timer ??= setTimeout(flush, FLUSH_MS).unref();
  };

  return {
    flush,
    track(req, res) {
      const started = performance.now();
      const method = req.method ?? '-';
      const path = loggedPath(req.url);
      res.once('close', () => {
        const ms = (performance.now() - started).toFixed(1);
        // A connection dropped before the answer was complete is logged with what was under way.
        const status = res.writableFinished ? String(res.statusCode) : `${res.statusCode} aborted`;
        add(`[access] ${method.slice(0, 16)} ${path} ${status} ${ms}ms\n`);
      });
    },
  };
}
