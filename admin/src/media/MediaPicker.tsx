import { useEffect, useRef, useState } from 'react';
import type { MediaItem } from '../editor/admin-types.ts';
import { useEditorEnv } from '../editor/editor-env.tsx';
import { MediaGrid } from './MediaGrid.tsx';
import { UploadZone } from './UploadZone.tsx';

/**
 * Reuse from the editor: a modal dialog with the library and an upload zone. Picking an image
 * (or uploading one) hands it to `onPick`: the editor inserts it in the text or makes it the hero.
 */
export function MediaPicker({
  purpose,
  onPick,
  onClose,
}: {
  purpose: 'insert' | 'hero';
  onPick(item: MediaItem): void;
  onClose(): void;
}) {
  const { t } = useEditorEnv();
  const dialog = useRef<HTMLDialogElement>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  // Opened once mounted; closing is the parent's (unmounting takes the dialog away). No close()
  // in a cleanup: React runs effects twice in development, and the close event would end the pick.
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const pickLabel = purpose === 'insert' ? t.insertInText : t.setAsHero;
  return (
    <dialog
      ref={dialog}
      className="md-picker"
      aria-labelledby="md-picker-title"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="md-picker-head">
        <h2 id="md-picker-title">{t.mediaPicker}</h2>
        <button type="button" onClick={onClose}>
          {t.close}
        </button>
      </div>
      <UploadZone onUploaded={() => setRefreshKey((k) => k + 1)} />
      <MediaGrid
        refreshKey={refreshKey}
        actions={(item) => (
          <button
            type="button"
            onClick={() => onPick(item)}
            aria-label={`${pickLabel}: ${item.caption || item.alt || item.id}`}
          >
            {pickLabel}
          </button>
        )}
      />
    </dialog>
  );
}
