import type { Selectable } from 'kysely';
import type { NewslettersTable } from '../../db/schema.ts';
import type { NewsletterList } from './subscribers.types.ts';

export function toList(row: Selectable<NewslettersTable>): NewsletterList {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    language: row.language,
    kind: row.kind,
    scheduleCron: row.schedule_cron,
    isDefault: Number(row.is_default) === 1,
    signupWording: row.signup_wording,
  };
}
