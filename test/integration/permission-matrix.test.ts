import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/staff/roles.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { adminClient, type AdminClient } from '../support/admin-client.ts';

// The README's permission matrix, one test per cell, through the real Admin API with a key of
// each role. The matrix below is written out by hand from the README (not computed from
// roles.ts), so a changed rule fails its cell. "own": allowed on what the key created, refused on
// what someone else created (both are tried). Staff accounts and ownership transfer have no
// endpoint on this branch yet (they come with sign-in): their cells are held by roles.test.ts.

const ROLES: Role[] = ['owner', 'admin', 'editor', 'author', 'contributor'];
type Cell = 'yes' | 'no' | 'own';

const MATRIX = {
  'create a draft': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'yes', contributor: 'yes' },
  'create as published': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'yes', contributor: 'no' },
  'edit a draft': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'own', contributor: 'own' },
  'edit a published article': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'own', contributor: 'no' },
  'publish and unpublish': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'own', contributor: 'no' },
  'delete an article': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'no', contributor: 'no' },
  'read revisions and diffs of a draft': {
    owner: 'yes',
    admin: 'yes',
    editor: 'yes',
    author: 'own',
    contributor: 'own',
  },
  'restore a revision of a draft': {
    owner: 'yes',
    admin: 'yes',
    editor: 'yes',
    author: 'own',
    contributor: 'own',
  },
  'preview a draft': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'own', contributor: 'own' },
  'upload a photo': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'yes', contributor: 'yes' },
  're-caption a photo a live article uses': {
    owner: 'yes',
    admin: 'yes',
    editor: 'yes',
    author: 'own',
    contributor: 'no',
  },
  'tags and authors': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'no', contributor: 'no' },
  'the front page': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'no', contributor: 'no' },
  'edit a newsletter issue': { owner: 'yes', admin: 'yes', editor: 'yes', author: 'no', contributor: 'no' },
  'send a newsletter': { owner: 'yes', admin: 'yes', editor: 'no', author: 'no', contributor: 'no' },
  'publication settings': { owner: 'yes', admin: 'yes', editor: 'no', author: 'no', contributor: 'no' },
  'the appeal and its stats': { owner: 'yes', admin: 'yes', editor: 'no', author: 'no', contributor: 'no' },
  'API keys': { owner: 'yes', admin: 'yes', editor: 'no', author: 'no', contributor: 'no' },
  'the audit log': { owner: 'yes', admin: 'yes', editor: 'no', author: 'no', contributor: 'no' },
  'reader revenue': { owner: 'yes', admin: 'yes', editor: 'no', author: 'no', contributor: 'no' },
  'newsletter subscribers, lists, privacy policy': {
    owner: 'yes',
    admin: 'yes',
    editor: 'no',
    author: 'no',
    contributor: 'no',
  },
  redirects: { owner: 'yes', admin: 'yes', editor: 'yes', author: 'no', contributor: 'no' },
} as const satisfies Record<string, Record<Role, Cell>>;
type Row = keyof typeof MATRIX;

/** Whether the key of `role` did it (true) or was refused with 403 (false); anything else fails. */
type Probe = (role: Role, owner: 'mine' | 'theirs') => Promise<boolean>;

