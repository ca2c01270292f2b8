/**
 * One anonymous consultation case: what was brought, the team's advice (recorded here by a team
 * member), and "Koppla till barn" — linking the case to a child on my team once consent has been
 * given, which copies the advice into the child's chronology.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, fieldErrors, theirVersion } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
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
import { personalDataMessage } from './NewConsultationPage.js';
import { IndicatorTags } from '../components/IndicatorTags.js';
import { swedishToday, useTimestamp } from '../components/time.js';
import {
  CheckboxField,
  CheckboxGroup,
  DateField,
  type Errors,
  ErrorSummary,
  FormProblems,
  RadioField,
  SelectField,
  SubmitRow,
  TextAreaField,
  useFormState,
} from '../components/form/index.js';
import { useVersionedResource } from '../components/useVersionedResource.js';
import { Fact } from '../components/Fact.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function ConsultationCasePage({ caseId }: { caseId: string }) {
  return UUID.test(caseId) ? <LoadedCase caseId={caseId} /> : <NotFoundPage />;
}

function LoadedCase({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('consultation.case.pageTitle'));
  const r = useVersionedResource(`consultation:${caseId}`, () => consultationApi.get(caseId), {
    flash: (key) => t(key),
  });
  const { loaded, current: c, replace: setCurrent, announce } = r;
  const f = useFormat();
  const time = useTimestamp();
  if (r.notFound) return <NotFoundPage />;

  return (
    <article aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link to={paths.consultation}>{t('consultation.back')}</Link>
      </p>
      <PageHeading>
        {c ? t('consultation.case.title', { date: f.date(time.day(c.createdAt)) }) : t('consultation.case.pageTitle')}
      </PageHeading>
      <LoadStatus load={loaded} />
      {r.status}
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
  const form = useFormState();
  const { errors, showErrors } = form;
  const openButton = useRef<HTMLButtonElement>(null);
  const fieldId = (f: string) => (f === 'participantRoles' ? `${A}-role-${PARTICIPANT_ROLES[0]}` : `${A}-${f}`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setFailure(null);
    const problems: Errors = {};
    if (!text.trim()) problems.advice = t('consultation.advice.adviceRequired');
    if (!ISO_DATE.test(consultedOn)) problems.consultedOn = t('consultation.advice.dateRequired');
    else if (consultedOn > swedishToday()) problems.consultedOn = t('consultation.advice.dateFuture');
    if (roles.length === 0) problems.participantRoles = t('consultation.advice.rolesRequired');
    if (Object.keys(problems).length > 0) return showErrors(problems);
    form.setErrors({});
    form.setBusy(true);
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
      form.setBusy(false);
      const theirs = theirVersion<ConsultationCase>(caught);
      if (theirs) return onTheirs(theirs);
      const refusal = personalDataRefusal(caught);
      if (refusal) return showErrors({ advice: personalDataMessage(t, refusal.found) });
      const fields = fieldErrors(caught);
      if (Object.keys(fields).length > 0)
        return showErrors(Object.fromEntries(Object.keys(fields).map((f) => [f, t('consultation.form.fieldInvalid')])));
      form.fail(caught);
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
      <FormProblems form={form} fieldId={fieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form consultation-form">
        <TextAreaField
          id={`${A}-advice`}
          label={t('consultation.advice.advice')}
          help={t('consultation.advice.adviceHelp')}
          error={errors.advice}
          value={text}
          rows={6}
          onChange={setText}
        />
        <DateField
          id={`${A}-consultedOn`}
          label={t('consultation.advice.consultedOn')}
          error={errors.consultedOn}
          value={consultedOn}
          onChange={setConsultedOn}
        />
        <CheckboxGroup
          id={`${A}-roles`}
          legend={t('consultation.advice.participants')}
          help={t('consultation.advice.participantsHelp')}
          error={errors.participantRoles}
          options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(`consultation.participant.${r}`) }))}
          values={roles}
          onChange={setRoles}
          optionId={(r) => `${A}-role-${r}`}
        />
        <CheckboxField
          id={`${A}-mandatory`}
          label={t('consultation.advice.mandatoryLabel')}
          help={t('consultation.advice.mandatoryHelp')}
          helpClassName="help"
          checked={mandatory}
          onChange={setMandatory}
        />
        <SubmitRow
          label={t('consultation.advice.save')}
          busyLabel={t('consultation.form.saving')}
          busy={form.busy}
          cancel={{
            label: t('consultation.form.cancel'),
            onClick: () => {
              setOpen(false);
              window.setTimeout(() => openButton.current?.focus(), 0);
            },
          }}
        />
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
  const form = useFormState();
  const { errors, showErrors, failure } = form;
  const fieldId = (f: string) =>
    f === 'givenBy'
      ? `${L}-given-${CONSENT_GIVERS[0]}`
      : f === 'method'
        ? `${L}-method-${CONSENT_METHODS[0]}`
        : `${L}-${f}`;

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
        consent: { givenBy, method: method as (typeof CONSENT_METHODS)[number], givenOn },
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
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form consultation-form">
        <SelectField
          id={`${L}-childId`}
          wide={false}
          selectClassName={null}
          label={t('consultation.link.child')}
          help={t('consultation.link.childHelp')}
          error={errors.childId}
          value={childId}
          onChange={setChildId}
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
          values={givenBy}
          onChange={setGivenBy}
          optionId={(g) => `${L}-given-${g}`}
        />
        <RadioField
          id={`${L}-method`}
          name="consent-method"
          legend={t('consultation.link.method')}
          error={errors.method}
          value={method}
          onChange={(m) => setMethod(m as (typeof CONSENT_METHODS)[number])}
          optionId={(m) => `${L}-method-${m}`}
          options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`consultation.link.methods.${m}`) }))}
        />
        <DateField
          id={`${L}-givenOn`}
          label={t('consultation.link.givenOn')}
          error={errors.givenOn}
          value={givenOn}
          onChange={setGivenOn}
        />
        <p className="help">{t('consultation.link.recordedBy')}</p>
        <SubmitRow
          label={t('consultation.link.submit')}
          busyLabel={t('consultation.form.saving')}
          busy={form.busy}
          cancel={{ label: t('consultation.form.cancel'), onClick: () => setOpen(false) }}
        />
      </form>
    </>
  );
}
