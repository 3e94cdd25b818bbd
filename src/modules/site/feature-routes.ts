import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { SiteSettings } from '../settings/index.ts';

// The theme links pages that other work builds (the newsletter signup, reader revenue, the
// privacy policy). A link to a page that is not there is a dead end, so the theme shows a
// feature only when it answers: the newsroom switched it on (settings.features) AND the server
// has every route the feature's links lead to. The second half is asked of the server's own
// router, not of a flag: switching the setting on in a build without the routes, or a module
// that fails to register one, still shows nothing.

export interface FeatureRoute {
  method: HTTPMethods;
  url: string;
}

/** Each feature's links, and the route each must reach. */
export const featureRoutes = {
  support: {
    page: { method: 'GET', url: '/support' },
    // The appeal's form posts here (the donations module answers it).
    checkout: { method: 'POST', url: '/support/checkout' },
  },
  newsletter: {
    subscribe: { method: 'POST', url: '/newsletter/subscribe' },
    // Redirects to the latest issue in the web archive, or says there is none yet.
    preview: { method: 'GET', url: '/newsletter/preview' },
    // The consent line under the form names it.
    privacy: { method: 'GET', url: '/privacy' },
    // The signup block's heading links the page with the lists described.
    page: { method: 'GET', url: '/newsletter' },
  },
} as const satisfies Record<string, Record<string, FeatureRoute>>;

export type SiteFeature = keyof typeof featureRoutes;
export const SITE_FEATURES = Object.keys(featureRoutes) as SiteFeature[];

/** Which features answer now, for the theme. */
export type AnsweringFeatures = Record<SiteFeature, boolean>;

/** The pure rule: switched on, and every route it links exists. */
export function featuresAnswering(
  enabled: SiteSettings['features'],
  routeExists: (route: FeatureRoute) => boolean,
): AnsweringFeatures {
  const answers = {} as AnsweringFeatures;
  for (const feature of SITE_FEATURES) {
    answers[feature] = enabled[feature] && Object.values(featureRoutes[feature]).every(routeExists);
  }
  return answers;
}

/**
 * The switch the site renders with. Until it is attached to a server (or in a render outside
 * one) no route exists, so nothing is shown.
 */
export function createFeatureSwitch(settings: () => SiteSettings, options: { readOnly?: boolean } = {}) {
  let routeExists: (route: FeatureRoute) => boolean = () => false;
  return {
    /**
     * Asks `app`'s router from now on; routes added before the server is ready count. A read-only
     * copy of the site (the static mirror) answers GET alone, so a feature whose form posts is off.
     */
    attach(app: FastifyInstance): void {
      routeExists = (route) =>
        (!options.readOnly || route.method === 'GET') &&
        app.hasRoute({ method: route.method, url: route.url });
    },
    answering(): AnsweringFeatures {
      return featuresAnswering(settings().features, routeExists);
    },
  };
}

export type FeatureSwitch = ReturnType<typeof createFeatureSwitch>;
