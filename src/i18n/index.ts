/**
 * The shared text catalogs (Swedish first, English second). Plain JSON with i18next syntax
 * ({{name}} interpolation, _one/_other plural suffixes) so that the web UI and, later, the server
 * (e-mails, PDFs, audit extracts rendered in the reader's language) use the same words.
 */
import sv from './sv.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

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
