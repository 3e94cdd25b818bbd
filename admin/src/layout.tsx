import type { ReactNode } from 'react';
import { Link, adminPath, navigate, useLocation, type AdminRouteName } from './router.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { roleCan, useSession } from './session.tsx';
import type { MessageKey } from './i18n/strings.ts';

export const NAV: Array<{ route: AdminRouteName; label: MessageKey; needs?: Parameters<typeof roleCan>[1] }> =
  [
    { route: 'articles', label: 'nav.articles' },
    { route: 'media', label: 'nav.media' },
    { route: 'tags', label: 'nav.tags' },
    { route: 'authors', label: 'nav.authors' },
    { route: 'newsletters', label: 'nav.newsletters', needs: 'newsletters' },
    { route: 'subscribers', label: 'nav.subscribers', needs: 'subscribers' },
    { route: 'revenue', label: 'nav.revenue', needs: 'revenue' },
    { route: 'appeal', label: 'nav.appeal', needs: 'appeal' },
    { route: 'redirects', label: 'nav.redirects', needs: 'redirects' },
    { route: 'staff', label: 'nav.staff', needs: 'staff' },
    { route: 'keys', label: 'nav.keys', needs: 'keys' },
    { route: 'settings', label: 'nav.settings', needs: 'settings' },
    { route: 'audit', label: 'nav.audit', needs: 'audit' },
  ];

/** Which navigation entry a route belongs to (the editor under Articles). */
function section(name: AdminRouteName | undefined): AdminRouteName | undefined {
  if (name === 'article' || name === 'article-new' || name === 'article-revisions') return 'articles';
  if (name === 'newsletter-issue') return 'newsletters';
  return name;
}

/** The signed-in frame: skip link, header with the navigation, the screen as <main>. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { state, api, refresh } = useSession();
  const { match } = useLocation();
  const current = section(match?.name);
  const role = state?.staff?.role;
  const signOut = async () => {
    try {
      await api.post('/auth/sign-out');
    } finally {
      await refresh();
      navigate(adminPath('sign-in'));
    }
  };
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <p className="brand">{t('app.title')}</p>
        <nav aria-label={t('app.mainNav')}>
          <ul>
            {NAV.filter((n) => !n.needs || roleCan(role, n.needs)).map((n) => (
              <li key={n.route}>
                <Link href={adminPath(n.route)} aria-current={current === n.route ? 'page' : undefined}>
                  {t(n.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <Link href={adminPath('account')} aria-current={current === 'account' ? 'page' : undefined}>
            {state?.staff ? t('app.signedInAs', { name: state.staff.name }) : t('nav.account')}
          </Link>
          <a href="/">{t('nav.viewSite')}</a>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** The frame for sign-in, setup and the other screens before a full session. */
export function PlainLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="plain">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <p className="brand">{t('app.title')}</p>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
