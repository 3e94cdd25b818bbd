import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { loadOrCreateMirrorKey, publicKeyText, signMirrorList } from '../../src/modules/mirrors/index.ts';

// `samizdat mirrors key` and `samizdat mirrors verify`, as a newsroom or a reader runs them.

const BIN = resolve(import.meta.dirname, '../../bin/samizdat.js');

/** Run asynchronously: the stand-in site answers from this process meanwhile. */
function samizdat(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: tempDir('cli-mirrors'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stdout, stderr })),
  );
}

describe('samizdat mirrors', () => {
  const dataDir = tempDir('mirrors-data');
  const mirrors = [{ kind: 'mirror' as const, url: 'https://m.example', note: 'CDN', notes: {} }];
  let server: Server;
  let base = '';
  let key = '';
  let signed = '';
  beforeAll(async () => {
    const own = loadOrCreateMirrorKey(join(dataDir, 'mirrors-ed25519.pem'));
    key = publicKeyText(own.publicKey);
    signed = JSON.stringify(
      signMirrorList(
        { site: 'https://news.example', mirrors, signedAt: new Date() },
        own.privateKey,
        own.publicKey,
      ),
    );
    server = createServer((req, res) => {
      if (req.url === '/.well-known/samizdat-mirrors.json') res.writeHead(200).end(signed);
      else res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('key prints the public key of the key file beside the secret key', async () => {
    const out = await samizdat(['mirrors', 'key'], { DATA_DIR: dataDir });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.trim()).toBe(key);
  });

  it('verify accepts a good list from a site URL or a file, pinned or not', async () => {
    const fromSite = await samizdat(['mirrors', 'verify', base, '--key', key]);
    expect(fromSite.code, fromSite.stderr).toBe(0);
    expect(fromSite.stdout).toContain('a valid mirror list for https://news.example');
    expect(fromSite.stdout).toContain('mirror  https://m.example  (CDN)');
    const file = join(tempDir('mirrors-file'), 'list.json');
    writeFileSync(file, signed);
    const unpinned = await samizdat(['mirrors', 'verify', file]);
    expect(unpinned.code).toBe(0);
    expect(unpinned.stdout).toContain('warning: no --key given');
  }, 60_000);

  it('verify says what is wrong: malformed, unsigned, tampered, unknown key, unreachable', async () => {
    const dir = tempDir('mirrors-bad');
    const cases: Array<[string, string, RegExp]> = [
      ['malformed.json', '{"format": "samizdat-mirrors/1",', /error: not JSON/],
      ['unsigned.json', JSON.stringify({ ...JSON.parse(signed), signature: undefined }), /error: unsigned/],
      ['tampered.json', signed.replace('m.example', 'evil.example'), /error: bad signature/],
      ['fields.json', '{"format":"samizdat-mirrors/1"}', /error: missing or malformed "site"/],
    ];
    for (const [name, content, message] of cases) {
      writeFileSync(join(dir, name), content);
      const out = await samizdat(['mirrors', 'verify', join(dir, name), '--key', key]);
      expect(out.code, name).toBe(1);
      expect(out.stderr, name).toMatch(message);
      expect(out.stderr).toContain('NOT valid');
    }
    const otherKey = publicKeyText(generateKeyPairSync('ed25519').publicKey);
    const unknown = await samizdat([
      'mirrors',
      'verify',
      `${base}/.well-known/samizdat-mirrors.json`,
      '--key',
      otherKey,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/error: unknown key/);
    const missing = await samizdat(['mirrors', 'verify', `${base}/nothing.json`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/answered 404/);
    expect((await samizdat(['mirrors', 'verify'])).code).toBe(2);
  }, 180_000);
});
