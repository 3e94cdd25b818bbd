import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { auditQuerySchema, type AuditRecord } from '../../../modules/audit/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';

const entryJson = z.object({
  id: z.number().int(),
  at: z.string(),
  actor_kind: z.string(),
  actor_id: z.string(),
  actor_label: z.string(),
  origin: z.string(),
  action: z.string(),
  object_type: z.string(),
  object_id: z.string().nullable(),
  summary: z.string(),
});

function present(r: AuditRecord): z.output<typeof entryJson> {
  return {
    id: r.id,
    at: r.at,
    actor_kind: r.actorKind,
    actor_id: r.actorId,
    actor_label: r.actorLabel,
    origin: r.origin,
    action: r.action,
    object_type: r.objectType,
    object_id: r.objectId,
    summary: r.summary,
  };
}

/** The audit log, newest first, and its CSV export. Admins and the owner (`audit.read`). */
export function adminAuditRoutes(services: Pick<Services, 'audit'>): AnyApiRoute[] {
  const { audit } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/audit',
      tag: 'audit log',
      summary:
        'Who changed what, newest first; filter by actor ("api-key:ID", "staff:ID", "system"), object_type, object_id, action; page with before=next_before',
      permission: 'audit.read',
      query: auditQuerySchema,
      response: z.object({ entries: z.array(entryJson), next_before: z.number().int().nullable() }),
      async handler({ query }) {
        const page = await audit.list(query);
        return { entries: page.entries.map(present), next_before: page.nextBefore };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/audit.csv',
      tag: 'audit log',
      summary:
        'The audit log as CSV (same filters; cells that a spreadsheet would run as formulas are defused)',
      permission: 'audit.read',
      query: auditQuerySchema.omit({ limit: true }),
      async handler({ query }, _request, reply) {
        reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="audit-log.csv"');
        return reply.send(Readable.from(audit.csv(query)));
      },
    }),
  ];
}
