/**
 * Numbers the way the reader's language writes them: "23 %", "18–28 %", "+5 procentenheter" in
 * Swedish (sv-SE: non-breaking space before %, − for minus), "23%", "+5 percentage points" in English.
 * Shares are proportions 0..1 from the API; everything shown is rounded to whole percent.
 */
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, INTL_LOCALE, isLanguage } from '../../i18n/index.js';
import type { Comparison } from './followup-api.js';

export function useNumbers() {
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  const locale = INTL_LOCALE[lng];
  const pctFmt = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const count = new Intl.NumberFormat(locale);
  const p = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
  const pct = (share: number) => pctFmt.format(share);
  return {
    locale,
    /** "23 %" */
    pct,
    /** "18–28 %" (the unit once, after the range). */
    range(low: number, high: number): string {
      return t('followup.numbers.range', {
        low: whole.format(Math.round(low * 100)),
        high: whole.format(Math.round(high * 100)),
      });
    },
    /** "1 234" */
    count: (n: number) => count.format(n),
    /** A difference in percentage points with its CI: "+5 procentenheter (1 till 9)". */
    points(c: Comparison): string {
      if (c.difference === null || c.low === null || c.high === null) return '';
      return t('followup.numbers.points', {
        value: signed.format(c.difference * 100),
        low: signed.format(c.low * 100),
        high: signed.format(c.high * 100),
      });
    },
    /** Just "+5" (for compact tables). */
    signedPoints: (d: number) => signed.format(d * 100),
    /** p-values for a table cell: "0,003", "< 0,001". */
    pValue(v: number): string {
      return v < 0.001 ? `< ${p.format(0.001)}` : p.format(v);
    },
    /** p-values in a sentence: "p = 0,003", "p < 0,001". */
    pExpr(v: number): string {
      return v < 0.001 ? `p < ${p.format(0.001)}` : `p = ${p.format(v)}`;
    },
  };
}
