// One newsletter issue: while it is a draft, its subject, introduction and articles (reordered,
// added, removed) are edited here; admins send it now, or it goes at its list's scheduled time.
// Once it goes, the send's progress shows until every subscriber is handled.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/strings.ts';
import { Link, adminPath } from '../router.tsx';
import { roleCan, useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Notice, Screen } from '../ui.tsx';
import { useLoad } from '../screens/use-load.ts';
import { ArticlePicker } from './article-picker.tsx';
import type { Issue } from './issue-types.ts';
import { SendProgress } from './send-progress.tsx';

type Item = Issue['articles'][number];

/** The PATCH body that turns `before` into `after` (items removed, added, then put in order). */
export function itemChanges(before: readonly Item[], after: readonly Item[]) {
  const was = before.map((a) => a.id);
  const now = after.map((a) => a.id);
  return {
    remove: was.filter((id) => !now.includes(id)),
    add: now.filter((id) => !was.includes(id)),
    order: now,
  };
}

export function IssueEditorScreen({ params, search }: ScreenProps) {
  const { t, dateTime } = useI18n();
  const { api, state } = useSession();
  const id = params.id ?? '';
  const maySend = roleCan(state?.staff?.role, 'send');
  const { data, error, reload, setError } = useLoad(
    useCallback(
      () => api.get<{ issue: Issue }>(`/newsletters/issues/${encodeURIComponent(id)}`).then((r) => r.issue),
      [api, id],
    ),
  );
  const [subject, setSubject] = useState('');
  const [intro, setIntro] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const [notice, setNotice] = useState('');
  const [confirming, setConfirming] = useState(false);
  // Sent to the worker: the issue stays a draft until the worker starts, its progress shows now.
  // (`?sending=1`: a breaking-news issue, queued as it was made.)
  const [queued, setQueued] = useState(search.get('sending') === '1');
  useEffect(() => {
    if (!data) return;
    setSubject(data.subject);
    setIntro(data.intro);
    setItems(data.articles);
  }, [data]);

  const move = (i: number, by: -1 | 1) =>
    setItems((old) => {
      const next = [...old];
      const j = i + by;
      if (j < 0 || j >= next.length) return old;
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });
  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!data) return false;
    try {
      await api.patch(`/newsletters/issues/${encodeURIComponent(id)}`, {
        subject,
        intro,
        ...itemChanges(data.articles, items),
      });
      setNotice(t('app.saved'));
      setError(null);
      reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  const dirty =
    !!data &&
    (subject !== data.subject ||
      intro !== data.intro ||
      items.map((a) => a.id).join() !== data.articles.map((a) => a.id).join());
  const send = async () => {
    setConfirming(false);
    // An untouched digest is assembled afresh as it goes; saving would pin its articles.
    if (dirty && !(await save())) return;
    try {
      await api.post(`/newsletters/issues/${encodeURIComponent(id)}/send`);
      setNotice(t('issues.queued'));
      setQueued(true);
    } catch (e) {
      setError(e);
    }
  };

  const title = data ? t('issues.editTitle', { subject: data.subject }) : t('issues.title');
  const draft = data?.status === 'draft' && !queued;
  return (
    <Screen title={title}>
      <p>
        <Link href={adminPath('newsletters')}>{t('issues.back')}</Link>
      </p>
      <ErrorMessage error={error} />
      {notice ? <Notice>{notice}</Notice> : null}
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <dl className="figures">
            <div>
              <dt>{t('articles.status')}</dt>
              <dd>{t(`issues.status.${data.status}` as MessageKey)}</dd>
            </div>
            <div>
              <dt>{t('issues.when')}</dt>
              <dd>
                {data.sent_at
                  ? t('issues.sentAt', { at: dateTime(data.sent_at) })
                  : data.scheduled_for
                    ? t('issues.scheduledFor', { at: dateTime(data.scheduled_for) })
                    : t('issues.notScheduled')}
              </dd>
            </div>
          </dl>
          {!draft ? (
            <>
              <h2>{t('issues.sending')}</h2>
              <SendProgress issueId={data.id} onDone={reload} />
              {data.status === 'sent' ? (
                <p>
                  <a href={data.archive_url}>{t('issues.archive')}</a>
                </p>
              ) : null}
            </>
          ) : null}
          <form onSubmit={(e) => void save(e)} aria-labelledby="issue-content">
            <h2 id="issue-content">{t('issues.content')}</h2>
            <fieldset disabled={!draft}>
              <legend className="visually-hidden">{t('issues.content')}</legend>
              <Field
                label={t('issues.subject')}
                required
                maxLength={200}
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
              />
              <div className="field">
                <label htmlFor="issue-intro">{t('issues.intro')}</label>
                <textarea
                  id="issue-intro"
                  rows={5}
                  value={intro}
                  aria-describedby="issue-intro-hint"
                  onChange={(e) => setIntro(e.target.value)}
                />
                <p className="hint" id="issue-intro-hint">
                  {t('issues.introHint')}
                </p>
              </div>
              <h3>{t('issues.articles')}</h3>
              {items.length === 0 ? (
                <p>{t('issues.noArticles')}</p>
              ) : (
                <ol className="issue-items">
                  {items.map((a, i) => (
                    <li key={a.id} className="row">
                      <span>{a.title}</span>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('tags.moveUp', { name: a.title })}
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('tags.moveDown', { name: a.title })}
                        disabled={i === items.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={t('issues.removeArticle', { title: a.title })}
                        onClick={() => setItems((old) => old.filter((x) => x.id !== a.id))}
                      >
                        {t('issues.remove')}
                      </button>
                    </li>
                  ))}
                </ol>
              )}
            </fieldset>
            {draft ? <button type="submit">{t('issues.save')}</button> : null}
          </form>
          {draft ? (
            <section aria-labelledby="add-article">
              <h3 id="add-article">{t('issues.addArticle')}</h3>
              <ArticlePicker
                label={t('issues.findArticle')}
                action={(title) => t('issues.addThis', { title })}
                exclude={items.map((a) => a.id)}
                onPick={(a) => setItems((old) => [...old, { id: a.id, title: a.title, standfirst: '' }])}
              />
            </section>
          ) : null}
          {draft && maySend ? (
            <section aria-labelledby="send-title">
              <h2 id="send-title">{t('issues.sendTitle')}</h2>
              <p className="hint">
                {data.scheduled_for
                  ? t('issues.sendIntroScheduled', { at: dateTime(data.scheduled_for) })
                  : t('issues.sendIntro')}
              </p>
              {confirming ? (
                <p className="row">
                  <span>{t('issues.sendConfirm')}</span>
                  <button type="button" className="danger" onClick={() => void send()}>
                    {t('issues.sendYes')}
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                    {t('app.cancel')}
                  </button>
                </p>
              ) : (
                <button type="button" onClick={() => setConfirming(true)}>
                  {t('issues.sendNow')}
                </button>
              )}
            </section>
          ) : null}
        </>
      )}
    </Screen>
  );
}
