import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../api.js';
import { ErrorMessage } from '../components/Status.js';
import { ErrorSummary, useFormState, asApiError } from '../components/form/index.js';
import { swedishToday } from '../components/time.js';
import { useDocumentTitle } from '../hooks.js';
import { Link, navigate, PageHeading } from '../router.js';
import {
  ConcernFields,
  concernFieldId,
  emptyValues,
  serverFieldMessage,
  toNewConcern,
  validateConcern,
  type ConcernFormValues,
} from '../concerns/ConcernForm.js';
import { servingApi, servingMemory, type ServedChild } from './api.js';
import { servingPaths } from './paths.js';

const PREFIX = 'serving-concern';

/** The concern form of the child's page, for a child my unit serves; the answer is a receipt. */
export function RaiseConcernPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('servingConcern.raise.title'));
  const child = servingMemory.chosen(childId);
  if (!child)
    return (
      <article aria-labelledby="page-heading">
        <PageHeading>{t('servingConcern.raise.title')}</PageHeading>
        <p>{t('servingConcern.raise.searchFirst')}</p>
        <p>
          <Link to={servingPaths.find}>{t('servingConcern.find.title')}</Link>
        </p>
      </article>
    );
  return <RaiseForm child={child} />;
}

function RaiseForm({ child }: { child: ServedChild }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ConcernFormValues>(emptyValues);
  const { errors, failure, setFailure, busy, setBusy, summary, showErrors, begin } = useFormState();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!begin(validateConcern(t, values, swedishToday(), { mode: 'new' }))) return;
    try {
      const receipt = await servingApi.raise(child.id, toNewConcern(values));
      servingMemory.keepReceipt(receipt, child);
      navigate(servingPaths.receipt(receipt.concernId));
    } catch (err) {
      const fields = fieldErrors(err);
      if (Object.keys(fields).length > 0)
        showErrors(Object.fromEntries(Object.keys(fields).map((f) => [f, serverFieldMessage(t, f)])));
      else setFailure(asApiError(err));
      setBusy(false);
    }
  }

  return (
    <article aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link to={servingPaths.find}>{t('servingConcern.raise.back')}</Link>
      </p>
      <PageHeading>{t('servingConcern.raise.title')}</PageHeading>
      <p className="lead">
        {t('concern.form.child', { name: `${child.givenName} ${child.familyName}` })} (
        {t('servingConcern.find.born', { year: child.birthYear })}, {child.unitName})
      </p>
      <p className="form-intro">{t('servingConcern.raise.intro')}</p>
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={(f) => concernFieldId(PREFIX, f)} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form">
        <ConcernFields prefix={PREFIX} values={values} onChange={setValues} errors={errors} mode="new" />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('concern.form.saving') : t('servingConcern.raise.send')}
          </button>
          <Link to={servingPaths.find} className="button button-secondary">
            {t('concern.form.cancel')}
          </Link>
        </div>
      </form>
    </article>
  );
}
