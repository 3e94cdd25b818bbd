import type { Article } from '../../articles/index.ts';
import type { PublicMedia } from '../../media/index.ts';
import { translate } from '../../../i18n/index.ts';
import type { SitePaths } from '../urls.ts';
import { SIZES, toCard } from './cards.ts';
import { pageMeta } from './page-meta.ts';
import type { CardView, PageMeta } from './view-types.ts';

export interface ErrorPageView {
  page: PageMeta;
  error: { status: number; title: string; text: string; suggestions: CardView[]; showSearch: boolean };
}

const KNOWN = new Set([400, 404, 410]);

/** A page that helps the reader on: what happened, a search box, the latest stories. */
export function errorPageView(input: {
  status: number;
  lang: string;
  site: { url: string; name: string; timeZone: string };
  suggestions: Article[];
  media: Map<string, PublicMedia>;
  paths?: SitePaths;
}): ErrorPageView {
  const { lang } = input;
  const key = KNOWN.has(input.status) ? input.status : input.status >= 500 ? 500 : 400;
  const title = translate(lang, `error.${key}.title`);
  return {
    page: pageMeta({
      kind: 'error',
      lang,
      siteUrl: input.site.url,
      siteName: input.site.name,
      title,
      description: translate(lang, `error.${key}.text`),
      canonical: null,
      robots: 'noindex',
    }),
    error: {
      status: input.status,
      title,
      text: translate(lang, `error.${key}.text`),
      suggestions: input.suggestions.map((a) =>
        toCard(a, input.media, {
          lang,
          timeZone: input.site.timeZone,
          sizes: SIZES.thumb,
          ...(input.paths ? { paths: input.paths } : {}),
        }),
      ),
      showSearch: key !== 500,
    },
  };
}
