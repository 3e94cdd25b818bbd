import { useId, useState } from 'react';
import type { AdminArticle, AdminAuthor, AdminTag } from './admin-types.ts';
import {
  canCombine,
  combineDrafts,
  differingFields,
  draftOf,
  type ArticleDraft,
  type Choice,
  type DraftField,
} from './article-draft.ts';
import { useEditorEnv } from './editor-env.tsx';
import { bodyAsText } from './body-text.ts';

export interface ConflictScreenProps {
  theirs: AdminArticle;
  mine: ArticleDraft;
  authors: AdminAuthor[];
  tags: AdminTag[];
  /** `needsSave` is false when the person took the server's version as it is. */
  onResolve(chosen: ArticleDraft, needsSave: boolean): void;
}

function display(field: DraftField, draft: ArticleDraft, authors: AdminAuthor[], tags: AdminTag[]): string {
  const value = draft[field];
  if (field === 'body') return bodyAsText(draft.body);
  if (field === 'author_ids')
    return draft.author_ids.map((id) => authors.find((a) => a.id === id)?.name ?? id).join(', ');
  if (field === 'tag_ids')
    return draft.tag_ids.map((id) => tags.find((t) => t.id === id)?.name ?? id).join(', ');
  return value === null || value === undefined ? '—' : String(value);
}

/**
 * A save answered 409: someone saved since this editor loaded the article. Both versions side by
 * side, field by field; the person keeps theirs, takes the server's, or picks per field (and for
 * the text, tags and bylines may keep both). Their own work stays on screen until they choose.
 */
export function ConflictScreen({ theirs, mine, authors, tags, onResolve }: ConflictScreenProps) {
  const { t } = useEditorEnv();
  const id = useId();
  const server = draftOf(theirs);
  const fields = differingFields(mine, server);
  const [choices, setChoices] = useState<Partial<Record<DraftField, Choice>>>({});
  return (
    <section className="ed-conflict" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.conflictTitle}</h2>
      <p>{t.conflictIntro}</p>
      <div className="ed-conflict-actions">
        <button type="button" onClick={() => onResolve(mine, true)}>
          {t.keepMine}
        </button>
        <button type="button" onClick={() => onResolve(server, false)}>
          {t.takeTheirs}
        </button>
      </div>
      {fields.map((field) => {
        const name = `${id}-${field}`;
        const choice = choices[field] ?? 'mine';
        const options: Choice[] = canCombine(field) ? ['theirs', 'mine', 'both'] : ['theirs', 'mine'];
        return (
          <fieldset key={field} className="ed-conflict-field" data-field={field}>
            <legend>{t.fieldNames[field] ?? field}</legend>
            <div className="ed-side-by-side">
              <div>
                <h3>{t.theirs}</h3>
                <pre className="ed-version" data-side="theirs">
                  {display(field, server, authors, tags)}
                </pre>
              </div>
              <div>
                <h3>{t.mine}</h3>
                <pre className="ed-version" data-side="mine">
                  {display(field, mine, authors, tags)}
                </pre>
              </div>
            </div>
            <div className="ed-choice">
              {options.map((option) => (
                <label key={option}>
                  <input
                    type="radio"
                    name={name}
                    value={option}
                    checked={choice === option}
                    onChange={() => setChoices({ ...choices, [field]: option })}
                  />{' '}
                  {option === 'theirs' ? t.useTheirs : option === 'mine' ? t.useMine : t.useBoth}
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="ed-primary"
        onClick={() => onResolve(combineDrafts(mine, server, choices), true)}
      >
        {t.saveChoice}
      </button>
    </section>
  );
}
