// How processes sharing one database tell each other which cached pages to drop. See README.md.
export { createChangeFeed, type ChangeFeed, type ChangeFeedOptions } from './change-feed.ts';
export { changesSince, type ChangesSince, type FeedPosition } from './changes-since.ts';
