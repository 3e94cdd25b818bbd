import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SNS_HOST,
  snsHostPattern,
  snsStringToSign,
  snsUrlAllowed,
  type SnsEnvelope,
} from './sns-message.ts';

describe('SNS message rules', () => {
  it('fetches certificates only over https from SNS hosts (http only on loopback, when a pattern allows it)', () => {
    expect(
      snsUrlAllowed('https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-1.pem', DEFAULT_SNS_HOST),
    ).toBe(true);
    expect(snsUrlAllowed('http://sns.eu-west-1.amazonaws.com/cert.pem', DEFAULT_SNS_HOST)).toBe(false);
    expect(snsUrlAllowed('https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem', DEFAULT_SNS_HOST)).toBe(
      false,
    );
    expect(snsUrlAllowed('https://evil.example/sns.eu-west-1.amazonaws.com/cert.pem', DEFAULT_SNS_HOST)).toBe(
      false,
    );
    expect(snsUrlAllowed('https://user@sns.eu-west-1.amazonaws.com/cert.pem', DEFAULT_SNS_HOST)).toBe(false);
    expect(snsUrlAllowed('http://127.0.0.1:9/cert.pem', DEFAULT_SNS_HOST)).toBe(false);
    const tests = snsHostPattern('127\\.0\\.0\\.1');
    expect(snsUrlAllowed('http://127.0.0.1:9/cert.pem', tests)).toBe(true);
    expect(snsUrlAllowed('http://127.0.0.10/cert.pem', tests)).toBe(false);
    expect(snsUrlAllowed('not a url', tests)).toBe(false);
  });

  it('signs the documented fields in order, Subject only when present', () => {
    const base = {
      MessageId: 'm1',
      TopicArn: 'arn:aws:sns:eu-west-1:1:bounces',
      Message: '{"a":1}',
      Timestamp: '2026-11-27T09:00:00.000Z',
      SignatureVersion: '2',
      Signature: 'x',
      SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/c.pem',
    } as const;
    const n: SnsEnvelope = { ...base, Type: 'Notification' };
    expect(snsStringToSign(n)).toBe(
      'Message\n{"a":1}\nMessageId\nm1\nTimestamp\n2026-11-27T09:00:00.000Z\nTopicArn\narn:aws:sns:eu-west-1:1:bounces\nType\nNotification\n',
    );
    expect(snsStringToSign({ ...n, Subject: 'S' })).toContain('MessageId\nm1\nSubject\nS\nTimestamp');
    const c: SnsEnvelope = {
      ...base,
      Type: 'SubscriptionConfirmation',
      Token: 't',
      SubscribeURL: 'https://s/x',
    };
    expect(snsStringToSign(c)).toBe(
      'Message\n{"a":1}\nMessageId\nm1\nSubscribeURL\nhttps://s/x\nTimestamp\n2026-11-27T09:00:00.000Z\nToken\nt\nTopicArn\narn:aws:sns:eu-west-1:1:bounces\nType\nSubscriptionConfirmation\n',
    );
  });
});
