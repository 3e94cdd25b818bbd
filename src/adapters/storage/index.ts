export type { MediaStorage, StoredObject, StoredObjectInfo } from './storage.types.ts';
export { LocalDiskStorage } from './local-disk-storage.ts';
export {
  assertValidStorageKey,
  contentTypeForKey,
  InvalidStorageKeyError,
  isValidStorageKey,
} from './storage-key.ts';
