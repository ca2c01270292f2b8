/**
 * One concern: what was noticed, the five questions, and the decision. The concern can be changed
 * until it is decided; both changes and the decision are versioned. When someone else saved first
 * (412) the page says so, shows their version, keeps the user's edit and lets them apply it again.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ConflictNotice, type ConflictButton } from '../components/ConflictNotice.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { SupportLevel } from '../components/SupportLevel.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../router.js';
import {
  concernApi,
  DECISION_CODES,
  fieldErrors,
  QUESTION_KEYS,
  swedishToday,
  theirVersion,
  type Concern,
  type ConcernDecisionCode,
  type ConcernDecisionResult,
} from './api.js';
import {
  changedFields,
  changesBetween,
  ConcernFields,
  concernFieldId,
  serverFieldMessage,
  validateConcern,
  valuesOf,
  type ConcernField,
  type ConcernFormValues,
} from './ConcernForm.js';
import { clearFlash, peekFlash } from './flash.js';
import { describedBy, ErrorSummary, FieldError, type Errors, useErrorSummary } from '../components/form.js';
import { useTimestamp } from './time.js';
import { IndicatorTags } from '../components/IndicatorTags.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ConcernPage({ childId, concernId }: { childId: string; concernId: string }) {
  return UUID.test(childId) && UUID.test(concernId) ? (
    <LoadedConcern childId={childId} concernId={concernId} />
  ) : (
    <NotFoundPage />
  );
}

type Message = { text: string; level?: number } | null;

function LoadedConcern({ childId, concernId }: { childId: string; concernId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('concern.detail.pageTitle'));
  const loaded = useLoad(`concern:${childId}:${concernId}`, () => concernApi.get(childId, concernId));
  const [current, setCurrent] = useState<Concern | null>(null);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<Message>(() => {
    const flash = peekFlash();
    return flash ? { text: t(flash) } : null;
  });
  useEffect(() => clearFlash(), []);
  const messageRef = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const f = useFormat();
  const time = useTimestamp();

  const concern = current ?? (loaded.status === 'ok' ? loaded.data : null);
  if (loaded.status === 'error' && loaded.error.isNotFound) return <NotFoundPage />;

  function announce(m: Message) {
    setMessage(m);
    window.setTimeout(() => messageRef.current?.focus(), 0);
  }

  return (
    <article aria-labelledby="page-heading" className="concern-page">
      <p className="breadcrumb">
        <Link to={paths.child(childId)}>{t('concern.detail.back')}</Link>
      </p>
      <PageHeading>
        {concern
          ? t('concern.detail.title', { date: f.date(time.day(concern.createdAt)) })
          : t('concern.detail.pageTitle')}
      </PageHeading>
      {loaded.status === 'loading' ? <Loading /> : null}
      {loaded.status === 'error' ? <ErrorMessage error={loaded.error} onRetry={loaded.reload} /> : null}
      {message ? (
        <div ref={messageRef} className="notice notice-success" role="status" tabIndex={-1}>
          <p>{message.text}</p>
          {message.level ? (
            <p>
              <SupportLevel level={message.level} />
            </p>
          ) : null}
        </div>
      ) : null}
      {concern ? (
        <>
          <p className="lead">
            <span className="label-inline">{t('concern.detail.status')}: </span>
            <ConcernStatus concern={concern} />
          </p>
          {editing ? (
            <EditConcern
              concern={concern}
              childId={childId}
              onDone={(c, saved) => {
                setCurrent(c);
                setEditing(false);
                if (saved) announce({ text: t('concern.detail.changesSaved') });
                else window.setTimeout(() => editButton.current?.focus(), 0);
              }}
            />
          ) : (
            <>
              <ConcernFacts concern={concern} />
              {concern.status === 'open' ? (
                <p>
                  <button
                    ref={editButton}
                    type="button"
                    className="button button-secondary"
                    onClick={() => {
                      setMessage(null);
                      setEditing(true);
                    }}
                  >
                    {t('concern.detail.edit')}
                  </button>
                </p>
              ) : null}
            </>
          )}
          <section className="panel" aria-labelledby="decision-heading">
            <h2 id="decision-heading">{t('concern.decision.heading')}</h2>
            {concern.decision ? (
              <DecisionFacts concern={concern} />
            ) : editing ? (
              <p className="muted">{t('concern.noDecision')}</p>
            ) : (
              <DecisionForm
                key={concern.version}
                concern={concern}
                childId={childId}
                onDecided={(r) => {
                  setCurrent(r.concern);
                  announce({
                    text: `${t('concern.decision.saved')} ${r.supportLevel.after > r.supportLevel.before ? t('concern.decision.levelRaised', { level: t(`supportLevel.${lvl(r.supportLevel.after)}`) }) : t('concern.decision.levelUnchanged', { level: t(`supportLevel.${lvl(r.supportLevel.after)}`) })}`,
                  });
                }}
                onTheirs={(c) => setCurrent(c)}
              />
            )}
          </section>
        </>
      ) : null}
    </article>
  );
}

const lvl = (n: number): 1 | 2 | 3 => (n >= 3 ? 3 : n <= 1 ? 1 : 2);

export function ConcernStatus({ concern }: { concern: Concern }) {
  const { t } = useTranslation();
  if (concern.decision) return <span className="status status-decided">{t('concern.status.decided')}</span>;
  if (concern.overdue) return <span className="status status-overdue">{t('concern.status.overdue')}</span>;
  return <span className="status status-open">{t('concern.status.open')}</span>;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Everything recorded about a concern (also used to show someone else's version). */
