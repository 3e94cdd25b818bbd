import { describe, expect, it } from 'vitest';
import { parseDsn } from './dsn-report.ts';
import { dsnReport } from '../../../test/support/dsn-fixtures.ts';

describe('parseDsn (RFC 3464)', () => {
  it('reads each recipient: 5.x.x hard, 4.x.x soft, Original-Recipient before Final-Recipient', () => {
    const events = parseDsn(
      dsnReport([
        { final: 'gone@example.org', status: '5.1.1' },
        { final: 'relay-rewrote@example.net', original: 'full@example.org', status: '4.2.2' },
        { final: 'fine@example.org', status: '2.0.0', action: 'delivered' },
      ]),
    );
    expect(events).toEqual([
      { id: 'dsn:dsn-1@relay.example:1', type: 'hard', email: 'gone@example.org', detail: 'DSN 5.1.1' },
      { id: 'dsn:dsn-1@relay.example:2', type: 'soft', email: 'full@example.org', detail: 'DSN 4.2.2' },
    ]);
  });

  it('keeps no diagnostic text (it quotes addresses)', () => {
    const [event] = parseDsn(dsnReport([{ final: 'gone@example.org', status: '5.1.1' }]));
    expect(JSON.stringify(event?.detail)).not.toContain('@');
  });

  it('reads a base64 delivery-status part and a report without a Message-ID the same way twice', () => {
    const status = Buffer.from(
      'Reporting-MTA: dns; r\r\n\r\nFinal-Recipient: rfc822; a@example.org\r\nAction: failed\r\nStatus: 5.0.0\r\n',
    ).toString('base64');
    const mail = [
      'Content-Type: multipart/report; report-type=delivery-status; boundary=xyz',
      '',
      '--xyz',
      'Content-Type: message/delivery-status',
      'Content-Transfer-Encoding: base64',
      '',
      status,
      '--xyz--',
      '',
    ].join('\n');
    const first = parseDsn(mail);
    expect(first).toMatchObject([{ type: 'hard', email: 'a@example.org' }]);
    expect(parseDsn(mail)[0]!.id).toBe(first[0]!.id);
  });

  it('refuses mail that is not a delivery status notification', () => {
    expect(() => parseDsn('Subject: hello\r\nContent-Type: text/plain\r\n\r\nunsubscribe me')).toThrow(
      /not a delivery status notification \(Content-Type text\/plain\)/,
    );
    expect(() =>
      parseDsn(
        'Content-Type: multipart/report; boundary=q\r\n\r\n--q\r\nContent-Type: text/plain\r\n\r\nhi\r\n--q--\r\n',
      ),
    ).toThrow(/no message\/delivery-status part/);
  });
});
