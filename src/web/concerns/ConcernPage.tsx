/**
 * One concern: what was noticed, the five questions, and the decision. The concern can be changed
 * until it is decided; both changes and the decision are versioned. When someone else saved first
 * (412) the page says so, shows their version, keeps the user's edit and lets them apply it again.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../api.js';
import { ConflictNotice, type ConflictButton } from '../components/ConflictNotice.js';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../router.js';
import {
  concernApi,
  DECISION_CODES,
  QUESTION_KEYS,
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
import { IndicatorTags } from '../components/IndicatorTags.js';
import { swedishToday, useTimestamp } from '../components/time.js';
import {
  type Errors,
  FormProblems,
  RadioField,
  SubmitRow,
  TextAreaField,
  useFormState,
} from '../components/form/index.js';
import { useConflict, useVersionedResource } from '../components/useVersionedResource.js';
import { Fact } from '../components/Fact.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ConcernPage({ childId, concernId }: { childId: string; concernId: string }) {
  return UUID.test(childId) && UUID.test(concernId) ? (
    <LoadedConcern childId={childId} concernId={concernId} />
  ) : (
    <NotFoundPage />
  );
}

function LoadedConcern({ childId, concernId }: { childId: string; concernId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('concern.detail.pageTitle'));
  const r = useVersionedResource(`concern:${childId}:${concernId}`, () => concernApi.get(childId, concernId), {
    flash: (key) => <p>{t(key)}</p>,
  });
  const { loaded, current: concern } = r;
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const f = useFormat();
  const time = useTimestamp();
  if (r.notFound) return <NotFoundPage />;

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
      <LoadStatus load={loaded} />
      {r.status}
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
                r.replace(c);
                setEditing(false);
                if (saved) r.announce(<p>{t('concern.detail.changesSaved')}</p>);
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
                      r.clearStatus();
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
                onDecided={(d) => {
                  r.replace(d.concern);
                  const level = { level: t(`supportLevel.${lvl(d.supportLevel.after)}`) };
                  r.announce(
                    <p>{`${t('concern.decision.saved')} ${d.supportLevel.after > d.supportLevel.before ? t('concern.decision.levelRaised', level) : t('concern.decision.levelUnchanged', level)}`}</p>,
                  );
                }}
                onTheirs={(c) => r.replace(c)}
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
  const form = useFormState();
  const conflict = useConflict<Concern>();
  const theirs = conflict.theirs;
  const [notice, setNotice] = useState<string | null>(null);
  const first = useRef(true);
  useEffect(() => {
    // Opening the form moves focus to its first field.
    if (first.current) document.getElementById(`${EDIT}-observation`)?.focus();
    first.current = false;
  }, []);

  async function save(onVersion: number) {
    form.setFailure(null);
    setNotice(null);
    const problems = validateConcern(t, values, swedishToday(), {
      mode: 'edit',
      originalDue: theirs?.decisionDue ?? base.due,
    });
    if (Object.keys(problems).length > 0) return form.showErrors(problems);
    form.setErrors({});
    const changes = changesBetween(base.values, values);
    if (Object.keys(changes).length === 0) {
      setNotice(t('concern.form.nothingChanged'));
      return;
    }
    form.setBusy(true);
    try {
      onDone(await concernApi.update(childId, concern.id, onVersion, changes), true);
    } catch (err) {
      form.setBusy(false);
      if (conflict.caught(err)) return;
      const fields = fieldErrors(err);
      if (Object.keys(fields).length > 0)
        return form.showErrors(Object.fromEntries(Object.keys(fields).map((x) => [x, serverFieldMessage(t, x)])));
      if (err instanceof ApiError && err.status === 409) return setNotice(t('concern.decision.alreadyDecided'));
      form.fail(err);
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
              ? { label: t('concern.conflict.reapply'), disabled: form.busy, onClick: () => void save(theirs.version) }
              : null
          }
          discard={{ label: t('concern.conflict.discard'), onClick: () => onDone(theirs, false) }}
        />
      ) : null}
      <FormProblems form={form} fieldId={(x) => concernFieldId(EDIT, x)} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form noValidate onSubmit={submit} className="form-stack concern-form">
        <ConcernFields prefix={EDIT} values={values} onChange={setValues} errors={form.errors} mode="edit" />
        <SubmitRow
          label={t('concern.form.saveChanges')}
          busyLabel={t('concern.form.saving')}
          busy={form.busy}
          cancel={{ label: t('concern.form.cancel'), onClick: () => onDone(theirs ?? concern, false) }}
        />
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
  const form = useFormState();
  const { errors } = form;
  const conflict = useConflict<Concern>();
  const theirs = conflict.theirs;
  const [decidedElsewhere, setDecidedElsewhere] = useState(false);
  const id = (x: string) => (x === 'decision' ? `decision-${DECISION_CODES[0]}` : `decision-${x}`);

  async function save(onVersion: number) {
    form.setFailure(null);
    const problems: Errors = {};
    if (!decision) problems.decision = t('concern.decision.chooseRequired');
    if (!reason.trim()) problems.reason = t('concern.decision.reasonRequired');
    if (Object.keys(problems).length > 0 || !decision) return form.showErrors(problems);
    form.setErrors({});
    form.setBusy(true);
    try {
      onDecided(await concernApi.decide(childId, concern.id, onVersion, { decision, reason }));
    } catch (err) {
      form.setBusy(false);
      if (conflict.caught(err)) return;
      if (err instanceof ApiError && err.status === 409) return setDecidedElsewhere(true);
      const fields = fieldErrors(err);
      if (Object.keys(fields).length > 0) {
        return form.showErrors(
          Object.fromEntries(
            Object.keys(fields).map((x) => [
              x,
              x === 'reason' ? t('concern.decision.reasonRequired') : t('concern.decision.chooseRequired'),
            ]),
          ),
        );
      }
      form.fail(err);
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
                  disabled: form.busy,
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
      <FormProblems form={form} fieldId={id} />
      <form noValidate onSubmit={submit} className="form-stack concern-form">
        <RadioField
          id="decision"
          legend={t('concern.decision.choose')}
          error={errors.decision}
          value={decision}
          onChange={(code) => setDecision(code as ConcernDecisionCode)}
          optionId={(code) => `decision-${code}`}
          options={DECISION_CODES.map((code) => ({
            value: code,
            label: t(`concern.decisionCode.${code}`),
            help: t(`concern.decisionHelp.${code}`),
          }))}
        />
        <TextAreaField
          id="decision-reason"
          name="reason"
          label={t('concern.decision.reason')}
          help={t('concern.decision.reasonHelp')}
          error={errors.reason}
          value={reason}
          rows={4}
          required
          onChange={setReason}
        />
        <SubmitRow label={t('concern.decision.submit')} busyLabel={t('concern.decision.saving')} busy={form.busy} />
      </form>
    </>
  );
}
