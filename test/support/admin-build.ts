// The admin app built once for the tests that serve it: ensureAdminBuilt is a no-op when
// dist/admin is current, and a lock keeps parallel test files from building twice.
import {
  ensureAdminBuilt,
  ADMIN_OUT_DIR,
  loadAdminFiles,
  type AdminFiles,
} from '../../src/web/admin-app/index.ts';

export async function builtAdmin(): Promise<AdminFiles> {
  await ensureAdminBuilt();
  const files = loadAdminFiles(ADMIN_OUT_DIR);
  if (!files) throw new Error('the admin build left no dist/admin/index.html');
  return files;
}
