/**
 * /barn/:id/hjulet/ny and /barn/:id/hjulet/:assessmentId — record or change one assessment: whose
 * view, the date, and for every indicator what works, what is hard and a rating (1–5 or "Inte
 * bedömt"); optionally My World Triangle and Resilience Matrix. Errors are shown at the fields
 * (aria-invalid, aria-describedby) and in a summary that takes focus. A 412 keeps the user's
 * changes, shows what the other person changed, and lets the user save again on top of it.
 */
import { useTranslation } from 'react-i18next';
import { WHEEL_INDICATORS } from '../../core/wheel.js';
import { roleTitle } from '../../ui/labels.js';
import { perspectiveLabel } from '../../ui/wheel/labels.js';
import { api, type ChildOverview } from '../api.js';
import { CheckboxField } from '../components/form/index.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../router.js';
import { useSession } from '../session.js';
import { ConflictPanel } from './form/ConflictPanel.js';
import { WheelErrorSummary } from './form/ErrorSummary.js';
import { errorAria } from './form/ids.js';
import { IndicatorFieldset } from './form/IndicatorFieldset.js';
import { MyWorldTool, ResilienceTool } from './form/Tools.js';
import { type AssessmentFormState, useAssessmentForm } from './form/useAssessmentForm.js';
import { AssessedOnField, GuardianFieldset, PerspectiveFieldset } from './form/WhoAndWhen.js';
import { type WheelAssessment, wheelApi } from './wheel-api.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function WheelFormPage({ childId, assessmentId }: { childId: string; assessmentId: string | null }) {
  if (!UUID.test(childId) || (assessmentId !== null && !UUID.test(assessmentId))) return <NotFoundPage />;
  return <LoadedForm childId={childId} assessmentId={assessmentId} />;
}

function LoadedForm({ childId, assessmentId }: { childId: string; assessmentId: string | null }) {
  const { t } = useTranslation();
  useDocumentTitle(assessmentId ? t('wheel.form.titleEdit') : t('wheel.form.titleNew'));
  const state = useLoad(`wheel-form:${childId}:${assessmentId ?? 'new'}`, async () => {
    const [child, assessment] = await Promise.all([
      api.child(childId),
      assessmentId ? wheelApi.get(childId, assessmentId) : Promise.resolve(null),
    ]);
    return { child, assessment };
  });
  if (state.status === 'error' && state.error.isNotFound) return <NotFoundPage />;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  return <AssessmentForm child={state.data.child} initial={state.data.assessment} />;
}

function AssessmentForm({ child, initial }: { child: ChildOverview; initial: WheelAssessment | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const form = useAssessmentForm(child, initial);
  const { base } = form;
  const name = `${child.givenName} ${child.familyName}`;
  return (
    <article className="wheel-form-page" aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link to={paths.wheel(child.id)}>{t('wheel.page.title')}</Link>
      </p>
      <PageHeading>
        {base !== null ? t('wheel.form.headingEdit', { name }) : t('wheel.form.headingNew', { name })}
      </PageHeading>
      {base ? (
        <p className="muted">
          {t('wheel.form.meta', { name: base.recordedBy.name, date: f.date(base.createdAt), version: base.version })}
        </p>
      ) : null}
      <p className="lead">{t('wheel.form.intro')}</p>

      <WheelErrorSummary errors={form.errors} summaryRef={form.summaryRef} />
      {form.conflict ? (
        <ConflictPanel
          conflict={form.conflict}
          busy={form.busy}
          onReapply={() => void form.submit()}
          onDiscard={form.discardMine}
        />
      ) : null}
      {form.failure ? <ErrorMessage error={form.failure} /> : null}
      <AssessmentFields child={child} form={form} />
    </article>
  );
}

/** Who and when, the eight indicators, the optional tools, the guardian secrecy and the buttons. */
function AssessmentFields({ child, form }: { child: ChildOverview; form: AssessmentFormState }) {
  const { t } = useTranslation();
  const { values, setValues, busy } = form;
  const aria = errorAria(form.errors);
  const who = useProfessionalWho(form);
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} className="wheel-form">
      <PerspectiveFieldset values={values} setValues={setValues} aria={aria} who={who} />
      {values.perspective === 'guardian' ? (
        <GuardianFieldset child={child} values={values} setValues={setValues} aria={aria} />
      ) : null}
      <AssessedOnField birthDate={child.birthDate} values={values} setValues={setValues} aria={aria} />

      <h2>{t('wheel.form.indicatorsHeading')}</h2>
      {WHEEL_INDICATORS.map((i) => (
        <IndicatorFieldset
          key={i}
          indicator={i}
          value={values.indicators[i]}
          aria={aria}
          onChange={(p) => form.setIndicator(i, p)}
        />
      ))}

      <h2>{t('wheel.form.toolsHeading')}</h2>
      <MyWorldTool values={values} setValues={setValues} />
      <ResilienceTool values={values} setValues={setValues} />

      <CheckboxField
        boxed
        className="guardian-secret-field"
        id="f-secret-from-guardians"
        label={t('guardianSecret.label')}
        help={t('guardianSecret.help')}
        checked={values.secretFromGuardians}
        onChange={(secretFromGuardians) => setValues((v) => ({ ...v, secretFromGuardians }))}
      />

      <p className="action-row form-actions">
        <button type="submit" id="f-submit" className="button button-primary" disabled={busy}>
          {busy ? t('wheel.form.saving') : t('wheel.form.save')}
        </button>
        <Link to={paths.wheel(child.id)}>{t('wheel.form.cancel')}</Link>
      </p>
    </form>
  );
}

/** Who "professional" means: the one who recorded it (when kept), or the signed-in user. */
function useProfessionalWho({ base, baseForm, values }: AssessmentFormState): string {
  const { t } = useTranslation();
  const { state: sessionState } = useSession();
  const session = sessionState.status === 'ready' ? sessionState.session : null;
  const keptProfessional =
    base?.perspective.kind === 'professional' &&
    baseForm.perspective === 'professional' &&
    values.perspective === 'professional'
      ? base.perspective
      : null;
  if (keptProfessional) return t('wheel.form.professionalOther', { who: perspectiveLabel(t, keptProfessional) });
  const me =
    session?.person && session.assignment
      ? `${session.person.givenName} ${session.person.familyName}, ${[roleTitle(t, session.assignment), session.assignment.unitName].filter(Boolean).join(', ')}`
      : '';
  return t('wheel.form.professionalMe', { who: me });
}
