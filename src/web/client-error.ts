import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_HEADERS, type ErrorResponse } from './error-handler.ts';

// Requests Node's HTTP parser refuses before Fastify sees them: headers too large, a request line
// that never ends, bytes that are not HTTP. The answer has the same shape and headers as every
// other error, and quotes nothing of the request.

function classify(err: NodeJS.ErrnoException & { rawPacket?: Buffer }): ErrorResponse {
  const error = (status: number, code: string, message: string): ErrorResponse => ({
    status,
    body: { error: { code, message, details: null } },
  });
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    // The limit covers the request line and the headers together; when the request line alone
    // reaches it, the address is what is too long.
    const lineEnd = err.rawPacket?.indexOf('\r\n') ?? 0;
    return lineEnd >= 0 && lineEnd < maxHeaderSize
      ? error(431, 'too_large', 'the request headers are too large')
      : error(414, 'too_large', 'the address is too long');
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return error(408, 'invalid_input', 'the request took too long to arrive');
  return error(400, 'invalid_input', 'the request is not valid HTTP');
}

/** Fastify's `clientErrorHandler`: answer in our error shape, then close the connection. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, body } = classify(err);
  const json = JSON.stringify(body);
  const headers = {
    ...ERROR_HEADERS,
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    Connection: 'close',
  };
  if (socket.writable) {
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${json}`);
  }
  socket.destroy();
}
