import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Services } from '../../container.ts';

/** Not ready, in the shape of every error answer. */
const notReady = (message: string, details: Record<string, unknown> | null) => ({
  error: { code: 'unavailable', message, details },
});

/** /healthz: the process answers. /readyz: the database answers and the schema is current. */
export function registerHealth(app: FastifyInstance, services: Services): void {
  app.get('/healthz', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    try {
      await sql`select 1`.execute(services.db.kysely);
      // The migrations' code loads on the first readiness check, not in every web process.
      const { pendingMigrations } = await import('../../db/migrate.ts');
      const pending = await pendingMigrations(services.db);
      if (pending.length) {
        return reply.status(503).send(notReady('migrations are pending', { pending }));
      }
      return { status: 'ready', database: services.db.dialect };
    } catch (err) {
      // The driver's message (hosts, ports, user names) goes to the log, not to whoever asks.
      request.log.error({ err }, 'readyz: the database is unreachable');
      return reply.status(503).send(notReady('the database is unreachable', null));
    }
  });
}
