// How processes sharing one database tell each other which cached pages to drop. See README.md.
export { batchDeps } from './change-batch.ts';
export {
  createChangeFeed,
  type ChangeFeed,
  type ChangeFeedLog,
  type ChangeFeedOptions,
  type RemoteChanges,
} from './change-feed.ts';
export { advanceCursor, startCursor, type FeedCursor } from './feed-cursor.ts';
