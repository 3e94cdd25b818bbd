// The confirmation mail, in the subscriber's language. Plain paragraphs and one link; the text and
// HTML parts say the same. No tracking of any kind.

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface ConfirmationMail {
  subject: string;
  text: string;
  html: string;
}

export function confirmationMail(input: {
  publication: string;
  url: string;
  hours: number;
  language: string;
}): ConfirmationMail {
  const ru = input.language.startsWith('ru');
  const subject = ru
    ? `Подтвердите подписку на рассылку ${input.publication}`
    : `Confirm your subscription to ${input.publication}`;
  const before = ru
    ? 'Кто-то (надеемся, вы) попросил подписать этот адрес на нашу рассылку. Чтобы подтвердить, откройте ссылку:'
    : 'Someone (we hope you) asked to subscribe this address to our newsletter. To confirm, open this link:';
  const after = ru
    ? `Ссылка действует ${input.hours} ч. Если вы не подписывались, ничего не делайте: адрес будет удалён.`
    : `The link works for ${input.hours} hours. If this was not you, do nothing: the address will be deleted.`;
  return {
    subject,
    text: `${before}\n\n${input.url}\n\n${after}\n`,
    html: `<p>${escapeHtml(before)}</p>\n<p><a href="${escapeHtml(input.url)}">${escapeHtml(input.url)}</a></p>\n<p>${escapeHtml(after)}</p>\n`,
  };
}
