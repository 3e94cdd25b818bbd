import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { loadOrCreateMirrorKey } from './mirror-key.ts';
import { currentMirrors } from './mirror-list.ts';
import { publicKeyText, signMirrorList, verifyMirrorList } from './signed-list.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const NOW = new Date('2026-11-30T12:00:00Z');
const mirrors = currentMirrors(null, { MIRRORS: 'https://m.example|Mirror;https://t.me/ilmara|Канал' });
const signed = () =>
  JSON.stringify(
    signMirrorList({ site: 'https://news.example', mirrors, signedAt: NOW }, privateKey, publicKey),
  );
const pinned = publicKeyText(publicKey);

describe('canonicalJson', () => {
  it('sorts keys at every depth, no whitespace, one spelling', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'é' }], a: true })).toBe(
      '{"a":true,"b":[1,{"c":"é","d":null}]}',
    );
    expect(() => canonicalJson({ a: NaN })).toThrow();
  });
});

describe('signed mirror list', () => {
  it('round trips: signed here, verified after parsing and re-serialising in another order', () => {
    const doc = JSON.parse(signed()) as Record<string, unknown>;
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(doc).reverse()), null, 2);
    const result = verifyMirrorList(reordered, { pinnedKey: pinned, now: NOW });
    expect(result).toMatchObject({ ok: true, errors: [], warnings: [] });
    expect(result.list?.mirrors.map((m) => m.kind)).toEqual(['mirror', 'telegram']);
  });

  it('detects tampering, a missing signature, another key and a pinned key mismatch', () => {
    const tampered = signed().replace('https://m.example', 'https://evil.example');
    expect(verifyMirrorList(tampered, { pinnedKey: pinned, now: NOW }).errors).toEqual([
      expect.stringMatching(/^bad signature/),
    ]);
    const { signature: _s, ...unsigned } = JSON.parse(signed()) as Record<string, unknown>;
    expect(verifyMirrorList(JSON.stringify(unsigned), { now: NOW }).errors).toEqual([
      'unsigned: no "signature"',
    ]);
    const byOther = JSON.stringify(
      signMirrorList(
        { site: 'https://news.example', mirrors, signedAt: NOW },
        other.privateKey,
        other.publicKey,
      ),
    );
    const result = verifyMirrorList(byOther, { pinnedKey: pinned, now: NOW });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([expect.stringMatching(/^unknown key/)]);
    // Someone else's key swapped in with our signature: bad signature.
    const swapped = signed().replace(pinned, publicKeyText(other.publicKey));
    expect(verifyMirrorList(swapped, { now: NOW }).errors).toEqual([expect.stringMatching(/^bad signature/)]);
    expect(verifyMirrorList(signed(), { now: NOW }).warnings).toEqual([
      expect.stringMatching(/^no --key given/),
    ]);
  });

  it('says what is malformed or missing, and warns when stale', () => {
    expect(verifyMirrorList('{"format":', { now: NOW }).errors[0]).toMatch(/^not JSON/);
    expect(verifyMirrorList('[]', { now: NOW }).errors).toEqual(['not a JSON object']);
    const errors = verifyMirrorList('{"mirrors":[{"url":"ftp://x"}]}', { now: NOW }).errors.join('\n');
    for (const word of ['"format"', '"site"', '"signed_at"', 'mirrors.0.url', '"public_key"', 'unsigned'])
      expect(errors).toContain(word);
    const later = new Date(NOW.getTime() + 10 * 86_400_000);
    const stale = verifyMirrorList(signed(), { pinnedKey: pinned, now: later });
    expect(stale.ok).toBe(true);
    expect(stale.warnings).toEqual([expect.stringMatching(/^stale: signed 10 days ago/)]);
    expect(verifyMirrorList(signed(), { pinnedKey: 'nope', now: NOW }).errors[0]).toMatch(/--key is not/);
  });

  it('keeps one key file, created once, private to its owner', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mirror-key-')), 'mirrors-ed25519.pem');
    const first = loadOrCreateMirrorKey(file);
    const again = loadOrCreateMirrorKey(file);
    expect(publicKeyText(again.publicKey)).toBe(publicKeyText(first.publicKey));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('adds the onion address unless listed; the settings list wins over MIRRORS', () => {
    const onion = `http://${'c'.repeat(56)}.onion`;
    expect(currentMirrors(null, { MIRRORS: '', ONION_ADDRESS: `${onion}/` })).toEqual([
      { kind: 'onion', url: onion, note: '', notes: {} },
    ]);
    expect(
      currentMirrors([{ url: onion, note: 'Tor', notes: {} }], {
        MIRRORS: 'https://m.example',
        ONION_ADDRESS: onion,
      }),
    ).toEqual([{ kind: 'onion', url: onion, note: 'Tor', notes: {} }]);
  });
});
