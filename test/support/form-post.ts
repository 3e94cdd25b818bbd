/** A form POST as a browser without JavaScript sends it; redirects are returned, not followed. */
export function form(fields: Record<string, string> | Array<[string, string]>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  };
}
