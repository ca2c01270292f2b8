/**
 * /barn/:id/hjulet/ny and /barn/:id/hjulet/:assessmentId — record or change one assessment: whose
 * view, the date, and for every indicator what works, what is hard and a rating (1–5 or "Inte
 * bedömt"); optionally My World Triangle and Resilience Matrix. Errors are shown at the fields
 * (aria-invalid, aria-describedby) and in a summary that takes focus. A 412 keeps the user's
 * changes, shows what the other person changed, and lets the user save again on top of it.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  MY_WORLD_SIDES,
  MY_WORLD_TRIANGLE,
  WHEEL_INDICATORS,
  WHEEL_RATINGS,
  type WheelIndicator,
} from '../../core/wheel.js';
import { api, type ApiError, type ChildOverview } from '../api.js';
import { ConflictNotice } from '../components/ConflictNotice.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { roleTitle } from '../../ui/labels.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, navigate, PageHeading, paths } from '../router.js';
import { useSession } from '../session.js';
import {
  changedFields,
  createBody,
  emptyForm,
  formFromAssessment,
  patchBody,
  reapply,
  RESILIENCE_FIELDS,
  type ChangedField,
  type FormValues,
  type IndicatorValues,
} from './form-model.js';
import { indicatorName, perspectiveLabel } from '../../ui/wheel/labels.js';
import { setWheelFlash, wheelApi, type WheelAssessment } from './wheel-api.js';
import { asApiError, FieldError } from '../components/form/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TODAY_FMT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** Today as a Swedish calendar day (the server checks the same). */
const swedishToday = () => TODAY_FMT.format(new Date());

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

type Errors = Record<string, string>;

/** Element ids, so the error summary can link to the first control of each field. */
const ids = {
  perspective: 'f-perspective-child',
  guardianId: 'f-guardian-0',
  assessedOn: 'f-date',
  rating: (i: WheelIndicator) => `f-${i}-rating-none`,
  works: (i: WheelIndicator) => `f-${i}-works`,
  hard: (i: WheelIndicator) => `f-${i}-hard`,
};
const errId = (key: string) => `err-${key.replace(/[^a-zA-Z0-9-]/g, '-')}`;

