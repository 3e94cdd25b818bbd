import type { Role } from './roles.ts';

/**
 * Who is acting: an Admin API key, a signed-in staff member, or the system itself (the CLI, the
 * demo seed, scheduled publishing). Every operation that changes what readers may see takes one,
 * so the API, the admin app and the CLI share one permission check.
 */
export interface Actor {
  kind: 'api-key' | 'staff' | 'system';
  id: string;
  role: Role;
  /** For people reading logs and audit entries: the key's or staff member's name. */
  label: string;
}

/** The platform acting on its own behalf: may do anything a role may do. */
export const systemActor: Actor = Object.freeze({
  kind: 'system',
  id: 'system',
  role: 'owner',
  label: 'system',
});

export function apiKeyActor(key: { keyId: string; name: string; role: Role }): Actor {
  return { kind: 'api-key', id: key.keyId, role: key.role, label: key.name };
}

export function staffActor(staff: { id: string; name: string; role: Role }): Actor {
  return { kind: 'staff', id: staff.id, role: staff.role, label: staff.name };
}

/**
 * How an actor is recorded on what it created ("api-key:<id>", "staff:<id>", "system"): the kind
 * is part of it, so a key and a staff member that happen to share an id are never confused.
 */
export function actorRef(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`;
}
