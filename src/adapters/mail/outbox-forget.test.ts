import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxMailer } from './outbox-mailer.ts';

describe('outbox forget (an erasure reaches the kept mail)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-forget-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const mail = (to: string | { name: string; address: string }) => ({
    to,
    subject: 'Your receipt',
    text: 'Thank you.',
  });

  it('deletes the .eml and .json of every message to the address, whatever its case or form', async () => {
    const mailer = createOutboxMailer(dir, 'news@example.org');
    await mailer.send(mail('reader@example.net'));
    await mailer.send(mail({ name: 'A Reader', address: 'Reader@Example.net' }));
    await mailer.send(mail('other@example.net'));
    await mailer.send(mail('xreader@example.net'));
    expect(await readdir(dir)).toHaveLength(8);

    expect(await mailer.forget('READER@example.net')).toBe(2);

    const left = await mailer.outbox.list();
    expect(left.map((e) => e.to).sort()).toEqual(['other@example.net', 'xreader@example.net']);
    const files = await readdir(dir);
    expect(files).toHaveLength(4);
    for (const name of files)
      expect((await readFile(join(dir, name), 'utf8')).toLowerCase()).not.toMatch(/[^x]reader@/);
  });

  it('also deletes a message whose entry was never written and a temporary file left by a crash', async () => {
    const mailer = createOutboxMailer(dir, 'news@example.org');
    await mailer.send(mail('reader@example.net'));
    await mailer.send(mail('other@example.net'));
    const [reader] = (await mailer.outbox.list()).filter((e) => e.to === 'reader@example.net');
    const eml = await readFile(join(dir, `${reader!.id}.eml`), 'utf8');
    // The crash between the two writes: the .eml is there, its entry is not.
    await unlink(join(dir, `${reader!.id}.json`));
    await writeFile(join(dir, `${reader!.id}.eml.0b4c2f7e.tmp`), eml);

    expect(await mailer.forget('reader@example.net')).toBe(1);
    const files = await readdir(dir);
    expect(files).toHaveLength(2);
    expect(files.every((f) => !f.startsWith(reader!.id))).toBe(true);
  });

  it('forgets nothing for an address it never mailed, or an empty outbox', async () => {
    const mailer = createOutboxMailer(join(dir, 'not-yet'), 'news@example.org');
    expect(await mailer.forget('reader@example.net')).toBe(0);
    await mailer.send(mail('other@example.net'));
    expect(await mailer.forget('reader@example.net')).toBe(0);
    expect(await mailer.forget('')).toBe(0);
    expect(await mailer.outbox.list()).toHaveLength(1);
  });
});
