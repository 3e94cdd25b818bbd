// The privacy policy readers agree to when they subscribe: each save is a new version, recorded
// with every consent given after it.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Loading, Notice } from '../ui.tsx';
import { useLoad } from '../screens/use-load.ts';

interface Policy {
  version: number;
  text: string;
  updated_at: string | null;
}

export function PrivacyPolicySection() {
  const { t, dateTime } = useI18n();
  const { api } = useSession();
  const { data, error, reload, setError } = useLoad(
    useCallback(() => api.get<Policy>('/privacy-policy'), [api]),
  );
  const [text, setText] = useState('');
  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (data) setText(data.text);
  }, [data]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const policy = await api.put<Policy>('/privacy-policy', { text });
      setNotice(t('policy.published', { version: policy.version }));
      setError(null);
      reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="policy-title">
      <h2 id="policy-title">{t('policy.title')}</h2>
      <ErrorMessage error={error} />
      {notice ? <Notice>{notice}</Notice> : null}
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <form onSubmit={(e) => void save(e)}>
          <p data-testid="policy-version">
            {t('policy.version', { version: data.version, at: dateTime(data.updated_at) })}
          </p>
          <div className="field">
            <label htmlFor="policy-text">{t('policy.text')}</label>
            <textarea
              id="policy-text"
              rows={10}
              maxLength={60000}
              value={text}
              aria-describedby="policy-hint"
              onChange={(e) => setText(e.target.value)}
            />
            <p className="hint" id="policy-hint">
              {t('policy.hint')}
            </p>
          </div>
          <button type="submit" disabled={text === data.text}>
            {t('policy.publish')}
          </button>
        </form>
      )}
    </section>
  );
}
