// The public interface's languages: message catalogues, dates and time zones.
export {
  catalogueLanguage,
  interfaceLanguages,
  isMessageKey,
  messagesFor,
  translate,
  FALLBACK_LANGUAGE,
  type MessageKey,
  type Messages,
  type MessageVars,
} from './catalogue.ts';
export { joinList, listSeparators } from './list-format.ts';
export { quoteHtml, quoteText } from './typographic-quotes.ts';
export { formatDate, formatDateTime, formatMonth, languageName, textDirection } from './format-date.ts';
export { isoInTimeZone, offsetMinutes, startOfMonth, zonedYearMonth, zoneLabel } from './time-zone.ts';
