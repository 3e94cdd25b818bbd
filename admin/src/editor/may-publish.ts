// Whether to show publish, schedule and unpublish. The matrix itself lives in
// src/modules/staff/roles.ts, which brings zod along (some 90 KB compressed): the editor asks this
// one question of the role instead, and test/admin/editor-rules.test.ts checks the answer against
// `can(role, 'articles.publish')` for every role, so the two cannot drift. The server decides anyway.
export type StaffRole = 'owner' | 'admin' | 'editor' | 'author' | 'contributor';

const PUBLISHERS: ReadonlySet<string> = new Set<StaffRole>(['owner', 'admin', 'editor', 'author']);

export function mayPublish(role: string): boolean {
  return PUBLISHERS.has(role);
}
