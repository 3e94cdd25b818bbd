import type { AdminArticle, AdminAuthor, AdminTag } from './admin-types.ts';
import type { ArticleDraft } from './article-draft.ts';
import { useEditorEnv } from './editor-env.tsx';
import { HeroField } from './HeroField.tsx';

export interface ArticleFieldsProps {
  article: AdminArticle | null;
  fields: ArticleDraft;
  update(change: Partial<ArticleDraft>): void;
  authors: AdminAuthor[];
  tags: AdminTag[];
  others: AdminArticle[];
}

function toggled(list: string[], id: string, on: boolean): string[] {
  return on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id);
}

/** Everything beside the text: slug, language and translation, bylines, tags, hero, SEO. */
export function ArticleFields({ article, fields, update, authors, tags, others }: ArticleFieldsProps) {
  const { t } = useEditorEnv();
  const translationValue =
    fields.translation_of === undefined
      ? ''
      : fields.translation_of === null
        ? 'none'
        : fields.translation_of;
  return (
    <div className="ed-side">
      <label htmlFor="ed-slug">{t.slug}</label>
      <input
        id="ed-slug"
        value={fields.slug}
        aria-describedby="ed-slug-hint"
        onChange={(e) => update({ slug: e.target.value })}
      />
      <p id="ed-slug-hint" className="ed-hint">
        {t.slugHint}
      </p>
      <label htmlFor="ed-language">{t.language}</label>
      <input
        id="ed-language"
        list="ed-languages"
        value={fields.language}
        onChange={(e) => update({ language: e.target.value })}
      />
      <datalist id="ed-languages">
        <option value="en" />
        <option value="ru" />
      </datalist>
      <label htmlFor="ed-translation">{t.translationOf}</label>
      <select
        id="ed-translation"
        value={translationValue}
        onChange={(e) =>
          update({
            translation_of:
              e.target.value === '' ? undefined : e.target.value === 'none' ? null : e.target.value,
          })
        }
      >
        <option value="">{t.translationKeep}</option>
        <option value="none">{t.translationNone}</option>
        {others
          .filter((o) => o.id !== article?.id && o.language !== fields.language)
          .map((o) => (
            <option key={o.id} value={o.id}>
              {o.title} ({o.language})
            </option>
          ))}
      </select>
      {article?.translation_group && <p className="ed-hint">{t.translationGroup}</p>}

      <fieldset>
        <legend>{t.bylines}</legend>
        <ul className="ed-checklist">
          {authors.map((a) => (
            <li key={a.id}>
              <label>
                <input
                  type="checkbox"
                  checked={fields.author_ids.includes(a.id)}
                  onChange={(e) => update({ author_ids: toggled(fields.author_ids, a.id, e.target.checked) })}
                />{' '}
                {a.name}
                {a.is_pen_name && <span className="ed-tag"> ({t.penName})</span>}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset>
        <legend>{t.tags}</legend>
        <ul className="ed-checklist">
          {tags.map((tag) => (
            <li key={tag.id}>
              <label>
                <input
                  type="checkbox"
                  checked={fields.tag_ids.includes(tag.id)}
                  onChange={(e) => update({ tag_ids: toggled(fields.tag_ids, tag.id, e.target.checked) })}
                />{' '}
                {tag.name}
                {tag.is_section && <span className="ed-tag"> ({t.section})</span>}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <HeroField mediaId={fields.hero_media_id} onChange={(id) => update({ hero_media_id: id })} />

      <fieldset>
        <legend>{t.seo}</legend>
        <label htmlFor="ed-seo-title">{t.seoTitle}</label>
        <input
          id="ed-seo-title"
          value={fields.seo_title}
          maxLength={300}
          onChange={(e) => update({ seo_title: e.target.value })}
        />
        <label htmlFor="ed-seo-description">{t.seoDescription}</label>
        <textarea
          id="ed-seo-description"
          rows={3}
          maxLength={500}
          value={fields.seo_description}
          onChange={(e) => update({ seo_description: e.target.value })}
        />
        <label htmlFor="ed-canonical">{t.canonicalUrl}</label>
        <input
          id="ed-canonical"
          type="url"
          value={fields.canonical_url ?? ''}
          onChange={(e) => update({ canonical_url: e.target.value || null })}
        />
      </fieldset>
    </div>
  );
}
