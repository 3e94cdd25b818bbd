import { useId, useState } from 'react';
import type { AdminArticle } from './admin-types.ts';
import { useEditorEnv } from './editor-env.tsx';
import { mayPublish } from './may-publish.ts';

export type PublishAction = { kind: 'publish' } | { kind: 'unpublish' } | { kind: 'schedule'; at: string };

/**
 * Publish, schedule, unpublish: shown only to roles that may (see may-publish.ts; the server still
 * decides, for instance that an author publishes only their own).
 */
export function PublishControls({
  article,
  busy,
  onAction,
}: {
  article: AdminArticle;
  busy: boolean;
  onAction(action: PublishAction): void;
}) {
  const { t, staff } = useEditorEnv();
  const id = useId();
  const [at, setAt] = useState('');
  if (!mayPublish(staff.role)) return <p className="ed-note">{t.cannotPublish}</p>;
  const live = article.status === 'published' || article.status === 'scheduled';
  return (
    <div className="ed-publish" role="group" aria-label={t.publish}>
      {article.status !== 'published' && (
        <button
          type="button"
          className="ed-primary"
          disabled={busy}
          onClick={() => onAction({ kind: 'publish' })}
        >
          {t.publish}
        </button>
      )}
      {article.status !== 'published' && (
        <span className="ed-schedule">
          <label htmlFor={`${id}-at`}>{t.scheduleAt}</label>
          <input id={`${id}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
          <button
            type="button"
            disabled={busy || at === ''}
            onClick={() => onAction({ kind: 'schedule', at: new Date(at).toISOString() })}
          >
            {t.schedule}
          </button>
        </span>
      )}
      {live && (
        <button type="button" disabled={busy} onClick={() => onAction({ kind: 'unpublish' })}>
          {t.unpublish}
        </button>
      )}
    </div>
  );
}
