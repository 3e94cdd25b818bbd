// The settings module's public surface: the publication's own settings (name, descriptions,
// accent colour, logo), read by every page and changed through the Admin API.
export {
  createSiteSettings,
  siteSettingsSchema,
  siteSettingsUpdateSchema,
  type SiteSettings,
  type SiteSettingsStore,
} from './site-settings.ts';
