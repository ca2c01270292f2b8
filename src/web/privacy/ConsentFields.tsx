/** The consent form's parts: what is shared and with whom, the parties' answers, how it was given, the summary. */
import { useTranslation } from 'react-i18next';
import {
  CheckboxField,
  CheckboxGroup,
  DateField,
  describedBy,
  type Errors,
  FieldError,
  Fieldset,
  RadioField,
  TextAreaField,
  TextField,
} from '../components/form/index.js';
import { useFormat } from '../i18n.js';
import { CONSENT_METHODS, type PrivacyView, SECRECY_DOMAINS } from './api.js';
import { CategoriesField } from './fields.js';
import { type ConsentValues, P, type Position, type SetConsent } from './useConsentForm.js';

interface PartProps {
  values: ConsentValues;
  set: SetConsent;
  errors: Errors;
}

const err = (fld: string) => `${P}-${fld}-error`;
const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

/** What may be shared, from which services, with whom and until when. */
export function ScopeFields({ view, values: v, set, errors }: PartProps & { view: PrivacyView }) {
  const { t } = useTranslation();
  return (
    <>
      <TextAreaField
        id={`${P}-purpose`}
        label={t('consent.purpose')}
        help={t('consent.purposeHelp')}
        error={errors.purpose}
        value={v.purpose}
        onChange={(x) => set('purpose', x)}
      />
      <CategoriesField
        prefix={P}
        values={v.categories}
        onChange={(x) => set('categories', x)}
        error={errors.categories}
      />
      <CheckboxGroup
        id={`${P}-domains`}
        legend={t('consent.domainsLegend')}
        help={t('consent.domainsHelp')}
        error={errors.domains}
        options={SECRECY_DOMAINS.map((d) => ({ value: d, label: t(`privacy.domain.${d}`) }))}
        values={v.domains}
        onChange={(x) => set('domains', x)}
        optionId={(d) => `${P}-domain-${d}`}
        inTickedOrder
      />
      <Fieldset id={`${P}-units`} legend={t('consent.unitsLegend')} help={t('consent.unitsHelp')} error={errors.units}>
        {view.options.units.length === 0 ? <p>{t('consent.noUnits')}</p> : null}
        <ul className="checkbox-grid">
          {view.options.units.map((u, i) => (
            <li key={u.id} className="checkbox">
              <input
                id={`${P}-unit-${i}`}
                type="checkbox"
                checked={v.units.includes(u.id)}
                onChange={() => set('units', toggle(v.units, u.id))}
              />
              <label htmlFor={`${P}-unit-${i}`}>
                {u.name}
                {u.secrecyDomain ? (
                  <span className="block small muted">{t(`privacy.domain.${u.secrecyDomain}`)}</span>
                ) : null}
              </label>
            </li>
          ))}
        </ul>
      </Fieldset>
      <DateField
        id={`${P}-validTo`}
        inputClassName={null}
        label={t('consent.validTo')}
        help={t('consent.validToHelp')}
        error={errors.validTo}
        value={v.validTo}
        onChange={(x) => set('validTo', x)}
      />
    </>
  );
}

/** Every custodial guardian's answer, and the child's own say with the judgement of their maturity. */
export function PartiesFieldset({
  custodial,
  ...part
}: PartProps & { custodial: PrivacyView['options']['guardians'] }) {
  const { t } = useTranslation();
  const { values: v, set } = part;
  return (
    <fieldset className="fieldset">
      <legend>{t('consent.partiesLegend')}</legend>
      {custodial.length === 0 ? <p>{t('consent.noCustodial')}</p> : null}
      {custodial.map((g) => (
        <GuardianAnswer key={g.id} guardian={g} {...part} />
      ))}
      <CheckboxField
        id={`${P}-childAsked`}
        label={t('consent.childAsked')}
        checked={v.childAsked}
        onChange={(x) => set('childAsked', x)}
      />
      {v.childAsked ? <ChildAnswer {...part} /> : null}
    </fieldset>
  );
}

