// Posting articles to a Telegram channel (README.md). Nothing here runs unless
// TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID are set (the container decides).
export { createBotApi, TelegramRefused, TelegramRetryLater, type BotApi } from './bot-api.ts';
export { postDigest, postText, type PostedArticle } from './channel-post.ts';
export { syncArticleToTelegram, type SyncOutcome, type TelegramSyncDeps } from './telegram-sync.ts';
export { TELEGRAM_SYNC_TASK, telegramFollowUp, telegramJobKey, telegramJobs } from './telegram-jobs.ts';
