/**
 * "Lämna ut utan samtycke": only with a basis in law. The professional chooses a catalogue entry that
 * allows their secrecy domain → the receiver's, and writes why. Retired or not-yet-valid entries are
 * not offered; the server checks everything again.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  asApiError,
  DateField,
  type Errors,
  Field,
  type FieldProps,
  FormProblems,
  fieldAria,
  SelectField,
  SubmitRow,
  TextAreaField,
  useFormState,
} from '../components/form/index.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { navigate } from '../router.js';
import { DATA_CATEGORIES, type DataCategory, type LegalBasis, type PrivacyView, privacyApi } from './api.js';
import { CategoriesField } from './fields.js';
import { PrivacyFormFrame } from './FormFrame.js';
import { privacyPaths } from './paths.js';
import './privacy.css';

const P = 'disclosure-form';

export function NewDisclosurePage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const view = useLoad(`privacy:${childId}`, () => privacyApi.view(childId));
  const bases = useLoad('legal-bases', privacyApi.legalBases);
  return (
    <PrivacyFormFrame childId={childId} title={t('legalBasis.formTitle')}>
      {view.status === 'loading' || bases.status === 'loading' ? <Loading /> : null}
      {view.status === 'error' ? <ErrorMessage error={view.error} onRetry={view.reload} /> : null}
      {bases.status === 'error' ? <ErrorMessage error={bases.error} onRetry={bases.reload} /> : null}
      {view.status === 'ok' && bases.status === 'ok' ? (
        <DisclosureForm view={view.data} bases={bases.data.bases} />
      ) : null}
    </PrivacyFormFrame>
  );
}

interface Values {
  recipientId: string;
  basisId: string;
  categories: DataCategory[];
  validTo: string;
  justification: string;
}

/** The disclosure's values, the bases usable for the chosen receiver, and sending it. */
function useDisclosureForm(view: PrivacyView, bases: LegalBasis[]) {
  const { t } = useTranslation();
  const recipients = view.options.units.filter((u) => u.secrecyDomain && u.secrecyDomain !== view.myDomain);
  const [v, setV] = useState<Values>(() => ({
    recipientId: '',
    basisId: '',
    categories: ['concern'],
    validTo: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    justification: '',
  }));
  const set =
    <K extends keyof Values>(k: K) =>
    (value: Values[K]) =>
      setV((old) => ({ ...old, [k]: value }));
  const form = useFormState();
  const recipient = recipients.find((u) => u.id === v.recipientId);
  const usable = bases.filter(
    (b) =>
      b.usable &&
      (!recipient || b.allowedPairs.some((p) => p.from === view.myDomain && p.to === recipient.secrecyDomain)),
  );
  const basis = usable.find((b) => b.id === v.basisId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setFailure(null);
    const problems: Errors = {};
    if (!v.recipientId) problems.recipient = t('legalBasis.recipientRequired');
    if (!basis) problems.basis = t('legalBasis.basisRequired');
    if (v.categories.length === 0) problems.categories = t('consent.categoriesRequired');
    if (v.justification.trim().length < 20) problems.justification = t('legalBasis.justificationRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.validTo)) problems.validTo = t('consent.validToInvalid');
    if (Object.keys(problems).length > 0) return form.showErrors(problems);
    form.setBusy(true);
    try {
      await privacyApi.createDisclosure(view.childId, {
        legalBasisId: v.basisId,
        recipientUnitId: v.recipientId,
        dataCategories: v.categories,
        validTo: v.validTo,
        justification: v.justification,
      });
      navigate(privacyPaths.child(view.childId));
    } catch (caught) {
      form.setBusy(false);
      form.setFailure(asApiError(caught));
    }
  }
  return { v, set, form, recipients, usable, basis, submit };
}

function DisclosureForm({ view, bases }: { view: PrivacyView; bases: LegalBasis[] }) {
  const { t } = useTranslation();
  const { v, set, form, recipients, usable, basis, submit } = useDisclosureForm(view, bases);
  const { errors } = form;
  const fieldId = (f: string) => (f === 'categories' ? `${P}-category-${DATA_CATEGORIES[0]}` : `${P}-${f}`);

  return (
    <>
      <div className="notice notice-warning">
        <p className="notice-heading">{t('legalBasis.warnHeading')}</p>
        <p>{t('legalBasis.warnText', { domain: view.myDomain ? t(`privacy.domain.${view.myDomain}`) : '–' })}</p>
      </div>
      <FormProblems form={form} fieldId={fieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack disclosure-form">
        <SelectField
          id={`${P}-recipient`}
          wide={false}
          selectClassName={null}
          label={t('legalBasis.recipient')}
          error={errors.recipient}
          value={v.recipientId}
          onChange={set('recipientId')}
          placeholder={t('legalBasis.choose')}
          options={recipients.map((u) => ({
            value: u.id,
            label: `${u.name} (${t(`privacy.domain.${u.secrecyDomain!}`)})`,
          }))}
        />
        <BasisField
          id={`${P}-basis`}
          label={t('legalBasis.basis')}
          help={t('legalBasis.basisHelp')}
          error={errors.basis}
          value={v.basisId}
          onChange={set('basisId')}
          usable={usable}
          chosen={basis}
        />
        <CategoriesField prefix={P} values={v.categories} onChange={set('categories')} error={errors.categories} />
        <DateField
          id={`${P}-validTo`}
          inputClassName={null}
          label={t('legalBasis.validTo')}
          error={errors.validTo}
          value={v.validTo}
          onChange={set('validTo')}
        />
        <TextAreaField
          id={`${P}-justification`}
          rows={5}
          label={t('legalBasis.justification')}
          help={t('legalBasis.justificationHelp')}
          error={errors.justification}
          value={v.justification}
          onChange={set('justification')}
        />
        <SubmitRow
          paragraph
          label={t('legalBasis.save')}
          busy={form.busy}
          cancel={{ label: t('privacy.cancel'), to: privacyPaths.child(view.childId) }}
        />
      </form>
    </>
  );
}

/** The legal basis to disclose under (only those usable for this receiver), with the chosen one's description. */
function BasisField(
  p: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    usable: LegalBasis[];
    chosen: LegalBasis | undefined;
  },
) {
  const { t } = useTranslation();
  return (
    <Field id={p.id} label={p.label} help={p.help} error={p.error} wide>
      <select id={p.id} value={p.value} onChange={(e) => p.onChange(e.target.value)} {...fieldAria(p)}>
        <option value="">{t('legalBasis.choose')}</option>
        {p.usable.map((b) => (
          <option key={b.id} value={b.id}>
            {b.title} – {b.statuteReference}
          </option>
        ))}
      </select>
      {p.chosen ? <p className="help basis-description">{p.chosen.description}</p> : null}
    </Field>
  );
}
