// The newsletters service: the current issue of each list (assembled, editable until it goes),
// sending it (now, or when its schedule comes), breaking-news issues, progress.
import type { MailMessage, Mailer } from '../../adapters/mail/index.ts';
import type { Db } from '../../db/connect.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import { actorRef, can, type Actor } from '../staff/index.ts';
import { assembleIssue, DEFAULT_ISSUE_ITEMS, editItems } from './assemble-issue.ts';
import { createDeliveryStore, type SendRow } from './delivery-store.ts';
import { digestDue, nextDigestTime } from './digest-schedule.ts';
import { createIssueStore, type IssueRow } from './issue-store.ts';
import { personalise, renderIssue, type IssueToRender } from './render-issue.ts';
import { createSendEngine, type SendOutcome } from './send-engine.ts';
import type { NewsletterList, SubscriberDirectory } from './subscriber-directory.ts';

export interface NewslettersDeps {
  db: Db;
  mailer: Mailer;
  directory: SubscriberDirectory;
  siteUrl: string;
  timeZone: () => string;
  defaultLanguage: string;
  publicationName: () => string;
  /** The editors' picks: the front page's lead then featured ids. */
  picks: () => Promise<string[]>;
  resolveMedia?: IssueToRender['resolveMedia'];
  /** The mirror list for the email footer, its notes in this language (modules/mirrors). */
  mirrors?: (language: string) => NonNullable<IssueToRender['mirrors']>;
  concurrency: number;
  ratePerSecond: number;
  leaseMs?: number;
  retryDelaysMs?: readonly number[];
  now?: () => Date;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** An issue has gone out: its web archive pages (index, latest, the issue) must show it. */
  onSent?: (issueId: string) => void;
  /** Hands the sending of an issue to the job queue (the worker runs `send`). */
  enqueueSend?: (issueId: string) => Promise<void>;
}

export class NewsletterError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_draft' | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'NewsletterError';
  }
}

/** Editors and above prepare issues (subject, introduction, which articles, their order). */
function assertMayEditIssues(actor: Actor): void {
  if (!can(actor.role, 'articles.others'))
    throw new ForbiddenError('only editors, admins and owners edit newsletter issues');
}

/** Sending reaches every subscriber: admins and owners only. */
function assertMaySend(actor: Actor): void {
  if (!can(actor.role, 'settings.write')) throw new ForbiddenError('only admins and owners send newsletters');
}

