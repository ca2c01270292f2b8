import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, navigate, PageHeading, paths } from '../router.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { concernApi } from './api.js';
import {
  ConcernFields,
  concernFieldId,
  emptyValues,
  serverFieldMessage,
  toNewConcern,
  validateConcern,
  type ConcernFormValues,
} from './ConcernForm.js';
import { swedishToday } from '../components/time.js';
import { ErrorSummary, useFormState, asApiError } from '../components/form/index.js';
import { setFlash } from '../components/flash.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PREFIX = 'new-concern';

/** "Ny oro": raise a concern about a child on my team (uppmärksamma). */
export function NewConcernPage({ childId }: { childId: string }) {
  return UUID.test(childId) ? <LoadedNewConcern childId={childId} /> : <NotFoundPage />;
}

function LoadedNewConcern({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('concern.form.newTitle'));
  // The child's name for the page, and a 404 before anyone starts writing about a child they cannot see.
  const child = useLoad(`child:${childId}`, () => api.child(childId));
  const [values, setValues] = useState<ConcernFormValues>(emptyValues);
  const { errors, failure, setFailure, busy, setBusy, summary, showErrors, begin } = useFormState();

  if (child.status === 'error' && child.error.isNotFound) return <NotFoundPage />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!begin(validateConcern(t, values, swedishToday(), { mode: 'new' }))) return;
    try {
      const created = await concernApi.create(childId, toNewConcern(values));
      setFlash('concern.detail.saved');
      navigate(paths.concern(childId, created.id));
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
        <Link to={paths.child(childId)}>{t('concern.detail.back')}</Link>
      </p>
      <PageHeading>{t('concern.form.newTitle')}</PageHeading>
      <LoadStatus load={child} />
      {child.status === 'ok' ? (
        <>
          <p className="lead">
            {t('concern.form.child', { name: `${child.data.givenName} ${child.data.familyName}` })}
          </p>
          <p className="form-intro">{t('concern.form.newIntro')}</p>
          <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={(f) => concernFieldId(PREFIX, f)} />
          {failure ? <ErrorMessage error={failure} /> : null}
          <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form">
            <ConcernFields prefix={PREFIX} values={values} onChange={setValues} errors={errors} mode="new" />
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={busy}>
                {busy ? t('concern.form.saving') : t('concern.form.save')}
              </button>
              <Link to={paths.child(childId)} className="button button-secondary">
                {t('concern.form.cancel')}
              </Link>
            </div>
          </form>
        </>
      ) : null}
    </article>
  );
}
