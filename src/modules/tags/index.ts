// The tags module's public surface: what the container, the articles and site modules and the Admin API use.
export { createTagService, toTag, type TagService } from './tag-service.ts';
export {
  presentTag,
  tagCreateSchema,
  tagJsonSchema,
  tagUpdateSchema,
  type Tag,
  type TagJson,
  type TagTranslation,
} from './tag.types.ts';
