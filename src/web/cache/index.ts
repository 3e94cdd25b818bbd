// The caching of public responses, in one place: what is kept (page-cache), what it shows
// (cache-tags), how it is sent (content encoding, conditional GET, serve-cached for Fastify, the
// replay before Fastify) and what makes it stale (invalidate-on-article-change).
export { cacheTags } from './cache-tags.ts';
export {
  PageCache,
  PUBLIC_CACHE_CONTROL,
  type CacheInput,
  type CachedResponse,
  type PageCacheOptions,
} from './page-cache.ts';
export { chooseEncoding, type ContentEncoding } from './content-encoding.ts';
export { etagOf, isNotModified } from './conditional-get.ts';
export { conditionalGet } from './conditional-get-hook.ts';
export { sendCached, sentFromCache, serveCached } from './serve-cached.ts';
export { CacheReplay } from './cache-replay.ts';
export { cacheTagsForArticleChange, invalidateOnArticleChange } from './invalidate-on-article-change.ts';
export { setOriginRewrite, variantFor, type OriginRewrite } from './origin-variant.ts';
