import { createHash } from 'node:crypto';

// What a channel post of an article says: the title in bold, the standfirst, the link. HTML
// parse mode, everything escaped. A photo's caption holds 1024 characters, a message 4096: the
// standfirst is shortened to fit, never the link.

export interface PostedArticle {
  id: string;
  title: string;
  standfirst: string;
  url: string;
  heroMediaId: string | null;
}

const CAPTION_MAX = 1024;
const TEXT_MAX = 4096;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The post's HTML text; `withPhoto` fits it in a caption. */
export function postText(article: PostedArticle, withPhoto: boolean): string {
  const max = withPhoto ? CAPTION_MAX : TEXT_MAX;
  const head = `<b>${escape(article.title)}</b>`;
  const link = `<a href="${escape(article.url)}">${escape(article.url)}</a>`;
  // Telegram counts the text without tags and with entities decoded: a close upper bound here.
  const visible = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt);/g, '_').length;
  const room = max - visible(head) - visible(link) - 4;
  let standfirst = article.standfirst.trim();
  if (standfirst.length > room)
    standfirst = `${Array.from(standfirst)
      .slice(0, Math.max(0, room - 1))
      .join('')
      .trimEnd()}…`;
  return [head, standfirst ? escape(standfirst) : '', link].filter(Boolean).join('\n\n');
}

/** What the post shows, to tell an edit that changes it from one that does not. */
export function postDigest(text: string, photoMediaId: string | null): string {
  return createHash('sha256')
    .update(`${photoMediaId ?? ''}\n${text}`)
    .digest('base64url');
}
