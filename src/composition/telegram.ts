// Each newly published article posted to a Telegram channel, when one is configured.
import type { MediaStorage } from '../adapters/storage/index.ts';
import { isVisibleToReaders, type ArticleService } from '../modules/articles/index.ts';
import type { MediaService } from '../modules/media/index.ts';
import { paths } from '../modules/site/index.ts';
import { createBotApi } from '../modules/telegram/index.ts';
import { siteBase, type Context } from './context.ts';

/** The articles, media and storage it reads are built later and reached only when a job runs. */
export function telegramChannel(
  { config, db }: Context,
  late: { articles: () => ArticleService; media: () => MediaService; storage: () => MediaStorage },
) {
  if (!config.TELEGRAM_BOT_TOKEN || !config.TELEGRAM_CHAT_ID) return undefined;
  return {
    db,
    api: createBotApi({ apiUrl: config.TELEGRAM_API_URL, token: config.TELEGRAM_BOT_TOKEN }),
    chatId: config.TELEGRAM_CHAT_ID,
    async load(articleId: string) {
      const article = await late
        .articles()
        .get(articleId)
        .catch(() => undefined);
      if (!article) return undefined;
      const row = { status: article.status, published_at: article.publishedAt };
      if (!isVisibleToReaders(row, new Date())) return undefined;
      return {
        id: article.id,
        title: article.title,
        standfirst: article.standfirst,
        url: `${siteBase(config)}${paths.article(article.slug)}`,
        heroMediaId: article.heroMediaId,
      };
    },
    async photo(mediaId: string) {
      const record = (await late.media().getMany([mediaId]))[0];
      // The widest JPEG/PNG no wider than 1280 (Telegram recompresses anything larger).
      const variant = record?.variants
        .filter((v) => v.format !== 'webp' && v.width <= 1280)
        .sort((a, b) => b.width - a.width)[0];
      const stored = variant ? await late.storage().get(variant.key) : undefined;
      if (!variant || !stored) return undefined;
      return {
        bytes: stored.bytes,
        contentType: stored.contentType,
        filename: `${mediaId}.${variant.format === 'png' ? 'png' : 'jpg'}`,
      };
    },
  };
}

export type TelegramChannel = NonNullable<ReturnType<typeof telegramChannel>>;
