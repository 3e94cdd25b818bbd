import { describe, expect, it } from 'vitest';
import { redactAddresses } from './redact-addresses.ts';

describe('redactAddresses', () => {
  it('cuts the address out of a mail server reply and keeps the rest', () => {
    expect(
      redactAddresses('550 5.1.1 <Reader.One@Example.org>: Recipient address rejected: User unknown'),
    ).toBe('550 5.1.1 <[address]>: Recipient address rejected: User unknown');
    expect(redactAddresses("Can't send mail - all recipients were rejected: a@b.co, c+d@e.example")).toBe(
      "Can't send mail - all recipients were rejected: [address], [address]",
    );
  });

  it('leaves text without an address alone', () => {
    expect(redactAddresses('421 4.7.0 try again later (mx.example.org)')).toBe(
      '421 4.7.0 try again later (mx.example.org)',
    );
  });
});
