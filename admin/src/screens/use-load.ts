import { useCallback, useEffect, useState } from 'react';

/** Load something once (and again on reload()), with its error. */
export function useLoad<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => {
        if (live) {
          setData(d);
          setError(null);
        }
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [load, n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { data, error, reload, setError };
}
