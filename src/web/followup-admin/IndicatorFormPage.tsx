/** The form that creates or changes an indicator definition (the server checks it against the instrument). */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, navigate, PageHeading, paths } from '../router.js';
import { adminApi, problemsOf, type Indicator, type InstrumentDetail } from './api.js';
import { AdminNav, ProblemList } from './common.js';
import { ErrorSummary, type Errors, useErrorSummary } from '../components/form/index.js';
import { checkIndicator, EMPTY, fromIndicator, toBody, type FormState, type SetField } from './indicator-form-state.js';
import {
  Codebook,
  DontKnowAndUniverse,
  GoalAndEnabled,
  GradesAndKolada,
  ItemsFieldset,
  TextField,
  WheelAndPolarity,
} from './IndicatorFields.js';

export function IndicatorFormPage({ indicatorKey }: { indicatorKey: string | null }) {
  const { t } = useTranslation();
  const title = indicatorKey ? t('followupAdmin.indicatorForm.editTitle') : t('followupAdmin.indicatorForm.newTitle');
  useDocumentTitle(title);
  const data = useLoad(`followup-admin:indicator:${indicatorKey ?? 'new'}`, async () => ({
    instrument: await adminApi.instrument(),
    indicator: indicatorKey ? await adminApi.indicator(indicatorKey) : null,
  }));
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <AdminNav current="indicators" />
      <LoadStatus load={data} />
      {data.status === 'ok' ? (
        <IndicatorForm instrument={data.data.instrument} indicator={data.data.indicator} />
      ) : null}
    </>
  );
}

function IndicatorForm({ instrument, indicator }: { instrument: InstrumentDetail; indicator: Indicator | null }) {
  const { t } = useTranslation();
  const { f, set, errors, serverProblems, conflict, failure, busy, summary, problemsRef, submit } =
    useIndicatorForm(indicator);
  const fieldId = (k: string) => (k === 'items' ? `ind-item-${instrument.items[0]!.key}` : `ind-${k}`);
  const fields = { f, set, errors };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form-stack">
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {conflict ? (
        <p role="alert" className="notice notice-warning">
          {t('followupAdmin.indicatorForm.conflict')}
        </p>
      ) : null}
      {serverProblems ? (
        <ProblemList ref={problemsRef} heading={t('followupAdmin.indicatorForm.problems')} problems={serverProblems} />
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
      {indicator ? null : <TextField k="key" help={t('followupAdmin.indicatorForm.keyHelp')} {...fields} />}
      <TextField k="labelSv" {...fields} />
      <TextField k="labelEn" {...fields} />
      <WheelAndPolarity f={f} set={set} />
      <ItemsFieldset {...fields} instrument={instrument} />
      <TextField k="atLeast" help={t('followupAdmin.indicatorForm.atLeastHelp')} inputMode="numeric" {...fields} />
      <TextField k="positive" help={t('followupAdmin.indicatorForm.positiveHelp')} {...fields} />
      <Codebook f={f} instrument={instrument} />
      <DontKnowAndUniverse {...fields} instrument={instrument} />
      <GradesAndKolada {...fields} />
      <GoalAndEnabled f={f} set={set} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {indicator ? t('followupAdmin.indicatorForm.save') : t('followupAdmin.indicatorForm.create')}
        </button>
        <Link to={paths.followupAdminIndicators} className="button button-secondary">
          {t('followupAdmin.indicatorForm.cancel')}
        </Link>
      </div>
    </form>
  );
}

/** The form's values and its submit: checks, then create or change (with the version read), then back to the list. */
function useIndicatorForm(indicator: Indicator | null) {
  const { t } = useTranslation();
  const [f, setF] = useState<FormState>(indicator ? fromIndicator(indicator) : EMPTY);
  const [version, setVersion] = useState(indicator?.version ?? 0);
  const [errors, setErrors] = useState<Errors>({});
  const [serverProblems, setServerProblems] = useState<string[] | null>(null);
  const [conflict, setConflict] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { summary, showErrors } = useErrorSummary(setErrors);
  const problemsRef = useRef<HTMLDivElement>(null);
  const set: SetField = (k, v) => setF((x) => ({ ...x, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerProblems(null);
    setFailure(null);
    const p = checkIndicator(t, f, !indicator);
    if (Object.keys(p).length > 0) return showErrors(p);
    setErrors({});
    const body = toBody(f);
    setBusy(true);
    try {
      if (indicator) {
        const { key: _key, ...patch } = body;
        void _key;
        await adminApi.changeIndicator(indicator.key, version, patch);
      } else await adminApi.createIndicator(body);
      navigate(paths.followupAdminIndicators);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) {
        const cur = err.body?.details?.currentVersion;
        if (typeof cur === 'number') setVersion(cur);
        setConflict(true);
        return;
      }
      if (err instanceof ApiError && err.status === 409)
        return showErrors({ key: t('followupAdmin.indicatorForm.keyTaken') });
      const probs = problemsOf(err);
      if (probs) {
        setServerProblems(probs);
        window.setTimeout(() => problemsRef.current?.focus(), 0);
        return;
      }
      setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    }
  }

  return { f, set, errors, serverProblems, conflict, failure, busy, summary, problemsRef, submit };
}
