/**
 * Days and timestamps as people in Sweden read them, whatever the device's time zone: "today" is
 * today in Sweden, and timestamps from the API (ISO 8601, UTC) show in Swedish time.
 */
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, INTL_LOCALE, isLanguage } from '../../i18n/index.js';

// Constructing Intl formatters is expensive: one per locale, reused.
const SWEDISH_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const DATE_TIME = new Map<string, Intl.DateTimeFormat>();

export function swedishToday(): string {
  return SWEDISH_DAY.format(new Date());
}

export { daysBetween } from '../../core/calendar.js';

/**
 * The Swedish calendar day of a timestamp (for `useFormat().date`), or its date and time in the UI
 * language, in Swedish time.
 */
export function useTimestamp() {
  const { i18n } = useTranslation();
  const locale = INTL_LOCALE[isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE];
  let fmt = DATE_TIME.get(locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Stockholm', dateStyle: 'long', timeStyle: 'short' });
    DATE_TIME.set(locale, fmt);
  }
  const dateTime = fmt;
  return {
    day: (iso: string) => SWEDISH_DAY.format(new Date(iso)),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
  };
}
