import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Liquid } from 'liquidjs';
import type { SiteSettings } from '../../settings/index.ts';
import { translate, type MessageVars } from '../../../i18n/index.ts';
import { ThemeAssets } from './theme-assets.ts';
import { memoRenderTag } from './memo-render-tag.ts';
import { NATIVE_PARTIAL_FILES, NATIVE_PARTIALS } from './native/index.ts';

// Themes are folders of Liquid templates and assets. The engine hands templates plain view
// models; templates decide layout. Output is HTML-escaped unless a template says `| raw`, which
// only values the engine has already made safe deserve (the article body, JSON-LD, snippets).

export const DEFAULT_THEME_DIR = fileURLToPath(new URL('../../../themes/default/', import.meta.url));

export interface ThemeEngine {
  /** Theme folders in lookup order: the newsroom's THEME_DIR (if any), then the default theme. */
  readonly roots: readonly string[];
  readonly assets: ThemeAssets;
  /** Renders `<template>.liquid`; `globals` (site, lang) are visible in every partial too. */
  render(
    template: string,
    scope: object,
    globals: { lang: string } & Record<string, unknown>,
  ): Promise<string>;
}

/** The folders a theme is looked up in; fails fast, naming the setting, when THEME_DIR is wrong. */
export function themeRoots(themeDir: string | undefined, cwd = process.cwd()): string[] {
  if (!themeDir) return [DEFAULT_THEME_DIR];
  const dir = isAbsolute(themeDir) ? themeDir : resolve(cwd, themeDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`THEME_DIR: ${dir} is not a folder (it should hold templates and/or assets/)`);
  }
  return [dir, DEFAULT_THEME_DIR];
}

function kwargs(args: unknown[]): MessageVars {
  const vars: MessageVars = {};
  for (const arg of args) {
    if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') {
      const value: unknown = arg[1];
      vars[arg[0]] =
        typeof value === 'number' ? value : value === null || value === undefined ? null : String(value);
    }
  }
  return vars;
}

/**
 * Whether pages use the default theme's partials written in TypeScript (native-partials.ts). On
 * unless switched off: the byte-identity test and the bench render through Liquid alone with it off.
 */
const nativeViews = { on: true };
export function useNativePartials(on: boolean): void {
  nativeViews.on = on;
}

/** True when every file the native partials stand in for comes from the default theme. */
function defaultPartialsInUse(roots: readonly string[]): boolean {
  const last = roots.at(-1);
  if (!last || resolve(last) !== resolve(DEFAULT_THEME_DIR)) return false;
  return roots
    .slice(0, -1)
    .every((root) => NATIVE_PARTIAL_FILES.every((file) => !existsSync(join(root, `${file}.liquid`))));
}

export function createThemeEngine(options: {
  roots: readonly string[];
  settings: () => SiteSettings;
}): ThemeEngine {
  const assets = new ThemeAssets(options.roots, options.settings);
  // Loaded when a theme engine is made (web processes), not by every importer of the site module.
  const { Liquid: Engine } = createRequire(import.meta.url)('liquidjs') as typeof import('liquidjs');
  const liquid = new Engine({
    root: [...options.roots],
    extname: '.liquid',
    outputEscape: 'escape',
    // Templates are parsed once per process; a theme change needs a restart.
    cache: true,
    strictFilters: true,
    ownPropertyOnly: true,
    // No template may reach outside the theme folders.
    relativeReference: false,
  });

  // {{ 'support.title' | t: name: site.name }} in the page's language (the `lang` global).
  liquid.registerFilter(
    't',
    function (this: { context: { getSync(path: string[]): unknown } }, key: unknown, ...args: unknown[]) {
      const lang = this.context.getSync(['lang']);
      return translate(typeof lang === 'string' ? lang : 'en', String(key), kwargs(args));
    },
  );
  // Site-wide partials (footer, banner, appeal dialog) are rendered once per distinct site data.
  // The default theme's hottest partials (card, picture, byline) run as TypeScript functions.
  const natives = defaultPartialsInUse(options.roots) ? NATIVE_PARTIALS : null;
  liquid.registerTag(
    'render',
    memoRenderTag(['site', 'lang'], () => (nativeViews.on ? natives : null)),
  );
  // {{ 'pattern.png' | asset_url }} -> /assets/pattern.<hash>.png
  liquid.registerFilter('asset_url', (name: unknown) => assets.urlOf(String(name)));

  // Each page template is parsed once (partials too: the Liquid cache) and rendered
  // synchronously. The view models are plain data and every filter is synchronous, so the async
  // renderer's promise per tag and output was pure overhead: about a fifth of an uncached page.
  const parsed = new Map<string, ReturnType<Liquid['parseFileSync']>>();
  return {
    roots: options.roots,
    assets,
    render(template, scope, globals) {
      try {
        let templates = parsed.get(template);
        if (!templates) {
          templates = liquid.parseFileSync(template);
          parsed.set(template, templates);
        }
        return Promise.resolve(liquid.renderSync(templates, scope, { globals }) as string);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
  };
}
