import { z } from 'zod';
import type { PrivacyPolicy } from './privacy-policy.ts';
import type { NewsletterList } from './subscribers.types.ts';

/** The Admin API's shapes for subscribers, lists and the privacy policy (snake_case, as elsewhere). */
const status = z.enum(['pending', 'confirmed', 'suppressed']);

export const SUBSCRIBER_PAGE_MAX = 200;

export const adminSubscriberQuerySchema = z
  .object({
    status: status.optional(),
    /** A list's slug or id: its pending, active and paused subscribers. */
    list: z.string().min(1).max(100).optional(),
    /** One address exactly (addresses are sealed: there is no partial search). */
    email: z.string().min(1).max(320).optional(),
    cursor: z.string().min(1).max(400).optional(),
    limit: z.coerce.number().int().min(1).max(SUBSCRIBER_PAGE_MAX).default(50),
  })
  .strict();

export const adminSubscriberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  language: z.string(),
  status,
  suppressed_reason: z.string().nullable(),
  created_at: z.string(),
  confirmed_at: z.string().nullable(),
});

export const adminSubscriberPageSchema = z.object({
  items: z.array(adminSubscriberSchema),
  next_cursor: z.string().nullable(),
});

export const adminSubscriberDetailSchema = adminSubscriberSchema.extend({
  suppressed_detail: z.string().nullable(),
  soft_bounces: z.number().int(),
  subscriptions: z.array(z.object({ list: z.string(), status: z.string(), since: z.string() })),
  consents: z.array(
    z.object({
      list: z.string().nullable(),
      action: z.string(),
      basis: z.string(),
      policy_version: z.number().int(),
      source: z.string(),
      recorded_at: z.string(),
    }),
  ),
});

export const subscriberCountsSchema = z.object({
  subscribers: z.object({ pending: z.number(), confirmed: z.number(), suppressed: z.number() }),
  lists: z.array(
    z.object({ slug: z.string(), recipients: z.number(), by_status: z.record(z.string(), z.number()) }),
  ),
});

export const suppressBodySchema = z
  .object({ detail: z.string().max(500).optional() })
  .strict()
  .default({});

export const adminListSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  language: z.string().nullable(),
  kind: z.enum(['digest', 'breaking']),
  schedule_cron: z.string().nullable(),
  is_default: z.boolean(),
});

export const adminListsSchema = z.object({ lists: z.array(adminListSchema) });

export const toAdminList = (l: NewsletterList): z.output<typeof adminListSchema> => ({
  id: l.id,
  slug: l.slug,
  name: l.name,
  description: l.description,
  language: l.language,
  kind: l.kind,
  schedule_cron: l.scheduleCron,
  is_default: l.isDefault,
});

export const privacyPolicySchema = z.object({
  version: z.number().int(),
  text: z.string(),
  updated_at: z.string().nullable(),
});

export const privacyPolicyBodySchema = z.object({ text: z.string().max(60_000) }).strict();

export const toAdminPolicy = (p: PrivacyPolicy): z.output<typeof privacyPolicySchema> => ({
  version: p.version,
  text: p.text,
  updated_at: p.updatedAt,
});
