/**
 * "Lämna ut utan samtycke": only with a basis in law. The professional chooses a catalogue entry that
 * allows their secrecy domain → the receiver's, and writes why. Retired or not-yet-valid entries are
 * not offered; the server checks everything again.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, navigate, PageHeading } from '../router.js';
import { DATA_CATEGORIES, privacyApi, type DataCategory, type LegalBasis, type PrivacyView } from './api.js';
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

const P = 'disclosure-form';

export function NewDisclosurePage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('legalBasis.formTitle'));
  const view = useLoad(`privacy:${childId}`, () => privacyApi.view(childId));
  const bases = useLoad('legal-bases', privacyApi.legalBases);
  return (
    <article aria-labelledby="page-heading" className="privacy-page">
      <p className="breadcrumb">
        <Link to={privacyPaths.child(childId)}>{t('privacy.backToPrivacy')}</Link>
      </p>
      <PageHeading>{t('legalBasis.formTitle')}</PageHeading>
      {view.status === 'loading' || bases.status === 'loading' ? <Loading /> : null}
      {view.status === 'error' ? <ErrorMessage error={view.error} onRetry={view.reload} /> : null}
      {bases.status === 'error' ? <ErrorMessage error={bases.error} onRetry={bases.reload} /> : null}
      {view.status === 'ok' && bases.status === 'ok' ? (
        <DisclosureForm view={view.data} bases={bases.data.bases} />
      ) : null}
    </article>
  );
}

function DisclosureForm({ view, bases }: { view: PrivacyView; bases: LegalBasis[] }) {
  const { t } = useTranslation();
  const recipients = view.options.units.filter((u) => u.secrecyDomain && u.secrecyDomain !== view.myDomain);
  const [recipientId, setRecipientId] = useState('');
  const [basisId, setBasisId] = useState('');
  const [categories, setCategories] = useState<DataCategory[]>(['concern']);
  const [validTo, setValidTo] = useState(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  const [justification, setJustification] = useState('');
  const { errors, failure, setFailure, busy, setBusy, summary, showErrors } = useFormState();
  const recipient = recipients.find((u) => u.id === recipientId);
  const usable = bases.filter(
    (b) =>
      b.usable &&
      (!recipient || b.allowedPairs.some((p) => p.from === view.myDomain && p.to === recipient.secrecyDomain)),
  );
  const basis = usable.find((b) => b.id === basisId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const problems: Errors = {};
    if (!recipientId) problems.recipient = t('legalBasis.recipientRequired');
    if (!basis) problems.basis = t('legalBasis.basisRequired');
    if (categories.length === 0) problems.categories = t('consent.categoriesRequired');
    if (justification.trim().length < 20) problems.justification = t('legalBasis.justificationRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(validTo)) problems.validTo = t('consent.validToInvalid');
    if (Object.keys(problems).length > 0) return showErrors(problems);
    setBusy(true);
    try {
      await privacyApi.createDisclosure(view.childId, {
        legalBasisId: basisId,
        recipientUnitId: recipientId,
        dataCategories: categories,
        validTo,
        justification,
      });
      navigate(privacyPaths.child(view.childId));
    } catch (caught) {
      setBusy(false);
      setFailure(asApiError(caught));
    }
  }
  const err = (f: string) => `${P}-${f}-error`;
  const fieldId = (f: string) => (f === 'categories' ? `${P}-category-${DATA_CATEGORIES[0]}` : `${P}-${f}`);

  return (
    <>
      <div className="notice notice-warning">
        <p className="notice-heading">{t('legalBasis.warnHeading')}</p>
        <p>{t('legalBasis.warnText', { domain: view.myDomain ? t(`privacy.domain.${view.myDomain}`) : '–' })}</p>
      </div>
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack disclosure-form">
        <div className={`field${errors.recipient ? ' field-invalid' : ''}`}>
          <label htmlFor={`${P}-recipient`}>{t('legalBasis.recipient')}</label>
          <FieldError id={err('recipient')} message={errors.recipient} />
          <select
            id={`${P}-recipient`}
            value={recipientId}
            onChange={(e) => setRecipientId(e.target.value)}
            aria-describedby={describedBy(errors.recipient && err('recipient'))}
            aria-invalid={errors.recipient ? true : undefined}
          >
            <option value="">{t('legalBasis.choose')}</option>
            {recipients.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({t(`privacy.domain.${u.secrecyDomain!}`)})
              </option>
            ))}
          </select>
        </div>
        <div className={`field field-wide${errors.basis ? ' field-invalid' : ''}`}>
          <label htmlFor={`${P}-basis`}>{t('legalBasis.basis')}</label>
          <p id={`${P}-basis-help`} className="help">
            {t('legalBasis.basisHelp')}
          </p>
          <FieldError id={err('basis')} message={errors.basis} />
          <select
            id={`${P}-basis`}
            value={basisId}
            onChange={(e) => setBasisId(e.target.value)}
            aria-describedby={describedBy(`${P}-basis-help`, errors.basis && err('basis'))}
            aria-invalid={errors.basis ? true : undefined}
          >
            <option value="">{t('legalBasis.choose')}</option>
            {usable.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title} – {b.statuteReference}
              </option>
            ))}
          </select>
          {basis ? <p className="help basis-description">{basis.description}</p> : null}
        </div>
        <CategoriesField prefix={P} values={categories} onChange={setCategories} error={errors.categories} />
        <DateField
          id={`${P}-validTo`}
          inputClassName={null}
          label={t('legalBasis.validTo')}
          error={errors.validTo}
          value={validTo}
          onChange={setValidTo}
        />
        <div className={`field field-wide${errors.justification ? ' field-invalid' : ''}`}>
          <label htmlFor={`${P}-justification`}>{t('legalBasis.justification')}</label>
          <p id={`${P}-justification-help`} className="help">
            {t('legalBasis.justificationHelp')}
          </p>
          <FieldError id={err('justification')} message={errors.justification} />
          <textarea
            id={`${P}-justification`}
            rows={5}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            aria-describedby={describedBy(`${P}-justification-help`, errors.justification && err('justification'))}
            aria-invalid={errors.justification ? true : undefined}
          />
        </div>
        <SubmitRow
          paragraph
          label={t('legalBasis.save')}
          busy={busy}
          cancel={{ label: t('privacy.cancel'), to: privacyPaths.child(view.childId) }}
        />
      </form>
    </>
  );
}
