import type { Command } from '../command.ts';
import { CliError } from '../command.ts';
import { boot } from '../boot.ts';
import { ROLES, systemActor } from '../../modules/staff/index.ts';
import { DomainError } from '../../domain/errors.ts';

const usage = `Usage:
  samizdat apikey create --name NAME --role ROLE   print a new Admin API key (last line)
  samizdat apikey list                             list keys (never the keys themselves)
  samizdat apikey revoke ID                        revoke a key at once

Roles: ${ROLES.join(', ')}

Needs an existing site: run where its DATA_DIR (or DATABASE_URL) points; it never creates one.`;

export const apikeyCommand: Command = {
  name: 'apikey',
  summary: 'Create, list and revoke Admin API keys',
  usage,
  options: { name: { type: 'string' }, role: { type: 'string' } },
  async run({ values, positionals }) {
    const [action, id] = positionals;
    if (!action || !['create', 'list', 'revoke'].includes(action)) throw new CliError(usage, 2);
    const services = await boot();
    try {
      if (action === 'create') {
        const { key, info } = await services.apiKeys.create({ name: values.name, role: values.role });
        console.log(
          `Created API key ${info.keyId} "${info.name}" with role ${info.role}. Store it now; it is not shown again:`,
        );
        await services.audit.record({
          actor: systemActor,
          origin: 'CLI',
          action: 'api_key.create',
          objectType: 'api_key',
          objectId: info.keyId,
          summary: `created API key "${info.name}" with the ${info.role} role`,
        });
        console.log(key);
      } else if (action === 'list') {
        for (const k of await services.apiKeys.list()) {
          console.log(`${k.keyId}  ${k.role.padEnd(11)}  ${k.revokedAt ? 'revoked' : 'active '}  ${k.name}`);
        }
      } else {
        if (!id) throw new CliError('Usage: samizdat apikey revoke ID', 2);
        await services.apiKeys.revoke(id);
        await services.audit.record({
          actor: systemActor,
          origin: 'CLI',
          action: 'api_key.revoke',
          objectType: 'api_key',
          objectId: id,
          summary: `revoked API key ${id}`,
        });
        console.log(`Revoked ${id}.`);
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
