// Fetching URLs chosen by others (an image in a pasted article) without reaching our own
// network: see safe-fetch.ts.
export {
  createSafeFetch,
  type FetchedFile,
  type FetchRefusal,
  type ResolveHost,
  type SafeFetch,
  type SafeFetchOptions,
  type SafeFetchRequest,
  type SafeFetchResult,
} from './safe-fetch.ts';
export { isPrivateAddress, refusedAddresses } from './private-address.ts';
