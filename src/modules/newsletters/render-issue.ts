// An issue as email: rendered once per send (the articles' full text from their document trees,
// inline CSS, a plain-text part), then personalised per recipient by filling a few slots
// (greeting, preferences and unsubscribe links) and adding the list headers. No tracking: no
// pixel, no rewritten links; every link is the article's own address.
import { randomBytes } from 'node:crypto';
import type { MailMessage } from '../../adapters/mail/index.ts';
import { oneLine } from '../../adapters/mail/index.ts';
import { escapeHtml, renderEmailHtml, renderText, type DocumentTree } from '../articles/document/index.ts';
import type { IssueArticle } from './issue-store.ts';
import type { Recipient, SubscriberLinks } from './subscriber-directory.ts';

const STRINGS = {
  en: {
    hello: (name: string) => `Hello, ${name}.`,
    viewInBrowser: 'View this issue in your browser',
    readOnSite: 'Read on the website',
    preferences: 'Change your newsletters',
    unsubscribe: 'Unsubscribe',
    why: (list: string, site: string) => `You receive "${list}" because you subscribed at ${site}.`,
    noTracking: 'This email contains no tracking: we do not know whether you open it or what you click.',
    mirrors: 'If our website is blocked where you are, read us here:',
  },
  ru: {
    hello: (name: string) => `Здравствуйте, ${name}.`,
    viewInBrowser: 'Открыть этот выпуск в браузере',
    readOnSite: 'Читать на сайте',
    preferences: 'Изменить рассылки',
    unsubscribe: 'Отписаться',
    why: (list: string, site: string) => `Вы получаете «${list}», потому что подписались на ${site}.`,
    noTracking: 'В этом письме нет слежки: мы не знаем, открыли ли вы его и что нажимали.',
    mirrors: 'Если наш сайт у вас заблокирован, читайте нас здесь:',
  },
} as const;

export interface IssueToRender {
  publicationName: string;
  siteUrl: string;
  list: { id: string; slug: string; name: string };
  subject: string;
  intro: string;
  language: string;
  /** The issue's page in the web archive ("view in browser"). */
  archiveUrl: string;
  articles: Array<IssueArticle & { url: string }>;
  resolveMedia?: (mediaId: string) => { src: string; width?: number; height?: number } | undefined;
  /** The ways in when the site is blocked (the mirrors module's list), in the footer; label may be empty. */
  mirrors?: Array<{ url: string; label: string }>;
}

type Slot = 'greeting-html' | 'greeting-text' | 'preferences' | 'unsubscribe';

/** The issue rendered once: literal parts with named slots between them. */
export interface IssueTemplate {
  subject: string;
  html: Array<string | { slot: Slot }>;
  text: Array<string | { slot: Slot }>;
  listId: string;
  host: string;
  language: keyof typeof STRINGS;
}

const C = {
  text: '#1a1a1a',
  muted: '#555555',
  bg: '#ffffff',
  link: '#0b57d0',
  rule: '#dddddd',
};

