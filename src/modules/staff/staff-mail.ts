import type { StaffLanguage } from './staff-store.ts';

interface Mail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain paragraphs and one link: the text and HTML parts say the same. */
function mail(subject: string, paragraphs: string[], url: string, after: string): Mail {
  return {
    subject,
    text: [...paragraphs, url, after].join('\n\n') + '\n',
    html:
      paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n') +
      `\n<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>\n<p>${escapeHtml(after)}</p>\n`,
  };
}

/** The mail staff receive, in their language (invites go out in the inviter's). */
export const staffMail = {
  invite(input: { publication: string; role: string; url: string; language: StaffLanguage }): Mail {
    if (input.language === 'ru')
      return mail(
        `Приглашение в редакцию ${input.publication}`,
        [`Вас пригласили в ${input.publication} с ролью ${input.role}. Создайте учётную запись по ссылке:`],
        input.url,
        'Ссылка действует 7 дней и один раз.',
      );
    return mail(
      `You are invited to ${input.publication}`,
      [`You have been invited to ${input.publication} as ${input.role}. Create your account here:`],
      input.url,
      'The link works once, for 7 days.',
    );
  },

  reset(input: { publication: string; name: string; url: string; language: StaffLanguage }): Mail {
    if (input.language === 'ru')
      return mail(
        `Новый пароль для ${input.publication}`,
        [`${input.name}, чтобы задать новый пароль, откройте ссылку:`],
        input.url,
        'Ссылка действует час и один раз. Если вы не просили сменить пароль, ничего не делайте.',
      );
    return mail(
      `Set a new password for ${input.publication}`,
      [`${input.name}, to set a new password, open this link:`],
      input.url,
      'The link works once, for one hour. If you did not ask for this, do nothing.',
    );
  },
};
