import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/staff/roles.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// Who may change what a reader sees, through the Admin API, for every role against draft,
// scheduled and published articles, their own and someone else's. The expectations are written
// out here by hand (not computed from the rules under test), so a changed rule fails a cell.

type Action = 'edit' | 'publish' | 'schedule' | 'unpublish' | 'delete';
type Setup = 'draft' | 'scheduled' | 'published';
const ACTIONS: Action[] = ['edit', 'publish', 'schedule', 'unpublish', 'delete'];
const SETUPS: Setup[] = ['draft', 'scheduled', 'published'];
const ROLES: Role[] = ['owner', 'admin', 'editor', 'author', 'contributor'];

/** May `role` do `action` to an article in `setup` that it created (own) or someone else did? */
function expected(role: Role, own: boolean, setup: Setup, action: Action): boolean {
  if (role === 'owner' || role === 'admin' || role === 'editor') return true;
  if (!own) return false;
  if (role === 'author') return action !== 'delete';
  // contributor: its own drafts' text, nothing else
  return action === 'edit' && setup === 'draft';
}

const day = 86_400_000;

describe.each(testDatabases)('article permissions through the Admin API on %s', (dialect) => {
  let t: TestApp;
  const keys = {} as Record<Role, string>;

  const call = async (key: string, method: string, path: string, body?: unknown) => {
    const res = await t.fetch(`/api/admin/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  /** An article created by `creator` as a draft, then brought to `setup` by the owner. */
  const articleIn = async (
    creator: string,
    setup: Setup,
    title: string,
  ): Promise<{ id: string; version: number }> => {
    const created = await call(creator, 'POST', '/articles', { title, body_html: '<p>Original text.</p>' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.article.id as string;
    if (setup === 'draft') return { id, version: created.body.article.version };
    const moved =
      setup === 'published'
        ? await call(keys.owner, 'POST', `/articles/${id}/publish`)
        : await call(keys.owner, 'POST', `/articles/${id}/schedule`, {
            published_at: new Date(Date.now() + day).toISOString(),
          });
    expect(moved.status).toBe(200);
    return { id, version: moved.body.article.version };
  };

  const perform = (key: string, action: Action, article: { id: string; version: number }) => {
    const path = `/articles/${article.id}`;
    switch (action) {
      case 'edit':
        return call(key, 'PATCH', path, { version: article.version, title: 'Rewritten by someone' });
      case 'publish':
        return call(key, 'POST', `${path}/publish`);
      case 'schedule':
        return call(key, 'POST', `${path}/schedule`, {
          published_at: new Date(Date.now() + 2 * day).toISOString(),
        });
      case 'unpublish':
        return call(key, 'POST', `${path}/unpublish`);
      case 'delete':
        return call(key, 'DELETE', path);
    }
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    for (const role of ROLES) keys[role] = await t.key(role);
  });
  afterAll(async () => t?.close());

  it('lets every role create drafts and only publishing roles create live articles', async () => {
    for (const role of ROLES) {
      expect((await call(keys[role], 'POST', '/articles', { title: `Draft by ${role}` })).status).toBe(201);
      for (const status of ['published', 'scheduled'] as const) {
        const res = await call(keys[role], 'POST', '/articles', {
          title: `${status} by ${role}`,
          status,
          ...(status === 'scheduled' ? { published_at: new Date(Date.now() + day).toISOString() } : {}),
        });
        expect(res.status, `${role} creates ${status}`).toBe(role === 'contributor' ? 403 : 201);
      }
    }
  });

  for (const role of ROLES) {
    for (const own of [true, false]) {
      it(`${role} on ${own ? 'its own' : "someone else's"} articles`, async () => {
        const outcomes: string[] = [];
        const wanted: string[] = [];
        for (const setup of SETUPS) {
          for (const action of ACTIONS) {
            const creator = own ? keys[role] : keys.owner;
            const article = await articleIn(creator, setup, `${role} ${own} ${setup} ${action}`);
            const before = await call(keys.owner, 'GET', `/articles/${article.id}`);
            const res = await perform(keys[role], action, article);
            const allowed = expected(role, own, setup, action);
            outcomes.push(`${setup} ${action}: ${res.status}`);
            wanted.push(`${setup} ${action}: ${allowed ? (action === 'delete' ? 204 : 200) : 403}`);
            if (!allowed) {
              expect(res.body.error?.code).toBe('forbidden');
              // Refused means nothing changed.
              const after = await call(keys.owner, 'GET', `/articles/${article.id}`);
              expect(after.body.article).toEqual(before.body.article);
            }
          }
        }
        expect(outcomes).toEqual(wanted);
      });
    }
  }

  it("keeps a contributor from changing a published article's live text", async () => {
    const mine = await articleIn(keys.contributor, 'published', 'Contributor story gone live');
    const slugged = await call(keys.owner, 'GET', `/articles/${mine.id}`);
    const res = await perform(keys.contributor, 'edit', mine);
    expect(res.status).toBe(403);
    const live = await t.fetch(`/api/content/v1/articles/${slugged.body.article.slug}`);
    expect(((await live.json()) as { article: { title: string } }).article.title).toBe(
      'Contributor story gone live',
    );
  });

  it("keeps an author from editing another author's article", async () => {
    const other = await t.key('author');
    const theirs = await articleIn(other, 'draft', 'Another author draft');
    expect((await perform(keys.author, 'edit', theirs)).status).toBe(403);
    expect((await perform(other, 'edit', theirs)).status).toBe(200);
  });

  describe('photos in use', () => {
    const photo = async (caption: string) => {
      const bytes = await sharp({
        create: { width: 320, height: 240, channels: 3, background: { r: 90, g: 120, b: 150 } },
      })
        .jpeg()
        .toBuffer();
      return (await t.services.media.upload({ bytes, caption, credit: 'Staff photographer' })).id;
    };
    const figureBody = (mediaId: string) => ({
      type: 'doc',
      content: [
        {
          type: 'figure',
          attrs: {
            src: '/media/x.jpg',
            alt: 'A photo',
            caption: 'In the body',
            credit: 'Desk',
            media_id: mediaId,
          },
        },
      ],
    });
    /** An article by `creator` showing the photo (as hero or in the body), brought to `setup`. */
    const using = async (creator: string, mediaId: string, setup: Setup, where: 'hero' | 'body') => {
      const article = await articleIn(creator, 'draft', `Uses ${mediaId} ${setup} ${where}`);
      const patched = await call(creator, 'PATCH', `/articles/${article.id}`, {
        version: article.version,
        ...(where === 'hero' ? { hero_media_id: mediaId } : { body: figureBody(mediaId) }),
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      if (setup === 'published') expect((await perform(keys.owner, 'publish', article)).status).toBe(200);
      if (setup === 'scheduled') expect((await perform(keys.owner, 'schedule', article)).status).toBe(200);
    };
    const recaption = (key: string, id: string) =>
      call(key, 'PATCH', `/media/${id}`, { caption: 'Rewritten', credit: 'Real Name' });

    for (const setup of ['published', 'scheduled'] as const) {
      for (const where of ['hero', 'body'] as const) {
        it(`refuses a contributor re-captioning or deleting a photo in a ${setup} article (${where})`, async () => {
          const id = await photo(`${setup} ${where}`);
          await using(keys.owner, id, setup, where);
          const recaptioned = await recaption(keys.contributor, id);
          expect(recaptioned.status).toBe(403);
          expect(recaptioned.body.error.code).toBe('forbidden');
          expect((await call(keys.contributor, 'DELETE', `/media/${id}`)).status).toBe(403);
          expect((await t.services.media.get(id)).caption).toBe(`${setup} ${where}`);
          // Someone else's live article is out of an author's reach too; an editor's job.
          expect((await recaption(keys.author, id)).status).toBe(403);
          expect((await recaption(keys.editor, id)).status).toBe(200);
          expect((await call(keys.editor, 'DELETE', `/media/${id}`)).status).toBe(204);
        });
      }
    }

    it("validates a photo's details with the media module's own schema, as documented", async () => {
      const id = await photo('schema');
      for (const bad of [{ credit: 'x'.repeat(301) }, { alt: 'a\u0000b' }, { title: 'x' }]) {
        expect((await call(keys.editor, 'PATCH', `/media/${id}`, bad)).status).toBe(400);
      }
      const trimmed = await call(keys.editor, 'PATCH', `/media/${id}`, { credit: '  Desk  ' });
      expect(trimmed.body.media.credit).toBe('Desk');
      const openapi = (await (await t.fetch('/api/admin/v1/openapi.json')).json()) as {
        paths: Record<
          string,
          Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
        >;
      };
      const schema = openapi.paths['/media/{id}']?.patch?.requestBody?.content['application/json']?.schema;
      expect(JSON.stringify(schema)).toContain('"maxLength":300');
    });

    it('lets a contributor change a photo that only drafts use, and an author one in its own story', async () => {
      const inDraft = await photo('draft only');
      await using(keys.owner, inDraft, 'draft', 'hero');
      expect((await recaption(keys.contributor, inDraft)).status).toBe(200);
      expect((await call(keys.contributor, 'DELETE', `/media/${inDraft}`)).status).toBe(204);

      const authorsOwn = await photo('author story');
      await using(keys.author, authorsOwn, 'published', 'hero');
      expect((await recaption(keys.author, authorsOwn)).status).toBe(200);
      expect((await recaption(keys.contributor, authorsOwn)).status).toBe(403);
    });
  });
});
