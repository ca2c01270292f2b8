/**
 * "Koppla till barn": link a consultation case to a child on my team once consent has been given,
 * which copies the advice into the child's chronology.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, fieldErrors } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import {
  CONSENT_GIVERS,
  CONSENT_METHODS,
  consultationApi,
  type ConsultationCase,
  type ConsultationLinkResult,
} from './api.js';
import { swedishToday } from '../components/time.js';
import {
  CheckboxGroup,
  DateField,
  type Errors,
  ErrorSummary,
  RadioField,
  SelectField,
  SubmitRow,
  useFormState,
} from '../components/form/index.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const L = 'link';
type Giver = (typeof CONSENT_GIVERS)[number];
type Method = (typeof CONSENT_METHODS)[number];

export function LinkFlow({
  c,
  onLinked,
}: {
  c: ConsultationCase;
  onLinked: (r: ConsultationLinkResult, childName: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Kept while the form is closed: cancelling and opening again shows what was entered.
  const link = useLinkForm(c, open, onLinked);

  if (!open) {
    return (
      <>
        <p>{t('consultation.link.intro')}</p>
        <p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setOpen(true);
              window.setTimeout(() => document.getElementById(`${L}-childId`)?.focus(), 50);
            }}
          >
            {t('consultation.link.start')}
          </button>
        </p>
      </>
    );
  }
  return <LinkForm link={link} onCancel={() => setOpen(false)} />;
}

type LinkFormState = ReturnType<typeof useLinkForm>;

/** The consent and the child chosen, checked and sent; my children load once the form opens. */
function useLinkForm(c: ConsultationCase, open: boolean, onLinked: (r: ConsultationLinkResult, name: string) => void) {
  const { t } = useTranslation();
  const children = useLoad(`consultation:children:${open}`, () =>
    open ? api.myChildren() : Promise.resolve({ children: [] }),
  );
  const [childId, setChildId] = useState('');
  const [givenBy, setGivenBy] = useState<Giver[]>([]);
  const [method, setMethod] = useState<Method | ''>('');
  const [givenOn, setGivenOn] = useState(swedishToday());
  const form = useFormState();
  const { showErrors } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setFailure(null);
    const problems: Errors = {};
    if (!childId) problems.childId = t('consultation.link.childRequired');
    if (givenBy.length === 0) problems.givenBy = t('consultation.link.givenByRequired');
    if (!method) problems.method = t('consultation.link.methodRequired');
    if (!ISO_DATE.test(givenOn)) problems.givenOn = t('consultation.link.dateRequired');
    else if (givenOn > swedishToday()) problems.givenOn = t('consultation.link.dateFuture');
    if (Object.keys(problems).length > 0) return showErrors(problems);
    form.setErrors({});
    form.setBusy(true);
    try {
      const r = await consultationApi.link(c.id, {
        childId,
        consent: { givenBy, method: method as Method, givenOn },
      });
      const child = children.status === 'ok' ? children.data.children.find((x) => x.id === childId) : undefined;
      onLinked(r, child ? `${child.givenName} ${child.familyName}` : '');
    } catch (caught) {
      form.setBusy(false);
      if (caught instanceof ApiError && caught.status === 404)
        return showErrors({ childId: t('consultation.link.notOnTeam') });
      if (caught instanceof ApiError && caught.status === 409) return form.setFailure(caught);
      const fields = fieldErrors(caught);
      if (Object.keys(fields).length > 0)
        return showErrors(
          Object.fromEntries(
            Object.keys(fields).map((f) => [f === 'consent' ? 'givenOn' : f, t('consultation.form.fieldInvalid')]),
          ),
        );
      form.fail(caught);
    }
  }

  return {
    children,
    values: { childId, givenBy, method, givenOn },
    set: { childId: setChildId, givenBy: setGivenBy, method: setMethod, givenOn: setGivenOn },
    form,
    submit,
  };
}

function LinkForm({ link, onCancel }: { link: LinkFormState; onCancel: () => void }) {
  const { t } = useTranslation();
  const { children, values, set, form } = link;
  const { errors, failure } = form;
  const fieldId = (f: string) =>
    f === 'givenBy'
      ? `${L}-given-${CONSENT_GIVERS[0]}`
      : f === 'method'
        ? `${L}-method-${CONSENT_METHODS[0]}`
        : `${L}-${f}`;
  return (
    <>
      <p>{t('consultation.link.consentIntro')}</p>
      <ErrorSummary ref={form.summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {failure ? (
        failure.status === 409 ? (
          <p className="notice notice-error" role="alert">
            {t('consultation.link.conflict')}
          </p>
        ) : (
          <ErrorMessage error={failure} />
        )
      ) : null}
      <LoadStatus load={children} />
      <form noValidate onSubmit={(e) => void link.submit(e)} className="form-stack concern-form consultation-form">
        <SelectField
          id={`${L}-childId`}
          wide={false}
          selectClassName={null}
          label={t('consultation.link.child')}
          help={t('consultation.link.childHelp')}
          error={errors.childId}
          value={values.childId}
          onChange={set.childId}
          placeholder={t('consultation.form.choose')}
          options={
            children.status === 'ok'
              ? children.data.children.map((x) => ({
                  value: x.id,
                  label: `${x.givenName} ${x.familyName} (${x.birthDate})`,
                }))
              : []
          }
        />
        <CheckboxGroup
          id={`${L}-givenBy`}
          legend={t('consultation.link.givenBy')}
          error={errors.givenBy}
          options={CONSENT_GIVERS.map((g) => ({ value: g, label: t(`consultation.link.giver.${g}`) }))}
          values={values.givenBy}
          onChange={set.givenBy}
          optionId={(g) => `${L}-given-${g}`}
        />
        <RadioField
          id={`${L}-method`}
          name="consent-method"
          legend={t('consultation.link.method')}
          error={errors.method}
          value={values.method}
          onChange={(m) => set.method(m as Method)}
          optionId={(m) => `${L}-method-${m}`}
          options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`consultation.link.methods.${m}`) }))}
        />
        <DateField
          id={`${L}-givenOn`}
          label={t('consultation.link.givenOn')}
          error={errors.givenOn}
          value={values.givenOn}
          onChange={set.givenOn}
        />
        <p className="help">{t('consultation.link.recordedBy')}</p>
        <SubmitRow
          label={t('consultation.link.submit')}
          busyLabel={t('consultation.form.saving')}
          busy={form.busy}
          cancel={{ label: t('consultation.form.cancel'), onClick: onCancel }}
        />
      </form>
    </>
  );
}
