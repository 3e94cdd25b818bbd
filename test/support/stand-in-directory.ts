// A subscribers directory stand-in for the sending engine's tests: `count` recipients with
// sortable ids and addresses derived from them, and a record of suppressions and soft bounces.
import type { Recipient, SubscriberDirectory } from '../../src/modules/newsletters/index.ts';

export const recipientId = (i: number) => `sub-${String(i).padStart(7, '0')}`;
export const recipientEmail = (i: number) => `reader${i}@mail.example`;

export function standInDirectory(count: number, options: { names?: (i: number) => string | null } = {}) {
  const suppressed: Array<{ by: unknown; reason: string }> = [];
  const softBounces: unknown[] = [];
  const removed = new Set<string>();
  const directory: SubscriberDirectory = {
    async lists() {
      return [];
    },
    async listBySlug() {
      return undefined;
    },
    async recipients(_listId, page) {
      const start = page.afterSubscriberId ? Number(page.afterSubscriberId.slice(4)) + 1 : 1;
      const out: Recipient[] = [];
      for (let i = start; i <= count && out.length < page.limit; i++) {
        if (removed.has(recipientId(i))) continue;
        out.push({
          subscriberId: recipientId(i),
          email: recipientEmail(i),
          name: options.names?.(i) ?? null,
          language: 'en',
        });
      }
      return out;
    },
    async countRecipients() {
      return count - removed.size;
    },
    async everyRecipient(page) {
      return (await directory.recipients('', page)).map((r) => ({ ...r, listIds: ['list-1'] }));
    },
    async countEveryRecipient() {
      return count - removed.size;
    },
    links(subscriberId) {
      return {
        preferencesUrl: `https://news.example/newsletter/preferences?s=${subscriberId}`,
        unsubscribeUrl: `https://news.example/newsletter/unsubscribe?s=${subscriberId}`,
        unsubscribeMailto: `mailto:unsubscribe@news.example?subject=unsubscribe-${subscriberId}`,
      };
    },
    async suppress(by, reason) {
      suppressed.push({ by, reason });
      if ('subscriberId' in by) removed.add(by.subscriberId);
    },
    async recordSoftBounce(by) {
      softBounces.push(by);
    },
  };
  return { directory, suppressed, softBounces, removed };
}