export function ConcernFacts({ concern: c, headingLevel = 2 }: { concern: Concern; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const f = useFormat();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const by = [c.createdBy.name, c.createdBy.title, c.createdBy.unitName].filter(Boolean).join(', ');
  return (
    <div className="concern-facts">
      <dl className="facts">
        <Fact term={t('concern.detail.raisedBy')}>{by}</Fact>
        <Fact term={t('concern.detail.due')}>{f.date(c.decisionDue)}</Fact>
        <Fact term={t('concern.detail.observedSince')}>
          {c.observedSince ? f.date(c.observedSince) : <span className="muted">{t('concern.detail.notGiven')}</span>}
        </Fact>
        {c.owningUnit ? <Fact term={t('concern.detail.owningUnit')}>{c.owningUnit.name}</Fact> : null}
        {c.secretFromGuardians ? (
          <Fact term={t('guardianSecret.marker')}>
            <span className="guardian-secret-marker">{t('guardianSecret.markerHelp')}</span>
          </Fact>
        ) : null}
      </dl>
      <dl className="facts facts-stacked">
        <Fact term={t('concern.detail.indicators')}>
          <IndicatorTags indicators={c.indicators} empty={t('concern.detail.noIndicators')} />
        </Fact>
        <Fact term={t('concern.detail.observation')}>
          <span className="prewrap">{c.observation}</span>
        </Fact>
        <Fact term={t('concern.detail.earlierConcerns')}>
          {c.earlierConcerns ? (
            <span className="prewrap">{c.earlierConcerns}</span>
          ) : (
            <span className="muted">{t('concern.detail.notGiven')}</span>
          )}
        </Fact>
      </dl>
      <H className="subheading">{t('concern.detail.questionsHeading')}</H>
      <p className="muted">{t('concern.questionsAnswered', { answered: c.questionsAnswered })}</p>
      <dl className="question-list">
        {QUESTION_KEYS.map((k) => (
          <div key={k} className={c.questions[k] ? 'answered' : 'unanswered'}>
            <dt>{t(`concern.question.${k}`)}</dt>
            <dd>
              {c.questions[k] ? (
                <span className="prewrap">{c.questions[k]}</span>
              ) : (
                <span className="muted">{t('concern.notAnswered')}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function DecisionFacts({ concern: c }: { concern: Concern }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  const d = c.decision!;
  return (
    <dl className="facts facts-stacked">
      <Fact term={t('concern.decision.decision')}>{t(`concern.decisionCode.${d.code}`)}</Fact>
      <Fact term={t('concern.decision.reason')}>
        <span className="prewrap">{d.reason}</span>
      </Fact>
      <Fact term={t('concern.decision.decidedBy')}>
        {[d.decidedBy.name, d.decidedBy.title, d.decidedBy.unitName].filter(Boolean).join(', ')}
      </Fact>
      <Fact term={t('concern.decision.decidedAt')}>{f.date(time.day(d.decidedAt))}</Fact>
    </dl>
  );
}

/** Someone else's version, after a 412: who, when, what they changed, and their version in full. */
function Conflict({
  theirs,
  base,
  mine,
  reapply,
  discard,
}: {
  theirs: Concern;
  base: ConcernFormValues | null;
  mine: ConcernFormValues | null;
  reapply: ConflictButton | null;
  discard: ConflictButton;
}) {
  const { t } = useTranslation();
  const time = useTimestamp();
  const fieldName = (x: ConcernField) =>
    x === 'secretFromGuardians' ? t('guardianSecret.marker') : t(`concern.conflict.fields.${x}`);
  const theirChanges = base ? changedFields(base, valuesOf(theirs)) : [];
  const mineChanged = base && mine ? changedFields(base, mine) : [];
  const both = theirChanges.filter((x) => mineChanged.includes(x));
  return (
    <ConflictNotice
      className="concern-conflict"
      heading={t('concern.conflict.heading')}
      focusKey={theirs.version}
      reapply={reapply}
      discard={discard}
      theirVersion={
        <section className="their-version" aria-labelledby={`their-version-${theirs.version}`}>
          <h3 id={`their-version-${theirs.version}`}>{t('concern.conflict.theirVersion')}</h3>
          <p className="muted small">
            <ConcernStatus concern={theirs} /> ·{' '}
            {t('concern.detail.version', { version: theirs.version, time: time.dateTime(theirs.updatedAt) })}
          </p>
          <ConcernFacts concern={theirs} headingLevel={3} />
          {theirs.decision ? <DecisionFacts concern={theirs} /> : null}
        </section>
      }
    >
      <p>
        {t(mine ? 'concern.conflict.text' : 'concern.conflict.decisionText', {
          name: theirs.updatedBy.name || t('concern.conflict.someone'),
          time: time.dateTime(theirs.updatedAt),
        })}
      </p>
      {theirChanges.length > 0 ? (
        <p>{t('concern.conflict.theirChanges', { fields: theirChanges.map(fieldName).join(', ') })}</p>
      ) : null}
      {both.length > 0 ? <p>{t('concern.conflict.bothChanged', { fields: both.map(fieldName).join(', ') })}</p> : null}
    </ConflictNotice>
  );
}

const EDIT = 'edit-concern';

function EditConcern({
  concern,
  childId,
  onDone,
}: {
  concern: Concern;
  childId: string;
  onDone: (c: Concern, saved: boolean) => void;
}) {
  const { t } = useTranslation();
  // The version the user started from: what "my changes" are measured against.
  const [base] = useState(() => ({ values: valuesOf(concern), version: concern.version, due: concern.decisionDue }));
  const [values, setValues] = useState<ConcernFormValues>(() => valuesOf(concern));
  const [errors, setErrors] = useState<Errors>({});
  const [theirs, setTheirs] = useState<Concern | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { summary, showErrors } = useErrorSummary(setErrors);
  const first = useRef(true);
  useEffect(() => {
    // Opening the form moves focus to its first field.
    if (first.current) document.getElementById(`${EDIT}-observation`)?.focus();
    first.current = false;
  }, []);

  async function save(onVersion: number) {
    setFailure(null);
    setNotice(null);
    const problems = validateConcern(t, values, swedishToday(), {
      mode: 'edit',
      originalDue: theirs?.decisionDue ?? base.due,
    });
    if (Object.keys(problems).length > 0) return showErrors(problems);
    setErrors({});
    const changes = changesBetween(base.values, values);
    if (Object.keys(changes).length === 0) {
      setNotice(t('concern.form.nothingChanged'));
      return;
    }
    setBusy(true);
    try {
      onDone(await concernApi.update(childId, concern.id, onVersion, changes), true);
    } catch (err) {
      setBusy(false);
      const current = theirVersion(err);
      if (current) return setTheirs(current);
      const fields = fieldErrors(err);
      if (Object.keys(fields).length > 0)
        return showErrors(Object.fromEntries(Object.keys(fields).map((x) => [x, serverFieldMessage(t, x)])));
      if (err instanceof ApiError && err.status === 409) return setNotice(t('concern.decision.alreadyDecided'));
      setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(theirs?.version ?? base.version);
  }

  return (
    <section className="panel" aria-labelledby="edit-heading">
      <h2 id="edit-heading">{t('concern.detail.editHeading')}</h2>
      {theirs ? (
        <Conflict
          theirs={theirs}
          base={base.values}
          mine={values}
          reapply={
            theirs.status === 'open'
              ? { label: t('concern.conflict.reapply'), disabled: busy, onClick: () => void save(theirs.version) }
              : null
          }
          discard={{ label: t('concern.conflict.discard'), onClick: () => onDone(theirs, false) }}
        />
      ) : null}
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={(x) => concernFieldId(EDIT, x)} />
      {failure ? <ErrorMessage error={failure} /> : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form noValidate onSubmit={submit} className="form-stack concern-form">
        <ConcernFields prefix={EDIT} values={values} onChange={setValues} errors={errors} mode="edit" />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('concern.form.saving') : t('concern.form.saveChanges')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => onDone(theirs ?? concern, false)}>
            {t('concern.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

function DecisionForm({
  concern,
  childId,
  onDecided,
  onTheirs,
}: {
  concern: Concern;
  childId: string;
  onDecided: (r: ConcernDecisionResult) => void;
  onTheirs: (c: Concern) => void;
}) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<ConcernDecisionCode | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [theirs, setTheirs] = useState<Concern | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [decidedElsewhere, setDecidedElsewhere] = useState(false);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const id = (x: string) => (x === 'decision' ? `decision-${DECISION_CODES[0]}` : `decision-${x}`);

  async function save(onVersion: number) {
    setFailure(null);
    const problems: Errors = {};
    if (!decision) problems.decision = t('concern.decision.chooseRequired');
    if (!reason.trim()) problems.reason = t('concern.decision.reasonRequired');
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !decision) {
      window.setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      onDecided(await concernApi.decide(childId, concern.id, onVersion, { decision, reason }));
    } catch (err) {
      setBusy(false);
      const current = theirVersion(err);
      if (current) return setTheirs(current);
      if (err instanceof ApiError && err.status === 409) return setDecidedElsewhere(true);
      const fields = fieldErrors(err);
      if (Object.keys(fields).length > 0) {
        setErrors(
          Object.fromEntries(
            Object.keys(fields).map((x) => [
              x,
              x === 'reason' ? t('concern.decision.reasonRequired') : t('concern.decision.chooseRequired'),
            ]),
          ),
        );
        window.setTimeout(() => summary.current?.focus(), 0);
        return;
      }
      setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(theirs?.version ?? concern.version);
  }

  return (
    <>
      <p>{t('concern.decision.intro')}</p>
      {theirs ? (
        <Conflict
          theirs={theirs}
          base={null}
          mine={null}
          reapply={
            theirs.status === 'open'
              ? {
                  label: t('concern.conflict.reapplyDecision'),
                  disabled: busy,
                  onClick: () => void save(theirs.version),
                }
              : null
          }
          discard={{ label: t('concern.conflict.discard'), onClick: () => onTheirs(theirs) }}
        />
      ) : null}
      {decidedElsewhere ? (
        <div className="notice notice-warning" role="alert">
          <p>{t('concern.decision.alreadyDecided')}</p>
          <button type="button" className="button button-secondary" onClick={() => window.location.reload()}>
            {t('concern.decision.reload')}
          </button>
        </div>
      ) : null}
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={id} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={submit} className="form-stack concern-form">
        <fieldset
          className={`fieldset${errors.decision ? ' field-invalid' : ''}`}
          aria-describedby={describedBy(errors.decision && 'decision-error')}
        >
          <legend>{t('concern.decision.choose')}</legend>
          <FieldError id="decision-error" message={errors.decision} />
          <ul className="radio-list">
            {DECISION_CODES.map((code) => (
              <li key={code} className="radio">
                <input
                  id={`decision-${code}`}
                  type="radio"
                  name="decision"
                  value={code}
                  checked={decision === code}
                  onChange={() => setDecision(code)}
                  aria-describedby={`decision-${code}-help`}
                />
                <label htmlFor={`decision-${code}`}>{t(`concern.decisionCode.${code}`)}</label>
                <p id={`decision-${code}-help`} className="help">
                  {t(`concern.decisionHelp.${code}`)}
                </p>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className={`field field-wide${errors.reason ? ' field-invalid' : ''}`}>
          <label htmlFor="decision-reason">{t('concern.decision.reason')}</label>
          <p id="decision-reason-help" className="help">
            {t('concern.decision.reasonHelp')}
          </p>
          <FieldError id="decision-reason-error" message={errors.reason} />
          <textarea
            id="decision-reason"
            name="reason"
            rows={4}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={describedBy('decision-reason-help', errors.reason && 'decision-reason-error')}
            aria-invalid={errors.reason ? true : undefined}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('concern.decision.saving') : t('concern.decision.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
