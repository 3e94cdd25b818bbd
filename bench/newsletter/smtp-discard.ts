// The benchmark's SMTP sink, in a process of its own so its work and memory are not counted as
// the sender's: a minimal SMTP server on 127.0.0.1 (EHLO with PIPELINING, MAIL, RCPT, DATA, RSET,
// NOOP, QUIT) that accepts every message and throws it away, counting messages per recipient
// and per Message-ID. It only looks for the end of DATA in the bytes (no parsing, no dot
// unstuffing), so it costs far less than the sender it measures: smtp-server, used before, was
// itself the bottleneck. IPC: it sends {port} when listening; answers 'report' with
// {total, distinct, repeated, repeatedMessageIds, cpuMs}, and 'reset' (forgetting the counts) with zeros.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { once } from 'node:events';

const perRecipient = new Map<string, number>();
/** Per recipient: the Message-IDs received (a resent message carries the same one). */
const idsOf = new Map<string, Set<string>>();
let total = 0;
/** CPU time is counted from the last reset: the sink's own cost per message beside the sender's. */
let cpuStart = process.cpuUsage();
const END = Buffer.from('\r\n.\r\n');

function serve(socket: Socket) {
  let pending: Buffer = Buffer.alloc(0);
  let inData = false;
  let rcpts: string[] = [];
  let messageId = '';
  let head = '';
  socket.on('error', () => undefined); // a sender killed mid-message resets its connections
  socket.write('220 sink ESMTP\r\n');
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let replies = '';
    for (;;) {
      if (inData) {
        if (head.length < 4096) {
          head += pending.subarray(0, 4096).toString('latin1');
          const m = /^Message-ID:\s*(<[^>\r\n]*>)/im.exec(head);
          if (m) messageId = m[1]!;
        }
        // The end may span chunks: keep the last four bytes when it is not found.
        const at = pending.indexOf(END);
        if (at < 0) {
          pending = pending.subarray(Math.max(0, pending.length - 4));
          break;
        }
        pending = pending.subarray(at + END.length);
        inData = false;
        for (const r of rcpts) {
          perRecipient.set(r, (perRecipient.get(r) ?? 0) + 1);
          let ids = idsOf.get(r);
          if (!ids) idsOf.set(r, (ids = new Set()));
          ids.add(messageId || `#${total}`);
          total++;
        }
        replies += '250 2.0.0 accepted\r\n';
        continue;
      }
      const eol = pending.indexOf('\r\n');
      if (eol < 0) break;
      const line = pending.subarray(0, eol).toString('latin1');
      pending = pending.subarray(eol + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') replies += '250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n';
      else if (verb === 'HELO') replies += '250 sink\r\n';
      else if (verb === 'MAIL') {
        rcpts = [];
        replies += '250 2.1.0 ok\r\n';
      } else if (verb === 'RCPT') {
        rcpts.push((/<([^>]*)>/.exec(line)?.[1] ?? '').toLowerCase());
        replies += '250 2.1.5 ok\r\n';
      } else if (verb === 'DATA') {
        inData = true;
        head = '';
        messageId = '';
        // The end of data is "\r\n.\r\n"; the CRLF that ends DATA's line counts as its start.
        pending = Buffer.concat([Buffer.from('\r\n'), pending]);
        replies += '354 go on\r\n';
      } else if (verb === 'QUIT') {
        socket.end('221 bye\r\n');
        return;
      } else if (verb === 'RSET') {
        rcpts = [];
        replies += '250 ok\r\n';
      } else replies += '250 ok\r\n';
    }
    if (replies) socket.write(replies);
  });
}

const server = createServer(serve);
server.on('error', () => undefined);
server.listen(0, '127.0.0.1');
await once(server, 'listening');
process.send!({ port: (server.address() as AddressInfo).port });
process.on('message', (message) => {
  if (message === 'report') {
    let repeated = 0;
    let repeatedMessageIds = 0;
    for (const n of perRecipient.values()) if (n > 1) repeated++;
    for (const ids of idsOf.values()) if (ids.size > 1) repeatedMessageIds++;
    const cpu = process.cpuUsage(cpuStart);
    process.send!({
      total,
      distinct: perRecipient.size,
      repeated,
      repeatedMessageIds,
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  } else if (message === 'reset') {
    perRecipient.clear();
    idsOf.clear();
    total = 0;
    cpuStart = process.cpuUsage();
    process.send!({ total, distinct: 0, repeated: 0, repeatedMessageIds: 0, cpuMs: 0 });
  } else if (message === 'exit') {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  }
});
