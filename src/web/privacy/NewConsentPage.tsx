/**
 * "Registrera samtycke": what may be shared (which kinds of records, from which services), with whom,
 * for what, until when — and every custodial guardian's answer, plus the child's own say with the
 * professional's judgement of their maturity (no fixed age). A summary in plain words is shown
 * before saving, as the guardian would hear it read out.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, navigate, PageHeading } from '../router.js';
import {
  CONSENT_METHODS,
  DATA_CATEGORIES,
  privacyApi,
  SECRECY_DOMAINS,
  type ConsentMethod,
  type DataCategory,
  type PrivacyView,
  type SecrecyDomain,
} from './api.js';
import { privacyPaths } from './paths.js';
import './privacy.css';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  type Errors,
  useFormState,
  asApiError,
  DateField,
  SubmitRow,
} from '../components/form/index.js';
import { CategoriesField } from './fields.js';

const P = 'consent-form';
type Position = 'consents' | 'declines' | 'not_asked' | '';

export function NewConsentPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('consent.formTitle'));
  const view = useLoad(`privacy:${childId}`, () => privacyApi.view(childId));
  return (
    <article aria-labelledby="page-heading" className="privacy-page">
      <p className="breadcrumb">
        <Link to={privacyPaths.child(childId)}>{t('privacy.backToPrivacy')}</Link>
      </p>
      <PageHeading>{t('consent.formTitle')}</PageHeading>
      <LoadStatus load={view} />
      {view.status === 'ok' ? <ConsentForm view={view.data} /> : null}
    </article>
  );
}

function addDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

function ConsentForm({ view }: { view: PrivacyView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const custodial = view.options.guardians.filter((g) => g.hasCustody);
  const [purpose, setPurpose] = useState('');
  const [units, setUnits] = useState<string[]>([]);
  const [domains, setDomains] = useState<SecrecyDomain[]>(view.myDomain ? [view.myDomain] : []);
  const [categories, setCategories] = useState<DataCategory[]>(['concern', 'chronology', 'wheel', 'plan']);
  const [validTo, setValidTo] = useState(addDays(365));
  const [method, setMethod] = useState<ConsentMethod | ''>('');
  const [methodNote, setMethodNote] = useState('');
  const [positions, setPositions] = useState<Record<string, Position>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [childAsked, setChildAsked] = useState(false);
  const [childPosition, setChildPosition] = useState<'consents' | 'declines' | ''>('');
  const [maturity, setMaturity] = useState('');
  const [childDecides, setChildDecides] = useState(false);
  const { errors, failure, setFailure, busy, setBusy, summary, showErrors, begin } = useFormState();
  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

  function validate(): Errors {
    const e: Errors = {};
    if (!purpose.trim()) e.purpose = t('consent.purposeRequired');
    if (units.length === 0) e.units = t('consent.unitsRequired');
    if (domains.length === 0) e.domains = t('consent.domainsRequired');
    if (categories.length === 0) e.categories = t('consent.categoriesRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(validTo) || validTo < addDays(0)) e.validTo = t('consent.validToInvalid');
    if (!method) e.method = t('consent.methodRequired');
    if (!(childAsked && childDecides)) {
      for (const g of custodial) {
        if (!positions[g.id]) e[`guardian-${g.id}`] = t('consent.positionRequired', { name: g.name });
        else if (positions[g.id] === 'not_asked' && !reasons[g.id]?.trim())
          e[`reason-${g.id}`] = t('consent.reasonRequired', { name: g.name });
      }
    }
    if (childAsked) {
      if (!childPosition) e.childPosition = t('consent.childPositionRequired');
      if (!maturity.trim()) e.maturity = t('consent.maturityRequired');
    }
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!begin(validate())) return;
    try {
      await privacyApi.createConsent(view.childId, {
        purpose,
        recipientUnitIds: units,
        sourceDomains: domains,
        dataCategories: categories,
        method: method as ConsentMethod,
        ...(methodNote.trim() ? { methodNote } : {}),
        validTo,
        parties: [
          ...custodial
            .filter((g) => positions[g.id])
            .map((g) => ({
              kind: 'guardian' as const,
              guardianId: g.id,
              position: positions[g.id] as 'consents',
              ...(positions[g.id] === 'not_asked' ? { notAskedReason: reasons[g.id] } : {}),
            })),
          ...(childAsked
            ? [
                {
                  kind: 'child' as const,
                  position: childPosition as 'consents',
                  maturityJudgement: maturity,
                  childDecides,
                },
              ]
            : []),
        ],
      });
      navigate(privacyPaths.child(view.childId));
    } catch (caught) {
      setBusy(false);
      const err = asApiError(caught);
      const missing = err.body?.details?.missingGuardians;
      if (Array.isArray(missing) && missing.length > 0) {
        return showErrors(
          Object.fromEntries(
            custodial
              .filter((g) => missing.includes(g.id))
              .map((g) => [`guardian-${g.id}`, t('consent.positionRequired', { name: g.name })]),
          ),
        );
      }
      setFailure(err);
    }
  }

  const fieldId = (fld: string) => {
    if (fld.startsWith('guardian-')) return `${P}-${fld}-consents`;
    if (fld.startsWith('reason-')) return `${P}-${fld}`;
    if (fld === 'units') return `${P}-unit-0`;
    if (fld === 'domains') return `${P}-domain-${SECRECY_DOMAINS[0]}`;
    if (fld === 'categories') return `${P}-category-${DATA_CATEGORIES[0]}`;
    if (fld === 'method') return `${P}-method-${CONSENT_METHODS[0]}`;
    if (fld === 'childPosition') return `${P}-child-consents`;
    return `${P}-${fld}`;
  };
  const err = (fld: string) => `${P}-${fld}-error`;
  const unitNames = view.options.units.filter((u) => units.includes(u.id)).map((u) => u.name);

  return (
    <>
      <div className="notice notice-info">
        <p className="notice-heading">{t('consent.explainHeading')}</p>
        <ul>
          <li>{t('consent.explainVoluntary')}</li>
          <li>{t('consent.explainBoth')}</li>
          <li>{t('consent.explainChild')}</li>
          <li>{t('consent.explainWithdraw')}</li>
        </ul>
      </div>
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack consent-form">
        <div className={`field field-wide${errors.purpose ? ' field-invalid' : ''}`}>
          <label htmlFor={`${P}-purpose`}>{t('consent.purpose')}</label>
          <p id={`${P}-purpose-help`} className="help">
            {t('consent.purposeHelp')}
          </p>
          <FieldError id={err('purpose')} message={errors.purpose} />
          <textarea
            id={`${P}-purpose`}
            rows={3}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            aria-describedby={describedBy(`${P}-purpose-help`, errors.purpose && err('purpose'))}
            aria-invalid={errors.purpose ? true : undefined}
          />
        </div>

        <CategoriesField prefix={P} values={categories} onChange={setCategories} error={errors.categories} />

        <fieldset
          className={`fieldset${errors.domains ? ' field-invalid' : ''}`}
          aria-describedby={describedBy(`${P}-domains-help`, errors.domains && err('domains'))}
        >
          <legend>{t('consent.domainsLegend')}</legend>
          <p id={`${P}-domains-help`} className="help">
            {t('consent.domainsHelp')}
          </p>
          <FieldError id={err('domains')} message={errors.domains} />
          <ul className="checkbox-grid">
            {SECRECY_DOMAINS.map((d) => (
              <li key={d} className="checkbox">
                <input
                  id={`${P}-domain-${d}`}
                  type="checkbox"
                  checked={domains.includes(d)}
                  onChange={() => setDomains(toggle(domains, d))}
                />
                <label htmlFor={`${P}-domain-${d}`}>{t(`privacy.domain.${d}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>

        <fieldset
          className={`fieldset${errors.units ? ' field-invalid' : ''}`}
          aria-describedby={describedBy(`${P}-units-help`, errors.units && err('units'))}
        >
          <legend>{t('consent.unitsLegend')}</legend>
          <p id={`${P}-units-help`} className="help">
            {t('consent.unitsHelp')}
          </p>
          <FieldError id={err('units')} message={errors.units} />
          {view.options.units.length === 0 ? <p>{t('consent.noUnits')}</p> : null}
          <ul className="checkbox-grid">
            {view.options.units.map((u, i) => (
              <li key={u.id} className="checkbox">
                <input
                  id={`${P}-unit-${i}`}
                  type="checkbox"
                  checked={units.includes(u.id)}
                  onChange={() => setUnits(toggle(units, u.id))}
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
        </fieldset>

        <DateField
          id={`${P}-validTo`}
          inputClassName={null}
          label={t('consent.validTo')}
          help={t('consent.validToHelp')}
          error={errors.validTo}
          value={validTo}
          onChange={setValidTo}
        />

        <fieldset className="fieldset">
          <legend>{t('consent.partiesLegend')}</legend>
          {custodial.length === 0 ? <p>{t('consent.noCustodial')}</p> : null}
          {custodial.map((g) => {
            const key = `guardian-${g.id}`;
            return (
              <fieldset
                key={g.id}
                className={`fieldset subpanel${errors[key] ? ' field-invalid' : ''}`}
                aria-describedby={describedBy(errors[key] && err(key))}
              >
                <legend>{t('consent.guardianAnswer', { name: g.name })}</legend>
                <FieldError id={err(key)} message={errors[key]} />
                <ul className="radio-list">
                  {(['consents', 'declines', 'not_asked'] as const).map((p) => (
                    <li key={p} className="radio">
                      <input
                        id={`${P}-${key}-${p}`}
                        type="radio"
                        name={`${P}-${key}`}
                        checked={positions[g.id] === p}
                        onChange={() => setPositions({ ...positions, [g.id]: p })}
                      />
                      <label htmlFor={`${P}-${key}-${p}`}>{t(`consent.position.${p}`)}</label>
                    </li>
                  ))}
                </ul>
                {positions[g.id] === 'not_asked' ? (
                  <div className={`field${errors[`reason-${g.id}`] ? ' field-invalid' : ''}`}>
                    <label htmlFor={`${P}-reason-${g.id}`}>{t('consent.notAskedReason')}</label>
                    <FieldError id={err(`reason-${g.id}`)} message={errors[`reason-${g.id}`]} />
                    <textarea
                      id={`${P}-reason-${g.id}`}
                      rows={2}
                      value={reasons[g.id] ?? ''}
                      onChange={(e) => setReasons({ ...reasons, [g.id]: e.target.value })}
                      aria-describedby={describedBy(errors[`reason-${g.id}`] && err(`reason-${g.id}`))}
                    />
                  </div>
                ) : null}
              </fieldset>
            );
          })}
          <div className="checkbox">
            <input
              id={`${P}-childAsked`}
              type="checkbox"
              checked={childAsked}
              onChange={() => setChildAsked(!childAsked)}
            />
            <label htmlFor={`${P}-childAsked`}>{t('consent.childAsked')}</label>
          </div>
          {childAsked ? (
            <div className="subpanel form-stack">
              <fieldset
                className={`fieldset${errors.childPosition ? ' field-invalid' : ''}`}
                aria-describedby={describedBy(errors.childPosition && err('childPosition'))}
              >
                <legend>{t('consent.childAnswer')}</legend>
                <FieldError id={err('childPosition')} message={errors.childPosition} />
                <ul className="radio-list radio-inline">
                  {(['consents', 'declines'] as const).map((p) => (
                    <li key={p} className="radio">
                      <input
                        id={`${P}-child-${p}`}
                        type="radio"
                        name={`${P}-child`}
                        checked={childPosition === p}
                        onChange={() => setChildPosition(p)}
                      />
                      <label htmlFor={`${P}-child-${p}`}>{t(`consent.position.${p}`)}</label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <div className={`field field-wide${errors.maturity ? ' field-invalid' : ''}`}>
                <label htmlFor={`${P}-maturity`}>{t('consent.maturity')}</label>
                <p id={`${P}-maturity-help`} className="help">
                  {t('consent.maturityHelp')}
                </p>
                <FieldError id={err('maturity')} message={errors.maturity} />
                <textarea
                  id={`${P}-maturity`}
                  rows={3}
                  value={maturity}
                  onChange={(e) => setMaturity(e.target.value)}
                  aria-describedby={describedBy(`${P}-maturity-help`, errors.maturity && err('maturity'))}
                  aria-invalid={errors.maturity ? true : undefined}
                />
              </div>
              <div className="checkbox">
                <input
                  id={`${P}-childDecides`}
                  type="checkbox"
                  checked={childDecides}
                  onChange={() => setChildDecides(!childDecides)}
                  aria-describedby={`${P}-childDecides-help`}
                />
                <label htmlFor={`${P}-childDecides`}>{t('consent.childDecides')}</label>
                <p id={`${P}-childDecides-help`} className="help">
                  {t('consent.childDecidesHelp')}
                </p>
              </div>
            </div>
          ) : null}
        </fieldset>

        <fieldset
          className={`fieldset${errors.method ? ' field-invalid' : ''}`}
          aria-describedby={describedBy(errors.method && err('method'))}
        >
          <legend>{t('consent.methodLegend')}</legend>
          <FieldError id={err('method')} message={errors.method} />
          <ul className="radio-list">
            {CONSENT_METHODS.map((m) => (
              <li key={m} className="radio">
                <input
                  id={`${P}-method-${m}`}
                  type="radio"
                  name={`${P}-method`}
                  checked={method === m}
                  onChange={() => setMethod(m)}
                />
                <label htmlFor={`${P}-method-${m}`}>{t(`consent.method.${m}`)}</label>
              </li>
            ))}
          </ul>
          <div className="field">
            <label htmlFor={`${P}-methodNote`}>{t('consent.methodNote')}</label>
            <input
              id={`${P}-methodNote`}
              type="text"
              value={methodNote}
              onChange={(e) => setMethodNote(e.target.value)}
            />
          </div>
        </fieldset>

        <section className="notice notice-success consent-summary" aria-labelledby={`${P}-summary-heading`}>
          <h2 id={`${P}-summary-heading`} className="notice-heading">
            {t('consent.summaryHeading')}
          </h2>
          <p>
            {t('consent.summaryText', {
              categories: categories.map((c) => t(`privacy.category.${c}`)).join(', ') || '–',
              domains: domains.map((d) => t(`privacy.domain.${d}`)).join(', ') || '–',
              units: unitNames.join(', ') || '–',
              to: /^\d{4}-\d{2}-\d{2}$/.test(validTo) ? f.date(validTo) : '–',
            })}
          </p>
          <p>{t('consent.explainWithdraw')}</p>
        </section>

        <SubmitRow
          paragraph
          label={t('consent.save')}
          busy={busy}
          cancel={{ label: t('privacy.cancel'), to: privacyPaths.child(view.childId) }}
        />
      </form>
    </>
  );
}
