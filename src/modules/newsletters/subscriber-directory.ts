// What the sending side needs from module subscribers (the contract in NL-CONTRACT.md; the
// container passes subscribers' own service, which has this shape). Declared here as a port so
// the engine's tests can use a stand-in directory.

export interface NewsletterList {
  id: string;
  slug: string;
  name: string;
  description: string;
  language: string | null;
  kind: 'digest' | 'breaking';
  scheduleCron: string | null;
  isDefault: boolean;
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

export type SubscriberRef = { email: string } | { subscriberId: string };

export interface SubscriberDirectory {
  lists(): Promise<NewsletterList[]>;
  listBySlug(slug: string): Promise<NewsletterList | undefined>;
  recipients(listId: string, page: { afterSubscriberId?: string; limit: number }): Promise<Recipient[]>;
  countRecipients(listId: string): Promise<number>;
  links(subscriberId: string, listId: string): SubscriberLinks;
  suppress(
    by: SubscriberRef,
    reason: 'hard-bounce' | 'complaint' | 'soft-bounces' | 'manual',
    detail?: string,
  ): Promise<void>;
  recordSoftBounce(by: SubscriberRef, detail?: string): Promise<void>;
}
