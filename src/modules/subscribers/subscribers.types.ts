// The subscribers module's public types: what nl-sending (modules/newsletters) codes against
// (NL-CONTRACT.md), and the shapes of the Admin API.

export interface NewsletterList {
  id: string;
  slug: string;
  name: string;
  description: string;
  language: string | null;
  kind: 'digest' | 'breaking';
  scheduleCron: string | null;
  isDefault: boolean;
  /** The signup block's invitation for this list; empty: the catalogue's wording. (Beyond NL-CONTRACT.) */
  signupWording: string;
}

export interface Recipient {
  subscriberId: string;
  email: string;
  name: string | null;
  language: string;
}

export interface SubscriberLinks {
  preferencesUrl: string;
  unsubscribeUrl: string;
  unsubscribeMailto: string;
}

export type SuppressionReason = 'hard-bounce' | 'complaint' | 'soft-bounces' | 'manual';
export type SubscriberRef = { email: string } | { subscriberId: string };

export interface SubscriberDirectory {
  lists(): Promise<NewsletterList[]>;
  listBySlug(slug: string): Promise<NewsletterList | undefined>;
  /** Confirmed, active, not suppressed recipients of a list, ordered by subscriber id, a page at a time (keyset). */
  recipients(listId: string, page: { afterSubscriberId?: string; limit: number }): Promise<Recipient[]>;
  countRecipients(listId: string): Promise<number>;
  /**
   * Everyone confirmed, not suppressed, with at least one active (not paused) subscription, once
   * each whatever the number of lists, ordered by subscriber id, a page at a time (keyset); with
   * the lists each is on (for their unsubscribe links). For letters to every list (SOS).
   */
  everyRecipient(page: {
    afterSubscriberId?: string;
    limit: number;
  }): Promise<Array<Recipient & { listIds: string[] }>>;
  countEveryRecipient(): Promise<number>;
  /** Signed, per-recipient links. unsubscribeUrl answers GET (a page with a button) and the RFC 8058 one-click POST (no cookie, no confirmation). */
  links(subscriberId: string, listId: string): SubscriberLinks;
  /** Suppress by address (bounce/complaint webhooks know only the address) or by id: never mailed again. */
  suppress(by: SubscriberRef, reason: SuppressionReason, detail?: string): Promise<void>;
  /** Counts a soft bounce; suppresses after the configured number in a row. */
  recordSoftBounce(by: SubscriberRef, detail?: string): Promise<void>;
}

export type SubscriberStatus = 'pending' | 'confirmed' | 'suppressed';
export type SubscriptionStatus = 'pending' | 'active' | 'paused' | 'unsubscribed';