export function renderIssue(issue: IssueToRender): IssueTemplate {
  const lang = issue.language in STRINGS ? (issue.language as keyof typeof STRINGS) : 'en';
  const s = STRINGS[lang];
  const nonce = randomBytes(8).toString('hex');
  const mark = (slot: Slot) => `\u0000${nonce}:${slot}\u0000`;
  const e = escapeHtml;
  const host = new URL(issue.siteUrl).hostname;
  const a = (href: string, label: string) =>
    `<a href="${e(href)}" style="color:${C.link};text-decoration:underline;">${e(label)}</a>`;

  const htmlParts: string[] = [];
  const textParts: string[] = [];
  htmlParts.push(
    `<!doctype html><html lang="${e(lang)}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    // Dark mode: the client may invert; every colour below is a solid pair that reads either way.
    '<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">',
    `<title>${e(issue.subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:${C.bg};color:${C.text};font-family:Georgia,'Times New Roman',serif;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${C.bg};"><tr><td align="center" style="padding:16px;">`,
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;color:${C.text};"><tr><td>`,
    `<p style="margin:0 0 16px;font-size:13px;color:${C.muted};">${a(issue.archiveUrl, s.viewInBrowser)}</p>`,
    `<h1 style="margin:0 0 20px;font-size:26px;line-height:1.25;">${e(issue.publicationName)}: ${e(issue.subject)}</h1>`,
    mark('greeting-html'),
  );
  textParts.push(
    `${issue.publicationName}: ${issue.subject}\n`,
    `${s.viewInBrowser}: ${issue.archiveUrl}\n\n`,
    mark('greeting-text'),
  );
  for (const paragraph of issue.intro
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    htmlParts.push(`<p style="margin:0 0 16px;font-size:17px;line-height:1.6;">${e(paragraph)}</p>`);
    textParts.push(`${paragraph}\n\n`);
  }
  for (const article of issue.articles) {
    let doc: DocumentTree;
    try {
      doc = JSON.parse(article.body) as DocumentTree;
    } catch {
      doc = { type: 'doc', content: [] } as unknown as DocumentTree;
    }
    htmlParts.push(
      `<hr style="border:0;border-top:1px solid ${C.rule};margin:28px 0;">`,
      `<h2 style="margin:0 0 8px;font-size:23px;line-height:1.3;"><a href="${e(article.url)}" style="color:${C.text};text-decoration:none;">${e(article.title)}</a></h2>`,
      article.standfirst
        ? `<p style="margin:0 0 16px;font-size:18px;line-height:1.5;color:${C.muted};">${e(article.standfirst)}</p>`
        : '',
      renderEmailHtml(doc, {
        baseUrl: issue.siteUrl,
        ...(issue.resolveMedia ? { resolveMedia: issue.resolveMedia } : {}),
      }),
      `<p style="margin:0 0 16px;font-size:15px;">${a(article.url, s.readOnSite)}</p>`,
    );
    textParts.push(
      `\n${'='.repeat(8)}\n\n${article.title}\n`,
      article.standfirst ? `${article.standfirst}\n` : '',
      `\n${renderText(doc, { baseUrl: issue.siteUrl })}\n\n${s.readOnSite}: ${article.url}\n`,
    );
  }
  const mirrors = issue.mirrors ?? [];
  htmlParts.push(
    `<hr style="border:0;border-top:1px solid ${C.rule};margin:28px 0;">`,
    `<p style="margin:0 0 8px;font-size:13px;line-height:1.5;color:${C.muted};">${e(s.why(issue.list.name, host))} ${e(s.noTracking)}</p>`,
    // The address itself is the link text: a reader can copy it where the link is rewritten or blocked.
    mirrors.length > 0
      ? `<p style="margin:0 0 4px;font-size:13px;line-height:1.5;color:${C.muted};">${e(s.mirrors)}</p><ul style="margin:0 0 8px;padding-left:20px;font-size:13px;line-height:1.5;color:${C.muted};">${mirrors.map((m) => `<li>${a(m.url, m.url)}${m.label ? ` (${e(m.label)})` : ''}</li>`).join('')}</ul>`
      : '',
    `<p style="margin:0 0 8px;font-size:13px;color:${C.muted};"><a href="${mark('preferences')}" style="color:${C.link};text-decoration:underline;">${e(s.preferences)}</a> · <a href="${mark('unsubscribe')}" style="color:${C.link};text-decoration:underline;">${e(s.unsubscribe)}</a></p>`,
    '</td></tr></table></td></tr></table></body></html>',
  );
  textParts.push(
    `\n--\n${s.why(issue.list.name, host)}\n${s.noTracking}\n`,
    mirrors.length > 0
      ? `\n${s.mirrors}\n${mirrors.map((m) => `  ${m.url}${m.label ? ` (${m.label})` : ''}`).join('\n')}\n\n`
      : '',
    `${s.preferences}: ${mark('preferences')}\n${s.unsubscribe}: ${mark('unsubscribe')}\n`,
  );
  const split = (whole: string): Array<string | { slot: Slot }> =>
    whole
      .split(new RegExp(`\u0000${nonce}:([a-z-]+)\u0000`))
      .map((part, i) => (i % 2 === 1 ? { slot: part as Slot } : part))
      .filter((p) => p !== '');
  return {
    subject: `${issue.subject}`,
    html: split(htmlParts.join('')),
    text: split(textParts.join('')),
    listId: `${oneLine(issue.list.name).replace(/["\\]/g, '')} <${issue.list.slug}.${host}>`,
    host,
    language: lang,
  };
}

/** One recipient's message: the template's slots filled, the list headers added. */
export function personalise(
  template: IssueTemplate,
  recipient: Recipient,
  links: SubscriberLinks,
  messageId: string,
  fromName?: string,
): MailMessage {
  const s = STRINGS[template.language];
  const name = recipient.name ? oneLine(recipient.name).slice(0, 100) : '';
  // Pieces, not one string: the transport encodes the template's literal pieces (the same string
  // objects for every recipient) once per issue.
  const fill = (parts: IssueTemplate['html'], html: boolean): string[] => {
    const out: string[] = [];
    for (const part of parts) {
      if (typeof part === 'string') {
        out.push(part);
        continue;
      }
      switch (part.slot) {
        case 'greeting-html':
          if (name) out.push(`<p style="margin:0 0 16px;font-size:17px;">${escapeHtml(s.hello(name))}</p>`);
          break;
        case 'greeting-text':
          if (name) out.push(`${s.hello(name)}\n\n`);
          break;
        case 'preferences':
          out.push(html ? escapeHtml(links.preferencesUrl) : links.preferencesUrl);
          break;
        case 'unsubscribe':
          out.push(html ? escapeHtml(links.unsubscribeUrl) : links.unsubscribeUrl);
          break;
      }
    }
    return out;
  };
  const htmlPieces = fill(template.html, true);
  const textPieces = fill(template.text, false);
  return {
    to: name ? { name, address: recipient.email } : recipient.email,
    subject: template.subject,
    html: htmlPieces.join(''),
    text: textPieces.join(''),
    pieces: { html: htmlPieces, text: textPieces },
    messageId,
    ...(fromName ? { from: fromName } : {}),
    headers: {
      'List-Id': template.listId,
      'List-Unsubscribe': `<${links.unsubscribeMailto}>, <${links.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
