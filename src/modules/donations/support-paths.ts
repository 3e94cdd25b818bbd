/** The public pages of reader revenue, origin-relative. */
export const supportPaths = {
  thankYou: '/support/thank-you',
  testCheckout: (ref: string) => `/support/test-checkout/${ref}`,
  bank: (ref: string) => `/support/bank/${ref}`,
  donor: (token: string) => `/support/donor/${token}`,
  support: '/support',
};
