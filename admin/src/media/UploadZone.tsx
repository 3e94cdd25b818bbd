import { useId, useRef, useState } from 'react';
import './media.css';
import type { MediaItem } from '../editor/admin-types.ts';
import { asApiFailure } from '../editor/admin-types.ts';
import { useEditorEnv } from '../editor/editor-env.tsx';
import { uploadMedia } from './upload-media.ts';

interface Upload {
  key: number;
  name: string;
  percent: number;
  state: 'uploading' | 'done' | 'failed';
  message?: string;
}

let nextKey = 1;

/** Drop images here or choose them with a plain file input (keyboard): each uploads with progress. */
export function UploadZone({ onUploaded }: { onUploaded(item: MediaItem): void }) {
  const { t, api, csrfToken } = useEditorEnv();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const base = api.url('').replace(/\/$/, '');

  const update = (key: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const start = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const key = nextKey++;
      setUploads((list) => [...list, { key, name: file.name, percent: 0, state: 'uploading' }]);
      uploadMedia(file, {
        base,
        csrfToken: csrfToken(),
        onProgress: (fraction) => update(key, { percent: Math.round(fraction * 100) }),
      }).then(
        (item) => {
          update(key, { state: 'done', percent: 100 });
          onUploaded(item);
        },
        (err) => update(key, { state: 'failed', message: asApiFailure(err).message }),
      );
    }
  };

  return (
    <section
      className={`md-drop${over ? ' is-over' : ''}`}
      aria-labelledby={`${inputId}-title`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (e.dataTransfer.files.length > 0) start(e.dataTransfer.files);
      }}
    >
      <h2 id={`${inputId}-title`}>{t.upload}</h2>
      <p>{t.dropHere}</p>
      <label htmlFor={inputId}>{t.chooseFiles}</label>{' '}
      <input
        ref={input}
        id={inputId}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
        multiple
        onChange={(e) => {
          if (e.target.files) start(e.target.files);
          e.target.value = '';
        }}
      />
      {uploads.length > 0 && (
        <ul className="md-uploads" aria-live="polite">
          {uploads.map((u) => (
            <li key={u.key} data-state={u.state}>
              {u.state === 'uploading' && (
                <>
                  <span>{t.uploading(u.name, u.percent)}</span>{' '}
                  <progress max={100} value={u.percent} aria-label={u.name} />
                </>
              )}
              {u.state === 'done' && t.uploaded(u.name)}
              {u.state === 'failed' && <span role="alert">{t.uploadFailed(u.name, u.message ?? '')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
