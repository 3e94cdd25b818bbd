import { appealForm } from './appeal-form.ts';
import { byline, card, picture } from './card-partials.ts';
import { headMeta, siteHeader } from './page-chrome.ts';
import { appealLetter, newsletterSignup, supportInline } from './reader-slots.ts';

// The default theme's most rendered partials as TypeScript functions writing exactly the bytes
// their Liquid files write (a home page renders the card and picture partials forty times each:
// interpreting them was most of its template time). Used only while the theme folders resolve
// every one of these files to the default theme (theme-engine.ts): a newsroom that overrides one
// gets the Liquid of all of them. `native-partials.test.ts` renders each through both paths, and
// `rendered-parts.test.ts` every demo page; change a .liquid file here and its function together.

/** What a native partial is given: its `{% render %}` arguments and the render's globals. */
export type NativePartial = (args: Record<string, unknown>, globals: Record<string, unknown>) => string;

export const NATIVE_PARTIALS: ReadonlyMap<string, NativePartial> = new Map<string, NativePartial>([
  ['partials/card', card],
  ['partials/picture', picture],
  ['partials/byline', byline],
  ['partials/appeal-form', appealForm],
  ['partials/head-meta', headMeta],
  ['partials/site-header', siteHeader],
  ['partials/newsletter-signup', newsletterSignup],
  ['partials/support-inline', supportInline],
  ['partials/appeal-letter', appealLetter],
]);

/** The partial files these functions stand in for (names as `{% render %}` gives them). */
export const NATIVE_PARTIAL_FILES: readonly string[] = [...NATIVE_PARTIALS.keys()];
