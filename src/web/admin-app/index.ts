// The admin single-page app: its build at start, the files in memory, their serving and policy.
export { ensureAdminBuilt, isAdminBuildCurrent, ADMIN_OUT_DIR, REPO_ROOT } from './build-admin.ts';
export { loadAdminFiles, type AdminFiles } from './admin-files.ts';
export { registerAdminApp } from './serve-admin.ts';
export { ADMIN_CSP } from './admin-csp.ts';
export { matchAdminRoute, adminPath, ADMIN_ROUTES, type AdminRouteName } from './client-routes.ts';
