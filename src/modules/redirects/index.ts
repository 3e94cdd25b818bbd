// The redirects module's public surface: old addresses answering 301 (importers keep them, editors
// edit and export them), and the public site's lookup before its 404.
export { createRedirects, type RedirectService } from './redirect-service.ts';
export { redirectKey, lookupKeys, isRedirectTarget, NAMING_PARAMETERS } from './redirect-path.ts';
export { canManageRedirects } from './redirect-permissions.ts';
export {
  presentRedirect,
  redirectDeleteQuerySchema,
  redirectJsonSchema,
  redirectListQuerySchema,
  redirectPutSchema,
  type ArticleRedirect,
  type Redirect,
  type RedirectJson,
} from './redirect.types.ts';
