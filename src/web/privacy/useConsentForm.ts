/** The consent form's values, its checks before sending, and sending it. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type Errors, useFormState } from '../components/form/index.js';
import { navigate } from '../router.js';
import {
  CONSENT_METHODS,
  type ConsentMethod,
  DATA_CATEGORIES,
  type DataCategory,
  type PrivacyView,
  privacyApi,
  SECRECY_DOMAINS,
  type SecrecyDomain,
} from './api.js';
import { privacyPaths } from './paths.js';

export const P = 'consent-form';
export type Position = 'consents' | 'declines' | 'not_asked' | '';

export interface ConsentValues {
  purpose: string;
  units: string[];
  domains: SecrecyDomain[];
  categories: DataCategory[];
  validTo: string;
  method: ConsentMethod | '';
  methodNote: string;
  /** Each custodial guardian's answer, by guardian id. */
  positions: Record<string, Position>;
  /** Why a guardian was not asked, by guardian id. */
  reasons: Record<string, string>;
  childAsked: boolean;
  childPosition: 'consents' | 'declines' | '';
  maturity: string;
  childDecides: boolean;
}

export type SetConsent = <K extends keyof ConsentValues>(k: K, value: ConsentValues[K]) => void;

export function addDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

/** Where the error summary sends focus for each field. */
export function consentFieldId(fld: string): string {
  if (fld.startsWith('guardian-')) return `${P}-${fld}-consents`;
  if (fld.startsWith('reason-')) return `${P}-${fld}`;
  if (fld === 'units') return `${P}-unit-0`;
  if (fld === 'domains') return `${P}-domain-${SECRECY_DOMAINS[0]}`;
  if (fld === 'categories') return `${P}-category-${DATA_CATEGORIES[0]}`;
  if (fld === 'method') return `${P}-method-${CONSENT_METHODS[0]}`;
  if (fld === 'childPosition') return `${P}-child-consents`;
  return `${P}-${fld}`;
}

function useValidate(v: ConsentValues, custodial: PrivacyView['options']['guardians']) {
  const { t } = useTranslation();
  return (): Errors => {
    const e: Errors = {};
    if (!v.purpose.trim()) e.purpose = t('consent.purposeRequired');
    if (v.units.length === 0) e.units = t('consent.unitsRequired');
    if (v.domains.length === 0) e.domains = t('consent.domainsRequired');
    if (v.categories.length === 0) e.categories = t('consent.categoriesRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.validTo) || v.validTo < addDays(0)) e.validTo = t('consent.validToInvalid');
    if (!v.method) e.method = t('consent.methodRequired');
    if (!(v.childAsked && v.childDecides)) {
      for (const g of custodial) {
        if (!v.positions[g.id]) e[`guardian-${g.id}`] = t('consent.positionRequired', { name: g.name });
        else if (v.positions[g.id] === 'not_asked' && !v.reasons[g.id]?.trim())
          e[`reason-${g.id}`] = t('consent.reasonRequired', { name: g.name });
      }
    }
    if (v.childAsked) {
      if (!v.childPosition) e.childPosition = t('consent.childPositionRequired');
      if (!v.maturity.trim()) e.maturity = t('consent.maturityRequired');
    }
    return e;
  };
}

/** The parties' answers as the API takes them: the guardians who answered, then the child if asked. */
function parties(v: ConsentValues, custodial: PrivacyView['options']['guardians']) {
  return [
    ...custodial
      .filter((g) => v.positions[g.id])
      .map((g) => ({
        kind: 'guardian' as const,
        guardianId: g.id,
        position: v.positions[g.id] as 'consents',
        ...(v.positions[g.id] === 'not_asked' ? { notAskedReason: v.reasons[g.id] } : {}),
      })),
    ...(v.childAsked
      ? [
          {
            kind: 'child' as const,
            position: v.childPosition as 'consents',
            maturityJudgement: v.maturity,
            childDecides: v.childDecides,
          },
        ]
      : []),
  ];
}

export function useConsentForm(view: PrivacyView) {
  const { t } = useTranslation();
  const custodial = view.options.guardians.filter((g) => g.hasCustody);
  const [values, setValues] = useState<ConsentValues>(() => ({
    purpose: '',
    units: [],
    domains: view.myDomain ? [view.myDomain] : [],
    categories: ['concern', 'chronology', 'wheel', 'plan'],
    validTo: addDays(365),
    method: '',
    methodNote: '',
    positions: {},
    reasons: {},
    childAsked: false,
    childPosition: '',
    maturity: '',
    childDecides: false,
  }));
  const set: SetConsent = (k, value) => setValues((old) => ({ ...old, [k]: value }));
  const form = useFormState();
  const validate = useValidate(values, custodial);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.begin(validate())) return;
    const v = values;
    try {
      await privacyApi.createConsent(view.childId, {
        purpose: v.purpose,
        recipientUnitIds: v.units,
        sourceDomains: v.domains,
        dataCategories: v.categories,
        method: v.method as ConsentMethod,
        ...(v.methodNote.trim() ? { methodNote: v.methodNote } : {}),
        validTo: v.validTo,
        parties: parties(v, custodial),
      });
      navigate(privacyPaths.child(view.childId));
    } catch (caught) {
      form.setBusy(false);
      const err = asApiError(caught);
      const missing = err.body?.details?.missingGuardians;
      if (Array.isArray(missing) && missing.length > 0) {
        return form.showErrors(
          Object.fromEntries(
            custodial
              .filter((g) => missing.includes(g.id))
              .map((g) => [`guardian-${g.id}`, t('consent.positionRequired', { name: g.name })]),
          ),
        );
      }
      form.setFailure(err);
    }
  }

  return { values, set, form, custodial, submit };
}
