import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../support/admin-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// The real name behind a pen name is written through the Admin API and never answered by any
// author listing, page or feed; admins and the owner alone may look at it, one author at a time,
// and every look is in the audit log.

type ErrorJson = { error: { code: string } };

describe.each(testDatabases)('the real name behind a pen name (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let penNameId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    owner = adminClient(t, await t.key('owner'));
    const made = await owner.post<{ author: { id: string } }>('/authors', {
      name: 'Marta Snow',
      is_pen_name: true,
      real_name: 'Hedda Lindqvist',
    });
    expect(made.status).toBe(201);
    penNameId = made.body.author.id;
  });
  afterAll(async () => t?.close());

  const auditOf = async (id: string) =>
    (
      await owner.get<{ entries: { action: string; object_id: string; actor_kind: string }[] }>(
        `/audit?object_type=author&object_id=${id}`,
      )
    ).body.entries.filter((e) => e.action === 'author.real_name_read');

  it('shows it to admins and the owner, and records each look', async () => {
    for (const role of ['owner', 'admin'] as const) {
      const res = await adminClient(t, await t.key(role)).get<{ real_name: string | null }>(
        `/authors/${penNameId}/real-name`,
      );
      expect(res.status, role).toBe(200);
      expect(res.body).toEqual({ real_name: 'Hedda Lindqvist' });
    }
    expect(await auditOf(penNameId)).toHaveLength(2);
  });

  it('refuses editors, authors and contributors, and records nothing', async () => {
    const before = (await auditOf(penNameId)).length;
    for (const role of ['editor', 'author', 'contributor'] as const) {
      const res = await adminClient(t, await t.key(role)).get<ErrorJson>(`/authors/${penNameId}/real-name`);
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      expect(JSON.stringify(res.body)).not.toContain('Hedda');
    }
    expect(await auditOf(penNameId)).toHaveLength(before);
  });

  it('answers null for an author with no real name kept, and 404 for an unknown one', async () => {
    const plain = await owner.post<{ author: { id: string } }>('/authors', { name: 'Open Byline' });
    expect((await owner.get(`/authors/${plain.body.author.id}/real-name`)).body).toEqual({ real_name: null });
    expect((await owner.get('/authors/no-such-author/real-name')).status).toBe(404);
  });

  it('never answers it anywhere else', async () => {
    const list = await owner.get('/authors');
    expect(list.text).not.toContain('Hedda');
    expect((await owner.get(`/authors/${penNameId}`)).text ?? '').not.toContain('Hedda');
  });
});
