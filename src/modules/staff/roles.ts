import { z } from 'zod';

/** Staff roles, most powerful first. */
export const ROLES = ['owner', 'admin', 'editor', 'author', 'contributor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * What a role may do in general. Whether it may do it to a given article (its own or someone
 * else's, a draft or a live one) is decided by the rules in modules/articles/article-permissions.ts.
 */
export type Permission =
  | 'articles.write' // create articles and edit one's own drafts
  | 'articles.publish' // publish, schedule, unpublish one's own articles, and edit them while live or scheduled
  | 'articles.others' // do whatever else one may do to articles, also to those others created
  | 'articles.delete'
  | 'taxonomy.write' // tags, sections, authors
  | 'media.write'
  | 'settings.write'
  | 'staff.manage' // invite staff, change their roles, disable them
  | 'keys.manage' // create, list and revoke API keys
  | 'audit.read' // read and export the audit log
  | 'authors.real_name' // see the real name kept behind a pen name
  | 'donations.manage' // donations, supporters, the revenue dashboard, donation rules, bank transfers
  | 'subscribers.manage' // newsletter subscribers (their addresses), lists and the privacy policy
  | 'ownership.transfer'; // hand the site over to another staff member

const EDITOR: readonly Permission[] = [
  'articles.write',
  'articles.publish',
  'articles.others',
  'articles.delete',
  'taxonomy.write',
  'media.write',
];

const ADMIN: readonly Permission[] = [
  ...EDITOR,
  'settings.write',
  'staff.manage',
  'keys.manage',
  'audit.read',
  'authors.real_name',
  'donations.manage',
  'subscribers.manage',
];

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: [...ADMIN, 'ownership.transfer'],
  admin: ADMIN,
  editor: EDITOR,
  author: ['articles.write', 'articles.publish', 'media.write'],
  contributor: ['articles.write', 'media.write'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Whether `role` holds every permission `other` holds (a key may make keys only of such roles). */
export function covers(role: Role, other: Role): boolean {
  return GRANTS[other].every((permission) => GRANTS[role].includes(permission));
}
