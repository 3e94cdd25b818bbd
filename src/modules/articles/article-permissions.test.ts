import { describe, expect, it } from 'vitest';
import type { ArticleStatus } from '../../db/schema.ts';
import { actorRef, type Actor } from '../staff/actor.ts';
import { ROLES, type Role } from '../staff/roles.ts';
import {
  canChangeMediaUsedBy,
  canCreate,
  canDelete,
  canEdit,
  canPublish,
  type ArticleSubject,
  type Decision,
} from './article-permissions.ts';

const actor = (role: Role, id = `${role}-key`): Actor => ({ kind: 'api-key', id, role, label: role });
const ownBy = (a: Actor, status: ArticleStatus): ArticleSubject => ({ status, createdBy: actorRef(a) });
const someoneElses = (status: ArticleStatus): ArticleSubject => ({ status, createdBy: 'api-key:other' });
const ok = (d: Decision) => d.allowed;

const STATUSES: ArticleStatus[] = ['draft', 'scheduled', 'published', 'unpublished'];
const EVERY_ARTICLE: Role[] = ['owner', 'admin', 'editor'];

describe('article permissions', () => {
  it('lets every role create drafts, and only publishing roles create live articles', () => {
    for (const role of ROLES) expect(ok(canCreate(actor(role), 'draft'))).toBe(true);
    for (const status of ['published', 'scheduled'] as const) {
      expect(ROLES.filter((r) => ok(canCreate(actor(r), status)))).toEqual([...EVERY_ARTICLE, 'author']);
    }
  });

  it('lets editors and above do everything to every article', () => {
    for (const role of EVERY_ARTICLE) {
      for (const status of STATUSES) {
        for (const article of [someoneElses(status), { status, createdBy: null }]) {
          expect(ok(canEdit(actor(role), article))).toBe(true);
          expect(ok(canPublish(actor(role), article))).toBe(true);
          expect(ok(canDelete(actor(role), article))).toBe(true);
        }
      }
    }
  });

  it('lets a contributor edit its own drafts, never a live one, never publish or delete', () => {
    const c = actor('contributor');
    expect(ok(canEdit(c, ownBy(c, 'draft')))).toBe(true);
    expect(ok(canEdit(c, ownBy(c, 'unpublished')))).toBe(true);
    expect(ok(canEdit(c, ownBy(c, 'published')))).toBe(false);
    expect(ok(canEdit(c, ownBy(c, 'scheduled')))).toBe(false);
    for (const status of STATUSES) {
      expect(ok(canEdit(c, someoneElses(status)))).toBe(false);
      expect(ok(canPublish(c, ownBy(c, status)))).toBe(false);
      expect(ok(canDelete(c, ownBy(c, status)))).toBe(false);
    }
  });

  it("lets an author edit, publish and reschedule its own articles, not someone else's", () => {
    const a = actor('author');
    for (const status of STATUSES) {
      expect(ok(canEdit(a, ownBy(a, status)))).toBe(true);
      expect(ok(canPublish(a, ownBy(a, status)))).toBe(true);
      expect(ok(canDelete(a, ownBy(a, status)))).toBe(false);
      expect(ok(canEdit(a, someoneElses(status)))).toBe(false);
      expect(ok(canPublish(a, someoneElses(status)))).toBe(false);
    }
    // An article nobody is recorded as creating belongs to nobody.
    expect(ok(canEdit(a, { status: 'draft', createdBy: null }))).toBe(false);
  });

  it('tells a key from a staff member with the same id', () => {
    const key = actor('author', 'same-id');
    const staff: Actor = { ...key, kind: 'staff' };
    expect(ok(canEdit(staff, ownBy(key, 'draft')))).toBe(false);
  });

  it('says why it refuses', () => {
    const refused = canEdit(actor('contributor'), someoneElses('published'));
    expect(refused).toMatchObject({ allowed: false, reason: expect.stringContaining('contributor') });
  });

  it('lets a photo in a live article change only for whoever may edit that article', () => {
    const c = actor('contributor');
    const a = actor('author');
    expect(ok(canChangeMediaUsedBy(c, []))).toBe(true);
    expect(ok(canChangeMediaUsedBy(c, [someoneElses('draft')]))).toBe(true);
    expect(ok(canChangeMediaUsedBy(c, [someoneElses('published')]))).toBe(false);
    expect(ok(canChangeMediaUsedBy(c, [ownBy(c, 'scheduled')]))).toBe(false);
    expect(ok(canChangeMediaUsedBy(a, [ownBy(a, 'published')]))).toBe(true);
    expect(ok(canChangeMediaUsedBy(a, [ownBy(a, 'published'), someoneElses('published')]))).toBe(false);
    expect(ok(canChangeMediaUsedBy(actor('editor'), [someoneElses('published')]))).toBe(true);
  });
});
