/**
 * One anonymous consultation case: what was brought, the team's advice (recorded here by a team
 * member), and "Koppla till barn" — linking the case to a child on my team once consent has been
 * given, which copies the advice into the child's chronology.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { fieldErrors, swedishToday } from '../concerns/api.js';
import { describedBy, ErrorSummary, FieldError, type Errors, useErrorSummary } from '../components/form.js';
import { useTimestamp } from '../concerns/time.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../router.js';
import {
  CONSENT_GIVERS,
  CONSENT_METHODS,
  consultationApi,
  PARTICIPANT_ROLES,
  personalDataRefusal,
  type ConsultationCase,
  type ConsultationLinkResult,
  type ParticipantRole,
} from './api.js';
import { CaseStatus } from './ConsultationListPage.js';
import { clearFlash, peekFlash } from './flash.js';
import { personalDataMessage } from './NewConsultationPage.js';
import { IndicatorTags } from '../components/IndicatorTags.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function ConsultationCasePage({ caseId }: { caseId: string }) {
  return UUID.test(caseId) ? <LoadedCase caseId={caseId} /> : <NotFoundPage />;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function LoadedCase({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('consultation.case.pageTitle'));
  const loaded = useLoad(`consultation:${caseId}`, () => consultationApi.get(caseId));
  const [current, setCurrent] = useState<ConsultationCase | null>(null);
  const [message, setMessage] = useState<ReactNode>(() => {
    const flash = peekFlash();
    return flash ? t(flash) : null;
  });
  useEffect(() => clearFlash(), []);
  const messageRef = useRef<HTMLDivElement>(null);
  const f = useFormat();
  const time = useTimestamp();
  const c = current ?? (loaded.status === 'ok' ? loaded.data : null);
  if (loaded.status === 'error' && loaded.error.isNotFound) return <NotFoundPage />;

  function announce(m: ReactNode) {
    setMessage(m);
    window.setTimeout(() => messageRef.current?.focus(), 0);
  }

  return (
    <article aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link to={paths.consultation}>{t('consultation.back')}</Link>
      </p>
      <PageHeading>
        {c ? t('consultation.case.title', { date: f.date(time.day(c.createdAt)) }) : t('consultation.case.pageTitle')}
      </PageHeading>
      {loaded.status === 'loading' ? <Loading /> : null}
      {loaded.status === 'error' ? <ErrorMessage error={loaded.error} onRetry={loaded.reload} /> : null}
      {message ? (
        <div ref={messageRef} className="notice notice-success" role="status" tabIndex={-1}>
          {message}
        </div>
      ) : null}
      {c ? (
        <>
          <p className="lead">
            <span className="label-inline">{t('consultation.list.status')}: </span>
            <CaseStatus c={c} />
          </p>
          <dl className="facts">
            <Fact term={t('consultation.form.team')}>{c.team.name}</Fact>
            <Fact term={t('consultation.form.municipality')}>{c.municipality.name ?? c.municipality.code}</Fact>
            <Fact term={t('consultation.form.ageBand')}>{t(`consultation.ageBand.${c.ageBand}`)}</Fact>
            <Fact term={t('consultation.form.schoolStage')}>{t(`consultation.schoolStage.${c.schoolStage}`)}</Fact>
            <Fact term={t('consultation.case.author')}>
              {[c.author.name, c.author.title, c.author.unitName].filter(Boolean).join(', ')}
            </Fact>
          </dl>
          <dl className="facts facts-stacked">
            <Fact term={t('consultation.form.indicators')}>
              <IndicatorTags indicators={c.indicators} empty={t('consultation.case.none')} />
            </Fact>
            <Fact term={t('consultation.form.description')}>
              <span className="prewrap">{c.description}</span>
            </Fact>
            <Fact term={t('consultation.form.question')}>
              {c.question ? (
                <span className="prewrap">{c.question}</span>
              ) : (
                <span className="muted">{t('consultation.case.none')}</span>
              )}
            </Fact>
          </dl>

          <section className="panel" aria-labelledby="advice-heading">
            <h2 id="advice-heading">{t('consultation.advice.heading')}</h2>
            {c.advice ? (
              <>
                {c.advice.mandatoryReportAdvised ? (
                  <div className="notice notice-error">
                    <p className="notice-heading">{t('consultation.advice.mandatoryHeading')}</p>
                    <p>{t('consultation.advice.mandatoryText')}</p>
                  </div>
                ) : null}
                <dl className="facts facts-stacked">
                  <Fact term={t('consultation.advice.advice')}>
                    <span className="prewrap">{c.advice.text}</span>
                  </Fact>
                  <Fact term={t('consultation.advice.consultedOn')}>{f.date(c.advice.consultedOn)}</Fact>
                  <Fact term={t('consultation.advice.participants')}>
                    {c.advice.participantRoles.map((r) => t(`consultation.participant.${r}`)).join(', ')}
                  </Fact>
                  <Fact term={t('consultation.advice.recordedBy')}>
                    {[c.advice.recordedBy.name, c.advice.recordedBy.title].filter(Boolean).join(', ')}
                  </Fact>
                </dl>
              </>
            ) : (
              <p>{t('consultation.advice.waiting')}</p>
            )}
            {c.viewer.mayAdvise ? (
              <AdviceForm
                key={c.version}
                c={c}
                onSaved={(updated) => {
                  setCurrent(updated);
                  announce(<p>{t('consultation.advice.saved')}</p>);
                }}
                onTheirs={(theirs) => {
                  setCurrent(theirs);
                  announce(<p>{t('consultation.advice.conflict')}</p>);
                }}
              />
            ) : null}
          </section>

          <section className="panel" aria-labelledby="link-heading">
            <h2 id="link-heading">{t('consultation.link.heading')}</h2>
            {c.link ? (
              <p>
                {t('consultation.link.linked', { name: c.link.linkedBy.name, date: f.date(time.day(c.link.linkedAt)) })}
              </p>
            ) : c.viewer.mayLink ? (
              <LinkFlow
                c={c}
                onLinked={(r, childName) => {
                  setCurrent({
                    ...c,
                    status: 'linked',
                    viewer: { ...c.viewer, mayLink: false, mayAdvise: false },
                    link: {
                      linkedAt: r.linkedAt,
                      linkedBy: { personId: '', name: t('consultation.link.you'), title: null, unitName: null },
                    },
                  });
                  announce(
                    <>
                      <p>{t('consultation.link.done', { name: childName })}</p>
                      <p>
                        <Link to={paths.child(r.childId)}>{t('consultation.link.toChild', { name: childName })}</Link>
                      </p>
                    </>,
                  );
                }}
              />
            ) : (
              <p>{t('consultation.link.needsAdvice')}</p>
            )}
          </section>
        </>
      ) : null}
    </article>
  );
}

const A = 'advice';

function AdviceForm({
  c,
  onSaved,
  onTheirs,
}: {
  c: ConsultationCase;
  onSaved: (x: ConsultationCase) => void;
  onTheirs: (x: ConsultationCase) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(c.advice?.text ?? '');
  const [consultedOn, setConsultedOn] = useState(c.advice?.consultedOn ?? swedishToday());
  const [roles, setRoles] = useState<ParticipantRole[]>(c.advice?.participantRoles ?? []);
  const [mandatory, setMandatory] = useState(c.advice?.mandatoryReportAdvised ?? false);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { summary, showErrors } = useErrorSummary(setErrors);
  const openButton = useRef<HTMLButtonElement>(null);
  const fieldId = (f: string) => (f === 'participantRoles' ? `${A}-role-${PARTICIPANT_ROLES[0]}` : `${A}-${f}`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const problems: Errors = {};
    if (!text.trim()) problems.advice = t('consultation.advice.adviceRequired');
    if (!ISO_DATE.test(consultedOn)) problems.consultedOn = t('consultation.advice.dateRequired');
    else if (consultedOn > swedishToday()) problems.consultedOn = t('consultation.advice.dateFuture');
    if (roles.length === 0) problems.participantRoles = t('consultation.advice.rolesRequired');
    if (Object.keys(problems).length > 0) return showErrors(problems);
    setErrors({});
    setBusy(true);
    try {
      onSaved(
        await consultationApi.advise(c.id, c.version, {
          advice: text,
          consultedOn,
          participantRoles: roles,
          mandatoryReportAdvised: mandatory,
        }),
      );
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.status === 412 && caught.body?.details?.current)
        return onTheirs(caught.body.details.current as ConsultationCase);
      const refusal = personalDataRefusal(caught);
      if (refusal) return showErrors({ advice: personalDataMessage(t, refusal.found) });
      const fields = fieldErrors(caught);
      if (Object.keys(fields).length > 0)
        return showErrors(Object.fromEntries(Object.keys(fields).map((f) => [f, t('consultation.form.fieldInvalid')])));
      setFailure(caught instanceof ApiError ? caught : new ApiError(0, null));
    }
  }

  if (!open) {
    return (
      <p>
        <button
          ref={openButton}
          type="button"
          className="button button-secondary"
          onClick={() => {
            setOpen(true);
            window.setTimeout(() => document.getElementById(`${A}-advice`)?.focus(), 0);
          }}
        >
          {c.advice ? t('consultation.advice.edit') : t('consultation.advice.record')}
        </button>
      </p>
    );
  }
  return (
    <>
      <h3 className="subheading">{c.advice ? t('consultation.advice.edit') : t('consultation.advice.record')}</h3>
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form consultation-form">
        <div className={`field field-wide${errors.advice ? ' field-invalid' : ''}`}>
          <label htmlFor={`${A}-advice`}>{t('consultation.advice.advice')}</label>
          <p id={`${A}-advice-help`} className="help">
            {t('consultation.advice.adviceHelp')}
          </p>
          <FieldError id={`${A}-advice-error`} message={errors.advice} />
          <textarea
            id={`${A}-advice`}
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={describedBy(`${A}-advice-help`, errors.advice && `${A}-advice-error`)}
            aria-invalid={errors.advice ? true : undefined}
          />
        </div>
        <div className={`field${errors.consultedOn ? ' field-invalid' : ''}`}>
          <label htmlFor={`${A}-consultedOn`}>{t('consultation.advice.consultedOn')}</label>
          <FieldError id={`${A}-consultedOn-error`} message={errors.consultedOn} />
          <input
            id={`${A}-consultedOn`}
            type="date"
            className="input-date"
            value={consultedOn}
            onChange={(e) => setConsultedOn(e.target.value)}
            aria-describedby={describedBy(errors.consultedOn && `${A}-consultedOn-error`)}
            aria-invalid={errors.consultedOn ? true : undefined}
          />
        </div>
        <fieldset
          className={`fieldset${errors.participantRoles ? ' field-invalid' : ''}`}
          aria-describedby={describedBy(`${A}-roles-help`, errors.participantRoles && `${A}-roles-error`)}
        >
          <legend>{t('consultation.advice.participants')}</legend>
          <p id={`${A}-roles-help`} className="help">
            {t('consultation.advice.participantsHelp')}
          </p>
          <FieldError id={`${A}-roles-error`} message={errors.participantRoles} />
          <ul className="checkbox-grid">
            {PARTICIPANT_ROLES.map((r) => (
              <li key={r} className="checkbox">
                <input
                  id={`${A}-role-${r}`}
                  type="checkbox"
                  checked={roles.includes(r)}
                  onChange={(e) =>
                    setRoles(
                      e.target.checked
                        ? PARTICIPANT_ROLES.filter((x) => x === r || roles.includes(x))
                        : roles.filter((x) => x !== r),
                    )
                  }
                />
                <label htmlFor={`${A}-role-${r}`}>{t(`consultation.participant.${r}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="checkbox">
          <input
            id={`${A}-mandatory`}
            type="checkbox"
            checked={mandatory}
            onChange={(e) => setMandatory(e.target.checked)}
            aria-describedby={`${A}-mandatory-help`}
          />
          <label htmlFor={`${A}-mandatory`}>{t('consultation.advice.mandatoryLabel')}</label>
          <p id={`${A}-mandatory-help`} className="help">
            {t('consultation.advice.mandatoryHelp')}
          </p>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('consultation.form.saving') : t('consultation.advice.save')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setOpen(false);
              window.setTimeout(() => openButton.current?.focus(), 0);
            }}
          >
            {t('consultation.form.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}

const L = 'link';

function LinkFlow({
  c,
  onLinked,
}: {
  c: ConsultationCase;
  onLinked: (r: ConsultationLinkResult, childName: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const children = useLoad(`consultation:children:${open}`, () =>
    open ? api.myChildren() : Promise.resolve({ children: [] }),
  );
  const [childId, setChildId] = useState('');
  const [givenBy, setGivenBy] = useState<(typeof CONSENT_GIVERS)[number][]>([]);
  const [method, setMethod] = useState<(typeof CONSENT_METHODS)[number] | ''>('');
  const [givenOn, setGivenOn] = useState(swedishToday());
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { summary, showErrors } = useErrorSummary(setErrors);
  const fieldId = (f: string) =>
    f === 'givenBy'
      ? `${L}-given-${CONSENT_GIVERS[0]}`
      : f === 'method'
        ? `${L}-method-${CONSENT_METHODS[0]}`
        : `${L}-${f}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const problems: Errors = {};
    if (!childId) problems.childId = t('consultation.link.childRequired');
    if (givenBy.length === 0) problems.givenBy = t('consultation.link.givenByRequired');
    if (!method) problems.method = t('consultation.link.methodRequired');
    if (!ISO_DATE.test(givenOn)) problems.givenOn = t('consultation.link.dateRequired');
    else if (givenOn > swedishToday()) problems.givenOn = t('consultation.link.dateFuture');
    if (Object.keys(problems).length > 0) return showErrors(problems);
    setErrors({});
    setBusy(true);
    try {
      const r = await consultationApi.link(c.id, {
        childId,
        consent: { givenBy, method: method as (typeof CONSENT_METHODS)[number], givenOn },
      });
      const child = children.status === 'ok' ? children.data.children.find((x) => x.id === childId) : undefined;
      onLinked(r, child ? `${child.givenName} ${child.familyName}` : '');
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.status === 404)
        return showErrors({ childId: t('consultation.link.notOnTeam') });
      if (caught instanceof ApiError && caught.status === 409) return setFailure(caught);
      const fields = fieldErrors(caught);
      if (Object.keys(fields).length > 0)
        return showErrors(
          Object.fromEntries(
            Object.keys(fields).map((f) => [f === 'consent' ? 'givenOn' : f, t('consultation.form.fieldInvalid')]),
          ),
        );
      setFailure(caught instanceof ApiError ? caught : new ApiError(0, null));
    }
  }

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
  return (
    <>
      <p>{t('consultation.link.consentIntro')}</p>
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {failure ? (
        failure.status === 409 ? (
          <p className="notice notice-error" role="alert">
            {t('consultation.link.conflict')}
          </p>
        ) : (
          <ErrorMessage error={failure} />
        )
      ) : null}
      {children.status === 'loading' ? <Loading /> : null}
      {children.status === 'error' ? <ErrorMessage error={children.error} onRetry={children.reload} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form consultation-form">
        <div className={`field${errors.childId ? ' field-invalid' : ''}`}>
          <label htmlFor={`${L}-childId`}>{t('consultation.link.child')}</label>
          <p id={`${L}-childId-help`} className="help">
            {t('consultation.link.childHelp')}
          </p>
          <FieldError id={`${L}-childId-error`} message={errors.childId} />
          <select
            id={`${L}-childId`}
            value={childId}
            onChange={(e) => setChildId(e.target.value)}
            aria-describedby={describedBy(`${L}-childId-help`, errors.childId && `${L}-childId-error`)}
            aria-invalid={errors.childId ? true : undefined}
          >
            <option value="">{t('consultation.form.choose')}</option>
            {children.status === 'ok'
              ? children.data.children.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.givenName} {x.familyName} ({x.birthDate})
                  </option>
                ))
              : null}
          </select>
        </div>
        <fieldset
          className={`fieldset${errors.givenBy ? ' field-invalid' : ''}`}
          aria-describedby={describedBy(errors.givenBy && `${L}-givenBy-error`)}
        >
          <legend>{t('consultation.link.givenBy')}</legend>
          <FieldError id={`${L}-givenBy-error`} message={errors.givenBy} />
          <ul className="checkbox-grid">
            {CONSENT_GIVERS.map((g) => (
              <li key={g} className="checkbox">
                <input
                  id={`${L}-given-${g}`}
                  type="checkbox"
                  checked={givenBy.includes(g)}
                  onChange={(e) =>
                    setGivenBy(
                      e.target.checked
                        ? CONSENT_GIVERS.filter((x) => x === g || givenBy.includes(x))
                        : givenBy.filter((x) => x !== g),
                    )
                  }
                />
                <label htmlFor={`${L}-given-${g}`}>{t(`consultation.link.giver.${g}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset
          className={`fieldset${errors.method ? ' field-invalid' : ''}`}
          aria-describedby={describedBy(errors.method && `${L}-method-error`)}
        >
          <legend>{t('consultation.link.method')}</legend>
          <FieldError id={`${L}-method-error`} message={errors.method} />
          <ul className="radio-list">
            {CONSENT_METHODS.map((m) => (
              <li key={m} className="radio">
                <input
                  id={`${L}-method-${m}`}
                  type="radio"
                  name="consent-method"
                  checked={method === m}
                  onChange={() => setMethod(m)}
                />
                <label htmlFor={`${L}-method-${m}`}>{t(`consultation.link.methods.${m}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className={`field${errors.givenOn ? ' field-invalid' : ''}`}>
          <label htmlFor={`${L}-givenOn`}>{t('consultation.link.givenOn')}</label>
          <FieldError id={`${L}-givenOn-error`} message={errors.givenOn} />
          <input
            id={`${L}-givenOn`}
            type="date"
            className="input-date"
            value={givenOn}
            onChange={(e) => setGivenOn(e.target.value)}
            aria-describedby={describedBy(errors.givenOn && `${L}-givenOn-error`)}
            aria-invalid={errors.givenOn ? true : undefined}
          />
        </div>
        <p className="help">{t('consultation.link.recordedBy')}</p>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('consultation.form.saving') : t('consultation.link.submit')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
            {t('consultation.form.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
