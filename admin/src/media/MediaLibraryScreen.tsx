import { useState } from 'react';
import { Screen } from '../ui.tsx';
import { useEditorEnv } from '../editor/editor-env.tsx';
import { MediaDetailsForm } from './MediaDetailsForm.tsx';
import { MediaGrid } from './MediaGrid.tsx';
import { UploadZone } from './UploadZone.tsx';

/** /admin/media: upload (drag and drop or file input) with progress, browse, edit details. */
export function MediaLibraryScreen() {
  const { t } = useEditorEnv();
  const [refreshKey, setRefreshKey] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Screen title={t.mediaLibrary}>
      <UploadZone onUploaded={() => setRefreshKey((k) => k + 1)} />
      <MediaGrid
        refreshKey={refreshKey}
        actions={(item, replace) =>
          editing === item.id ? (
            <>
              <MediaDetailsForm item={item} onSaved={replace} />
              <button type="button" onClick={() => setEditing(null)}>
                {t.close}
              </button>
            </>
          ) : (
            <button
              type="button"
              onClick={() => setEditing(item.id)}
              aria-label={`${t.edit}: ${item.caption || item.id}`}
            >
              {t.edit}
            </button>
          )
        }
      />
    </Screen>
  );
}
