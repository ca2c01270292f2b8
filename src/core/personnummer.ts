/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).
 *
 * Canonical form is 12 digits without separator (YYYYMMDDNNNC). Input may be 10 or 12 digits,
 * with "-" or "+" (the "+" means the person is 100 or older when the century is implicit).
 * A samordningsnummer has 60 added to the day of birth. The last digit is a Luhn check digit over
 * the 10-digit form.
 */
export type IdentityNumberKind = 'personnummer' | 'samordningsnummer';

export interface ParsedIdentityNumber {
  /** 12 digits, no separator. */
  normalized: string;
  kind: IdentityNumberKind;
  birthDate: string; // YYYY-MM-DD
  /** Legal gender as encoded in the second-last digit (odd = male, even = female). */
  legalGender: 'female' | 'male';
}

export class InvalidIdentityNumberError extends Error {
  constructor(public readonly reason: 'format' | 'date' | 'checksum') {
    super(`invalid identity number (${reason})`);
  }
}

export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = nineDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= dim;
}

/**
 * Parses and validates; throws InvalidIdentityNumberError. `today` decides the century of
 * 10-digit input (a person is assumed to be younger than 100 unless "+" is used).
 */
export function parseIdentityNumber(input: string, today: Date): ParsedIdentityNumber {
  const trimmed = input.trim().replace(/\s+/g, '');
  const m = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/.exec(trimmed);
  if (!m) throw new InvalidIdentityNumberError('format');
  const [, centuryPart, yymmdd, sep, last4] = m as unknown as [string, string | undefined, string, string, string];
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const rawDay = Number(yymmdd.slice(4, 6));
  let year: number;
  if (centuryPart !== undefined) {
    if (sep === '+') throw new InvalidIdentityNumberError('format');
    year = Number(centuryPart) * 100 + yy;
  } else {
    const thisYear = today.getUTCFullYear();
    year = Math.floor(thisYear / 100) * 100 + yy;
    if (year > thisYear) year -= 100;
    if (sep === '+') year -= 100;
  }
  const kind: IdentityNumberKind = rawDay > 60 ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? rawDay - 60 : rawDay;
  if (!isValidDate(year, month, day)) throw new InvalidIdentityNumberError('date');
  const ten = yymmdd + last4;
  if (luhnCheckDigit(ten.slice(0, 9)) !== Number(ten[9])) throw new InvalidIdentityNumberError('checksum');
  const normalized = String(year).padStart(4, '0') + yymmdd.slice(2) + last4;
  const birthDate = `${String(year).padStart(4, '0')}-${yymmdd.slice(2, 4)}-${String(day).padStart(2, '0')}`;
  const genderDigit = Number(last4[2]);
  return { normalized, kind, birthDate, legalGender: genderDigit % 2 === 1 ? 'male' : 'female' };
}

/** A twelve-digit number writes out its century, so reading it needs no "today". */
export function isValidTwelveDigitIdentityNumber(input: string): boolean {
  return /^\d{12}$/.test(input) && isValidIdentityNumber(input, CENTURY_WRITTEN_OUT);
}
// Any day will do: parseIdentityNumber reads `today` only for ten-digit input.
const CENTURY_WRITTEN_OUT = new Date(Date.UTC(2000, 0, 1));

/** Valid as written; `today` decides the century of a ten-digit number. */
export function isValidIdentityNumber(input: string, today: Date): boolean {
  try {
    parseIdentityNumber(input, today);
    return true;
  } catch {
    return false;
  }
}

/** Builds a valid 12-digit number from date and a 3-digit serial (check digit computed). */
export function buildIdentityNumber(
  birthDate: string,
  serial: number,
  kind: IdentityNumberKind = 'personnummer',
): string {
  const [y, mo, d] = birthDate.split('-') as [string, string, string];
  const day = kind === 'samordningsnummer' ? Number(d) + 60 : Number(d);
  const nine = y.slice(2) + mo + String(day).padStart(2, '0') + String(serial).padStart(3, '0');
  return y + mo + String(day).padStart(2, '0') + String(serial).padStart(3, '0') + luhnCheckDigit(nine);
}

/** Display form YYYYMMDD-NNNN; only for screens that are allowed to show it. */
export function formatIdentityNumber(normalized: string): string {
  return `${normalized.slice(0, 8)}-${normalized.slice(8)}`;
}
