import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiFailure, type AdminArticle, type Requester } from './admin-types.ts';
import { draftOf, saveBody, type ArticleDraft } from './article-draft.ts';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'failed' | 'conflict';

/** How long after the last keystroke a draft saves itself. */
export const AUTOSAVE_DELAY_MS = 1200;

export interface SaverOptions {
  api: Requester;
  article: AdminArticle | null;
  initialDraft: ArticleDraft;
  /** Drafts save themselves; a live article saves only when asked. */
  autosave: boolean;
  onSaved(article: AdminArticle): void;
  onConflict(theirs: AdminArticle, mine: ArticleDraft): void;
  needTitleMessage: string;
}

/**
 * Saving an article: debounced autosave of drafts, one save in flight at a time (a change made
 * during a save is saved right after it), the version sent with every save so a concurrent save
 * by someone else answers 409 and becomes a conflict instead of being overwritten.
 */
export function useArticleSaver(options: SaverOptions) {
  const opts = useRef(options);
  opts.current = options;
  const draft = useRef(options.initialDraft);
  const savedJson = useRef(JSON.stringify(options.initialDraft));
  const id = useRef(options.article?.id ?? null);
  const version = useRef(options.article?.version ?? 0);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState('');
  const [lastRoundTripMs, setLastRoundTripMs] = useState<number | null>(null);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const run = useCallback(async (manual: boolean): Promise<void> => {
    clearTimer();
    const snapshot = draft.current;
    const json = JSON.stringify(snapshot);
    if (id.current && json === savedJson.current) {
      setState('saved');
      return;
    }
    if (snapshot.title.trim() === '') {
      // An autosave waits for a headline; a save the person asked for says what is missing.
      if (!manual) return setState('dirty');
      setState('failed');
      setError(opts.current.needTitleMessage);
      return;
    }
    setState('saving');
    setError('');
    const started = performance.now();
    try {
      const { api } = opts.current;
      const answer = id.current
        ? await api.patch<{ article: AdminArticle }>(`/articles/${encodeURIComponent(id.current)}`, {
            version: version.current,
            ...saveBody(snapshot, JSON.parse(savedJson.current) as ArticleDraft),
          })
        : await api.post<{ article: AdminArticle }>('/articles', saveBody(snapshot));
      setLastRoundTripMs(Math.round(performance.now() - started));
      id.current = answer.article.id;
      version.current = answer.article.version;
      // What we sent is what is saved; translation links are sent once, not on every save.
      const sent: ArticleDraft = { ...snapshot };
      delete sent.translation_of;
      if (draft.current === snapshot) draft.current = sent;
      savedJson.current = JSON.stringify(sent);
      opts.current.onSaved(answer.article);
      if (JSON.stringify(draft.current) !== savedJson.current) {
        setState('dirty');
        again.current = true;
      } else setState('saved');
    } catch (err) {
      const failure = asApiFailure(err);
      if (failure.status === 409 && id.current) {
        setState('conflict');
        const theirs = await opts.current.api.get<{ article: AdminArticle }>(
          `/articles/${encodeURIComponent(id.current)}`,
        );
        opts.current.onConflict(theirs.article, snapshot);
      } else {
        setState('failed');
        setError(failure.message);
      }
    }
  }, []);

  const save = useCallback(
    (manual = false): Promise<void> => {
      if (inFlight.current) {
        again.current = true;
        return inFlight.current;
      }
      const p = run(manual).finally(() => {
        inFlight.current = null;
        if (again.current) {
          again.current = false;
          if (opts.current.autosave && JSON.stringify(draft.current) !== savedJson.current) void save();
        }
      });
      inFlight.current = p;
      return p;
    },
    [run],
  );

  const change = useCallback(
    (next: ArticleDraft) => {
      draft.current = next;
      if (JSON.stringify(next) === savedJson.current) return setState('saved');
      setState((s) => (s === 'conflict' ? s : 'dirty'));
      clearTimer();
      if (opts.current.autosave) timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    },
    [save],
  );

  /** After a conflict: continue from the server's version with the draft the person chose. */
  const resolve = useCallback(
    (chosen: ArticleDraft, theirs: AdminArticle, needsSave: boolean) => {
      version.current = theirs.version;
      draft.current = chosen;
      // What is on the server now is theirs: the next save sends every field where the chosen
      // draft differs from it, so the article ends up exactly as chosen.
      savedJson.current = JSON.stringify(draftOf(theirs));
      if (!needsSave) {
        savedJson.current = JSON.stringify(chosen);
        setState('saved');
        return Promise.resolve();
      }
      setState('dirty');
      return save(true);
    },
    [save],
  );

  /** The article changed on the server by our own hand (publish, restore): take its version. */
  const adopt = useCallback((article: AdminArticle, asDraft?: ArticleDraft) => {
    version.current = article.version;
    id.current = article.id;
    if (asDraft) {
      draft.current = asDraft;
      savedJson.current = JSON.stringify(asDraft);
      setState('saved');
    }
  }, []);

  useEffect(() => clearTimer, []);
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (JSON.stringify(draft.current) !== savedJson.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  return {
    state,
    error,
    lastRoundTripMs,
    change,
    save,
    resolve,
    adopt,
    current: () => draft.current,
    isDirty: () => JSON.stringify(draft.current) !== savedJson.current,
  };
}
