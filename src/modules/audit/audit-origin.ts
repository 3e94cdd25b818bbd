import type { Actor } from '../staff/index.ts';

/**
 * The coarse origin recorded when the caller names none: a key by its name (the newsroom names
 * keys after the machine or integration that holds them), a staff member's session as the admin
 * app, and the platform as "system".
 */
export function originOf(actor: Actor): string {
  switch (actor.kind) {
    case 'api-key':
      return `API key ${actor.label}`;
    case 'staff':
      return 'admin app';
    case 'system':
      return 'system';
  }
}
