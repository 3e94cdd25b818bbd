import { translate } from '../../../i18n/index.ts';
import { noteIn, type MirrorEntry } from '../../mirrors/index.ts';
import type { SitePaths } from '../urls.ts';
import { pageMeta } from './page-meta.ts';
import type { PageMeta } from './view-types.ts';

export interface MirrorsPageView {
  page: PageMeta;
  mirrors: {
    heading: string;
    intro: string;
    entries: Array<{ url: string; kind: string; note: string }>;
    /** The signed list's path on this site (a copy of the site has it at the same place). */
    listUrl: string;
    /** The sentence around the link to it. */
    signedBefore: string;
    signedAfter: string;
    publicKey: string;
  };
}

/** `/mirrors` (and `/ru/mirrors`): every way out, with its note in the page's language, and the key. */
export function mirrorsPageView(input: {
  lang: string;
  site: { url: string; name: string };
  mirrors: readonly MirrorEntry[];
  publicKey: string;
  paths: SitePaths;
}): MirrorsPageView {
  const { lang } = input;
  const heading = translate(lang, 'mirrors.title');
  const intro = translate(lang, 'mirrors.intro');
  const listUrl = input.paths.mirrorList();
  const [signedBefore = '', signedAfter = ''] = translate(lang, 'mirrors.signed', { url: '\u0000' }).split(
    '\u0000',
  );
  return {
    page: pageMeta({
      kind: 'mirrors',
      lang,
      siteUrl: input.site.url,
      siteName: input.site.name,
      title: heading,
      description: intro,
      canonical: input.paths.mirrors(),
    }),
    mirrors: {
      heading,
      intro,
      entries: input.mirrors.map((m) => ({
        url: m.url,
        kind: translate(lang, `mirrors.kind.${m.kind}`),
        note: noteIn(m, lang),
      })),
      listUrl,
      signedBefore,
      signedAfter,
      publicKey: input.publicKey,
    },
  };
}
