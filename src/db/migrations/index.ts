import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import * as initial from './2026-11-27T0900-initial.ts';
import * as search from './2026-11-27T1000-search.ts';
import * as related from './2026-11-27T1100-related.ts';
import * as listingIndex from './2026-11-27T1200-listing-index.ts';
import * as changeFeed from './2026-11-27T1300-change-feed.ts';
import * as articleCreatedBy from './2026-11-29T1000-article-created-by.ts';
import * as dropMediaUploadHash from './2026-11-29T1500-drop-media-upload-hash.ts';
import * as meta from './2026-11-29T1400-meta.ts';
import * as relatedOutlivesDeletion from './2026-11-29T1100-related-outlives-deletion.ts';
import * as settingsControls from './2026-11-29T1200-settings-control-characters.ts';
import * as frontPage from './2026-11-29T1600-front-page.ts';
import * as taxonomyTranslations from './2026-11-29T1710-taxonomy-translations.ts';
import * as authorContact from './2026-11-29T1720-author-contact.ts';
import * as staffSignIn from './2026-11-29T1740-staff-sign-in.ts';
import * as figureMediaId from './2026-11-29T1745-figure-media-id.ts';
import * as revisionsAndAudit from './2026-11-29T1750-revisions-and-audit.ts';
import * as articlesNewestIndex from './2026-11-29T1800-articles-newest-index.ts';
import * as appeal from './2026-11-30T0300-appeal.ts';
import * as rateLimits from './2026-11-30T0100-rate-limits.ts';
import * as donations from './2026-11-30T0400-donations.ts';
import * as telegramPosts from './2026-11-30T0600-telegram-posts.ts';
import * as articleRenders from './2026-11-30T1200-article-renders.ts';
import * as subscribersNewestIndex from './2026-12-02T0600-subscribers-newest-index.ts';
import * as subscriberCounts from './2026-12-02T0610-subscriber-counts.ts';
import * as newsletterSubscribers from './2026-11-30T0110-newsletter-subscribers.ts';
import * as newsletterIssues from './2026-11-30T0200-newsletter-issues.ts';
import * as importAndRedirects from './2026-11-30T0700-import-and-redirects.ts';
import * as mailEvents from './2026-11-30T0800-mail-events.ts';
import * as sosSends from './2026-11-30T0900-sos-sends.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MigrationFn = (db: Kysely<any>, dialect: DialectName) => Promise<void>;

/** Every migration, in order. Names are timestamps so they sort the way they ran. */
export const migrations: ReadonlyArray<{ name: string; up: MigrationFn }> = [
  { name: '2026-11-27T0900-initial', up: initial.up },
  { name: '2026-11-27T1000-search', up: search.up },
  { name: '2026-11-27T1100-related', up: related.up },
  { name: '2026-11-27T1200-listing-index', up: listingIndex.up },
  { name: '2026-11-27T1300-change-feed', up: changeFeed.up },
  { name: '2026-11-29T1000-article-created-by', up: articleCreatedBy.up },
  { name: '2026-11-29T1100-related-outlives-deletion', up: relatedOutlivesDeletion.up },
  { name: '2026-11-29T1200-settings-control-characters', up: settingsControls.up },
  { name: '2026-11-29T1400-meta', up: meta.up },
  { name: '2026-11-29T1500-drop-media-upload-hash', up: dropMediaUploadHash.up },
  { name: '2026-11-29T1600-front-page', up: frontPage.up },
  { name: '2026-11-29T1710-taxonomy-translations', up: taxonomyTranslations.up },
  { name: '2026-11-29T1720-author-contact', up: authorContact.up },
  { name: '2026-11-29T1740-staff-sign-in', up: staffSignIn.up },
  { name: '2026-11-29T1745-figure-media-id', up: figureMediaId.up },
  { name: '2026-11-29T1750-revisions-and-audit', up: revisionsAndAudit.up },
  { name: '2026-11-29T1800-articles-newest-index', up: articlesNewestIndex.up },
  { name: '2026-11-30T0100-rate-limits', up: rateLimits.up },
  { name: '2026-11-30T0110-newsletter-subscribers', up: newsletterSubscribers.up },
  { name: '2026-11-30T0200-newsletter-issues', up: newsletterIssues.up },
  { name: '2026-11-30T0300-appeal', up: appeal.up },
  { name: '2026-11-30T0400-donations', up: donations.up },
  { name: '2026-11-30T0600-telegram-posts', up: telegramPosts.up },
  { name: '2026-11-30T0700-import-and-redirects', up: importAndRedirects.up },
  { name: '2026-11-30T0800-mail-events', up: mailEvents.up },
  { name: '2026-11-30T0900-sos-sends', up: sosSends.up },
  { name: '2026-11-30T1200-article-renders', up: articleRenders.up },
  { name: '2026-12-02T0600-subscribers-newest-index', up: subscribersNewestIndex.up },
  { name: '2026-12-02T0610-subscriber-counts', up: subscriberCounts.up },
];
