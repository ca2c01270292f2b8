/** The indicator form's values: empty, from a saved indicator, checked, and as the body the server takes. */
import type { TFunction } from 'i18next';
import type { Errors } from '../components/form/index.js';
import type { Indicator, IndicatorInput } from './api.js';

export const WHEEL = [
  'safe',
  'healthy',
  'achieving',
  'nurtured',
  'active',
  'respected',
  'responsible',
  'included',
] as const;
export interface FormState {
  key: string;
  labelSv: string;
  labelEn: string;
  wheel: (typeof WHEEL)[number];
  polarity: 'higher_is_better' | 'lower_is_better';
  items: string[];
  atLeast: string;
  positive: string;
  dontKnow: 'exclude' | 'negative';
  universeItem: string;
  universeCodes: string;
  grades: string[];
  kolada: Record<string, string>;
  goal: boolean;
  enabled: boolean;
}

export const EMPTY: FormState = {
  key: '',
  labelSv: '',
  labelEn: '',
  wheel: 'safe',
  polarity: 'higher_is_better',
  items: [],
  atLeast: '1',
  positive: '',
  dontKnow: 'exclude',
  universeItem: '',
  universeCodes: '',
  grades: [],
  kolada: {},
  goal: false,
  enabled: true,
};

export function fromIndicator(i: Indicator): FormState {
  return {
    key: i.key,
    labelSv: i.labelSv,
    labelEn: i.labelEn,
    wheel: i.wheel,
    polarity: i.polarity,
    items: i.items,
    atLeast: String(i.atLeast),
    positive: i.positive.join(', '),
    dontKnow: i.dontKnow,
    universeItem: i.universe?.item ?? '',
    universeCodes: i.universe?.codes.join(', ') ?? '',
    grades: i.grades ?? [],
    kolada: { ...i.koladaKpis },
    goal: i.goal,
    enabled: i.enabled,
  };
}

const codes = (s: string) =>
  s
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);

export type SetField = <K extends keyof FormState>(k: K, v: FormState[K]) => void;

/** The form's own checks, before anything is sent (the key only for a new indicator). */
export function checkIndicator(t: TFunction, f: FormState, isNew: boolean): Errors {
  const p: Errors = {};
  if (isNew && !/^[a-z][a-z0-9_]*$/.test(f.key)) p.key = t('followupAdmin.indicatorForm.keyInvalid');
  if (!f.labelSv.trim()) p.labelSv = t('followupAdmin.indicatorForm.required');
  if (!f.labelEn.trim()) p.labelEn = t('followupAdmin.indicatorForm.required');
  if (f.items.length === 0) p.items = t('followupAdmin.indicatorForm.itemsRequired');
  if (!/^\d+([,\s]+\d+)*$/.test(f.positive.trim())) p.positive = t('followupAdmin.indicatorForm.codesInvalid');
  if (f.universeItem && !/^\d+([,\s]+\d+)*$/.test(f.universeCodes.trim()))
    p.universeCodes = t('followupAdmin.indicatorForm.codesInvalid');
  if (!/^\d+$/.test(f.atLeast) || Number(f.atLeast) < 1) p.atLeast = t('followupAdmin.indicatorForm.atLeastInvalid');
  for (const [g, v] of Object.entries(f.kolada))
    if (v.trim() && !/^[A-Z][0-9]{5}$/.test(v.trim())) p[`kolada-${g}`] = t('followupAdmin.indicatorForm.kpiInvalid');
  return p;
}

export function toBody(f: FormState): IndicatorInput {
  return {
    key: f.key,
    labelSv: f.labelSv.trim(),
    labelEn: f.labelEn.trim(),
    wheel: f.wheel,
    polarity: f.polarity,
    items: f.items,
    atLeast: Number(f.atLeast),
    positive: codes(f.positive),
    dontKnow: f.dontKnow,
    universe: f.universeItem ? { item: f.universeItem, codes: codes(f.universeCodes) } : null,
    grades: f.grades.length > 0 ? f.grades : null,
    koladaKpis: Object.fromEntries(
      Object.entries(f.kolada)
        .filter(([, v]) => v.trim())
        .map(([g, v]) => [g, v.trim()]),
    ),
    goal: f.goal,
    enabled: f.enabled,
  };
}