describe.each(testDatabases)('the permission matrix through the Admin API on %s', (dialect) => {
  let t: TestApp;
  const api = {} as Record<Role, AdminClient>;
  let jpeg: Buffer;
  let newsletterCount = 0;

  /** 2xx: done; 403 with code forbidden: refused; anything else is a broken test. */
  const outcome = (res: { status: number; text: string }, what: string): boolean => {
    if (res.status >= 200 && res.status < 300) return true;
    expect(res.status, `${what}: ${res.text}`).toBe(403);
    expect(JSON.parse(res.text).error.code).toBe('forbidden');
    return false;
  };

  /** A draft created by `role` (mine) or by the owner (theirs). */
  const draft = async (role: Role, whose: 'mine' | 'theirs', title: string) => {
    const res = await api[whose === 'mine' ? role : 'owner'].post('/articles', {
      title,
      body_html: '<p>First words.</p>',
    });
    expect(res.status, res.text).toBe(201);
    return res.body.article as { id: string; version: number };
  };
  const published = async (role: Role, whose: 'mine' | 'theirs', title: string) => {
    const a = await draft(role, whose, title);
    const res = await api.owner.post(`/articles/${a.id}/publish`);
    expect(res.status).toBe(200);
    return res.body.article as { id: string; version: number };
  };
  const upload = async (key: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg');
    form.append('caption', 'A river');
    const res = await t.fetch('/api/admin/v1/media', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    return { status: res.status, text: await res.text() };
  };
  const keys = {} as Record<Role, string>;

  const probes: Record<Row, Probe> = {
    'create a draft': async (role) =>
      outcome(await api[role].post('/articles', { title: `Draft ${role}` }), 'create'),
    'create as published': async (role) =>
      outcome(
        await api[role].post('/articles', { title: `Live ${role}`, status: 'published' }),
        'create live',
      ),
    'edit a draft': async (role, whose) => {
      const a = await draft(role, whose, `Edit draft ${role} ${whose}`);
      return outcome(
        await api[role].patch(`/articles/${a.id}`, { version: a.version, title: 'Edited' }),
        'edit',
      );
    },
    'edit a published article': async (role, whose) => {
      const a = await published(role, whose, `Edit live ${role} ${whose}`);
      return outcome(
        await api[role].patch(`/articles/${a.id}`, { version: a.version, title: 'Edited' }),
        'edit',
      );
    },
    'publish and unpublish': async (role, whose) => {
      const a = await draft(role, whose, `Publish ${role} ${whose}`);
      const pub = outcome(await api[role].post(`/articles/${a.id}/publish`), 'publish');
      if (!pub) await api.owner.post(`/articles/${a.id}/publish`);
      const unpub = outcome(await api[role].post(`/articles/${a.id}/unpublish`), 'unpublish');
      expect(unpub, 'publish and unpublish go together').toBe(pub);
      return pub;
    },
    'delete an article': async (role, whose) => {
      const a = await draft(role, whose, `Delete ${role} ${whose}`);
      return outcome(await api[role].delete(`/articles/${a.id}`), 'delete');
    },
    'read revisions and diffs of a draft': async (role, whose) => {
      const a = await draft(role, whose, `Revisions ${role} ${whose}`);
      await api.owner.patch(`/articles/${a.id}`, { version: a.version, title: 'Second title' });
      const list = await api[role].get(`/articles/${a.id}/revisions`);
      const may = outcome(list, 'list revisions');
      const all = (await api.owner.get(`/articles/${a.id}/revisions`)).body.revisions as Array<{
        id: string;
      }>;
      const one = await api[role].get(`/articles/${a.id}/revisions/${all[0]!.id}`);
      const diff = await api[role].get(
        `/articles/${a.id}/revisions/diff?from=${all[1]!.id}&to=${all[0]!.id}`,
      );
      expect([outcome(one, 'one revision'), outcome(diff, 'diff')]).toEqual([may, may]);
      return may;
    },
    'restore a revision of a draft': async (role, whose) => {
      const a = await draft(role, whose, `Restore ${role} ${whose}`);
      const edited = await api.owner.patch(`/articles/${a.id}`, { version: a.version, title: 'Changed' });
      const first = (await api.owner.get(`/articles/${a.id}/revisions`)).body.revisions.at(-1) as {
        id: string;
      };
      return outcome(
        await api[role].post(`/articles/${a.id}/revisions/${first.id}/restore`, {
          version: edited.body.article.version,
        }),
        'restore',
      );
    },
    'preview a draft': async (role, whose) => {
      const a = await draft(role, whose, `Preview ${role} ${whose}`);
      const res = await t.fetch(`/api/admin/v1/articles/${a.id}/preview`, {
        headers: { authorization: `Bearer ${keys[role]}` },
      });
      return outcome({ status: res.status, text: await res.text() }, 'preview');
    },
    'upload a photo': async (role) => outcome(await upload(keys[role]), 'upload'),
    're-caption a photo a live article uses': async (role, whose) => {
      const photo = JSON.parse((await upload(keys.owner)).text).media as { id: string };
      const a = await draft(role, whose, `Photo ${role} ${whose}`);
      const withHero = await api[whose === 'mine' ? role : 'owner'].patch(`/articles/${a.id}`, {
        version: a.version,
        hero_media_id: photo.id,
      });
      expect(withHero.status, withHero.text).toBe(200);
      expect((await api.owner.post(`/articles/${a.id}/publish`)).status).toBe(200);
      return outcome(await api[role].patch(`/media/${photo.id}`, { caption: 'Re-captioned' }), 're-caption');
    },
    'tags and authors': async (role) => {
      const tag = outcome(await api[role].post('/tags', { name: `Tag by ${role}` }), 'tag');
      const author = outcome(await api[role].post('/authors', { name: `Author by ${role}` }), 'author');
      expect(author).toBe(tag);
      return tag;
    },
    'the front page': async (role) =>
      outcome(await api[role].put('/front-page', { lead: null, featured: [], breaking: null }), 'front page'),
    'edit a newsletter issue': async (role) => {
      const current = await api[role].get('/newsletters/weekly/current');
      if (!outcome(current, 'current issue')) return false;
      const id = (current.body as { issue: { id: string } }).issue.id;
      return outcome(
        await api[role].patch(`/newsletters/issues/${id}`, { intro: `By ${role}` }),
        'edit issue',
      );
    },
    'send a newsletter': async (role) => {
      const story = (
        await api.owner.post('/articles', { title: `Breaking ${role}`, body_html: '<p>News.</p>' })
      ).body.article as { id: string };
      expect((await api.owner.post(`/articles/${story.id}/publish`)).status).toBe(200);
      const breaking = outcome(
        await api[role].post('/newsletters/breaking', { article_id: story.id }),
        'breaking',
      );
      const draft = (await api.owner.get('/newsletters/weekly/current')).body as { issue: { id: string } };
      const send = outcome(await api[role].post(`/newsletters/issues/${draft.issue.id}/send`), 'send now');
      expect(send).toBe(breaking);
      return send;
    },
    'publication settings': async (role) =>
      outcome(await api[role].patch('/settings', { description: `Set by ${role}` }), 'settings'),
    'the appeal and its stats': async (role) => {
      const read = outcome(await api[role].get('/appeal'), 'read the appeal');
      const stats = outcome(await api[role].get('/appeal/stats'), 'appeal stats');
      const change = outcome(await api[role].patch('/appeal', { snooze_days: 5 }), 'change the appeal');
      expect([stats, change]).toEqual([read, read]);
      return read;
    },
    'API keys': async (role) => {
      const list = outcome(await api[role].get('/keys'), 'list keys');
      const created = await api[role].post('/keys', { name: `made by ${role}`, role: 'contributor' });
      const create = outcome(created, 'create key');
      const victim = (await api.owner.post('/keys', { name: 'to revoke', role: 'contributor' })).body
        .api_key as {
        id: string;
      };
      const revoke = outcome(await api[role].delete(`/keys/${victim.id}`), 'revoke key');
      expect([create, revoke]).toEqual([list, list]);
      return list;
    },
    'the audit log': async (role) => {
      const list = outcome(await api[role].get('/audit'), 'audit');
      const res = await t.fetch('/api/admin/v1/audit.csv', {
        headers: { authorization: `Bearer ${keys[role]}` },
      });
      expect(outcome({ status: res.status, text: await res.text() }, 'audit csv')).toBe(list);
      return list;
    },
    'reader revenue': async (role) => {
      const list = outcome(await api[role].get('/donations'), 'donations');
      const checks = [
        outcome(await api[role].get('/supporters'), 'supporters'),
        outcome(await api[role].get('/donations/summary'), 'summary'),
        outcome(await api[role].get('/donations/rules'), 'rules'),
      ];
      const csv = await t.fetch('/api/admin/v1/donations.csv', {
        headers: { authorization: `Bearer ${keys[role]}` },
      });
      checks.push(outcome({ status: csv.status, text: await csv.text() }, 'donations csv'));
      expect(checks).toEqual([list, list, list, list]);
      return list;
    },
    'newsletter subscribers, lists, privacy policy': async (role) => {
      const list = outcome(await api[role].get('/subscribers?limit=5'), 'list subscribers');
      const counts = outcome(await api[role].get('/subscribers/counts'), 'subscriber counts');
      const made = outcome(
        await api[role].post('/newsletters', {
          slug: `by-${role}-${++newsletterCount}`,
          name: `Made by ${role}`,
        }),
        'create a newsletter',
      );
      const policy = outcome(await api[role].get('/privacy-policy'), 'privacy policy');
      const res = await t.fetch('/api/admin/v1/subscribers.csv', {
        headers: { authorization: `Bearer ${keys[role]}` },
      });
      const csv = outcome({ status: res.status, text: await res.text() }, 'subscribers csv');
      expect([counts, made, policy, csv]).toEqual([list, list, list, list]);
      return list;
    },
    redirects: async (role) => {
      const list = outcome(await api[role].get('/redirects'), 'list redirects');
      const put = outcome(
        await api[role].put('/redirects', { path: `/old/${role}`, target: '/articles/new' }),
        'put redirect',
      );
      const res = await t.fetch('/api/admin/v1/redirects.csv', {
        headers: { authorization: `Bearer ${keys[role]}` },
      });
      const csv = outcome({ status: res.status, text: await res.text() }, 'redirects csv');
      const removed = outcome(
        await api[role].delete(`/redirects?path=${encodeURIComponent(`/old/${role}`)}`),
        'delete redirect',
      );
      expect([put, csv, removed]).toEqual([list, list, list]);
      return list;
    },
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    for (const role of ROLES) {
      keys[role] = await t.key(role);
      api[role] = adminClient(t, keys[role]);
    }
    jpeg = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 90, b: 140 } },
    })
      .jpeg()
      .toBuffer();
  });
  afterAll(async () => t?.close());

  for (const row of Object.keys(MATRIX) as Row[]) {
    for (const role of ROLES) {
      const cell: Cell = MATRIX[row][role];
      it(`${row}: ${role} ${cell === 'own' ? 'on its own only' : cell === 'yes' ? 'may' : 'may not'}`, async () => {
        expect(await probes[row](role, 'mine'), `${role}, ${row}, its own`).toBe(cell !== 'no');
        expect(await probes[row](role, 'theirs'), `${role}, ${row}, someone else's`).toBe(cell === 'yes');
      });
    }
  }

  it("an author cannot edit someone else's article (another author's, too)", async () => {
    const otherAuthor = adminClient(t, await t.key('author'));
    const theirs = (await otherAuthor.post('/articles', { title: 'Not yours' })).body.article;
    const res = await api.author.patch(`/articles/${theirs.id}`, {
      version: theirs.version,
      title: 'Mine now',
    });
    expect(res.status).toBe(403);
    expect((await api.owner.get(`/articles/${theirs.id}`)).body.article.title).toBe('Not yours');
  });

  it('a contributor cannot publish, not even its own draft', async () => {
    const mine = (await api.contributor.post('/articles', { title: 'Contributor draft' })).body.article;
    expect((await api.contributor.post(`/articles/${mine.id}/publish`)).status).toBe(403);
    expect((await api.owner.get(`/articles/${mine.id}`)).body.article.status).toBe('draft');
  });

  it('an editor cannot change settings', async () => {
    const before = (await api.owner.get('/settings')).body.settings;
    const res = await api.editor.patch('/settings', { name: 'Taken over' });
    expect(res.status).toBe(403);
    expect((await api.owner.get('/settings')).body.settings).toEqual(before);
  });

  it('a key may not create or revoke a key more powerful than its own', async () => {
    const before = (await api.owner.get('/keys')).body.keys.length;
    const refused = await api.admin.post('/keys', { name: 'escalate', role: 'owner' });
    expect(refused.status).toBe(403);
    expect((await api.owner.get('/keys')).body.keys.length).toBe(before);
    const ownerKey = (await api.owner.post('/keys', { name: 'second owner', role: 'owner' })).body;
    expect(ownerKey.key).toMatch(/^smz_/);
    expect((await api.admin.delete(`/keys/${ownerKey.api_key.id}`)).status).toBe(403);
    // The owner's new key still works.
    expect((await adminClient(t, ownerKey.key).get('/keys')).status).toBe(200);
    const adminKey = (await api.admin.post('/keys', { name: 'peer', role: 'admin' })).body;
    expect(adminKey.api_key.role).toBe('admin');
  });
});
