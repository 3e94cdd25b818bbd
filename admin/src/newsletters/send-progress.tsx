// How far an issue's send has got, polled every few seconds until it is done.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import type { Progress } from './issue-types.ts';

const POLL_MS = 2000;

export function SendProgress({
  issueId,
  compact = false,
  onDone,
}: {
  issueId: string;
  compact?: boolean;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [progress, setProgress] = useState<Progress | null>(null);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const answer = await api.get<{ progress: Progress }>(
          `/newsletters/issues/${encodeURIComponent(issueId)}/progress`,
        );
        if (!live) return;
        setProgress(answer.progress);
        if (answer.progress.status === 'done') {
          done.current?.();
          return;
        }
      } catch {
        // A missed poll is retried at the next tick.
      }
      if (live) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [api, issueId]);
  if (!progress) return null;
  const handled = progress.accepted + progress.failed;
  const text = t('issues.progress', {
    handled,
    total: progress.total,
    failed: progress.failed,
    deferred: progress.deferred,
  });
  if (compact) return <span className="hint"> {text}</span>;
  return (
    <div className="progress" data-testid="send-progress">
      <progress
        max={Math.max(progress.total, 1)}
        value={progress.status === 'done' ? Math.max(progress.total, 1) : handled}
        aria-label={t('issues.progressLabel')}
      />
      <p role="status">
        {progress.status === 'done' ? t('issues.done', { handled, total: progress.total }) : text}
      </p>
    </div>
  );
}
