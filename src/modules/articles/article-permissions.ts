import type { ArticleStatus } from '../../db/schema.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import { actorRef, type Actor } from '../staff/index.ts';
import { can } from '../staff/index.ts';

// Who may change what a reader sees. Pure rules over the actor and the article as stored; the
// operations ask them before they write. The matrix they implement is in the README.

/** What the rules need to know about an article. */
export interface ArticleSubject {
  status: ArticleStatus;
  /** actorRef() of whoever created it; null for articles older than the record of it. */
  createdBy: string | null;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: Decision = { allowed: true };
const refuse = (reason: string): Decision => ({ allowed: false, reason });

/** Readers see it now, or will without anyone acting again: changing it needs the publish right. */
export function isLive(status: ArticleStatus): boolean {
  return status === 'published' || status === 'scheduled';
}

export function isOwnArticle(actor: Actor, article: ArticleSubject): boolean {
  return article.createdBy !== null && article.createdBy === actorRef(actor);
}

/** Whether the actor may act on this article at all: its own, or anyone's with `articles.others`. */
function reaches(actor: Actor, article: ArticleSubject): Decision {
  if (isOwnArticle(actor, article) || can(actor.role, 'articles.others')) return ALLOWED;
  return refuse(`the "${actor.role}" role may change only the articles it created`);
}

function both(...decisions: Decision[]): Decision {
  return decisions.find((d) => !d.allowed) ?? ALLOWED;
}

function needs(actor: Actor, permission: Parameters<typeof can>[1], what: string): Decision {
  return can(actor.role, permission) ? ALLOWED : refuse(`the "${actor.role}" role may not ${what}`);
}

export function canCreate(actor: Actor, status: 'draft' | 'published' | 'scheduled'): Decision {
  return both(
    needs(actor, 'articles.write', 'write articles'),
    status === 'draft' ? ALLOWED : needs(actor, 'articles.publish', `create an article as ${status}`),
  );
}

export function canEdit(actor: Actor, article: ArticleSubject): Decision {
  return both(
    needs(actor, 'articles.write', 'write articles'),
    reaches(actor, article),
    isLive(article.status) ? needs(actor, 'articles.publish', `edit a ${article.status} article`) : ALLOWED,
  );
}

/** Publish, schedule, re-schedule or unpublish. */
export function canPublish(actor: Actor, article: ArticleSubject): Decision {
  return both(needs(actor, 'articles.publish', 'publish, schedule or unpublish'), reaches(actor, article));
}

export function canDelete(actor: Actor, article: ArticleSubject): Decision {
  return both(
    needs(actor, 'articles.delete', 'delete articles'),
    reaches(actor, article),
    isLive(article.status) ? needs(actor, 'articles.publish', `delete a ${article.status} article`) : ALLOWED,
  );
}

/**
 * Re-captioning, re-crediting or deleting a photo changes every article that shows it: allowed
 * only to whoever may edit each live article among them (a credit line rewritten by a
 * contributor could attach a real name to a published story).
 */
export function canChangeMediaUsedBy(actor: Actor, articles: ArticleSubject[]): Decision {
  const live = articles.filter((a) => isLive(a.status));
  return both(
    needs(actor, 'media.write', 'change media'),
    ...live.map((a) => {
      const decision = canEdit(actor, a);
      return decision.allowed
        ? decision
        : refuse(`the photo is used by a ${a.status} article: ${decision.reason}`);
    }),
  );
}

/** Throws ForbiddenError when the decision refuses. */
export function assertAllowed(decision: Decision): void {
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}
