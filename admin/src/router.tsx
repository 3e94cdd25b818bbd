// A small history router over the shared route table (src/web/admin-app/client-routes.ts): the
// server answers the same paths with index.html, so a reload lands on the same screen.
import {
  useCallback,
  useEffect,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
} from 'react';
import { matchAdminRoute, type RouteMatch } from '../../src/web/admin-app/client-routes.ts';

export { adminPath, type AdminRouteName, type RouteMatch } from '../../src/web/admin-app/client-routes.ts';

const listeners = new Set<() => void>();
let navigations = 0;
const notify = () => {
  navigations++;
  listeners.forEach((l) => l());
};

/**
 * Whether the app has moved between screens since the page loaded. A screen takes focus to its
 * heading only then: on a fresh load focus stays at the top, where the skip link is the first stop.
 */
export const hasNavigated = () => navigations > 0;

function subscribe(listener: () => void) {
  const onPop = () => {
    navigations++;
    listener();
  };
  listeners.add(listener);
  window.addEventListener('popstate', onPop);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', onPop);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  match: RouteMatch | null;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, 'http://admin.invalid');
  return { pathname: url.pathname, search: url.searchParams, match: matchAdminRoute(url.pathname) };
}

/** An in-app link: a real <a href> (so it opens in a new tab too), navigated without a reload. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const click = useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(event);
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      event.preventDefault();
      navigate(href);
    },
    [href, onClick],
  );
  return <a href={href} onClick={click} {...rest} />;
}

/** Replace the current address (for query-string state such as filters). */
export function useReplaceQuery(): (params: URLSearchParams) => void {
  return useCallback((params) => {
    const text = params.toString();
    navigate(window.location.pathname + (text ? `?${text}` : ''), { replace: true });
  }, []);
}

/** Moves focus to the page's heading after a navigation, so a screen reader hears the new screen. */
export function useFocusOnNavigate(ref: { current: HTMLElement | null }, key: string) {
  useEffect(() => {
    ref.current?.focus();
  }, [key, ref]);
}
