/** The public URLs of the subscriber pages (one place, for routes, mails and the sending engine). */
export const subscriberPaths = {
  newsletter: () => '/newsletter',
  subscribe: () => '/newsletter/subscribe',
  preview: () => '/newsletter/preview',
  confirm: (token: string) => `/newsletter/confirm/${token}`,
  preferences: (token: string) => `/newsletter/preferences/${token}`,
  unsubscribe: (token: string) => `/newsletter/unsubscribe/${token}`,
  privacy: () => '/privacy',
};
