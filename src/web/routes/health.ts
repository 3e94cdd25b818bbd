import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Services } from '../../container.ts';
import { pendingMigrations } from '../../db/migrate.ts';

/** /healthz: the process answers. /readyz: the database answers and the schema is current. */
export function registerHealth(app: FastifyInstance, services: Services): void {
  app.get('/healthz', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    try {
      await sql`select 1`.execute(services.db.kysely);
      const pending = await pendingMigrations(services.db);
      if (pending.length) return reply.status(503).send({ status: 'migrations pending', pending });
      return { status: 'ready', database: services.db.dialect };
    } catch (err) {
      return reply.status(503).send({ status: 'database unreachable', message: (err as Error).message });
    }
  });
}
