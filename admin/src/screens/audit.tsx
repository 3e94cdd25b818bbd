import { useCallback, useEffect, useState } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Loading, Screen } from '../ui.tsx';

interface Entry {
  id: string;
  at: string;
  actor_label: string;
  actor_kind: string;
  origin: string;
  action: string;
  object_type: string;
  object_id: string | null;
  summary: string;
}
interface Page {
  entries: Entry[];
  next_before: string | null;
}

export function AuditScreen(_props: ScreenProps) {
  const { t, dateTime } = useI18n();
  const { api } = useSession();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    async (before?: string) => {
      try {
        const page = await api.get<Page>('/audit', { limit: 50, before });
        setEntries((old) => (before && old ? [...old, ...page.entries] : page.entries));
        setNext(page.next_before);
      } catch (e) {
        setError(e);
      }
    },
    [api],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Screen
      title={t('audit.title')}
      actions={
        <a className="button" href={api.url('/audit.csv')} download>
          {t('audit.export')}
        </a>
      }
    >
      <ErrorMessage error={error} />
      {!entries ? (
        error ? null : (
          <Loading />
        )
      ) : entries.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.origin')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.object')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(e.at)}</td>
                  <td>{e.actor_label}</td>
                  <td>{e.origin}</td>
                  <td>{e.summary || e.action}</td>
                  <td>
                    {e.object_type}
                    {e.object_id ? ` ${e.object_id}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {next ? (
            <p>
              <button type="button" className="secondary" onClick={() => void load(next)}>
                {t('audit.more')}
              </button>
            </p>
          ) : null}
        </>
      )}
    </Screen>
  );
}
