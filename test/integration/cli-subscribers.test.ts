import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSubscribersCsv, importSubscribersFile } from '../../src/cli/commands/subscribers.ts';
import type { Progress } from '../../src/cli/progress.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { tempDir } from '../support/temp-dir.ts';
import { testDatabases } from '../support/test-db.ts';

// `samizdat subscribers import | export` as the command runs them (its functions, given the
// services the server uses), on both databases.

function recording(): Progress & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    line: (text) => void lines.push(text),
    count: (label, d, t) => void lines.push(`${label}: ${d} of ${t}`),
    bar: (label, d, t) => void lines.push(`${label}: ${d} of ${t}`),
  };
}

describe.each(testDatabases)('samizdat subscribers (%s)', (dialect) => {
  let t: TestApp;
  const dir = tempDir('cli-subscribers');
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const count = async (table: 'subscribers' | 'subscriptions' | 'consents') =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('refuses a file with a wrong header, and imports nothing', async () => {
    const progress = recording();
    const bad = file('bad-header.csv', 'mail,full name\nana@newsroom.org,Ana\n');
    await expect(importSubscribersFile(t.services, bad, 'weekly', progress)).rejects.toThrow(
      /first line must name the columns: email \(required\), name, language/,
    );
    expect(await count('subscribers')).toBe(0);
  });

  it('imports good rows, reports bad ones by line, and a second run changes nothing', async () => {
    const csv = file(
      'readers.csv',
      [
        'Name,Email,Language',
        'Ana,Ana@Newsroom.org,en',
        'No address,,en',
        'Boris,boris@newsroom.org,ru',
        '"Chloe, the editor",chloe@newsroom.org,',
        'Bad,not-an-address,en',
        'Dup,ana@newsroom.org,en',
        'Odd language,dan@newsroom.org,english!',
        '',
      ].join('\n'),
    );
    const progress = recording();
    const report = await importSubscribersFile(t.services, csv, 'weekly', progress);
    expect(report).toMatchObject({ added: 3, subscribed: 0, unchanged: 1 });
    expect(report.refused.map((r) => r.line)).toEqual([3, 6, 8]);
    expect(report.refused[2]!.reason).toMatch(/not a language code/);
    expect(progress.lines).toContain('Imported rows: 7 of 7');
    expect(progress.lines.join('\n')).toMatch(/line 6: not an address/);

    const found = await t.services.subscribers.admin.list(
      { role: 'owner', id: 'test', name: 'Test' } as never,
      { email: 'chloe@newsroom.org', limit: 5 },
    );
    const chloe = await t.services.subscribers.admin.get({ role: 'owner' } as never, found.items[0]!.id);
    expect(chloe).toMatchObject({ name: 'Chloe, the editor', language: 'en', status: 'confirmed' });
    expect(chloe.consents).toEqual([
      expect.objectContaining({ basis: 'imported', action: 'granted', list: 'weekly' }),
    ]);
    expect(
      await t.services.subscribers.countRecipients((await t.services.subscribers.listBySlug('weekly'))!.id),
    ).toBe(3);

    const before = [await count('subscribers'), await count('subscriptions'), await count('consents')];
    const again = await importSubscribersFile(t.services, csv, 'weekly', recording());
    expect(again).toMatchObject({ added: 0, subscribed: 0, unchanged: 4 });
    expect([await count('subscribers'), await count('subscriptions'), await count('consents')]).toEqual(
      before,
    );

    // A known reader joins another list; a suppressed one is never added back.
    await t.services.subscribers.suppress({ email: 'boris@newsroom.org' }, 'manual');
    const breaking = await importSubscribersFile(t.services, csv, 'breaking', recording());
    expect(breaking).toMatchObject({ added: 0, subscribed: 2 });
    expect(breaking.refused).toContainEqual({ line: 4, reason: 'this address is suppressed' });
  });

  it('refuses an unknown newsletter, naming it', async () => {
    const csv = file('one.csv', 'email\neve@newsroom.org\n');
    await expect(importSubscribersFile(t.services, csv, 'nope', recording())).rejects.toThrow(/nope/);
    expect(await count('subscribers')).toBe(3);
  });

  it('exports every subscriber as CSV, with their lists', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const n = await exportSubscribersCsv(t.services, out);
    const rows = parse(Buffer.concat(chunks).toString('utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(n).toBe(3);
    expect(rows.map((r) => r.email).sort()).toEqual([
      'ana@newsroom.org',
      'boris@newsroom.org',
      'chloe@newsroom.org',
    ]);
    expect(rows.find((r) => r.email === 'ana@newsroom.org')).toMatchObject({
      name: 'Ana',
      status: 'confirmed',
      lists: 'breaking weekly',
    });
    expect(rows.find((r) => r.email === 'boris@newsroom.org')).toMatchObject({
      status: 'suppressed',
      language: 'ru',
    });
  });
});
