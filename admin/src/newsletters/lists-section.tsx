// The newsletters readers can subscribe to: their names and, for digests, when they go out (a
// five-field cron in the site's time zone); a new list.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Notice, SelectField } from '../ui.tsx';
import type { NewsletterList } from './issue-types.ts';

function ListRow({ list, onSaved }: { list: NewsletterList; onSaved: (message: string) => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [name, setName] = useState(list.name);
  const [cron, setCron] = useState(list.schedule_cron ?? '');
  const [error, setError] = useState<unknown>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.patch(`/newsletters/${encodeURIComponent(list.id)}`, {
        name,
        ...(list.kind === 'digest' ? { schedule_cron: cron.trim() || null } : {}),
      });
      setError(null);
      onSaved(t('lists.saved', { name }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} aria-label={list.name}>
      <fieldset>
        <legend>
          {list.name} ({list.slug}
          {list.is_default ? `, ${t('lists.default')}` : ''})
        </legend>
        <ErrorMessage error={error} />
        <Field label={t('field.name')} required value={name} onChange={(e) => setName(e.target.value)} />
        {list.kind === 'digest' ? (
          <Field
            label={t('lists.schedule')}
            hint={t('lists.scheduleHint')}
            value={cron}
            onChange={(e) => setCron(e.target.value)}
          />
        ) : (
          <p className="hint">{t('lists.breakingHint')}</p>
        )}
        <button type="submit">{t('app.save')}</button>
      </fieldset>
    </form>
  );
}

export function ListsSection({ lists, onChange }: { lists: NewsletterList[] | null; onChange: () => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'digest' | 'breaking'>('digest');
  const [cron, setCron] = useState('0 8 * * 1');
  const saved = (message: string) => {
    setNotice(message);
    onChange();
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.post('/newsletters', {
        slug,
        name,
        kind,
        ...(kind === 'digest' ? { schedule_cron: cron.trim() } : {}),
      });
      setError(null);
      setSlug('');
      setName('');
      saved(t('lists.created', { name }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="lists-title">
      <h2 id="lists-title">{t('lists.title')}</h2>
      {notice ? <Notice>{notice}</Notice> : null}
      {!lists ? (
        <Loading />
      ) : (
        lists.map((l) => <ListRow key={`${l.id}:${l.name}:${l.schedule_cron}`} list={l} onSaved={saved} />)
      )}
      <form onSubmit={(e) => void create(e)} aria-labelledby="new-list">
        <h3 id="new-list">{t('lists.new')}</h3>
        <ErrorMessage error={error} />
        <Field
          label={t('lists.slug')}
          hint={t('lists.slugHint')}
          required
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
        />
        <Field label={t('field.name')} required value={name} onChange={(e) => setName(e.target.value)} />
        <SelectField
          label={t('lists.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as 'digest' | 'breaking')}
          options={[
            { value: 'digest', label: t('lists.kind.digest') },
            { value: 'breaking', label: t('lists.kind.breaking') },
          ]}
        />
        {kind === 'digest' ? (
          <Field
            label={t('lists.schedule')}
            hint={t('lists.scheduleHint')}
            required
            value={cron}
            onChange={(e) => setCron(e.target.value)}
          />
        ) : null}
        <button type="submit">{t('lists.add')}</button>
      </form>
    </section>
  );
}
