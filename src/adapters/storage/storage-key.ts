// Storage keys are relative, slash-separated paths such as "2026/11/<uuid>/w800.webp". The
// rules are deliberately narrower than any file system's so that a key can never name
// something outside the store: no "..", no absolute paths, no backslashes or NUL, no hidden
// files (a leading dot is reserved for the local store's temporary files).

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 512;
const MAX_SEGMENTS = 16;

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`invalid storage key ${JSON.stringify(key.slice(0, 100))}`);
    this.name = 'InvalidStorageKeyError';
  }
}

export function isValidStorageKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  const segments = key.split('/');
  if (segments.length > MAX_SEGMENTS) return false;
  return segments.every((segment) => SEGMENT.test(segment) && !/\.\./.test(segment));
}

export function assertValidStorageKey(key: unknown): asserts key is string {
  if (!isValidStorageKey(key)) throw new InvalidStorageKeyError(String(key));
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  pdf: 'application/pdf',
};

/** The content type a key's extension implies; application/octet-stream for anything else. */
export function contentTypeForKey(key: string): string {
  const dot = key.lastIndexOf('.');
  const slash = key.lastIndexOf('/');
  if (dot <= slash + 1) return 'application/octet-stream';
  return CONTENT_TYPES[key.slice(dot + 1).toLowerCase()] ?? 'application/octet-stream';
}

/** "image/jpeg" and "IMAGE/JPEG ; q=1" compare equal; charset parameters are kept for text. */
export function sameContentType(a: string, b: string): boolean {
  const essence = (type: string) => type.split(';')[0]!.trim().toLowerCase();
  return essence(a) === essence(b);
}
