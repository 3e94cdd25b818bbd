import { useId, useState } from 'react';
import { asApiFailure, type MediaItem } from '../editor/admin-types.ts';
import { useEditorEnv } from '../editor/editor-env.tsx';

/** Caption, credit and alt text of a stored image (PATCH /media/:id). */
export function MediaDetailsForm({ item, onSaved }: { item: MediaItem; onSaved(item: MediaItem): void }) {
  const { t, api } = useEditorEnv();
  const id = useId();
  const [caption, setCaption] = useState(item.caption);
  const [credit, setCredit] = useState(item.credit);
  const [alt, setAlt] = useState(item.alt);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const answer = await api.patch<{ media: MediaItem }>(`/media/${encodeURIComponent(item.id)}`, {
        caption,
        credit,
        alt,
      });
      setMessage({ ok: true, text: t.detailsSaved });
      onSaved(answer.media);
    } catch (err) {
      setMessage({ ok: false, text: asApiFailure(err).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="md-details"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={`${id}-caption`}>{t.caption}</label>
      <input
        id={`${id}-caption`}
        value={caption}
        maxLength={1000}
        onChange={(e) => setCaption(e.target.value)}
      />
      <label htmlFor={`${id}-credit`}>{t.credit}</label>
      <input id={`${id}-credit`} value={credit} maxLength={300} onChange={(e) => setCredit(e.target.value)} />
      <label htmlFor={`${id}-alt`}>{t.alt}</label>
      <input id={`${id}-alt`} value={alt} maxLength={1000} onChange={(e) => setAlt(e.target.value)} />
      <button type="submit" disabled={busy}>
        {t.saveImageDetails}
      </button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ed-ok' : 'ed-error'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
