import { ForbiddenError } from '../../domain/errors.ts';
import { can, type Actor } from '../staff/index.ts';

/**
 * Who may list, change and export redirects: whoever may change the site's structure (sections,
 * tags, authors), that is editors, admins and the owner. Pure.
 */
export function canManageRedirects(actor: Pick<Actor, 'role'>): boolean {
  return can(actor.role, 'taxonomy.write');
}

export function assertAllowed(allowed: boolean): void {
  if (!allowed) throw new ForbiddenError('your role may not change redirects');
}
