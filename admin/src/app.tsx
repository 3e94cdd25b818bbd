import { Suspense, lazy, useEffect, type ComponentType } from 'react';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import { browserLanguage } from './i18n/strings.ts';
import { Layout, PlainLayout } from './layout.tsx';
import { adminPath, navigate, useLocation, type AdminRouteName } from './router.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { ErrorMessage, Loading, Notice, Screen } from './ui.tsx';
import { PUBLIC_ROUTES } from '../../src/web/admin-app/client-routes.ts';
import { ArticlesScreen } from './screens/articles.tsx';
import { SignInScreen } from './screens/sign-in.tsx';

export interface ScreenProps {
  params: Record<string, string>;
  search: URLSearchParams;
}

// One component for a new article and an existing one: after its first save a new article gets
// its address without the editor being remounted (the cursor stays where it is).
const editorScreen = lazy(() =>
  import('./editor/editor-screen.tsx').then((m) => ({ default: m.EditorScreen })),
);

// The articles list and sign-in are the first screens and come in the main bundle; every other
// screen is its own chunk, fetched when opened.
const screens: Record<AdminRouteName, ComponentType<ScreenProps>> = {
  articles: ArticlesScreen,
  'sign-in': SignInScreen,
  'article-new': editorScreen,
  article: editorScreen,
  'article-revisions': lazy(() =>
    import('./editor/editor-screen.tsx').then((m) => ({ default: m.RevisionsScreen })),
  ),
  media: lazy(() => import('./media/media-screen.tsx').then((m) => ({ default: m.MediaScreen }))),
  tags: lazy(() => import('./screens/tags.tsx').then((m) => ({ default: m.TagsScreen }))),
  authors: lazy(() => import('./screens/authors.tsx').then((m) => ({ default: m.AuthorsScreen }))),
  staff: lazy(() => import('./screens/staff.tsx').then((m) => ({ default: m.StaffScreen }))),
  keys: lazy(() => import('./screens/keys.tsx').then((m) => ({ default: m.KeysScreen }))),
  settings: lazy(() => import('./screens/settings.tsx').then((m) => ({ default: m.SettingsScreen }))),
  audit: lazy(() => import('./screens/audit.tsx').then((m) => ({ default: m.AuditScreen }))),
  revenue: lazy(() => import('./revenue/revenue-screen.tsx').then((m) => ({ default: m.RevenueScreen }))),
  newsletters: lazy(() =>
    import('./newsletters/issues-screen.tsx').then((m) => ({ default: m.NewslettersScreen })),
  ),
  'newsletter-issue': lazy(() =>
    import('./newsletters/issue-editor.tsx').then((m) => ({ default: m.IssueEditorScreen })),
  ),
  subscribers: lazy(() =>
    import('./newsletters/subscribers-screen.tsx').then((m) => ({ default: m.SubscribersScreen })),
  ),
  redirects: lazy(() => import('./screens/redirects.tsx').then((m) => ({ default: m.RedirectsScreen }))),
  appeal: lazy(() => import('./screens/appeal.tsx').then((m) => ({ default: m.AppealScreen }))),
  account: lazy(() => import('./screens/account.tsx').then((m) => ({ default: m.AccountScreen }))),
  setup: lazy(() => import('./screens/setup.tsx').then((m) => ({ default: m.SetupScreen }))),
  invite: lazy(() => import('./screens/invite.tsx').then((m) => ({ default: m.InviteScreen }))),
  reset: lazy(() => import('./screens/reset.tsx').then((m) => ({ default: m.ResetScreen }))),
};

function NotFound() {
  const { t } = useI18n();
  return (
    <Screen title={t('app.notFound')}>
      <p>
        <a href={adminPath('articles')}>{t('nav.articles')}</a>
      </p>
    </Screen>
  );
}

function Routed() {
  const { state, error, expired, refresh } = useSession();
  const { match, pathname, search } = useLocation();
  const { t } = useI18n();
  const full = state?.session?.stage === 'full';
  const isPublic = !match || PUBLIC_ROUTES.has(match.name);
  const mustSignIn = !!state && !full && !isPublic && !state.needs_first_owner;

  useEffect(() => {
    if (mustSignIn) {
      const next = pathname + (search.size ? `?${search.toString()}` : '');
      navigate(`${adminPath('sign-in')}?next=${encodeURIComponent(next)}`, { replace: true });
    }
  }, [mustSignIn, pathname, search]);

  if (!state) {
    return (
      <PlainLayout>
        {error ? (
          <>
            <ErrorMessage error={error} />
            <button type="button" onClick={() => void refresh()}>
              {t('app.retry')}
            </button>
          </>
        ) : (
          <Loading />
        )}
      </PlainLayout>
    );
  }
  if (!full && !isPublic && state.needs_first_owner) {
    return (
      <PlainLayout>
        <Screen title={t('setup.title')}>
          <p>{t('app.needsSetup')}</p>
        </Screen>
      </PlainLayout>
    );
  }
  if (mustSignIn) return <PlainLayout>{<Loading />}</PlainLayout>;
  const Frame = full && (!match || !PUBLIC_ROUTES.has(match.name)) ? Layout : PlainLayout;
  const Component = match ? screens[match.name] : NotFound;
  return (
    <Frame>
      {expired && !full ? <Notice>{t('app.sessionExpired')}</Notice> : null}
      <Suspense fallback={<Loading />}>
        <Component
          key={match?.name === 'article-new' ? 'article' : (match?.name ?? 'none')}
          params={match?.params ?? {}}
          search={search}
        />
      </Suspense>
    </Frame>
  );
}

function Localized() {
  const { state } = useSession();
  const lang = state?.staff?.language ?? browserLanguage(navigator.languages);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <I18nProvider lang={lang}>
      <Routed />
    </I18nProvider>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Localized />
    </SessionProvider>
  );
}
