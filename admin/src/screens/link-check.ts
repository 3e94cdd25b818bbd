import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.ts';

export interface LinkInfo {
  purpose: 'invite' | 'reset' | 'first-owner';
  email?: string;
}

/** What a setup, invite or reset link is for, checked before its form is shown. */
export function useLinkCheck(api: ApiClient, token: string | null) {
  const [info, setInfo] = useState<LinkInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    if (!token) return;
    api.get<LinkInfo>(`/auth/links/${encodeURIComponent(token)}`).then(
      (i) => live && setInfo(i),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, token]);
  return { info, error };
}
