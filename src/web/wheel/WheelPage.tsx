/**
 * /barn/:id/hjulet — the wellbeing wheel over time: the latest picture from every perspective, then
 * per perspective a radar chart (one line per date), the same numbers in a table and the change
 * from an earlier assessment to the latest, in words. Never a total score.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WHEEL_INDICATORS } from '../../core/wheel.js';
import { api, type ChildOverview } from '../api.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../router.js';
import { indicatorName, perspectiveLabel } from '../../ui/wheel/labels.js';
import { RadarChart, SERIES_STYLES } from '../../ui/wheel/RadarChart.js';
import { latestPerPerspective } from '../../ui/wheel/latest.js';
import {
  type PerspectiveSeries,
  takeWheelFlash,
  wheelApi,
  type WheelAssessmentSummary,
  type WheelComparison,
} from './wheel-api.js';
import { LatestTable, SeriesComparison, SeriesTable } from './WheelTables.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function WheelPage({ childId }: { childId: string }) {
  return UUID.test(childId) ? <LoadedWheelPage childId={childId} /> : <NotFoundPage />;
}

interface Loaded {
  child: ChildOverview;
  comparison: WheelComparison;
  assessments: WheelAssessmentSummary[];
}

function LoadedWheelPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('wheel.page.title'));
  const state = useLoad<Loaded>(`wheel:${childId}`, async () => {
    const [child, comparison, list] = await Promise.all([
      api.child(childId),
      wheelApi.comparison(childId),
      wheelApi.list(childId),
    ]);
    return { child, comparison, assessments: list.assessments };
  });
  const [flash] = useState(() => takeWheelFlash());
  if (state.status === 'error' && state.error.isNotFound) return <NotFoundPage />;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  return <WheelView data={state.data} flash={flash} />;
}

function WheelView({ data, flash }: { data: Loaded; flash: string | null }) {
  const { t } = useTranslation();
  const { child, comparison, assessments } = data;
  return (
    <article className="wheel-page" aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link to={paths.child(child.id)}>{t('wheel.page.backToChild')}</Link>
      </p>
      <PageHeading>{t('wheel.page.heading', { name: `${child.givenName} ${child.familyName}` })}</PageHeading>
      {flash ? (
        <div role="status" className="notice">
          <p>{flash}</p>
        </div>
      ) : null}
      <p className="lead">{t('wheel.page.intro')}</p>
      <p className="action-row">
        <Link to={paths.wheelNew(child.id)} className="button button-primary">
          {t('wheel.section.new')}
        </Link>
      </p>
      <AboutIndicators />

      {comparison.perspectives.length === 0 ? (
        <div className="empty-state">
          <p>{t('wheel.page.empty')}</p>
        </div>
      ) : (
        <>
          <LatestSection assessments={assessments} />
          <h2 className="section-heading">{t('wheel.page.overTimeHeading')}</h2>
          {comparison.perspectives.map((s, k) => (
            <PerspectiveSection key={s.key} series={s} index={k} />
          ))}
        </>
      )}

      {assessments.length > 0 ? <AllAssessments childId={child.id} assessments={assessments} /> : null}
    </article>
  );
}

function AboutIndicators() {
  const { t } = useTranslation();
  return (
    <details className="wheel-about">
      <summary>{t('wheel.page.aboutIndicators')}</summary>
      <dl className="indicator-list">
        {WHEEL_INDICATORS.map((i) => (
          <div key={i}>
            <dt>{indicatorName(t, i)}</dt>
            <dd>{t(`wheel.indicators.${i}.explanation`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The latest picture from every perspective: one radar, then the same numbers in a table. */
function LatestSection({ assessments }: { assessments: WheelAssessmentSummary[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const latest = latestPerPerspective(assessments);
  const maxLines = SERIES_STYLES.length;
  return (
    <section aria-labelledby="wheel-latest-heading" className="panel">
      <h2 id="wheel-latest-heading">{t('wheel.page.latestHeading')}</h2>
      <figure className="wheel-figure">
        <RadarChart
          id="wheel-chart-latest"
          title={t('wheel.chart.title', { subject: t('wheel.chart.latestSubject') })}
          series={latest.slice(0, maxLines).map((a) => ({
            key: a.perspective.key,
            label: `${perspectiveLabel(t, a.perspective)} (${f.date(a.assessedOn)})`,
            ratings: a.ratings,
          }))}
          hiddenCount={Math.max(0, latest.length - maxLines)}
        />
      </figure>
      <LatestTable id="wheel-latest-table" caption={t('wheel.section.latestCaption')} rows={latest} />
    </section>
  );
}

/** One perspective over time: its radar (one line per date), its table and the change in words. */
function PerspectiveSection({ series: s, index: k }: { series: PerspectiveSeries; index: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const shown = s.points.slice(-SERIES_STYLES.length);
  const label = perspectiveLabel(t, s.perspective);
  const headingId = `wheel-p${k}-heading`;
  return (
    <section aria-labelledby={headingId} className="panel wheel-perspective">
      <h3 id={headingId} className="perspective-heading">
        {label}
      </h3>
      <figure className="wheel-figure">
        <RadarChart
          id={`wheel-chart-${k}`}
          title={t('wheel.chart.title', { subject: label })}
          series={shown.map((p) => ({
            key: p.assessmentId,
            label: f.date(p.assessedOn),
            ratings: p.ratings,
          }))}
          hiddenCount={s.points.length - shown.length}
          latestSolid
        />
      </figure>
      <SeriesTable id={`wheel-table-${k}`} series={s} />
      <SeriesComparison series={s} />
    </section>
  );
}

/** Every assessment, newest first, each with a link to open it in full. */
function AllAssessments({ childId, assessments }: { childId: string; assessments: WheelAssessmentSummary[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="wheel-all-heading" className="panel">
      <h2 id="wheel-all-heading">{t('wheel.page.allHeading')}</h2>
      <div className="table-scroll" role="region" aria-labelledby="wheel-all-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="wheel-all-caption">{t('wheel.page.allCaption', { count: assessments.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('wheel.section.date')}</th>
              <th scope="col">{t('wheel.section.perspective')}</th>
              <th scope="col">{t('wheel.page.recordedBy')}</th>
              <th scope="col">{t('wheel.page.tools')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('wheel.page.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...assessments].reverse().map((a) => (
              <AssessmentRow key={a.id} childId={childId} a={a} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AssessmentRow({ childId, a }: { childId: string; a: WheelAssessmentSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const perspective = perspectiveLabel(t, a.perspective);
  const tools = [
    a.hasMyWorldTriangle ? t('wheel.tools.myWorld') : null,
    a.hasResilienceMatrix ? t('wheel.tools.resilience') : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <tr>
      <th scope="row" className="nowrap">
        {f.date(a.assessedOn)}
      </th>
      <td>
        {perspective}
        {a.secretFromGuardians ? (
          <>
            {' '}
            <span className="guardian-secret-marker">{t('guardianSecret.marker')}</span>
          </>
        ) : null}
      </td>
      <td>{a.recordedBy.name}</td>
      <td>{tools || t('wheel.tools.none')}</td>
      <td>
        <Link
          to={paths.wheelAssessment(childId, a.id)}
          aria-label={t('wheel.page.openFull', { date: f.date(a.assessedOn), perspective })}
        >
          {t('wheel.page.open')}
        </Link>
      </td>
    </tr>
  );
}
