/**
 * The shared text catalogs (Swedish first, English second). Plain JSON with i18next syntax
 * ({{name}} interpolation, _one/_other plural suffixes) so that the web UI and, later, the server
 * (e-mails, PDFs, audit extracts rendered in the reader's language) use the same words.
 */
import svCore from './sv.json' with { type: 'json' };
import enCore from './en.json' with { type: 'json' };
// Feature parts: one pair of files per feature area, so parallel work does not collide in one file.
// Each part uses its own top-level keys; the parity test checks that no two parts share one.
import svMeetings from './parts/meetings.sv.json' with { type: 'json' };
import enMeetings from './parts/meetings.en.json' with { type: 'json' };
import svPrint from './parts/print.sv.json' with { type: 'json' };
import enPrint from './parts/print.en.json' with { type: 'json' };
import svFollowup from './parts/followup.sv.json' with { type: 'json' };
import enFollowup from './parts/followup.en.json' with { type: 'json' };
import svPrivacy from './parts/privacy.sv.json' with { type: 'json' };
import enPrivacy from './parts/privacy.en.json' with { type: 'json' };
import svReports from './parts/reports.sv.json' with { type: 'json' };
import enReports from './parts/reports.en.json' with { type: 'json' };
import svReporting from './parts/reporting.sv.json' with { type: 'json' };
import enReporting from './parts/reporting.en.json' with { type: 'json' };
import svFamily from './parts/family.sv.json' with { type: 'json' };
import enFamily from './parts/family.en.json' with { type: 'json' };

/** Every catalog part, in the same order for both languages. */
export const CATALOG_PARTS = [
  { name: 'core', sv: svCore, en: enCore },
  { name: 'meetings', sv: svMeetings, en: enMeetings },
  { name: 'print', sv: svPrint, en: enPrint },
  { name: 'followup', sv: svFollowup, en: enFollowup },
  { name: 'privacy', sv: svPrivacy, en: enPrivacy },
  { name: 'reports', sv: svReports, en: enReports },
  { name: 'reporting', sv: svReporting, en: enReporting },
  { name: 'family', sv: svFamily, en: enFamily },
] as const;

const sv = {
  ...svCore,
  ...svMeetings,
  ...svPrint,
  ...svFollowup,
  ...svPrivacy,
  ...svReports,
  ...svReporting,
  ...svFamily,
};
const en = {
  ...enCore,
  ...enMeetings,
  ...enPrint,
  ...enFollowup,
  ...enPrivacy,
  ...enReports,
  ...enReporting,
  ...enFamily,
};

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'sv';

/** The locale used for dates and numbers in each UI language. */
export const INTL_LOCALE: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

export type Catalog = typeof sv;

export const resources = {
  sv: { translation: sv },
  en: { translation: en satisfies Catalog },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
