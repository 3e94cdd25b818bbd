// Amazon SNS on 127.0.0.1 for the SES bounce webhook's tests: a self-signed certificate made
// with openssl for the run, served at /cert.pem (what SigningCertURL points to), a SubscribeURL
// that records each visit, and messages signed with the certificate's key exactly as SNS signs
// them (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA, over the documented string).
import { execFileSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { snsStringToSign, type SnsEnvelope } from '../../src/adapters/mail/sns-message.ts';
import { removeTempDir, tempDir } from './temp-dir.ts';

export interface SnsStandIn {
  /** http://127.0.0.1:<port> */
  origin: string;
  certUrl: string;
  /** Tokens of the SubscribeURL visits, in order. */
  confirmations: string[];
  certificateFetches: () => number;
  notification(
    message: object,
    options?: { version?: '1' | '2'; id?: string; subject?: string },
  ): SnsEnvelope;
  subscriptionConfirmation(token: string, subscribeUrl?: string): SnsEnvelope;
  close(): Promise<void>;
}

let sequence = 0;

export async function startSnsStandIn(): Promise<SnsStandIn> {
  const dir = tempDir('sns');
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=sns.test',
    ],
    { stdio: 'ignore' },
  );
  const key = readFileSync(keyFile);
  const cert = readFileSync(certFile);
  removeTempDir(dir);
  const confirmations: string[] = [];
  let fetches = 0;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/cert.pem') {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(cert);
    } else if (url.pathname === '/confirm') {
      confirmations.push(url.searchParams.get('Token') ?? '');
      response.writeHead(200, { 'content-type': 'text/xml' }).end('<ConfirmSubscriptionResponse/>');
    } else response.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const certUrl = `${origin}/cert.pem`;

  const signed = (unsigned: Omit<SnsEnvelope, 'Signature'>): SnsEnvelope => {
    const envelope = { ...unsigned, Signature: '' } as SnsEnvelope;
    const algorithm = envelope.SignatureVersion === '1' ? 'sha1' : 'sha256';
    envelope.Signature = sign(algorithm, Buffer.from(snsStringToSign(envelope)), key).toString('base64');
    return envelope;
  };
  const base = (id?: string) => ({
    MessageId: id ?? `msg-${++sequence}-${Date.now()}`,
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-bounces',
    Timestamp: new Date().toISOString(),
    SigningCertURL: certUrl,
  });

  return {
    origin,
    certUrl,
    confirmations,
    certificateFetches: () => fetches,
    notification(message, options = {}) {
      return signed({
        ...base(options.id),
        Type: 'Notification',
        Message: JSON.stringify(message),
        SignatureVersion: options.version ?? '2',
        ...(options.subject ? { Subject: options.subject } : {}),
      });
    },
    subscriptionConfirmation(
      token,
      subscribeUrl = `${origin}/confirm?Action=ConfirmSubscription&Token=${token}`,
    ) {
      return signed({
        ...base(),
        Type: 'SubscriptionConfirmation',
        Message: 'You have chosen to subscribe to the topic. To confirm, visit the SubscribeURL.',
        Token: token,
        SubscribeURL: subscribeUrl,
        SignatureVersion: '1',
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An SES bounce notification as SNS carries it. */
export function sesBounce(type: 'Permanent' | 'Transient', emails: string[]) {
  return {
    notificationType: 'Bounce',
    bounce: {
      bounceType: type,
      bounceSubType: type === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: emails.map((emailAddress) => ({
        emailAddress,
        status: type === 'Permanent' ? '5.1.1' : '4.2.2',
      })),
      timestamp: new Date().toISOString(),
      feedbackId: 'feedback-1',
    },
    mail: { messageId: 'ses-message-1', source: 'desk@news.example' },
  };
}

export function sesComplaint(emails: string[]) {
  return {
    notificationType: 'Complaint',
    complaint: {
      complainedRecipients: emails.map((emailAddress) => ({ emailAddress })),
      complaintFeedbackType: 'abuse',
      feedbackId: 'feedback-2',
    },
    mail: { messageId: 'ses-message-2' },
  };
}
