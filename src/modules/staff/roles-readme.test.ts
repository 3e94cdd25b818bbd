import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { can, ROLES, type Permission } from './roles.ts';

// The README's roles table is what operators read before handing out keys: it must say what
// roles.ts grants. Each row names the permission it stands for; "any" and "own" are the
// articles.others rule (modules/articles/article-permissions.ts) on top of it.
const ROW_PERMISSION: Record<string, Permission | 'decided per photo'> = {
  'create a draft': 'articles.write',
  'create as published or scheduled': 'articles.publish',
  'edit a draft or unpublished article': 'articles.write',
  'edit a published or scheduled article': 'articles.publish',
  'publish, schedule, reschedule, unpublish': 'articles.publish',
  'delete an article': 'articles.delete',
  // Whoever may edit the article: the articles rule on top of articles.write.
  'read revisions and diffs, restore a revision, preview': 'articles.write',
  'upload photos; change a photo no live article shows': 'media.write',
  // Whether every live article showing it is one's own: the media rule, not a grant.
  're-caption, re-credit or delete a photo a live one uses': 'decided per photo',
  'tags and authors': 'taxonomy.write',
  'the front page (lead, featured, breaking strip)': 'articles.others',
  // modules/redirects/redirect-permissions.ts: whoever keeps the site's structure (tags, authors).
  'redirects (list, add, remove, export as CSV)': 'taxonomy.write',
  'read settings, the front page, tags and authors': 'articles.write',
  'publication settings (name, descriptions, colour, logo)': 'settings.write',
  'the appeal (letter, rules, variants) and its variant stats': 'settings.write',
  'API keys (list; create or revoke one no stronger than its own)': 'keys.manage',
  'read and export the audit log': 'audit.read',
  'see the real name behind a pen name': 'authors.real_name',
  'donations, supporters, revenue dashboard, donation rules': 'donations.manage',
  'newsletter subscribers, lists, privacy policy': 'subscribers.manage',
  'staff accounts (invite, change role, disable)': 'staff.manage',
  'transfer ownership': 'ownership.transfer',
};

/** The first table after "### Roles", as rows of trimmed cells (the separator row left out). */
function rolesTable(): string[][] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const lines = readme.slice(readme.indexOf('### Roles')).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const after = lines.findIndex((l, i) => i > first && !l.startsWith('|'));
  return lines
    .slice(first, after)
    .filter((l) => !/^\|\s*-/.test(l))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

describe('the README roles table', () => {
  const [header, ...rows] = rolesTable();

  it('has a column per role, in the order of roles.ts', () => {
    expect(header!.slice(1)).toEqual([...ROLES]);
  });

  it('says for each action what roles.ts grants each role', () => {
    expect(rows.map((r) => r[0])).toEqual(Object.keys(ROW_PERMISSION));
    for (const [action, ...cells] of rows) {
      const permission = ROW_PERMISSION[action!]!;
      if (permission === 'decided per photo') continue;
      ROLES.forEach((role, i) => {
        const cell = cells[i];
        const where = `${action} / ${role}: "${cell}"`;
        expect(cell === '–' ? false : true, where).toBe(can(role, permission));
        if (cell === 'any') expect(can(role, 'articles.others'), where).toBe(true);
        if (cell === 'own') expect(can(role, 'articles.others'), where).toBe(false);
      });
    }
  });
});
