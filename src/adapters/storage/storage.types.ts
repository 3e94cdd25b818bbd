// The one seam between Samizdat and wherever media bytes live. Local disk is the default;
// an S3-compatible store can implement the same four methods.

export interface StoredObject {
  bytes: Buffer;
  contentType: string;
}

export interface StoredObjectInfo {
  size: number;
  contentType: string;
  /** A quoted, strong HTTP entity tag that changes whenever the stored bytes change. */
  etag: string;
}

export interface MediaStorage {
  /**
   * Stores `bytes` under `key`, replacing any previous object whole: a reader sees the old
   * bytes or the new ones, never a mix. Throws InvalidStorageKeyError for a key that could
   * escape the store (see storage-key.ts).
   */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object, or undefined when nothing is stored under `key` (or `key` is not a valid key). */
  get(key: string): Promise<StoredObject | undefined>;
  /** Size, type and entity tag without reading the bytes (for HEAD and conditional GET). */
  stat(key: string): Promise<StoredObjectInfo | undefined>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
}
