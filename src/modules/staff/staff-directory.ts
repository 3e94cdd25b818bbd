import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { open } from '../../crypto/sealed-box.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import type { Mailer, Outbox } from '../../adapters/mail/index.ts';
import type { Actor } from './actor.ts';
import { can, roleSchema, type Permission, type Role } from './roles.ts';
import { createSessionStore } from './session-store.ts';
import { noStaffAudit, type StaffAudit, type StaffOrigin } from './staff-audit.ts';
import type { SessionPolicy } from './session-rules.ts';
import { createStaffLinks } from './staff-links.ts';
import { staffMail } from './staff-mail.ts';
import { createStaffStore, emailSchema, staffLanguageSchema } from './staff-store.ts';
import type { InviteAnswer, OutboxList, OutboxMessageJson, StaffList } from './staff.types.ts';

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema }).strict();
export const staffPatchSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .strict();

function require(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission))
    throw new ForbiddenError(`the "${actor.role}" role may not do this (needs ${permission})`);
}

/**
 * The newsroom's staff as admins manage them: the list, invites (mailed, and the link answered),
 * role changes, disabling, and the owner handing ownership on. The owner's role changes only by
 * that transfer, and nobody changes or disables their own account here.
 */
export function createStaffDirectory(deps: {
  db: Db;
  keys: Pick<Keys, 'encryption' | 'hashing'>;
  mailer: Mailer;
  outbox: Outbox | null;
  siteUrl: string;
  policy: SessionPolicy;
  publicationName(): string;
  /** Every change here is recorded, inside its transaction. */
  audit?: StaffAudit;
  now?: Clock;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;
  const log = deps.log ?? (() => {});
  const staff = createStaffStore(deps.keys);
  const links = createStaffLinks(deps.keys.hashing);
  const sessions = createSessionStore({ hashingKey: deps.keys.hashing, policy: deps.policy });
  const audit = deps.audit ?? noStaffAudit;

  async function target(id: string) {
    const row = await staff.byId(kysely, id);
    if (!row) throw new NotFoundError('staff member', id);
    return row;
  }

  return {
    async list(actor: Actor): Promise<StaffList> {
      require(actor, 'staff.manage');
      const rows = await kysely.selectFrom('staff_users').selectAll().orderBy('created_at').execute();
      const passkeys = await kysely
        .selectFrom('staff_passkeys')
        .select(['staff_id', (eb) => eb.fn.countAll().as('n')])
        .groupBy('staff_id')
        .execute();
      const passkeyCount = new Map(passkeys.map((p) => [p.staff_id, Number(p.n)]));
      const invites = await kysely
        .selectFrom('setup_tokens')
        .selectAll()
        .where('purpose', '=', 'invite')
        .where('used_at', 'is', null)
        .where('expires_at', '>', iso(now()))
        .orderBy('created_at')
        .execute();
      return {
        staff: rows.map((row) => {
          const m = staff.toMember(row);
          return {
            id: m.id,
            name: m.name,
            email: m.email,
            role: m.role,
            has_totp: m.hasTotp,
            passkeys: passkeyCount.get(m.id) ?? 0,
            created_at: m.createdAt,
            last_sign_in_at: m.lastSignInAt,
            disabled: m.disabled,
          };
        }),
        invites: invites.map((i) => ({
          id: i.id,
          email: i.email_sealed ? open(deps.keys.encryption, i.email_sealed) : '',
          role: roleSchema.parse(i.role),
          expires_at: i.expires_at,
        })),
      };
    },

    /** An invite link for the address (mailed, and answered). A newer invite replaces an older one. */
    async invite(actor: Actor, input: unknown, from: StaffOrigin = {}): Promise<InviteAnswer> {
      require(actor, 'staff.manage');
      const data = parseInput(inviteSchema, input);
      if (data.role === 'owner')
        throw new ValidationError(
          'invalid input: role: the owner is not invited; transfer ownership instead',
          [{ path: 'role', message: 'the owner is not invited; transfer ownership instead' }],
        );
      const at = now();
      const emailHash = staff.emailHash(data.email);
      const { token } = await kysely.transaction().execute(async (trx) => {
        if (await staff.byEmail(trx, data.email))
          throw new ConflictError('this address already has an account');
        await trx
          .updateTable('setup_tokens')
          .set({ expires_at: iso(at) })
          .where('purpose', '=', 'invite')
          .where('email_hash', '=', emailHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', iso(at))
          .execute();
        const issued = await links.issue(trx, 'invite', at, {
          email_sealed: staff.sealEmail(data.email),
          email_hash: emailHash,
          role: data.role,
        });
        await audit.record(
          {
            actor,
            ...from,
            action: 'staff.invite',
            objectType: 'staff_invite',
            objectId: issued.row.id,
            summary: `invited someone as ${data.role}`,
          },
          { trx },
        );
        return issued;
      });
      const url = `${deps.siteUrl}/admin/invite?token=${encodeURIComponent(token)}`;
      const inviter = actor.kind === 'staff' ? await staff.byId(kysely, actor.id) : undefined;
      const mail = staffMail.invite({
        publication: deps.publicationName(),
        role: data.role,
        url,
        language: staffLanguageSchema.catch('en').parse(inviter?.language),
      });
      const mailed = await deps.mailer.send({ to: data.email, ...mail }).then(
        () => true,
        (err: unknown) => {
          log('error', 'could not send an invite mail', { error: String(err) });
          return false;
        },
      );
      return { invite_url: url, mailed };
    },

    async revokeInvite(actor: Actor, id: string): Promise<void> {
      require(actor, 'staff.manage');
      const at = iso(now());
      await kysely.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('setup_tokens')
          .set({ expires_at: at })
          .where('id', '=', id)
          .where('purpose', '=', 'invite')
          .where('used_at', 'is', null)
          .where('expires_at', '>', at)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw new NotFoundError('invite', id);
        await audit.record(
          {
            actor,
            action: 'staff.invite_withdraw',
            objectType: 'staff_invite',
            objectId: id,
            summary: 'withdrew an invite',
          },
          { trx },
        );
      });
    },

    async update(actor: Actor, id: string, input: unknown): Promise<void> {
      require(actor, 'staff.manage');
      const data = parseInput(staffPatchSchema, input);
      const row = await target(id);
      if (actor.kind === 'staff' && actor.id === id)
        throw new ForbiddenError('you cannot change your own role or disable yourself');
      if (row.role === 'owner')
        throw new ForbiddenError("the owner's account changes only when the owner transfers ownership");
      if (data.role === 'owner')
        throw new ForbiddenError('the owner transfers ownership; it is not a role to give');
      const at = now();
      await kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff_users')
          .set({
            ...(data.role ? { role: data.role } : {}),
            ...(data.disabled !== undefined ? { disabled_at: data.disabled ? iso(at) : null } : {}),
            updated_at: iso(at),
          })
          .where('id', '=', id)
          .execute();
        if (data.disabled) await sessions.removeAll(trx, id);
        const entry = { actor, objectType: 'staff' as const, objectId: id };
        if (data.role && data.role !== row.role)
          await audit.record(
            { ...entry, action: 'staff.role', summary: `changed the role from ${row.role} to ${data.role}` },
            { trx },
          );
        if (data.disabled === true && row.disabled_at === null)
          await audit.record(
            { ...entry, action: 'staff.disable', summary: 'disabled the account; its sessions ended' },
            { trx },
          );
        if (data.disabled === false && row.disabled_at !== null)
          await audit.record({ ...entry, action: 'staff.enable', summary: 'enabled the account' }, { trx });
      });
    },

    /** The owner makes someone else the owner and becomes an admin. */
    async transferOwnership(actor: Actor, id: string): Promise<void> {
      require(actor, 'ownership.transfer');
      const row = await target(id);
      if (row.disabled_at !== null) throw new ConflictError('enable the account first');
      if (row.role === 'owner') throw new ConflictError('this person is already the owner');
      if (!row.totp_secret_sealed) {
        const passkey = await kysely
          .selectFrom('staff_passkeys')
          .select('id')
          .where('staff_id', '=', id)
          .executeTakeFirst();
        if (!passkey) throw new ConflictError('the new owner must have finished setting up a second factor');
      }
      const at = iso(now());
      await kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff_users')
          .set({ role: 'admin' satisfies Role, updated_at: at })
          .where('role', '=', 'owner')
          .execute();
        await trx
          .updateTable('staff_users')
          .set({ role: 'owner', updated_at: at })
          .where('id', '=', id)
          .execute();
        await audit.record(
          {
            actor,
            action: 'staff.transfer_ownership',
            objectType: 'staff',
            objectId: id,
            summary: `made this ${row.role} the owner; the previous owner is now an admin`,
          },
          { trx },
        );
      });
      log('warn', 'ownership transferred', { to: id, by: actor.id });
    },

    /** The outbox's messages, for owners only: they hold invite and reset links. */
    async outboxList(actor: Actor): Promise<OutboxList> {
      if (actor.role !== 'owner') throw new ForbiddenError('only the owner reads the outbox');
      const entries = deps.outbox ? await deps.outbox.list() : [];
      return {
        messages: entries.map((e) => ({ id: e.id, to: e.to, subject: e.subject, created_at: e.createdAt })),
      };
    },

    async outboxMessage(actor: Actor, id: string): Promise<OutboxMessageJson> {
      if (actor.role !== 'owner') throw new ForbiddenError('only the owner reads the outbox');
      const message = deps.outbox ? await deps.outbox.get(id) : undefined;
      if (!message) throw new NotFoundError('message', id);
      return {
        id: message.id,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      };
    },
  };
}

export type StaffDirectory = ReturnType<typeof createStaffDirectory>;
