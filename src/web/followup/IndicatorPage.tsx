/**
 * /uppfoljning/indikator/:id — one indicator broken down: bars with CI whiskers and the area as a
 * reference line (hidden groups said in words, never drawn), the test across the groups with its
 * validity, the family the comparisons were adjusted in, the trend over waves with series breaks,
 * and the same numbers in tables.
 */
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading } from '../router.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { BarChart, TrendChart } from './charts.js';
import {
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
import { followupApi, queryString, type IndicatorDrill, type Instrument } from './followup-api.js';
import { useNumbers } from './format.js';
import {
  areaName,
  assessmentClass,
  assessmentText,
  breakdownLabel,
  gradeLabel,
  groupLabel,
  hiddenText,
  indicatorLabel,
} from './labels.js';

const KEY = /^[a-z][a-z0-9_]{0,63}$/;

export function FollowupIndicatorPage({ indicatorId }: { indicatorId: string }) {
  return KEY.test(indicatorId) ? <Loaded indicatorId={indicatorId} /> : <NotFoundPage />;
}

function Loaded({ indicatorId }: { indicatorId: string }) {
  const { t, i18n } = useTranslation();
  const meta = useInstrument();
  const [f, apply] = useFilters();
  const data = useLoad(
    `indicator|${indicatorId}|${f.wave}|${f.grade}|${f.municipality ?? ''}|${f.school ?? ''}|${f.breakdown ?? ''}`,
    () => followupApi.indicator(indicatorId, f),
  );
  const title = data.status === 'ok' ? indicatorLabel(data.data.indicator, i18n.resolvedLanguage) : t('followup.title');
  useDocumentTitle(title);
  if (data.status === 'error' && data.error.status === 404) return <NotFoundPage />;
  if (data.status === 'error' && data.error.status === 400) return <BadSelection />;
  if (data.status === 'error') return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (meta.status === 'error') return <ErrorMessage error={meta.error} onRetry={meta.reload} />;
  if (data.status === 'loading' || meta.status === 'loading' || !meta.instrument) return <Loading />;
  const d = data.data;
  const ins = meta.instrument;
  const area = areaName(t, d.area);
  const here = followupPaths.indicator(indicatorId);
  return (
    <>
      <p className="breadcrumb">
        <Link
          to={
            areaPath({
              municipality: d.area.kind === 'municipality' ? (d.area.code ?? undefined) : undefined,
              school: d.area.kind === 'school' ? (d.area.code ?? undefined) : undefined,
            }) + queryString({ wave: d.year, grade: d.grade })
          }
        >
          {t('followup.indicator.back', { area })}
        </Link>
      </p>
      <PageHeading>{title}</PageHeading>
      <p className="lead">
        {t('followup.indicator.lead', {
          area,
          grade: gradeLabel(t, d.grade).toLowerCase(),
          year: d.year,
          breakdown: breakdownLabel(t, d.breakdown).toLowerCase(),
        })}
      </p>
      <FollowupNav current="overview" filters={{ wave: d.year, grade: d.grade }} />
      <FilterForm
        key={`${d.year}|${d.grade}|${d.area.code ?? ''}|${d.breakdown}`}
        ins={ins}
        value={{
          wave: d.year,
          grade: d.grade,
          breakdown: d.breakdown,
          municipality: d.area.kind === 'municipality' ? (d.area.code ?? undefined) : undefined,
          school: d.area.kind === 'school' ? (d.area.code ?? undefined) : undefined,
        }}
        fields={{ area: 'all', breakdowns: ins.breakdowns, grades: d.indicator.grades }}
        onApply={(next) => apply(here, next)}
      />
      <ResponseRateNote rate={d.responseRate} grade={d.grade} year={d.year} />
      {d.cells.length === 0 ? (
        <p className="notice notice-warning">{t('followup.indicator.noResults')}</p>
      ) : (
        <Breakdown d={d} ins={ins} />
      )}
      <Trend d={d} ins={ins} />
      <p>
        <Link
          to={
            followupPaths.equity +
            queryString({
              indicator: d.indicator.key,
              wave: d.year,
              grade: d.grade,
              municipality: d.area.kind === 'municipality' ? (d.area.code ?? undefined) : undefined,
              school: d.area.kind === 'school' ? (d.area.code ?? undefined) : undefined,
            })
          }
        >
          {t('followup.indicator.toEquity')}
        </Link>
      </p>
    </>
  );
}

/** What both drill sections name: the area, the indicator in the UI's language, and the number formats. */
function useDrillText(d: IndicatorDrill) {
  const { t, i18n } = useTranslation();
  const num = useNumbers();
  return { t, i18n, num, area: areaName(t, d.area), label: indicatorLabel(d.indicator, i18n.resolvedLanguage) };
}

function Breakdown({ d, ins }: { d: IndicatorDrill; ins: Instrument }) {
  const { t, area, label } = useDrillText(d);
  const rows = d.cells.map((c) => ({ key: c.group, label: groupLabel(t, c.group, d.breakdown, ins), cell: c }));
  return (
    <section aria-labelledby="fu-breakdown-h">
      <h2 id="fu-breakdown-h">
        {t('followup.indicator.breakdownHeading', { breakdown: breakdownLabel(t, d.breakdown).toLowerCase() })}
      </h2>
      <figure className="fu-figure">
        <BarChart
          title={t('followup.indicator.chartTitle', {
            indicator: label,
            breakdown: breakdownLabel(t, d.breakdown).toLowerCase(),
            area,
            year: d.year,
          })}
          rows={rows}
          reference={
            d.reference?.status === 'ok' && d.reference.share !== null
              ? { label: area, share: d.reference.share }
              : null
          }
        />
        <figcaption className="small muted">{t('followup.indicator.chartCaption', { area })}</figcaption>
      </figure>
      <GroupsTest d={d} ins={ins} />
      <FamilyNote family={d.family} />
      <BreakdownTable d={d} ins={ins} />
    </section>
  );
}

/** Whether the groups differ at all: the test, its p-values, and the groups it left out. */
function GroupsTest({ d, ins }: { d: IndicatorDrill; ins: Instrument }) {
  const { t } = useTranslation();
  const num = useNumbers();
  const test = d.groupsTest;
  return (
    <p className="fu-test">
      {test.status === 'ok' && test.pValue !== null
        ? t(test.method === 'fisher_exact' ? 'followup.test.fisher' : 'followup.test.chiSquare', {
            p: num.pExpr(test.pValue),
            adjusted: test.adjustedP !== null ? num.pExpr(test.adjustedP) : '–',
            groups: test.groups.length,
          })
        : t(`followup.test.${test.status === 'ok' ? 'too_few_groups' : test.status}`)}{' '}
      {test.status === 'ok' && !test.valid ? (
        <strong>{t('followup.test.invalid', { min: num.count(Math.round((test.minExpected ?? 0) * 10) / 10) })}</strong>
      ) : null}
      {test.excluded.length > 0
        ? ` ${t('followup.test.excluded', { groups: test.excluded.map((g) => groupLabel(t, g, d.breakdown, ins)).join(', ') })}`
        : ''}
    </p>
  );
}

function BreakdownTable({ d, ins }: { d: IndicatorDrill; ins: Instrument }) {
  const { t, area, label } = useDrillText(d);
  return (
    <div className="table-scroll" role="region" aria-labelledby="fu-breakdown-caption" tabIndex={0}>
      <table className="data-table fu-table">
        <caption id="fu-breakdown-caption">
          {t('followup.indicator.tableCaption', {
            indicator: label,
            breakdown: breakdownLabel(t, d.breakdown).toLowerCase(),
            area,
            grade: gradeLabel(t, d.grade).toLowerCase(),
            year: d.year,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{breakdownLabel(t, d.breakdown)}</th>
            <th scope="col">{t('followup.columns.share')}</th>
            <th scope="col">{t('followup.columns.ci')}</th>
            <th scope="col">{t('followup.columns.n')}</th>
            <th scope="col">{t('followup.columns.vsRest')}</th>
            <th scope="col">{t('followup.columns.adjustedP')}</th>
            <th scope="col">{t('followup.columns.vsPrevious')}</th>
          </tr>
        </thead>
        <tbody>
          {d.reference ? <ReferenceRow reference={d.reference} area={area} /> : null}
          {d.cells.map((c) => (
            <CellRow key={c.group} c={c} label={groupLabel(t, c.group, d.breakdown, ins)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The whole area, first in the table, for comparison. */
function ReferenceRow({ reference, area }: { reference: NonNullable<IndicatorDrill['reference']>; area: string }) {
  const { t } = useTranslation();
  const num = useNumbers();
  return (
    <tr className="fu-reference-row">
      <th scope="row">{area}</th>
      <td>
        {reference.share !== null ? (
          num.pct(reference.share)
        ) : (
          <span className="fu-hidden">{t('followup.status.hidden')}</span>
        )}
      </td>
      <td className="nowrap">
        {reference.ciLow !== null && reference.ciHigh !== null ? num.range(reference.ciLow, reference.ciHigh) : '–'}
      </td>
      <td>{reference.n !== null ? num.count(reference.n) : '–'}</td>
      <td>{t('followup.indicator.isReference')}</td>
      <td>–</td>
      <td>–</td>
    </tr>
  );
}

function CellRow({ c, label }: { c: IndicatorDrill['cells'][number]; label: string }) {
  const { t } = useTranslation();
  const num = useNumbers();
  return (
    <tr>
      <th scope="row">
        {label}
        {c.responseRate?.low ? <span className="fu-low-tag">{t('followup.responseRate.lowShort')}</span> : null}
      </th>
      <td className="nowrap">
        {c.status === 'ok' && c.share !== null ? (
          num.pct(c.share)
        ) : (
          <span className="fu-hidden">{t('followup.status.hidden')}</span>
        )}
      </td>
      <td className="nowrap">{c.ciLow !== null && c.ciHigh !== null ? num.range(c.ciLow, c.ciHigh) : '–'}</td>
      <td>{c.n !== null ? num.count(c.n) : '–'}</td>
      <td>
        {c.vsRest.status === 'ok' ? <span className="nowrap">{num.points(c.vsRest)} </span> : null}
        <span className={`fu-assessment ${assessmentClass(c.vsRest)}`}>{assessmentText(t, c.vsRest)}</span>
      </td>
      <td>{c.vsRest.adjustedP !== null ? num.pValue(c.vsRest.adjustedP) : '–'}</td>
      <td>
        {c.vsPreviousWave.status === 'ok' ? (
          <span className="nowrap">{num.points(c.vsPreviousWave)}</span>
        ) : (
          t(`followup.comparisonStatus.${c.vsPreviousWave.status}`)
        )}
      </td>
    </tr>
  );
}

function Trend({ d, ins }: { d: IndicatorDrill; ins: Instrument }) {
  const { t, i18n, num, area, label } = useDrillText(d);
  const all = d.trend.series.find((s) => s.group === 'all');
  return (
    <section aria-labelledby="fu-trend-h">
      <h2 id="fu-trend-h">{t('followup.indicator.trendHeading')}</h2>
      {d.trend.seriesBreaks.map((b) => (
        <p key={b.year} className="notice notice-warning fu-break-notice">
          {t('followup.trend.breakNotice', {
            year: b.year,
            items: b.items.map((i) => (i18n.resolvedLanguage === 'en' ? i.labelEn : i.labelSv)).join(', '),
          })}
          {/* The instrument's change notes are written in English; the Swedish text above says what matters. */}
          {i18n.resolvedLanguage === 'en' && b.items.some((i) => i.note)
            ? ` ${b.items
                .map((i) => i.note)
                .filter(Boolean)
                .join(' ')}`
            : ''}
        </p>
      ))}
      {all ? (
        <figure className="fu-figure">
          <TrendChart
            title={t('followup.indicator.trendTitle', {
              indicator: label,
              area,
              grade: gradeLabel(t, d.grade).toLowerCase(),
            })}
            points={all.points}
          />
        </figure>
      ) : null}
      <div className="table-scroll" role="region" aria-labelledby="fu-trend-caption" tabIndex={0}>
        <table className="data-table fu-table">
          <caption id="fu-trend-caption">
            {t('followup.indicator.trendCaption', {
              indicator: label,
              area,
              grade: gradeLabel(t, d.grade).toLowerCase(),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{breakdownLabel(t, d.breakdown)}</th>
              {d.years.map((y) => (
                <th key={y} scope="col">
                  {y}
                  {d.trend.seriesBreaks.some((b) => b.year === y) ? (
                    <span className="fu-break-note small"> {t('followup.trend.changedShort')}</span>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.trend.series.map((s) => (
              <tr key={s.group} className={s.group === 'all' ? 'fu-reference-row' : undefined}>
                <th scope="row">{s.group === 'all' ? area : groupLabel(t, s.group, d.breakdown, ins)}</th>
                {s.points.map((p) => (
                  <td key={p.year} className="nowrap">
                    {p.status === 'ok' && p.share !== null ? (
                      <>
                        {num.pct(p.share)} <span className="small muted">({num.range(p.ciLow!, p.ciHigh!)})</span>
                      </>
                    ) : (
                      <span className="fu-hidden">{hiddenText(t, p.status)}</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