export function createNewsletters(deps: NewslettersDeps) {
  const issues = createIssueStore(deps.db);
  const deliveries = createDeliveryStore(deps.db);
  const now = deps.now ?? (() => new Date());
  const engine = createSendEngine({
    store: deliveries,
    mailer: deps.mailer,
    directory: deps.directory,
    concurrency: deps.concurrency,
    ratePerSecond: deps.ratePerSecond,
    ...(deps.leaseMs ? { leaseMs: deps.leaseMs } : {}),
    ...(deps.retryDelaysMs ? { retryDelaysMs: deps.retryDelaysMs } : {}),
    now,
    ...(deps.log ? { log: deps.log } : {}),
  });
  const site = deps.siteUrl.replace(/\/$/, '');
  const archiveUrl = (issue: IssueRow) => `${site}/newsletter/archive/${encodeURIComponent(issue.slug)}`;

  async function list(slug: string): Promise<NewsletterList> {
    const found = await deps.directory.listBySlug(slug);
    if (!found) throw new NewsletterError('not_found', `no newsletter "${slug}"`);
    return found;
  }

  const defaultSubject = (l: NewsletterList, at: Date) =>
    `${l.name}, ${at.toLocaleDateString(l.language ?? deps.defaultLanguage, { timeZone: deps.timeZone(), day: 'numeric', month: 'long', year: 'numeric' })}`;

  /** The list's draft, assembled from what was published since the last issue (made if missing). */
  async function currentIssue(slug: string): Promise<IssueRow> {
    const l = await list(slug);
    const draft = await issues.draftOf(l.id);
    if (draft) return draft;
    const last = await issues.lastSent(l.id);
    const since =
      last?.sent_at ?? last?.created_at ?? new Date(now().getTime() - 7 * 86400_000).toISOString();
    const at = now();
    const scheduledFor =
      l.kind === 'digest'
        ? nextDigestTime({ cron: l.scheduleCron, timeZone: deps.timeZone(), after: at })
        : null;
    const items = await assemble(l, since, at);
    return issues.create({
      listId: l.id,
      listSlug: l.slug,
      kind: l.kind,
      subject: defaultSubject(l, scheduledFor ?? at),
      language: l.language,
      since,
      scheduledFor: scheduledFor?.toISOString() ?? null,
      items,
      now: at,
    });
  }

  async function assemble(l: NewsletterList, since: string, until: Date): Promise<string[]> {
    const candidates = await issues.candidates(since, until, l.language ?? deps.defaultLanguage);
    return assembleIssue({ candidates, picks: await deps.picks(), limit: DEFAULT_ISSUE_ITEMS });
  }

  /** Editors' changes to a draft: subject, intro, the items (order, add, remove). */
  async function updateIssue(
    actor: Actor,
    issueId: string,
    change: { subject?: string; intro?: string; order?: string[]; add?: string[]; remove?: string[] },
  ): Promise<IssueRow> {
    assertMayEditIssues(actor);
    const editedBy = actorRef(actor);
    const issue = await issues.get(issueId);
    if (!issue) throw new NewsletterError('not_found', 'no such issue');
    const items =
      change.order || change.add || change.remove
        ? editItems(await issues.items(issueId), change)
        : undefined;
    const ok = await issues.update(issueId, {
      ...(change.subject !== undefined ? { subject: change.subject } : {}),
      ...(change.intro !== undefined ? { intro: change.intro } : {}),
      ...(items ? { items } : {}),
      editedBy,
      now: now(),
    });
    if (!ok) throw new NewsletterError('not_draft', 'this issue has already gone out');
    return (await issues.get(issueId))!;
  }

  /** A breaking-news issue of the breaking list, composed from one article. */
  async function breaking(actor: Actor, articleId: string, listSlug = 'breaking'): Promise<IssueRow> {
    assertMaySend(actor);
    const l = await list(listSlug);
    const [article] = await issues.articles([articleId], now());
    if (!article) throw new NewsletterError('not_found', 'no published article with this id');
    return issues.create({
      listId: l.id,
      listSlug: l.slug,
      kind: 'breaking',
      subject: article.title,
      language: l.language ?? article.language,
      since: now().toISOString(),
      scheduledFor: null,
      items: [articleId],
      now: now(),
    });
  }

  /**
   * Starts (or carries on) sending the issue: the send row is created once, then the engine runs
   * until done or until retries must wait. Safe to call again at any time.
   */
  async function send(
    actor: Actor,
    issueId: string,
    options: { onBatch?: (handled: number) => void; signal?: AbortSignal } = {},
  ): Promise<SendOutcome & { sendId: string }> {
    assertMaySend(actor);
    let issue = await issues.get(issueId);
    if (!issue) throw new NewsletterError('not_found', 'no such issue');
    const l = (await deps.directory.lists()).find((x) => x.id === issue!.newsletter_id);
    if (!l) throw new NewsletterError('not_found', 'the issue’s newsletter no longer exists');
    if (issue.status === 'draft') {
      // A digest nobody edited takes in what was published up to the moment it goes.
      if (issue.kind === 'digest' && issue.edited_by === null) {
        await issues.update(issue.id, {
          items: await assemble(l, issue.since, now()),
          editedBy: null,
          now: now(),
        });
      }
      if ((await issues.items(issue.id)).length === 0 && issue.intro.trim() === '') {
        throw new NewsletterError('empty', 'this issue has no articles and no introduction');
      }
      await issues.setStatus(issue.id, 'sending', now());
      issue = (await issues.get(issue.id))!;
    }
    const sendRow =
      (await deliveries.sendOfIssue(issue.id)) ??
      (await deliveries.createSend({
        issueId: issue.id,
        newsletterId: l.id,
        total: await deps.directory.countRecipients(l.id),
        now: now(),
      }));
    const articles = await issues.articles(await issues.items(issue.id), now());
    const language = issue.language ?? deps.defaultLanguage;
    const template = renderIssue({
      publicationName: deps.publicationName(),
      siteUrl: site,
      list: l,
      subject: issue.subject,
      intro: issue.intro,
      language,
      ...(deps.mirrors ? { mirrors: deps.mirrors(language) } : {}),
      archiveUrl: archiveUrl(issue),
      articles: articles.map((a) => ({ ...a, url: `${site}/articles/${encodeURIComponent(a.slug)}` })),
      ...(deps.resolveMedia ? { resolveMedia: deps.resolveMedia } : {}),
    });
    const host = template.host;
    const compose = (r: Parameters<typeof personalise>[1]): MailMessage =>
      personalise(
        template,
        r,
        deps.directory.links(r.subscriberId, l.id),
        `<${sendRow.id}.${r.subscriberId}@${host}>`,
      );
    const outcome = await engine.run(sendRow.id, l.id, compose, options);
    if (outcome.state === 'done' && issue.status !== 'sent') {
      await issues.setStatus(issue.id, 'sent', now());
      deps.onSent?.(issue.id);
    }
    return { ...outcome, sendId: sendRow.id };
  }

  /** "Send now" from the Admin API: checked here, then sent by a worker (it may take hours). */
  async function queueSend(actor: Actor, issueId: string): Promise<IssueRow> {
    assertMaySend(actor);
    const issue = await issues.get(issueId);
    if (!issue) throw new NewsletterError('not_found', 'no such issue');
    if (issue.status === 'sent') throw new NewsletterError('not_draft', 'this issue has already gone out');
    if (!deps.enqueueSend) throw new Error('newsletters: no job queue to send with');
    await deps.enqueueSend(issue.id);
    return issue;
  }

  /** The list's current issue, for the people who prepare it. */
  async function currentIssueFor(actor: Actor, slug: string): Promise<IssueRow> {
    assertMayEditIssues(actor);
    return currentIssue(slug);
  }

  /** Each digest list whose time has come: its current issue goes. Returns the issue ids to send. */
  async function dueIssues(): Promise<string[]> {
    const due: string[] = [];
    for (const l of await deps.directory.lists()) {
      if (l.kind !== 'digest') continue;
      const draft = await currentIssue(l.slug);
      const after = new Date(draft.created_at);
      if (!digestDue({ cron: l.scheduleCron, timeZone: deps.timeZone(), after, now: now() }).due) continue;
      const empty =
        draft.edited_by === null &&
        (await assemble(l, draft.since, now())).length === 0 &&
        draft.intro.trim() === '';
      if (empty) {
        // Nothing was published: no issue this time; the draft waits for the next send time.
        deps.log?.('info', 'newsletter skipped: nothing published since the last issue', { list: l.slug });
        await issues.restart(draft.id, now());
      } else due.push(draft.id);
    }
    return due;
  }

  async function progress(issueId: string): Promise<SendRow | undefined> {
    return deliveries.sendOfIssue(issueId);
  }

  return {
    currentIssue,
    currentIssueFor,
    queueSend,
    updateIssue,
    breaking,
    send,
    dueIssues,
    progress,
    getIssue: (id: string) => issues.get(id),
    items: (id: string) => issues.items(id),
    listIssues: (listId?: string) => issues.list(listId),
    sentIssues: (limit: number, offset = 0) => issues.listSent({ limit, offset }),
    countSent: () => issues.countSent(),
    /** The web archive address of an issue ("view in browser" in every email of it). */
    archiveUrl,
    lists: () => deps.directory.lists(),
    issueBySlugOrNumber: (key: string, listId: string | null = null) => issues.bySlugOrNumber(listId, key),
    articlesOf: async (id: string) => issues.articles(await issues.items(id), now()),
  };
}

export type Newsletters = ReturnType<typeof createNewsletters>;
