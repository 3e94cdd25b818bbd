import { generateKeyPairSync } from 'node:crypto';
import { authenticate } from 'mailauth';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createDkimSigner } from './dkim-signer.ts';
import { createComposer } from './mime-message.ts';
import { encodeQuotedPrintable } from './quoted-printable.ts';

// Messages we write ourselves, read back by the libraries receivers use: DKIM (RSA and Ed25519)
// verified by mailauth, bodies and headers decoded by mailparser.

function key(type: 'rsa' | 'ed25519') {
  const pair =
    type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  const publicDer = pair.publicKey.export({ type: 'spki', format: 'der' });
  // An Ed25519 record holds the raw 32-byte key (RFC 8463), an RSA one the whole SPKI.
  const p = (type === 'rsa' ? publicDer : publicDer.subarray(-32)).toString('base64');
  return {
    pem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    txt: `v=DKIM1; k=${type}; p=${p}`,
  };
}

const shared = `Paragraph  with two spaces, a tab\there, a line ending in a space \n.a dot first\n${'долгая строка '.repeat(20)}\n`;

describe('composed messages', () => {
  const rsa = key('rsa');
  const ed = key('ed25519');
  const records: Record<string, string> = {
    'rsa1._domainkey.news.example': rsa.txt,
    'ed1._domainkey.news.example': ed.txt,
  };
  const resolver = async (name: string, type: string) => {
    if (type === 'TXT' && records[name]) return [[records[name]]];
    throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
  };
  const composer = createComposer(
    'Редакция <desk@news.example>',
    createDkimSigner([
      { domainName: 'news.example', keySelector: 'rsa1', privateKey: rsa.pem },
      { domainName: 'news.example', keySelector: 'ed1', privateKey: ed.pem },
    ]),
  );
  const pieces = {
    text: [shared, 'Ana', `\n${shared}`],
    html: [`<p>${shared}</p>`, '<b>Ana</b>', '<p>end</p>'],
  };
  const message = {
    to: { name: 'Ana "the reader" Åström', address: 'ana@bücher.example' },
    subject: 'Эта неделя: the dam, the court, the market, and a long subject that has to be folded somewhere',
    text: pieces.text.join(''),
    html: pieces.html.join(''),
    pieces,
    messageId: '<one@news.example>',
    headers: {
      'List-Id': 'Еженедельник <weekly.news.example>',
      'List-Unsubscribe':
        '<mailto:desk@news.example?subject=unsubscribe%20abc.def>, <https://news.example/u/abc.def>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };

  it('carries an RSA and an Ed25519 signature that both verify, and a changed byte breaks them', async () => {
    const raw = Buffer.from((await composer.compose(message)).chunks.join(''));
    const auth = await authenticate(raw, {
      ip: '127.0.0.1',
      helo: 'h',
      sender: 'desk@news.example',
      mta: 'mx',
      resolver,
    });
    expect(auth.dkim.results.map((r: { status: { result: string } }) => r.status.result)).toEqual([
      'pass',
      'pass',
    ]);
    const text = raw.toString('latin1');
    const at = text.lastIndexOf('Ana');
    const tampered = Buffer.from(`${text.slice(0, at)}Ann${text.slice(at + 3)}`, 'latin1');
    const broken = await authenticate(tampered, {
      ip: '127.0.0.1',
      helo: 'h',
      sender: 'desk@news.example',
      mta: 'mx',
      resolver,
    });
    expect(broken.dkim.results.map((r: { status: { result: string } }) => r.status.result)).not.toContain(
      'pass',
    );
  });

  it('decodes to the same text, HTML, names and headers', async () => {
    const composed = await composer.compose(message);
    expect(composed.envelope).toEqual({ from: 'desk@news.example', to: 'ana@xn--bcher-kva.example' });
    const parsed = await simpleParser(Buffer.from(composed.chunks.join('')));
    expect(parsed.text).toBe(message.text.replace(/\n$/, ''));
    expect(parsed.html).toBe(message.html);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Редакция', address: 'desk@news.example' });
    expect(parsed.messageId).toBe('<one@news.example>');
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    const raw = composed.chunks.join('');
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    // No line of the body ends in whitespace or holds two in a row: relaxed canonicalization is a no-op.
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    expect(body).not.toMatch(/[ \t]\r\n|[ \t]{2}|\t/);
  });

  it('a header value or name cannot start a new header line', async () => {
    const raw = (
      await composer.compose({
        ...message,
        to: { name: 'Eve\r\nBcc: x@y.example', address: 'eve@news.example' },
      })
    ).chunks.join('');
    expect(raw).not.toMatch(/^Bcc:/m);
    await expect(
      composer.compose({ ...message, to: 'eve@news.example\r\nBcc: x@y.example' }),
    ).rejects.toThrow(/line break/);
  });

  it('quoted-printable keeps lines within 76 characters and encodes a leading dot', () => {
    const encoded = encodeQuotedPrintable(`${'x'.repeat(200)}\n.hidden`);
    for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(encoded).toContain('\r\n=2Ehidden');
  });
});
