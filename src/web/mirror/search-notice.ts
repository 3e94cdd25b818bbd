// Search needs the server. On a mirror, each language's search address holds a page in the
// site's own frame (masthead, sections, footer) saying so, with a link to the mirror list when
// the site has one: a reader who reached a mirror because the site is blocked can find another
// copy, or the site itself, where search works.
import { translate } from '../../i18n/index.ts';

interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
  tags: string[];
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const MAIN = /<main\b([^>]*)>[\s\S]*<\/main>/;

/** Where the mirror list is in `lang`, if the site answers it. */
async function mirrorList(get: (path: string) => Promise<Answer>, path: string): Promise<string | undefined> {
  const prefix = path.slice(0, path.length - '/search'.length);
  for (const candidate of [...new Set([`${prefix}/mirrors`, '/mirrors'])]) {
    if ((await get(candidate)).status === 200) return candidate;
  }
  return undefined;
}

/** The search page at `path` (the server's, empty) with its main content replaced by the notice. */
export async function searchNoticePage(
  get: (path: string) => Promise<Answer>,
  path: string,
  lang: string,
): Promise<Answer> {
  const page = await get(path);
  if (page.status !== 200) return page;
  const html = page.body.toString('utf8');
  const list = await mirrorList(get, path);
  const t = (key: string) => escapeHtml(translate(lang, key));
  const notice = [
    `<h1>${t('mirror.search_heading')}</h1>`,
    `<p>${t('mirror.search_explanation')}</p>`,
    list ? `<p><a href="${escapeHtml(list)}">${t('mirror.search_mirror_list')}</a></p>` : '',
  ].join('\n');
  const replaced = html.replace(
    MAIN,
    (_whole, attributes: string) => `<main${attributes}>\n${notice}\n</main>`,
  );
  return { ...page, body: Buffer.from(replaced, 'utf8'), tags: [] };
}
