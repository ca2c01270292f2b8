import { useFormat } from '../i18n.js';

/** Dates as the rest of the app shows them, plus a time of day in Swedish time (for break-glass). */
export function usePrivacyFormat() {
  const f = useFormat();
  const fmt = new Intl.DateTimeFormat(f.locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });
  return { ...f, dateTime: (iso: string) => fmt.format(new Date(iso)) };
}