function AssessmentForm({ child, initial }: { child: ChildOverview; initial: WheelAssessment | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { state: sessionState } = useSession();
  const session = sessionState.status === 'ready' ? sessionState.session : null;
  const [base, setBase] = useState<WheelAssessment | null>(initial);
  const [baseForm, setBaseForm] = useState<FormValues>(() =>
    initial ? formFromAssessment(initial) : emptyForm(swedishToday()),
  );
  const [values, setValues] = useState<FormValues>(baseForm);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<{ version: number; changed: ChangedField[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusTarget, setFocusTarget] = useState<'summary' | null>(null);
  const name = `${child.givenName} ${child.familyName}`;
  const editing = base !== null;

  useEffect(() => {
    if (focusTarget === 'summary') summaryRef.current?.focus();
    if (focusTarget) setFocusTarget(null);
  }, [focusTarget]);

  const me =
    session?.person && session.assignment
      ? `${session.person.givenName} ${session.person.familyName}, ${[roleTitle(t, session.assignment), session.assignment.unitName].filter(Boolean).join(', ')}`
      : '';
  const keptProfessional =
    base?.perspective.kind === 'professional' &&
    baseForm.perspective === 'professional' &&
    values.perspective === 'professional'
      ? base.perspective
      : null;

  function setIndicator(i: WheelIndicator, patch: Partial<IndicatorValues>) {
    setValues((v) => ({ ...v, indicators: { ...v.indicators, [i]: { ...v.indicators[i], ...patch } } }));
  }

  function validate(v: FormValues): Errors {
    const e: Errors = {};
    if (v.perspective === '') e.perspective = t('wheel.form.errors.perspective');
    if (v.perspective === 'guardian' && !v.guardianId) e.guardianId = t('wheel.form.errors.guardian');
    if (!v.assessedOn) e.assessedOn = t('wheel.form.errors.dateRequired');
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(v.assessedOn) || Number.isNaN(Date.parse(`${v.assessedOn}T00:00:00Z`)))
      e.assessedOn = t('wheel.form.errors.dateInvalid');
    else if (v.assessedOn > swedishToday()) e.assessedOn = t('wheel.form.errors.dateFuture');
    else if (v.assessedOn < child.birthDate) e.assessedOn = t('wheel.form.errors.dateBeforeBirth');
    return e;
  }

  /** Maps the server's 400 (issue paths, details.field) onto the form's fields. */
  function serverErrors(err: ApiError, sent: WheelIndicator[]): Errors {
    const e: Errors = {};
    const paths: { path: string; message: string }[] = [...(err.body?.issues ?? [])];
    const field = err.body?.details?.field;
    if (typeof field === 'string') paths.push({ path: field, message: err.message });
    for (const p of paths) {
      const m = /^indicators\.(\d+)\.(rating|whatWorks|whatIsHard)$/.exec(p.path);
      const indicator = m ? sent[Number(m[1])] : undefined;
      if (m && indicator) {
        if (m[2] === 'rating') e[`rating.${indicator}`] = t('wheel.form.errors.rating');
        else e[`${m[2] === 'whatWorks' ? 'works' : 'hard'}.${indicator}`] = t('wheel.form.errors.tooLong');
      } else if (p.path === 'assessedOn') {
        e.assessedOn = /future/i.test(p.message)
          ? t('wheel.form.errors.dateFuture')
          : /born/i.test(p.message)
            ? t('wheel.form.errors.dateBeforeBirth')
            : t('wheel.form.errors.dateInvalid');
      } else if (p.path === 'perspective.guardianId') {
        e.guardianId = t('wheel.form.errors.guardianNotChild');
      } else if (p.path.startsWith('perspective')) {
        e.perspective = t('wheel.form.errors.perspective');
      } else {
        e.form = t('wheel.form.errors.generic', { message: p.message });
      }
    }
    if (Object.keys(e).length === 0) e.form = t('wheel.form.errors.generic', { message: err.message });
    return e;
  }

  async function submit(ev?: FormEvent) {
    ev?.preventDefault();
    setFailure(null);
    const clientErrors = validate(values);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      setFocusTarget('summary');
      return;
    }
    setBusy(true);
    let sent: WheelIndicator[] = [...WHEEL_INDICATORS];
    try {
      if (!base) {
        await wheelApi.create(child.id, createBody(values));
      } else {
        const patch = patchBody(baseForm, values);
        sent = (patch?.indicators ?? []).map((x) => x.indicator);
        if (patch) await wheelApi.update(child.id, base.id, base.version, patch);
      }
      setConflict(null);
      setWheelFlash(t('wheel.page.saved'));
      navigate(paths.wheel(child.id));
    } catch (err) {
      const apiErr = asApiError(err);
      if (apiErr.status === 412 && base) {
        const current = apiErr.body?.details?.current as WheelAssessment | undefined;
        if (current) {
          const theirs = formFromAssessment(current);
          setConflict({ version: current.version, changed: changedFields(baseForm, theirs) });
          setValues(reapply(baseForm, values, theirs));
          setBase(current);
          setBaseForm(theirs);
          setErrors({});
        } else setFailure(apiErr);
      } else if (apiErr.status === 400) {
        setErrors(serverErrors(apiErr, sent));
        setFocusTarget('summary');
      } else setFailure(apiErr);
    } finally {
      setBusy(false);
    }
  }

  function discardMine() {
    setValues(baseForm);
    setConflict(null);
  }

  const errorEntries = Object.entries(errors);
  const describedBy = (key: string, ...more: (string | undefined)[]) =>
    [...more, errors[key] ? errId(key) : undefined].filter(Boolean).join(' ') || undefined;
  const invalid = (key: string) => (errors[key] ? true : undefined);
  const linkFor = (key: string): string => {
    if (key === 'perspective') return ids.perspective;
    if (key === 'guardianId') return ids.guardianId;
    if (key === 'assessedOn') return ids.assessedOn;
    const [kind, indicator] = key.split('.') as [string, WheelIndicator];
    if (kind === 'rating') return ids.rating(indicator);
    if (kind === 'works') return ids.works(indicator);
    if (kind === 'hard') return ids.hard(indicator);
    return 'f-submit';
  };

  return (
    <article className="wheel-form-page" aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link to={paths.wheel(child.id)}>{t('wheel.page.title')}</Link>
      </p>
      <PageHeading>
        {editing ? t('wheel.form.headingEdit', { name }) : t('wheel.form.headingNew', { name })}
      </PageHeading>
      {base ? (
        <p className="muted">
          {t('wheel.form.meta', { name: base.recordedBy.name, date: f.date(base.createdAt), version: base.version })}
        </p>
      ) : null}
      <p className="lead">{t('wheel.form.intro')}</p>

      {errorEntries.length > 0 ? (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          className="notice notice-error error-summary"
          aria-labelledby="error-summary-heading"
        >
          <p id="error-summary-heading" className="notice-heading">
            {t('wheel.form.errorSummary')}
          </p>
          <ul>
            {errorEntries.map(([key, message]) => (
              <li key={key}>
                <a
                  href={`#${linkFor(key)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(linkFor(key))?.focus();
                  }}
                >
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {conflict ? (
        <ConflictNotice
          className="conflict"
          heading={t('wheel.form.conflict.heading')}
          headingId="conflict-heading"
          announce="all"
          focusKey={conflict.version}
          reapply={{ label: t('wheel.form.conflict.reapply'), disabled: busy, onClick: () => void submit() }}
          discard={{ label: t('wheel.form.conflict.discard'), disabled: busy, onClick: discardMine }}
        >
          <p>{t('wheel.form.conflict.text', { version: conflict.version })}</p>
          {conflict.changed.length > 0 ? (
            <>
              <p>{t('wheel.form.conflict.changedByThem')}</p>
              <ul>
                {conflict.changed.map((c) => (
                  <li key={c.kind === 'indicator' ? `${c.indicator}.${c.field}` : c.kind}>{changedLabel(t, c)}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('wheel.form.conflict.nothingVisible')}</p>
          )}
        </ConflictNotice>
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}

      <form noValidate onSubmit={(e) => void submit(e)} className="wheel-form">
        <fieldset className="choice-group" aria-describedby={describedBy('perspective')}>
          <legend>{t('wheel.form.perspectiveLegend')}</legend>
          <FieldError id={errId('perspective')} message={errors.perspective} />
          {(['child', 'guardian', 'professional'] as const).map((kind) => (
            <div className="radio" key={kind}>
              <input
                type="radio"
                id={`f-perspective-${kind}`}
                name="perspective"
                value={kind}
                checked={values.perspective === kind}
                onChange={() => setValues((v) => ({ ...v, perspective: kind }))}
                aria-invalid={invalid('perspective')}
                aria-describedby={kind === 'professional' ? 'f-professional-who' : undefined}
              />
              <label htmlFor={`f-perspective-${kind}`}>
                {t(
                  kind === 'child'
                    ? 'wheel.form.perspectiveChild'
                    : kind === 'guardian'
                      ? 'wheel.form.perspectiveGuardian'
                      : 'wheel.form.perspectiveProfessional',
                )}
              </label>
            </div>
          ))}
          <p id="f-professional-who" className="help">
            {keptProfessional
              ? t('wheel.form.professionalOther', { who: perspectiveLabel(t, keptProfessional) })
              : t('wheel.form.professionalMe', { who: me })}
          </p>
        </fieldset>

        {values.perspective === 'guardian' ? (
          <fieldset className="choice-group" aria-describedby={describedBy('guardianId')}>
            <legend>{t('wheel.form.guardianLegend')}</legend>
            <FieldError id={errId('guardianId')} message={errors.guardianId} />
            {child.guardians.length === 0 ? <p>{t('wheel.form.noGuardians')}</p> : null}
            {child.guardians.map((g, k) => (
              <div className="radio" key={g.id}>
                <input
                  type="radio"
                  id={`f-guardian-${k}`}
                  name="guardian"
                  value={g.id}
                  checked={values.guardianId === g.id}
                  onChange={() => setValues((v) => ({ ...v, guardianId: g.id }))}
                  aria-invalid={invalid('guardianId')}
                />
                <label htmlFor={`f-guardian-${k}`}>
                  {g.givenName} {g.familyName} ({t(`relation.${g.relation}`).toLowerCase()})
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}

        <div className={`field${errors.assessedOn ? ' field-invalid' : ''}`}>
          <label htmlFor={ids.assessedOn}>{t('wheel.form.date')}</label>
          <p id="f-date-help" className="help">
            {t('wheel.form.dateHelp')}
          </p>
          <FieldError id={errId('assessedOn')} message={errors.assessedOn} />
          <input
            id={ids.assessedOn}
            type="date"
            className="input-date"
            value={values.assessedOn}
            max={swedishToday()}
            min={child.birthDate}
            onChange={(e) => setValues((v) => ({ ...v, assessedOn: e.target.value }))}
            aria-invalid={invalid('assessedOn')}
            aria-describedby={describedBy('assessedOn', 'f-date-help')}
          />
        </div>

        <h2>{t('wheel.form.indicatorsHeading')}</h2>
        {WHEEL_INDICATORS.map((i) => (
          <IndicatorFieldset
            key={i}
            indicator={i}
            value={values.indicators[i]}
            errors={errors}
            onChange={(p) => setIndicator(i, p)}
            describedBy={describedBy}
          />
        ))}

        <h2>{t('wheel.form.toolsHeading')}</h2>
        <details
          className="tool"
          open={
            MY_WORLD_SIDES.some((s) =>
              MY_WORLD_TRIANGLE[s].some(
                (h) => values.myWorld[`${s}.${h}`]!.strengths || values.myWorld[`${s}.${h}`]!.challenges,
              ),
            ) || undefined
          }
        >
          <summary>{t('wheel.myWorld.heading')}</summary>
          <p className="help">{t('wheel.myWorld.intro')}</p>
          {MY_WORLD_SIDES.map((side) => (
            <fieldset key={side} className="tool-side">
              <legend>{t(`wheel.myWorld.sides.${side}`)}</legend>
              {MY_WORLD_TRIANGLE[side].map((heading) => {
                const key = `${side}.${heading}`;
                const cell = values.myWorld[key]!;
                const set = (field: 'strengths' | 'challenges', text: string) =>
                  setValues((v) => ({ ...v, myWorld: { ...v.myWorld, [key]: { ...v.myWorld[key]!, [field]: text } } }));
                return (
                  <fieldset key={heading} className="tool-heading">
                    <legend>{t(`wheel.myWorld.headings.${heading}`)}</legend>
                    <div className="two-col">
                      <TextArea
                        id={`f-mw-${side}-${heading}-s`}
                        label={t('wheel.myWorld.strengths')}
                        value={cell.strengths}
                        onChange={(x) => set('strengths', x)}
                        rows={2}
                      />
                      <TextArea
                        id={`f-mw-${side}-${heading}-c`}
                        label={t('wheel.myWorld.challenges')}
                        value={cell.challenges}
                        onChange={(x) => set('challenges', x)}
                        rows={2}
                      />
                    </div>
                  </fieldset>
                );
              })}
            </fieldset>
          ))}
        </details>
        <details className="tool" open={RESILIENCE_FIELDS.some((k) => values.resilience[k]) || undefined}>
          <summary>{t('wheel.resilience.heading')}</summary>
          <p className="help">{t('wheel.resilience.intro')}</p>
          <div className="quadrants">
            {RESILIENCE_FIELDS.map((k) => (
              <TextArea
                key={k}
                id={`f-rm-${k}`}
                label={t(`wheel.resilience.${k}`)}
                value={values.resilience[k]}
                onChange={(x) => setValues((v) => ({ ...v, resilience: { ...v.resilience, [k]: x } }))}
                rows={3}
              />
            ))}
          </div>
        </details>

        <div className="field checkbox guardian-secret-field">
          <input
            type="checkbox"
            id="f-secret-from-guardians"
            checked={values.secretFromGuardians}
            onChange={(e) => {
              const secretFromGuardians = e.target.checked;
              setValues((v) => ({ ...v, secretFromGuardians }));
            }}
            aria-describedby="f-secret-from-guardians-help"
          />
          <label htmlFor="f-secret-from-guardians">{t('guardianSecret.label')}</label>
          <p id="f-secret-from-guardians-help" className="help checkbox-help">
            {t('guardianSecret.help')}
          </p>
        </div>

        <p className="action-row form-actions">
          <button type="submit" id="f-submit" className="button button-primary" disabled={busy}>
            {busy ? t('wheel.form.saving') : t('wheel.form.save')}
          </button>
          <Link to={paths.wheel(child.id)}>{t('wheel.form.cancel')}</Link>
        </p>
      </form>
    </article>
  );
}

function changedLabel(t: TFunction, c: ChangedField): string {
  if (c.kind === 'secretFromGuardians') return t('guardianSecret.marker');
  if (c.kind !== 'indicator') return t(`wheel.form.conflict.field.${c.kind}`);
  const field =
    c.field === 'whatWorks'
      ? t('wheel.form.works')
      : c.field === 'whatIsHard'
        ? t('wheel.form.hard')
        : t('wheel.form.ratingLegend');
  return t('wheel.form.conflict.indicatorField', { indicator: indicatorName(t, c.indicator), field });
}

function TextArea({
  id,
  label,
  value,
  onChange,
  rows = 3,
  invalid,
  describedBy,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  rows?: number;
  invalid?: boolean;
  describedBy?: string;
  error?: ReactNode;
}) {
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {error}
      <textarea
        id={id}
        rows={rows}
        maxLength={4000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

function IndicatorFieldset({
  indicator: i,
  value,
  errors,
  onChange,
  describedBy,
}: {
  indicator: WheelIndicator;
  value: IndicatorValues;
  errors: Errors;
  onChange: (p: Partial<IndicatorValues>) => void;
  describedBy: (key: string, ...more: (string | undefined)[]) => string | undefined;
}) {
  const { t } = useTranslation();
  const helpId = `f-${i}-help`;
  const ratingKey = `rating.${i}`;
  const choices: (number | null)[] = [...WHEEL_RATINGS, null];
  return (
    <fieldset className="indicator-fieldset" aria-describedby={helpId}>
      <legend>{indicatorName(t, i)}</legend>
      <p id={helpId} className="help">
        {t(`wheel.indicators.${i}.explanation`)}
      </p>
      <div className="two-col">
        <TextArea
          id={ids.works(i)}
          label={t('wheel.form.works')}
          value={value.whatWorks}
          onChange={(x) => onChange({ whatWorks: x })}
          invalid={!!errors[`works.${i}`]}
          describedBy={describedBy(`works.${i}`)}
          error={<FieldError id={errId(`works.${i}`)} message={errors[`works.${i}`]} />}
        />
        <TextArea
          id={ids.hard(i)}
          label={t('wheel.form.hard')}
          value={value.whatIsHard}
          onChange={(x) => onChange({ whatIsHard: x })}
          invalid={!!errors[`hard.${i}`]}
          describedBy={describedBy(`hard.${i}`)}
          error={<FieldError id={errId(`hard.${i}`)} message={errors[`hard.${i}`]} />}
        />
      </div>
      <fieldset className="rating-group">
        <legend>
          {t('wheel.form.ratingLegend')}
          <span className="visually-hidden">: {indicatorName(t, i)}</span>
        </legend>
        <FieldError id={errId(ratingKey)} message={errors[ratingKey]} />
        <div className="rating-options">
          {choices.map((r) => {
            const id = r === null ? ids.rating(i) : `f-${i}-rating-${r}`;
            return (
              <div className={`rating-option${r === null ? ' rating-option-none' : ''}`} key={r ?? 'none'}>
                <input
                  type="radio"
                  id={id}
                  name={`rating-${i}`}
                  value={r === null ? 'none' : String(r)}
                  checked={value.rating === r}
                  onChange={() => onChange({ rating: r })}
                  aria-invalid={errors[ratingKey] ? true : undefined}
                  aria-describedby={describedBy(ratingKey)}
                />
                <label htmlFor={id}>
                  {r === null ? t('wheel.rating.notAssessed') : t(`wheel.rating.${r as 1 | 2 | 3 | 4 | 5}`)}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </fieldset>
  );
}
