import { useCallback, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Screen } from '../ui.tsx';
import { useLoad } from './use-load.ts';

interface Tag {
  id: string;
  name: string;
  slug: string;
  description: string;
  is_section: boolean;
  nav_order: number | null;
}

/** Sections in navigation order: the order the server sorts by (nav_order, then name). */
export function sectionOrder(tags: Tag[]): Tag[] {
  return tags
    .filter((t) => t.is_section)
    .sort((a, b) => (a.nav_order ?? 1e6) - (b.nav_order ?? 1e6) || a.name.localeCompare(b.name));
}

export function TagsScreen(_props: ScreenProps) {
  const { t } = useI18n();
  const { api } = useSession();
  const { data, error, reload, setError } = useLoad(
    useCallback(() => api.get<{ tags: Tag[] }>('/tags').then((r) => r.tags), [api]),
  );
  const [name, setName] = useState('');
  const [isSection, setIsSection] = useState(false);

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.post('/tags', { name, is_section: isSection });
      setName('');
    });
  };
  const sections = data ? sectionOrder(data) : [];
  const tags = data ? data.filter((x) => !x.is_section) : [];
  /** Swap a section with its neighbour, renumbering all so the order is explicit. */
  const move = (index: number, by: -1 | 1) =>
    run(async () => {
      const order = [...sections];
      const other = index + by;
      if (other < 0 || other >= order.length) return;
      [order[index], order[other]] = [order[other]!, order[index]!];
      for (const [i, tag] of order.entries()) {
        if (tag.nav_order !== i + 1) await api.patch(`/tags/${tag.id}`, { nav_order: i + 1 });
      }
    });
  const setSection = (tag: Tag, value: boolean) =>
    run(() =>
      api.patch(`/tags/${tag.id}`, {
        is_section: value,
        ...(value ? { nav_order: sections.length + 1 } : {}),
      }),
    );
  const remove = (tag: Tag) => run(() => api.delete(`/tags/${tag.id}`));

  return (
    <Screen title={t('tags.title')}>
      <ErrorMessage error={error} />
      <form onSubmit={create} aria-labelledby="new-tag">
        <h2 id="new-tag">{t('tags.newTag')}</h2>
        <Field
          label={t('field.name')}
          name="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <p className="row">
          <input
            id="new-is-section"
            type="checkbox"
            checked={isSection}
            onChange={(e) => setIsSection(e.target.checked)}
          />
          <label htmlFor="new-is-section">{t('tags.inNav')}</label>
        </p>
        <button type="submit">{t('app.add')}</button>
      </form>
      {!data ? (
        <Loading />
      ) : (
        <>
          <h2>{t('tags.sections')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('tags.order')}</th>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('tags.slug')}</th>
                <th scope="col">{t('tags.inNav')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {sections.map((tag, i) => (
                <tr key={tag.id}>
                  <td className="row">
                    {i + 1}
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('tags.moveUp', { name: tag.name })}
                      disabled={i === 0}
                      onClick={() => void move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('tags.moveDown', { name: tag.name })}
                      disabled={i === sections.length - 1}
                      onClick={() => void move(i, 1)}
                    >
                      ↓
                    </button>
                  </td>
                  <td>{tag.name}</td>
                  <td>{tag.slug}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('tags.inNav')}: ${tag.name}`}
                      checked
                      onChange={() => void setSection(tag, false)}
                    />
                  </td>
                  <td>
                    <button type="button" className="danger" onClick={() => void remove(tag)}>
                      {t('app.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('tags.tags')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('tags.slug')}</th>
                <th scope="col">{t('tags.inNav')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {tags.map((tag) => (
                <tr key={tag.id}>
                  <td>{tag.name}</td>
                  <td>{tag.slug}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('tags.inNav')}: ${tag.name}`}
                      checked={false}
                      onChange={() => void setSection(tag, true)}
                    />
                  </td>
                  <td>
                    <button type="button" className="danger" onClick={() => void remove(tag)}>
                      {t('app.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Screen>
  );
}
