import { z } from 'zod';

/** Staff roles, most powerful first. */
export const ROLES = ['owner', 'admin', 'editor', 'author', 'contributor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export type Permission =
  | 'articles.write' // create and edit drafts
  | 'articles.publish' // publish, schedule, unpublish
  | 'articles.delete'
  | 'taxonomy.write' // tags, sections, authors
  | 'media.write'
  | 'settings.write';

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: [
    'articles.write',
    'articles.publish',
    'articles.delete',
    'taxonomy.write',
    'media.write',
    'settings.write',
  ],
  admin: [
    'articles.write',
    'articles.publish',
    'articles.delete',
    'taxonomy.write',
    'media.write',
    'settings.write',
  ],
  editor: ['articles.write', 'articles.publish', 'articles.delete', 'taxonomy.write', 'media.write'],
  author: ['articles.write', 'articles.publish', 'media.write'],
  contributor: ['articles.write', 'media.write'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
