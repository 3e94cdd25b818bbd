// Newsletters: every issue with its status and, while one goes out, its progress; the current
// issue of each list to prepare (editors and above); a breaking-news issue from one article
// (admins and the owner, who send).
import { useCallback, useState } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/strings.ts';
import { Link, adminPath, navigate } from '../router.tsx';
import { roleCan, useSession } from '../session.tsx';
import { ErrorMessage, Loading, Screen, SelectField } from '../ui.tsx';
import { useLoad } from '../screens/use-load.ts';
import { ArticlePicker } from './article-picker.tsx';
import type { Issue, NewsletterList } from './issue-types.ts';
import { SendProgress } from './send-progress.tsx';

export function NewslettersScreen(_props: ScreenProps) {
  const { t, dateTime } = useI18n();
  const { api, state } = useSession();
  const role = state?.staff?.role;
  const maySend = roleCan(role, 'send');
  const { data, error, setError } = useLoad(
    useCallback(() => api.get<{ issues: Issue[] }>('/newsletters/issues').then((r) => r.issues), [api]),
  );
  // The lists' names need `subscribers.manage`: editors see issues by their slug instead.
  const lists = useLoad(
    useCallback(
      () =>
        roleCan(role, 'subscribers')
          ? api.get<{ lists: NewsletterList[] }>('/newsletters').then((r) => r.lists)
          : Promise.resolve([] as NewsletterList[]),
      [api, role],
    ),
  );
  const [breakingList, setBreakingList] = useState('');
  const listName = (id: string) => lists.data?.find((l) => l.id === id)?.name;

  const prepare = async (slug: string) => {
    try {
      const answer = await api.get<{ issue: Issue }>(`/newsletters/${encodeURIComponent(slug)}/current`);
      navigate(adminPath('newsletter-issue', { id: answer.issue.id }));
    } catch (e) {
      setError(e);
    }
  };
  const breaking = async (article: { id: string }) => {
    try {
      const answer = await api.post<{ issue: Issue }>('/newsletters/breaking', {
        article_id: article.id,
        ...(breakingList ? { newsletter: breakingList } : {}),
      });
      navigate(`${adminPath('newsletter-issue', { id: answer.issue.id })}?sending=1`);
    } catch (e) {
      setError(e);
    }
  };
  const digests = lists.data?.filter((l) => l.kind === 'digest') ?? [];
  const breakingLists = lists.data?.filter((l) => l.kind === 'breaking') ?? [];

  return (
    <Screen
      title={t('issues.title')}
      actions={
        roleCan(role, 'subscribers') ? (
          <Link className="button" href={adminPath('subscribers')}>
            {t('issues.toSubscribers')}
          </Link>
        ) : null
      }
    >
      <ErrorMessage error={error ?? lists.error} />
      {digests.length > 0 ? (
        <section aria-labelledby="prepare-title">
          <h2 id="prepare-title">{t('issues.prepare')}</h2>
          <ul>
            {digests.map((l) => (
              <li key={l.id}>
                <button type="button" className="secondary" onClick={() => void prepare(l.slug)}>
                  {t('issues.prepareList', { name: l.name })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {maySend ? (
        <section aria-labelledby="breaking-title">
          <h2 id="breaking-title">{t('issues.breaking')}</h2>
          <p className="hint">{t('issues.breakingIntro')}</p>
          {breakingLists.length > 1 ? (
            <SelectField
              label={t('issues.breakingList')}
              value={breakingList}
              onChange={(e) => setBreakingList(e.target.value)}
              options={breakingLists.map((l) => ({ value: l.slug, label: l.name }))}
            />
          ) : null}
          <ArticlePicker
            label={t('issues.findArticle')}
            action={(title) => t('issues.sendBreaking', { title })}
            onPick={(a) => void breaking(a)}
          />
        </section>
      ) : null}
      <h2>{t('issues.all')}</h2>
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : data.length === 0 ? (
        <p>{t('issues.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('issues.issue')}</th>
              <th scope="col">{t('issues.subject')}</th>
              <th scope="col">{t('articles.status')}</th>
              <th scope="col">{t('issues.when')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((issue) => (
              <tr key={issue.id}>
                <td>
                  <Link href={adminPath('newsletter-issue', { id: issue.id })}>
                    {listName(issue.newsletter_id)
                      ? `${listName(issue.newsletter_id)} №${issue.number}`
                      : issue.slug}
                  </Link>
                  {issue.kind === 'breaking' ? ` (${t('issues.kind.breaking')})` : ''}
                </td>
                <td>{issue.subject}</td>
                <td>
                  {t(`issues.status.${issue.status}` as MessageKey)}
                  {issue.status === 'sending' ? <SendProgress issueId={issue.id} compact /> : null}
                </td>
                <td>
                  {issue.sent_at
                    ? t('issues.sentAt', { at: dateTime(issue.sent_at) })
                    : issue.scheduled_for
                      ? t('issues.scheduledFor', { at: dateTime(issue.scheduled_for) })
                      : t('app.none')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Screen>
  );
}
