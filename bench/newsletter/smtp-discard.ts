// The benchmark's SMTP sink, in a process of its own so its work and memory are not counted as
// the sender's: smtp-server on 127.0.0.1 that reads each message and throws it away, counting
// messages per recipient. IPC: it sends {port} when listening; answers 'report' with
// {total, distinct, repeated}, and 'reset' (forgetting the counts) with zeros.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const perRecipient = new Map<string, number>();
let total = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, session, callback) {
    stream.on('error', () => undefined);
    stream.resume();
    stream.on('end', () => {
      for (const r of session.envelope.rcptTo) {
        perRecipient.set(r.address, (perRecipient.get(r.address) ?? 0) + 1);
        total++;
      }
      callback();
    });
  },
});
// A sender killed mid-message resets its connections: expected here.
server.on('error', () => undefined);
server.listen(0, '127.0.0.1');
await once(server.server, 'listening');
process.send!({ port: (server.server.address() as AddressInfo).port });
process.on('message', (message) => {
  if (message === 'report') {
    let repeated = 0;
    for (const n of perRecipient.values()) if (n > 1) repeated++;
    process.send!({ total, distinct: perRecipient.size, repeated });
  } else if (message === 'reset') {
    perRecipient.clear();
    total = 0;
    process.send!({ total, distinct: 0, repeated: 0 });
  } else if (message === 'exit') {
    server.close(() => process.exit(0));
  }
});