function GuardianAnswer({
  guardian: g,
  values: v,
  set,
  errors,
}: PartProps & { guardian: PrivacyView['options']['guardians'][number] }) {
  const { t } = useTranslation();
  const key = `guardian-${g.id}`;
  const reasonKey = `reason-${g.id}`;
  return (
    <RadioField
      id={`${P}-${key}`}
      className="subpanel"
      legend={t('consent.guardianAnswer', { name: g.name })}
      error={errors[key]}
      value={v.positions[g.id] ?? ''}
      onChange={(p) => set('positions', { ...v.positions, [g.id]: p as Position })}
      optionId={(p) => `${P}-${key}-${p}`}
      options={(['consents', 'declines', 'not_asked'] as const).map((p) => ({
        value: p,
        label: t(`consent.position.${p}`),
      }))}
    >
      {v.positions[g.id] === 'not_asked' ? (
        <div className={`field${errors[reasonKey] ? ' field-invalid' : ''}`}>
          <label htmlFor={`${P}-${reasonKey}`}>{t('consent.notAskedReason')}</label>
          <FieldError id={err(reasonKey)} message={errors[reasonKey]} />
          <textarea
            id={`${P}-${reasonKey}`}
            rows={2}
            value={v.reasons[g.id] ?? ''}
            onChange={(e) => set('reasons', { ...v.reasons, [g.id]: e.target.value })}
            aria-describedby={describedBy(errors[reasonKey] && err(reasonKey))}
          />
        </div>
      ) : null}
    </RadioField>
  );
}

function ChildAnswer({ values: v, set, errors }: PartProps) {
  const { t } = useTranslation();
  return (
    <div className="subpanel form-stack">
      <RadioField
        id={`${P}-childPosition`}
        name={`${P}-child`}
        legend={t('consent.childAnswer')}
        error={errors.childPosition}
        value={v.childPosition}
        onChange={(p) => set('childPosition', p as 'consents' | 'declines')}
        optionId={(p) => `${P}-child-${p}`}
        listClassName="radio-list radio-inline"
        options={(['consents', 'declines'] as const).map((p) => ({ value: p, label: t(`consent.position.${p}`) }))}
      />
      <TextAreaField
        id={`${P}-maturity`}
        label={t('consent.maturity')}
        help={t('consent.maturityHelp')}
        error={errors.maturity}
        value={v.maturity}
        onChange={(x) => set('maturity', x)}
      />
      <CheckboxField
        id={`${P}-childDecides`}
        label={t('consent.childDecides')}
        help={t('consent.childDecidesHelp')}
        helpClassName="help"
        checked={v.childDecides}
        onChange={(x) => set('childDecides', x)}
      />
    </div>
  );
}

/** How the consent was given (and a note on it). */
export function MethodFieldset({ values: v, set, errors }: PartProps) {
  const { t } = useTranslation();
  return (
    <RadioField
      id={`${P}-method`}
      legend={t('consent.methodLegend')}
      error={errors.method}
      value={v.method}
      onChange={(m) => set('method', m as ConsentValues['method'])}
      optionId={(m) => `${P}-method-${m}`}
      options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`consent.method.${m}`) }))}
    >
      <TextField
        id={`${P}-methodNote`}
        wide={false}
        inputClassName={null}
        label={t('consent.methodNote')}
        value={v.methodNote}
        onChange={(x) => set('methodNote', x)}
      />
    </RadioField>
  );
}

/** The consent in plain words, as the guardian would hear it read out. */
export function ConsentSummary({ view, values: v }: { view: PrivacyView; values: ConsentValues }) {
  const { t } = useTranslation();
  const f = useFormat();
  const unitNames = view.options.units.filter((u) => v.units.includes(u.id)).map((u) => u.name);
  return (
    <section className="notice notice-success consent-summary" aria-labelledby={`${P}-summary-heading`}>
      <h2 id={`${P}-summary-heading`} className="notice-heading">
        {t('consent.summaryHeading')}
      </h2>
      <p>
        {t('consent.summaryText', {
          categories: v.categories.map((c) => t(`privacy.category.${c}`)).join(', ') || '–',
          domains: v.domains.map((d) => t(`privacy.domain.${d}`)).join(', ') || '–',
          units: unitNames.join(', ') || '–',
          to: /^\d{4}-\d{2}-\d{2}$/.test(v.validTo) ? f.date(v.validTo) : '–',
        })}
      </p>
      <p>{t('consent.explainWithdraw')}</p>
    </section>
  );
}
