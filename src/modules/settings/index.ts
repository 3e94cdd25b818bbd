// The settings module's public surface: the publication's own settings (name, descriptions,
// accent colour, logo, time zone, languages), read by every page and changed through the Admin API.
export {
  createSiteSettings,
  isTimeZone,
  otherInterfaceLanguages,
  siteSettingsSchema,
  siteSettingsUpdateSchema,
  type SiteSettings,
  type SiteSettingsDefaults,
  type SiteSettingsStore,
} from './site-settings.ts';
