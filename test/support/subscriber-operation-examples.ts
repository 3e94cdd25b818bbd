// Valid inputs for the Admin API's subscriber, newsletter and privacy-policy operations, for the
// typed client test. Each example signs up its own reader (through the module's signup, as the
// public form does), so they run in any order.
import type { ExampleContext, OperationExample } from './api-operation-examples.ts';

let clientCounter = 0;

/** A reader who signed up for the weekly digest (pending): their id, found by exact address. */
export async function signedUpReader(ctx: ExampleContext): Promise<{ id: string; email: string }> {
  const email = `${ctx.unique('reader').replace(/\W+/g, '')}@newsroom.org`;
  clientCounter += 1;
  const outcome = await ctx.t.services.subscribers.signup.signup({
    email,
    lists: ['weekly'],
    source: '/newsletter',
    language: 'en',
    // A range of its own, so the per-range signup limit never refuses an example.
    clientAddress: `10.${(clientCounter >> 8) & 255}.${clientCounter & 255}.7`,
  });
  if (outcome.kind !== 'accepted') throw new Error(`signing up failed: ${JSON.stringify(outcome)}`);
  const found = await ctx.admin.get<{ items: Array<{ id: string }> }>(
    `/subscribers?email=${encodeURIComponent(email)}`,
  );
  const id = found.body.items[0]?.id;
  if (!id) throw new Error(`the new reader is not listed: ${found.status} ${found.text}`);
  return { id, email };
}

async function newsletter(ctx: ExampleContext): Promise<{ id: string }> {
  const res = await ctx.admin.post<{ id: string }>('/newsletters', {
    slug: ctx
      .unique('local-news')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
    name: 'Local news',
  });
  if (res.status !== 201) throw new Error(`making a newsletter failed: ${res.status} ${res.text}`);
  return res.body;
}

export const subscriberApiExamples: Record<string, OperationExample> = {
  getSubscribers: async (ctx) => {
    await signedUpReader(ctx);
    return { params: { query: { status: 'pending', list: 'weekly', limit: 10 } } };
  },
  getSubscribersCounts: async () => ({}),
  getSubscribersCsv: async () => ({}),
  getSubscribersId: async (ctx) => ({ params: { path: { id: (await signedUpReader(ctx)).id } } }),
  postSubscribersIdSuppress: async (ctx) => ({
    params: { path: { id: (await signedUpReader(ctx)).id } },
    body: { detail: 'asked by phone' },
  }),
  deleteSubscribersId: async (ctx) => ({ params: { path: { id: (await signedUpReader(ctx)).id } } }),
  getNewsletters: async () => ({}),
  postNewsletters: async (ctx) => ({
    body: {
      slug: ctx
        .unique('city-hall')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
      name: 'City hall',
      description: 'Council votes, every Monday.',
      kind: 'digest',
      schedule_cron: '0 8 * * 1',
    },
  }),
  patchNewslettersId: async (ctx) => ({
    params: { path: { id: (await newsletter(ctx)).id } },
    body: { description: 'What the council decided this week.', position: 5 },
  }),
  getPrivacyPolicy: async () => ({}),
  putPrivacyPolicy: async (ctx) => ({
    body: { text: `We keep your address sealed and never share it. (${ctx.unique('edit')})` },
  }),
};
