import type { Db } from '../../db/connect.ts';
import { TelegramRefused, type BotApi } from './bot-api.ts';
import { postDigest, postText, type PostedArticle } from './channel-post.ts';

// Makes the channel match one article, whatever happened before (the job may run twice):
//  - visible to readers, never posted: post it (sendPhoto with the hero uploaded from our
//    storage, or sendMessage), and keep the message id at once;
//  - visible, posted, shows something else now: edit it (editMessageCaption / editMessageText;
//    a new hero photo is not swapped in: the caption changes, the photo stays);
//  - no longer visible (unpublished, deleted), posted: delete the post (a withdrawn article
//    must not live on in the channel), then forget it; a post Telegram no longer has is forgotten.

export interface TelegramSyncDeps {
  db: Db;
  api: BotApi;
  chatId: string;
  /** The article as readers see it, or undefined when they cannot (any more). */
  load(articleId: string): Promise<PostedArticle | undefined>;
  /** The hero as a file to upload (a column-width JPEG/PNG/WebP variant), or undefined. */
  photo(mediaId: string): Promise<{ bytes: Buffer; contentType: string; filename: string } | undefined>;
  now?: () => Date;
}

export type SyncOutcome = 'posted' | 'edited' | 'unchanged' | 'deleted' | 'nothing';

interface Message {
  message_id: number;
}

export async function syncArticleToTelegram(deps: TelegramSyncDeps, articleId: string): Promise<SyncOutcome> {
  const { db, api, chatId } = deps;
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const posted = await db.kysely
    .selectFrom('telegram_posts')
    .selectAll()
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  const article = await deps.load(articleId);

  if (!article) {
    if (!posted) return 'nothing';
    try {
      await api.call('deleteMessage', { chat_id: posted.chat_id, message_id: Number(posted.message_id) });
    } catch (err) {
      // Gone already (deleted by hand): nothing left to delete.
      if (!(err instanceof TelegramRefused && /message to delete not found/i.test(err.message))) throw err;
    }
    await db.kysely.deleteFrom('telegram_posts').where('article_id', '=', articleId).execute();
    return 'deleted';
  }

  if (posted) {
    const text = postText(article, posted.kind === 'photo');
    const digest = postDigest(text, posted.kind === 'photo' ? article.heroMediaId : null);
    if (digest === posted.digest) return 'unchanged';
    const target = { chat_id: posted.chat_id, message_id: Number(posted.message_id), parse_mode: 'HTML' };
    try {
      if (posted.kind === 'photo') await api.call('editMessageCaption', { ...target, caption: text });
      else
        await api.call('editMessageText', { ...target, text, link_preview_options: { is_disabled: true } });
    } catch (err) {
      if (!(err instanceof TelegramRefused && /message is not modified/i.test(err.message))) throw err;
    }
    await db.kysely
      .updateTable('telegram_posts')
      .set({ digest, updated_at: now() })
      .where('article_id', '=', articleId)
      .execute();
    return 'edited';
  }

  const photo = article.heroMediaId ? await deps.photo(article.heroMediaId) : undefined;
  const text = postText(article, photo !== undefined);
  let message: Message;
  if (photo) {
    const form = new FormData();
    form.set('chat_id', chatId);
    form.set('caption', text);
    form.set('parse_mode', 'HTML');
    form.set('photo', new Blob([new Uint8Array(photo.bytes)], { type: photo.contentType }), photo.filename);
    message = await api.call<Message>('sendPhoto', form);
  } else {
    message = await api.call<Message>('sendMessage', { chat_id: chatId, text, parse_mode: 'HTML' });
  }
  const at = now();
  await db.kysely
    .insertInto('telegram_posts')
    .values({
      article_id: articleId,
      chat_id: chatId,
      message_id: message.message_id,
      kind: photo ? 'photo' : 'text',
      digest: postDigest(text, photo ? (article.heroMediaId ?? null) : null),
      posted_at: at,
      updated_at: at,
    })
    .execute();
  return 'posted';
}
