import type { Command } from '../command.ts';
import { CliError } from '../command.ts';
import { boot } from '../boot.ts';
import { ROLES, systemActor } from '../../modules/staff/index.ts';
import { DomainError } from '../../domain/errors.ts';

const usage = `Usage:
  samizdat staff invite --email ADDRESS --role ROLE   invite someone; prints the invite link (last line)
  samizdat staff list                                 list staff accounts and open invites
  samizdat staff reset-2fa EMAIL                      for a lost phone: clear the second factor and
                                                      password, print a link to set both again (24 h, once)

Roles: ${ROLES.filter((r) => r !== 'owner').join(', ')} (the owner hands ownership on in the admin)

Invites are also mailed (SMTP_URL, or the outbox in DATA_DIR/outbox/). Needs an existing site: run
where its DATA_DIR (or DATABASE_URL) points; it never creates one.`;

const log = (level: string, message: string, fields?: Record<string, unknown>) =>
  console.error(`[staff] ${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);

export const staffCommand: Command = {
  name: 'staff',
  summary: 'Invite and list staff, reset a lost second factor',
  usage,
  options: { email: { type: 'string' }, role: { type: 'string' } },
  async run({ values, positionals }) {
    const [action, email] = positionals;
    if (!action || !['invite', 'list', 'reset-2fa'].includes(action)) throw new CliError(usage, 2);
    if (action === 'reset-2fa' && !email) throw new CliError('Usage: samizdat staff reset-2fa EMAIL', 2);
    if (action === 'invite' && (!values.email || !values.role))
      throw new CliError('Usage: samizdat staff invite --email ADDRESS --role ROLE', 2);
    const services = await boot({ log, changeFeed: false });
    try {
      if (action === 'invite') {
        const { invite_url, mailed } = await services.staff.invite(
          systemActor,
          { email: values.email, role: values.role },
          { origin: 'CLI' },
        );
        console.log(
          `Invited ${String(values.email).trim().toLowerCase()} as ${String(values.role)}${mailed ? ` (mailed${services.mailer.kind === 'outbox' ? ' to the outbox' : ''})` : ' (the mail could not be sent)'}. The link works once, for 7 days:`,
        );
        console.log(invite_url);
      } else if (action === 'list') {
        const { staff, invites } = await services.staff.list(systemActor);
        if (staff.length === 0) console.log('No staff accounts yet.');
        for (const s of staff) {
          const status = s.disabled ? 'disabled' : s.has_totp || s.passkeys > 0 ? 'active  ' : 'no 2FA  ';
          console.log(`${s.id}  ${s.role.padEnd(11)}  ${status}  ${s.email}  ${s.name}`);
        }
        for (const i of invites) {
          console.log(`invite  ${i.role.padEnd(11)}  until ${i.expires_at}  ${i.email}`);
        }
      } else {
        const { staff, url, expiresAt } = await services.signIn.resetSecondFactor(email!, {
          actor: systemActor,
          origin: 'CLI',
        });
        console.log(
          `Cleared the second factor, password and sessions of ${staff.email} (${staff.role}). Give them this link (once, until ${expiresAt}) to set a password and enrol again:`,
        );
        console.log(url);
      }
      return 0;
    } catch (err) {
      if (err instanceof DomainError) throw new CliError(err.message);
      throw err;
    } finally {
      await services.close();
    }
  },
};
