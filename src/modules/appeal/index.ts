// The reader-revenue appeal: its settings, the browser rules and script, anonymous counts per
// variant with a significance readout, and "email me a reminder". The money (currencies,
// amounts, rails, checkout) is the donations module's: it comes in as `moneyRules`.
export {
  createAppeal,
  APPEAL_EVENTS,
  type AppealDeps,
  type AppealEvent,
  type AppealService,
  type AppealStats,
  type VariantStats,
} from './appeal-service.ts';
export {
  appealSettingsSchema,
  appealSettingsUpdateSchema,
  defaultMoneyRules,
  DEFAULT_APPEAL_SETTINGS,
  FREQUENCIES,
  type AppealMoneyRules,
  type AppealSettings,
  type AppealVariant,
  type Frequency,
} from './appeal-settings.ts';
export { appealView, CHECKOUT_URL, EVENTS_URL, REMINDER_URL, type AppealView } from './appeal-view.ts';
export { appealScript } from './appeal-script-bundle.ts';
export { appealJobs, forgetReminders, REMINDER_TASK } from './appeal-reminders.ts';
export { EventThrottle, appealEventSchema } from './appeal-events.ts';
export { compareVariants, type Comparison } from './significance.ts';
