/**
 * Finds things in free text that look like direct identifiers, for places where personal data must
 * not be written at all (anonymous consultation, konsultationsteam). Deliberately broad: a false
 * alarm costs the writer a rewording, a miss puts a child's identity into an anonymous record.
 *
 * - personnummer / samordningsnummer: 10 or 12 digits, with or without a separator ("-", "+" or a
 *   space) before the last four. No Luhn check: a mistyped number identifies a child just as well.
 * - e-mail addresses: something@something.tld
 * - telephone numbers: starting with + or 0, then at least 7 more digits, possibly grouped with
 *   spaces, hyphens, slashes or parentheses (Swedish numbers have 8–10 digits after the 0).
 *
 * Only the KINDS found are returned, never the matched text: the caller must not echo it (an error
 * body, a log line or an audit row would otherwise carry the very data being kept out).
 * No I/O and no dependencies: the server enforces it and the web UI can warn with the same rules.
 */
export const PERSONAL_DATA_KINDS = ['personnummer', 'email', 'phone'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

// Digits not preceded or followed by another digit (so 13+ digit runs do not half-match).
const PERSONNUMMER = /(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)/;
const EMAIL = /[^\s@<>()[\]{},;:"']+@[^\s@<>()[\]{},;:"']+\.[a-z]{2,}/i;
// A run that starts with + or a 0 not preceded by a digit, made of digits and grouping characters.
const PHONE_CANDIDATE = /(?:\+|(?<![\d])0)[\d\s\-/()]{6,}\d/g;

function looksLikePhone(text: string): boolean {
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const digits = m[0].replace(/\D/g, '');
    // +46 70 123 45 67 → 11 digits; 0470-123 45 → 9 digits. Fewer than 8 is not a phone number.
    if (digits.length >= 8 && digits.length <= 15) return true;
  }
  return false;
}

/** The kinds of identifiers that appear in `text`, in a fixed order; [] when none. */
export function findPersonalData(text: string | null | undefined): PersonalDataKind[] {
  if (!text) return [];
  // Non-breaking and other unusual spaces are written by word processors; treat them as spaces.
  const s = text
    .normalize('NFKC')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
  const found: PersonalDataKind[] = [];
  if (PERSONNUMMER.test(s)) found.push('personnummer');
  if (EMAIL.test(s)) found.push('email');
  // A personnummer with a separator is also a digit run; only report a phone number beside it
  // when one remains once the personnummer-like runs are taken out.
  if (looksLikePhone(s.replace(new RegExp(PERSONNUMMER.source, 'g'), ' '))) found.push('phone');
  return found;
}
