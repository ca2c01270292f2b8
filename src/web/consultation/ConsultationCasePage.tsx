/**
 * One anonymous consultation case: what was brought, the team's advice (recorded here by a team
 * member), and "Koppla till barn" — linking the case to a child on my team once consent has been
 * given, which copies the advice into the child's chronology.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../router.js';
import { consultationApi, type ConsultationCase } from './api.js';
import { CaseStatus } from './ConsultationListPage.js';
import { AdviceForm } from './AdviceForm.js';
import { LinkFlow } from './LinkFlow.js';
import { IndicatorTags } from '../components/IndicatorTags.js';
import { useTimestamp } from '../components/time.js';
import { useVersionedResource } from '../components/useVersionedResource.js';
import { Fact } from '../components/Fact.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
          <CaseFacts c={c} />
          <AdviceSection c={c} setCurrent={setCurrent} announce={announce} />
          <LinkSection c={c} setCurrent={setCurrent} announce={announce} />
        </>
      ) : null}
    </article>
  );
}

/** What shows a change to the case: the new case, and a polite message about it. */
interface CaseUpdates {
  setCurrent: (c: ConsultationCase) => void;
  announce: (message: ReactNode) => void;
}

function CaseFacts({ c }: { c: ConsultationCase }) {
  const { t } = useTranslation();
  return (
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
    </>
  );
}

function AdviceSection({ c, setCurrent, announce }: { c: ConsultationCase } & CaseUpdates) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
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
  );
}

function LinkSection({ c, setCurrent, announce }: { c: ConsultationCase } & CaseUpdates) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  return (
    <section className="panel" aria-labelledby="link-heading">
      <h2 id="link-heading">{t('consultation.link.heading')}</h2>
      {c.link ? (
        <p>{t('consultation.link.linked', { name: c.link.linkedBy.name, date: f.date(time.day(c.link.linkedAt)) })}</p>
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
  );
}
