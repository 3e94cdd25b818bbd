import { connect } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { waitFor } from './wait-for.ts';

// The failure CI once saw: a sender killed (SIGKILL) in the middle of DATA resets its connection;
// without a handler the sink's ECONNRESET surfaced as an unhandled error in the test run.
describe('the SMTP stand-in', () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => sink?.close());

  it('absorbs a connection reset in the middle of a transaction', async () => {
    sink = await startSmtpSink();
    const socket = connect(sink.port, '127.0.0.1');
    socket.on('error', () => undefined);
    let replies = '';
    socket.on('data', (d: Buffer) => (replies += d.toString('latin1')));
    const say = async (line: string, code: string) => {
      replies = '';
      if (line) socket.write(line);
      await waitFor(() => new RegExp(`(^|\\n)${code} `).test(replies));
    };
    await say('', '220');
    await say('EHLO sender.test\r\n', '250');
    await say('MAIL FROM:<desk@news.example>\r\n', '250');
    await say('RCPT TO:<reader@example.org>\r\n', '250');
    await say('DATA\r\n', '354');
    socket.write('Subject: half a message\r\n\r\nThe sender dies here');
    await new Promise((r) => setTimeout(r, 100));
    socket.resetAndDestroy(); // an RST, as the kernel sends for a killed process with unread data
    await once(socket, 'close');
    await waitFor(() => sink!.socketErrors.some((e) => (e as NodeJS.ErrnoException).code === 'ECONNRESET'));
    expect(sink.received).toHaveLength(0);
  });
});
