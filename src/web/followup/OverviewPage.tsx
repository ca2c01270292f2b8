/**
 * /uppfoljning and /uppfoljning/kommun/:code — the wheel for an area: per wellbeing-wheel indicator,
 * its survey indicators with share, 95 % CI, n, the difference from the rest of the county (with
 * its CI and words, never colour alone), a trend sparkline with series breaks, and the response
 * rate with a low-response flag beside the results it affects.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { indicatorName } from '../../ui/wheel/labels.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading } from '../router.js';
import { Sparkline } from './charts.js';
import {
  AboutNumbers,
  BadSelection,
  FamilyNote,
  FilterForm,
  FollowupNav,
  ResponseRateNote,
  areaPath,
  followupPaths,
  useFilters,
  useInstrument,
} from './common.js';
import {
  followupApi,
  queryString,
  type Filters,
  type Instrument,
  type Overview,
  type OverviewRow,
} from './followup-api.js';
import { useNumbers } from './format.js';
import { areaName, assessmentClass, assessmentText, gradeLabel, indicatorLabel } from './labels.js';

export function FollowupOverviewPage({ municipality }: { municipality?: string }) {
  const { t } = useTranslation();
  const meta = useInstrument();
  const [filters, apply] = useFilters();
  const f: Filters = { wave: filters.wave, grade: filters.grade, municipality };
  const data = useLoad(`overview|${f.wave}|${f.grade}|${municipality ?? ''}`, () => followupApi.overview(f));
  const title =
    data.status === 'ok' ? t('followup.overview.title', { area: areaName(t, data.data.area) }) : t('followup.title');
  useDocumentTitle(title);
  if (meta.status === 'error') return <ErrorMessage error={meta.error} onRetry={meta.reload} />;
  if (data.status === 'error' && data.error.status === 400) return <BadSelection />;
  if (data.status === 'error' && data.error.status !== 404)
    return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (data.status === 'error' || (meta.status === 'ok' && !meta.instrument)) {
    return (
      <>
        <PageHeading>{t('followup.title')}</PageHeading>
        <p className="empty-state">{t('followup.noSurvey')}</p>
      </>
    );
  }
  if (meta.status === 'loading' || data.status === 'loading' || !meta.instrument) return <Loading />;
  const ins = meta.instrument;
  const o = data.data;
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="lead">
        {t('followup.overview.lead', { grade: gradeLabel(t, o.grade).toLowerCase(), year: o.year })}
      </p>
      <FollowupNav current="overview" filters={{ wave: o.year, grade: o.grade }} />
      <FilterForm
        key={`${o.year}|${o.grade}|${municipality ?? ''}`}
        ins={ins}
        value={{ wave: o.year, grade: o.grade, municipality }}
        fields={{ area: 'all' }}
        onApply={(next) => apply(areaPath(next), { wave: next.wave, grade: next.grade })}
      />
      <AboutNumbers ins={ins} />
      <ResponseRateNote rate={o.responseRate} grade={o.grade} year={o.year} />
      <OverviewTables overview={o} />
      <ResponseRateTable ins={ins} municipality={municipality ?? null} title={areaName(t, o.area)} />
    </>
  );
}

/** Response rate per grade and wave for the county or a municipality (like the county report's table). */
function ResponseRateTable({
  ins,
  municipality,
  title,
}: {
  ins: Instrument;
  municipality: string | null;
  title: string;
}) {
  const { t } = useTranslation();
  const num = useNumbers();
  const rates = ins.responseRates.filter(
    (r) => r.municipality === municipality && r.school === null && r.grade !== null,
  );
  if (rates.length === 0) return null;
  const years = ins.waves.map((w) => w.year);
  return (
    <section aria-labelledby="fu-rates-h">
      <h2 id="fu-rates-h" className="fu-section-heading">
        {t('followup.responseRate.heading')}
      </h2>
      <div className="table-scroll" role="region" aria-labelledby="fu-rates-caption" tabIndex={0}>
        <table className="data-table fu-table">
          <caption id="fu-rates-caption">{t('followup.responseRate.caption', { area: title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('followup.filters.grade')}</th>
              {years.map((y) => (
                <th key={y} scope="col">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ins.grades.map((g) => (
              <tr key={g}>
                <th scope="row">{gradeLabel(t, g)}</th>
                {years.map((y) => {
                  const r = rates.find((x) => x.year === y && x.grade === g);
                  return (
                    <td key={y} className="nowrap">
                      {r && r.rate !== null && r.respondents !== null && r.pupils !== null ? (
                        <>
                          {num.pct(r.rate)}{' '}
                          <span className="small muted">
                            (
                            {t('followup.responseRate.of', {
                              respondents: num.count(r.respondents),
                              pupils: num.count(r.pupils),
                            })}
                            )
                          </span>
                          {r.low ? <span className="fu-low-tag">{t('followup.responseRate.lowShort')}</span> : null}
                        </>
                      ) : (
                        '–'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The eight wheel indicators, each with its survey indicators in a table (also used on the school page). */
export function OverviewTables({ overview: o }: { overview: Overview }) {
  const { t } = useTranslation();
  return (
    <>
      {o.area.kind !== 'county' ? <FamilyNote family={o.family} /> : null}
      {o.area.kind !== 'county' ? <WheelSummary overview={o} /> : null}
      {o.wheel.map((w) => (
        <section key={w.wheel} className="fu-wheel-section" aria-labelledby={`fu-wheel-${w.wheel}`}>
          <h2 id={`fu-wheel-${w.wheel}`} className="fu-wheel-heading">
            <span className={`fu-wheel-dot fu-wheel-${w.wheel}`} aria-hidden="true" />
            {indicatorName(t, w.wheel)}
          </h2>
          {w.indicators.length === 0 ? (
            <p className="muted">
              {t('followup.overview.noIndicators', { grade: gradeLabel(t, o.grade).toLowerCase() })}
            </p>
          ) : (
            <OverviewTable overview={o} wheel={w.wheel} rows={w.indicators} />
          )}
        </section>
      ))}
    </>
  );
}

/** Where and when an overview table is about, as its caption says it. */
function captionPlace(t: TFunction, o: Overview) {
  return { area: areaName(t, o.area), grade: gradeLabel(t, o.grade).toLowerCase(), year: o.year };
}

/** The wheel at a glance: per wheel indicator, how many of its survey indicators differ clearly from the rest of the county. */
function WheelSummary({ overview: o }: { overview: Overview }) {
  const { t } = useTranslation();
  const count = (rows: OverviewRow[], a: 'better' | 'worse' | 'no_clear_difference') =>
    rows.filter((r) => r.vsCounty.status === 'ok' && r.vsCounty.assessment === a).length;
  return (
    <div className="table-scroll" role="region" aria-labelledby="fu-summary-caption" tabIndex={0}>
      <table className="data-table fu-table">
        <caption id="fu-summary-caption">{t('followup.summary.caption', captionPlace(t, o))}</caption>
        <thead>
          <tr>
            <th scope="col">{t('followup.columns.wheel')}</th>
            <th scope="col">{t('followup.summary.indicators')}</th>
            <th scope="col">{t('followup.summary.better')}</th>
            <th scope="col">{t('followup.summary.worse')}</th>
            <th scope="col">{t('followup.summary.noClear')}</th>
            <th scope="col">{t('followup.summary.notCompared')}</th>
          </tr>
        </thead>
        <tbody>
          {o.wheel.map((w) => (
            <tr key={w.wheel}>
              <th scope="row">{indicatorName(t, w.wheel)}</th>
              <td>{w.indicators.length}</td>
              <td className={count(w.indicators, 'better') > 0 ? 'fu-better' : undefined}>
                {count(w.indicators, 'better')}
              </td>
              <td className={count(w.indicators, 'worse') > 0 ? 'fu-worse' : undefined}>
                {count(w.indicators, 'worse')}
              </td>
              <td>{count(w.indicators, 'no_clear_difference')}</td>
              <td>{w.indicators.filter((r) => r.vsCounty.status !== 'ok').length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OverviewTable({ overview: o, wheel, rows }: { overview: Overview; wheel: string; rows: OverviewRow[] }) {
  const { t, i18n } = useTranslation();
  const num = useNumbers();
  const compare = o.area.kind !== 'county';
  const captionId = `fu-cap-${wheel}`;
  const years = `${o.years[0]}–${o.years[o.years.length - 1]}`;
  const drill = (key: string) =>
    followupPaths.indicator(key) +
    queryString({
      wave: o.year,
      grade: o.grade,
      municipality: o.area.kind === 'municipality' ? (o.area.code ?? undefined) : undefined,
      school: o.area.kind === 'school' ? (o.area.code ?? undefined) : undefined,
    });
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table fu-table">
        <caption id={captionId}>
          {t('followup.overview.caption', {
            wheel: indicatorName(t, wheel as Parameters<typeof indicatorName>[1]),
            ...captionPlace(t, o),
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('followup.columns.indicator')}</th>
            <th scope="col">{t('followup.columns.share')}</th>
            <th scope="col">{t('followup.columns.ci')}</th>
            <th scope="col">{t('followup.columns.n')}</th>
            {compare ? <th scope="col">{t('followup.columns.vsCounty')}</th> : null}
            <th scope="col">{t('followup.columns.trend', { years })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const label = indicatorLabel(r.indicator, i18n.resolvedLanguage);
            const shown = r.cell?.status === 'ok' && r.cell.share !== null;
            return (
              <tr key={r.indicator.key}>
                <th scope="row">
                  <Link to={drill(r.indicator.key)}>{label}</Link>
                  {r.indicator.goal ? <span className="badge badge-neutral fu-goal">{t('followup.goal')}</span> : null}
                  {r.indicator.polarity === 'lower_is_better' ? (
                    <span className="fu-polarity small muted"> {t('followup.lowerIsBetter')}</span>
                  ) : null}
                </th>
                <td className="nowrap">
                  {shown ? num.pct(r.cell!.share!) : <span className="fu-hidden">{t('followup.status.hidden')}</span>}
                  {r.lowResponse ? <span className="fu-low-tag">{t('followup.responseRate.lowShort')}</span> : null}
                </td>
                <td className="nowrap">{shown ? num.range(r.cell!.ciLow!, r.cell!.ciHigh!) : '–'}</td>
                <td className="nowrap">{r.cell?.n != null ? num.count(r.cell.n) : '–'}</td>
                {compare ? (
                  <td>
                    {r.vsCounty.status === 'ok' ? <span className="nowrap">{num.points(r.vsCounty)}</span> : null}
                    <span className={`fu-assessment ${assessmentClass(r.vsCounty)}`}>
                      {assessmentText(t, r.vsCounty)}
                    </span>
                    {r.county?.share != null ? (
                      <span className="small muted fu-county">
                        {t('followup.countyValue', { value: num.pct(r.county.share) })}
                      </span>
                    ) : null}
                  </td>
                ) : null}
                <td>
                  <Sparkline points={r.trend} label={t('followup.trend.label', { indicator: label })} />
                  {r.seriesBreaks.map((b) => (
                    <span key={b.year} className="fu-break-note small">
                      {t('followup.trend.changed', { year: b.year })}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
