import { describe, expect, it } from 'vitest';
import { parseGenericWebhook, signGenericBody } from './generic-webhook.ts';

const secret = 'a-shared-secret';
const body = Buffer.from(
  JSON.stringify({ type: 'hard', email: 'gone@example.org', messageId: '<m1@news.example>' }),
);

describe('the generic mail webhook', () => {
  it('takes a signed event, with or without the sha256= prefix; the same body is the same event', () => {
    const sig = signGenericBody(secret, body);
    const event = parseGenericWebhook(secret, body, sig);
    expect(event).toMatchObject({ type: 'hard', email: 'gone@example.org', messageId: '<m1@news.example>' });
    expect(parseGenericWebhook(secret, body, `sha256=${sig.toUpperCase()}`).id).toBe(event.id);
  });

  it('refuses a wrong, missing or truncated signature, and everything when the secret is empty', () => {
    const sig = signGenericBody(secret, body);
    const tampered = Buffer.from(body.toString().replace('hard', 'soft'));
    expect(() => parseGenericWebhook(secret, tampered, sig)).toThrow(/does not match/);
    expect(() => parseGenericWebhook('another', body, sig)).toThrow(/does not match/);
    expect(() => parseGenericWebhook(secret, body, undefined)).toThrow(/missing/);
    expect(() => parseGenericWebhook(secret, body, sig.slice(0, 40))).toThrow(/missing or not a hex/);
    expect(() => parseGenericWebhook('', body, signGenericBody('', body))).toThrow(
      /MAIL_WEBHOOK_SECRET is empty/,
    );
  });

  it('names what is wrong with a signed body of the wrong shape', () => {
    const bad = Buffer.from(JSON.stringify({ type: 'bounce', email: 'a@example.org' }));
    expect(() => parseGenericWebhook(secret, bad, signGenericBody(secret, bad))).toThrow(/^type: /);
    const extra = Buffer.from(JSON.stringify({ type: 'soft', email: 'a@example.org', list: 'x' }));
    expect(() => parseGenericWebhook(secret, extra, signGenericBody(secret, extra))).toThrow(/list/);
    const notJson = Buffer.from('type=hard');
    expect(() => parseGenericWebhook(secret, notJson, signGenericBody(secret, notJson))).toThrow(/not JSON/);
  });
});
