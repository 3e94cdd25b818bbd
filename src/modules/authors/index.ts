// The authors module's public surface: what the container, the articles module and the Admin API use.
export { createAuthorService, toAuthor, type AuthorService } from './author-service.ts';
export {
  authorCreateSchema,
  authorJsonSchema,
  authorUpdateSchema,
  presentAuthor,
  type Author,
  type AuthorJson,
  type AuthorTranslation,
} from './author.types.ts';
export { canonicalFingerprint, fingerprintGroups, signalUsernameProblem } from './author-contact.ts';
