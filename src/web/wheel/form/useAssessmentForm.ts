/**
 * The assessment form's state: the values, the version they started from, errors (the summary takes
 * focus when they appear), and a 412 that keeps the user's changes on top of the other person's.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../../core/wheel.js';
import type { ApiError, ChildOverview } from '../../api.js';
import { asApiError } from '../../components/form/index.js';
import { navigate, paths } from '../../router.js';
import {
  type ChangedField,
  changedFields,
  createBody,
  emptyForm,
  type FormValues,
  formFromAssessment,
  type IndicatorValues,
  patchBody,
  reapply,
} from '../form-model.js';
import { setWheelFlash, type WheelAssessment, wheelApi } from '../wheel-api.js';
import { serverErrors, validate } from './errors.js';
import { type Errors, swedishToday } from './ids.js';

export interface WheelConflict {
  version: number;
  changed: ChangedField[];
}

/** The error summary's element, and a request to focus it once it has rendered. */
function useSummaryFocus() {
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusTarget, setFocusTarget] = useState<'summary' | null>(null);
  useEffect(() => {
    if (focusTarget === 'summary') summaryRef.current?.focus();
    if (focusTarget) setFocusTarget(null);
  }, [focusTarget]);
  return { summaryRef, focusSummary: () => setFocusTarget('summary') };
}

/**
 * What a save sends: all of a new assessment, or only the changes to an existing one (nothing when
 * nothing changed); `sent` lists the indicators in the order sent, to map the server's errors back.
 */
function plannedSave(childId: string, base: WheelAssessment | null, baseForm: FormValues, values: FormValues) {
  if (!base) {
    const body = createBody(values);
    return { sent: [...WHEEL_INDICATORS], run: () => wheelApi.create(childId, body) };
  }
  const patch = patchBody(baseForm, values);
  const sent = (patch?.indicators ?? []).map((x) => x.indicator);
  return { sent, run: async () => (patch ? wheelApi.update(childId, base.id, base.version, patch) : undefined) };
}

export function useAssessmentForm(child: ChildOverview, initial: WheelAssessment | null) {
  const { t } = useTranslation();
  const [base, setBase] = useState<WheelAssessment | null>(initial);
  const [baseForm, setBaseForm] = useState<FormValues>(() =>
    initial ? formFromAssessment(initial) : emptyForm(swedishToday()),
  );
  const [values, setValues] = useState<FormValues>(baseForm);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<WheelConflict | null>(null);
  const [busy, setBusy] = useState(false);
  const { summaryRef, focusSummary } = useSummaryFocus();

  function setIndicator(i: WheelIndicator, patch: Partial<IndicatorValues>) {
    setValues((v) => ({ ...v, indicators: { ...v.indicators, [i]: { ...v.indicators[i], ...patch } } }));
  }

  /** A 412 with their version: show what they changed and keep the user's changes on top of it. */
  function takeTheirs(current: WheelAssessment) {
    const theirs = formFromAssessment(current);
    setConflict({ version: current.version, changed: changedFields(baseForm, theirs) });
    setValues(reapply(baseForm, values, theirs));
    setBase(current);
    setBaseForm(theirs);
    setErrors({});
  }

  function failed(apiErr: ApiError, sent: WheelIndicator[]) {
    if (apiErr.status === 412 && base) {
      const current = apiErr.body?.details?.current as WheelAssessment | undefined;
      if (current) takeTheirs(current);
      else setFailure(apiErr);
    } else if (apiErr.status === 400) {
      setErrors(serverErrors(t, apiErr, sent));
      focusSummary();
    } else setFailure(apiErr);
  }

  async function submit(ev?: FormEvent) {
    ev?.preventDefault();
    setFailure(null);
    const clientErrors = validate(t, values, child.birthDate);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      focusSummary();
      return;
    }
    setBusy(true);
    let sent: WheelIndicator[] = [...WHEEL_INDICATORS];
    try {
      const save = plannedSave(child.id, base, baseForm, values);
      sent = save.sent;
      await save.run();
      setConflict(null);
      setWheelFlash(t('wheel.page.saved'));
      navigate(paths.wheel(child.id));
    } catch (err) {
      failed(asApiError(err), sent);
    } finally {
      setBusy(false);
    }
  }

  function discardMine() {
    setValues(baseForm);
    setConflict(null);
  }

  return {
    base,
    baseForm,
    values,
    setValues,
    setIndicator,
    errors,
    failure,
    conflict,
    busy,
    summaryRef,
    submit,
    discardMine,
  };
}

export type AssessmentFormState = ReturnType<typeof useAssessmentForm>;
