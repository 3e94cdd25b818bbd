// What the sending side needs from module subscribers (NL-CONTRACT.md): its public surface.
export type {
  NewsletterList,
  Recipient,
  SubscriberDirectory,
  SubscriberLinks,
  SubscriberRef,
} from '../subscribers/index.ts';
