import { useEffect, useState } from 'react';
import { MediaDetailsForm, MediaPicker, thumbnailOf } from '../media/index.ts';
import { asApiFailure, type MediaItem } from './admin-types.ts';
import { useEditorEnv } from './editor-env.tsx';

/**
 * The hero image: chosen from (or uploaded to) the library. Its caption, credit and alt text
 * belong to the image, so they are edited on the media item, wherever else it is used.
 */
export function HeroField({
  mediaId,
  onChange,
}: {
  mediaId: string | null;
  onChange(id: string | null): void;
}) {
  const { t, api } = useEditorEnv();
  const [item, setItem] = useState<MediaItem | null>(null);
  const [error, setError] = useState('');
  const [picking, setPicking] = useState(false);
  useEffect(() => {
    if (!mediaId) return setItem(null);
    if (item?.id === mediaId) return;
    let live = true;
    api.get<{ media: MediaItem }>(`/media/${encodeURIComponent(mediaId)}`).then(
      (answer) => live && setItem(answer.media),
      (err) => live && setError(asApiFailure(err).message),
    );
    return () => {
      live = false;
    };
  }, [api, mediaId, item?.id]);
  return (
    <fieldset className="ed-hero">
      <legend>{t.hero}</legend>
      {error && <p role="alert">{error}</p>}
      {mediaId && item ? (
        <>
          <img src={thumbnailOf(item, 480)} alt={item.alt} className="ed-hero-img" />
          <MediaDetailsForm key={item.id} item={item} onSaved={setItem} />
          <button type="button" onClick={() => onChange(null)}>
            {t.removeImage}
          </button>
        </>
      ) : (
        <p>{t.heroNone}</p>
      )}
      <button type="button" onClick={() => setPicking(true)}>
        {t.chooseImage}
      </button>
      {picking && (
        <MediaPicker
          purpose="hero"
          onClose={() => setPicking(false)}
          onPick={(picked) => {
            setItem(picked);
            onChange(picked.id);
            setPicking(false);
          }}
        />
      )}
    </fieldset>
  );
}
