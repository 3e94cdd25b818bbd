// The front page's public surface: what editors pin (lead, featured, the breaking strip), the
// job that ends the strip, and the rule that places every home-page story once.
export {
  createFrontPage,
  type FrontPageDeps,
  type FrontPageForReaders,
  type FrontPageStore,
} from './front-page-store.ts';
export { BREAKING_EXPIRED_TASK, BREAKING_EXPIRY_JOB_KEY, frontPageJobs } from './front-page-jobs.ts';
export {
  frontPageInputSchema,
  frontPageSchema,
  MAX_FEATURED,
  type FrontPage,
  type FrontPageInput,
} from './front-page.types.ts';
export { assignHomeSlots, type HomeSlots, type HomeSlotsInput, type Story } from './home-slots.ts';
