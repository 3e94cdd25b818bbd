import { describe, expect, it } from 'vitest';
import { toMailSendError } from './mail-send-error.ts';

describe('toMailSendError', () => {
  it('keeps the reply and its verdict, without the address the server quoted (it is stored)', () => {
    const error = toMailSendError({
      responseCode: 550,
      command: 'RCPT TO',
      response: '550 5.1.1 <Reader.One@Example.org>: Recipient address rejected:\r\n User unknown',
      message: "Can't send mail - all recipients were rejected: 550 5.1.1 <Reader.One@Example.org>",
    });
    expect(error.message).toBe('550 5.1.1 <[address]>: Recipient address rejected:  User unknown');
    expect(error).toMatchObject({ kind: 'permanent', stage: 'recipient', responseCode: 550 });
  });
});
