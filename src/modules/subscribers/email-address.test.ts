import { describe, expect, it } from 'vitest';
import { cleanSubscriberName, normaliseAddress } from './email-address.ts';

describe('subscriber addresses', () => {
  it('normalises case, spaces and internationalised domains', () => {
    expect(normaliseAddress('  Reader@Mail.Newsroom.ORG ')).toEqual({
      ok: true,
      email: 'reader@mail.newsroom.org',
    });
    expect(normaliseAddress('chitatel@почта.рф')).toEqual({
      ok: true,
      email: 'chitatel@xn--80a1acny.xn--p1ai',
    });
    expect(normaliseAddress('a.b+news@bücher.de')).toEqual({ ok: true, email: 'a.b+news@xn--bcher-kva.de' });
    expect(normaliseAddress('x@newsroom.org.')).toEqual({ ok: true, email: 'x@newsroom.org' });
  });

  it('refuses header injection, bad shapes, reserved domains and long addresses', () => {
    const problem = (s: string) => {
      const r = normaliseAddress(s);
      return r.ok ? 'ok' : r.problem;
    };
    expect(problem('a@newsroom.org\r\nBcc: victim@newsroom.org')).toBe('control-characters');
    expect(problem('a@newsroom.org\n')).toBe('control-characters');
    expect(problem('')).toBe('empty');
    expect(problem('   ')).toBe('empty');
    expect(problem('no-at-sign')).toBe('malformed');
    expect(problem('@newsroom.org')).toBe('malformed');
    expect(problem('a@')).toBe('malformed');
    expect(problem('a b@newsroom.org')).toBe('malformed');
    expect(problem('a..b@newsroom.org')).toBe('local-part');
    expect(problem('.a@newsroom.org')).toBe('local-part');
    expect(problem('"quoted"@newsroom.org')).toBe('local-part');
    expect(problem('читатель@newsroom.org')).toBe('local-part');
    expect(problem(`${'a'.repeat(65)}@newsroom.org`)).toBe('local-part');
    expect(problem('a@localhost')).toBe('domain');
    expect(problem('a@[127.0.0.1]')).toBe('domain');
    expect(problem('a@127.0.0.1')).toBe('domain');
    expect(problem('a@-bad.org')).toBe('domain');
    expect(problem('a@newsroom.o')).toBe('domain');
    expect(problem('a@exa_mple.org')).toBe('domain');
    expect(problem('a@example.com')).toBe('reserved-domain');
    expect(problem('a@mail.example.org')).toBe('reserved-domain');
    expect(problem('a@site.test')).toBe('reserved-domain');
    expect(problem('a@x.invalid')).toBe('reserved-domain');
    expect(problem(`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.org`)).toBe(
      'too-long',
    );
    expect(problem(`${'a'.repeat(40)}@${'b'.repeat(300)}.org`)).toBe('too-long');
  });

  it('cleans display names of header-breaking characters', () => {
    expect(cleanSubscriberName('Ann\r\nBcc: x@y.org')).toBe('Ann Bcc: x@y.org');
    expect(cleanSubscriberName('<script>')).toBe('script');
    expect(cleanSubscriberName('   ')).toBeNull();
    expect(cleanSubscriberName(undefined)).toBeNull();
  });
});
