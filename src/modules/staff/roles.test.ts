import { describe, expect, it } from 'vitest';
import { can, covers, ROLES } from './roles.ts';

describe('roles', () => {
  it('lets a contributor write drafts but not publish or delete', () => {
    expect(can('contributor', 'articles.write')).toBe(true);
    expect(can('contributor', 'articles.publish')).toBe(false);
    expect(can('contributor', 'articles.delete')).toBe(false);
  });
  it('keeps settings to owners and admins', () => {
    expect(can('owner', 'settings.write')).toBe(true);
    expect(can('admin', 'settings.write')).toBe(true);
    expect(can('editor', 'settings.write')).toBe(false);
  });
  it('lets authors publish but not manage the taxonomy', () => {
    expect(can('author', 'articles.publish')).toBe(true);
    expect(can('author', 'taxonomy.write')).toBe(false);
  });
});

describe('articles.others', () => {
  it('belongs to editors and above, not to authors or contributors', () => {
    expect(['owner', 'admin', 'editor'].every((r) => can(r as 'owner', 'articles.others'))).toBe(true);
    expect(can('author', 'articles.others')).toBe(false);
    expect(can('contributor', 'articles.others')).toBe(false);
  });
});

describe('staff, keys, audit and ownership', () => {
  it('gives staff, keys and the audit log to admins and the owner only', () => {
    for (const permission of ['staff.manage', 'keys.manage', 'audit.read'] as const) {
      expect(ROLES.filter((r) => can(r, permission))).toEqual(['owner', 'admin']);
    }
  });
  it('keeps ownership transfer to the owner', () => {
    expect(ROLES.filter((r) => can(r, 'ownership.transfer'))).toEqual(['owner']);
  });
  it('says a role covers only roles with no permission it lacks', () => {
    expect(covers('admin', 'editor')).toBe(true);
    expect(covers('admin', 'admin')).toBe(true);
    expect(covers('admin', 'owner')).toBe(false);
    expect(covers('author', 'contributor')).toBe(true);
    expect(covers('contributor', 'author')).toBe(false);
  });
});
