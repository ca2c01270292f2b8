/**
 * /uppfoljning/jamlikhet — equity: one indicator by family-ladder group (MacArthur), for everyone
 * and per gender, in the county, a municipality or a school: bars with CIs per row, the gap between
 * the highest and the lowest group with its CI, the test across groups, and the same in a table.
 */
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { PageHeading } from '../router.js';
import { BarChart } from './charts.js';
import {
  BadSelection,
  FamilyNote,
  FilterForm,
  FollowupNav,
  followupPaths,
  useFilters,
  useInstrument,
} from './common.js';
import { followupApi, type Equity, type Instrument } from './followup-api.js';
import { useNumbers } from './format.js';
import { areaName, gradeLabel, groupLabel, indicatorLabel } from './labels.js';

export function FollowupEquityPage() {
  const { t, i18n } = useTranslation();
  const meta = useInstrument();
  const [f, apply] = useFilters();
  const ins = meta.instrument;
  // Without a choice: the latest wave's first grade and an indicator measured in it.
  const grade = f.grade ?? ins?.waves[ins.waves.length - 1]?.grades[0];
  const measured = ins?.indicators.filter((d) => !d.grades || (grade !== undefined && d.grades.includes(grade))) ?? [];
  const indicator = f.indicator ?? (measured.find((d) => d.key === 'psychosomatic_complaints') ?? measured[0])?.key;
  const data = useLoad(
    `equity|${indicator ?? ''}|${f.wave}|${f.grade}|${f.municipality ?? ''}|${f.school ?? ''}`,
    () => (indicator ? followupApi.equity({ ...f, indicator }) : Promise.resolve(null)),
  );
  useDocumentTitle(t('followup.equity.title'));
  if (meta.status === 'error') return <ErrorMessage error={meta.error} onRetry={meta.reload} />;
  if (data.status === 'error' && data.error.status === 400) return <BadSelection />;
  if (data.status === 'error') return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (meta.status === 'loading' || data.status === 'loading') return <Loading />;
  if (!ins || !data.data) {
    return (
      <>
        <PageHeading>{t('followup.equity.title')}</PageHeading>
        <p className="empty-state">{t('followup.noSurvey')}</p>
      </>
    );
  }
  const e = data.data;
  const label = indicatorLabel(e.indicator, i18n.resolvedLanguage);
  return (
    <>
      <PageHeading>{t('followup.equity.title')}</PageHeading>
      <p className="lead">
        {t('followup.equity.lead', {
          indicator: label,
          area: areaName(t, e.area),
          grade: gradeLabel(t, e.grade).toLowerCase(),
          year: e.year,
        })}
      </p>
      <FollowupNav current="equity" filters={{ wave: e.year, grade: e.grade }} />
      <FilterForm
        key={`${e.indicator.key}|${e.year}|${e.grade}|${e.area.code ?? ''}`}
        ins={ins}
        value={{
          wave: e.year,
          grade: e.grade,
          indicator: e.indicator.key,
          municipality: e.area.kind === 'municipality' ? (e.area.code ?? undefined) : undefined,
          school: e.area.kind === 'school' ? (e.area.code ?? undefined) : undefined,
        }}
        fields={{ area: 'all', indicator: true }}
        onApply={(next) => apply(followupPaths.equity, next)}
      />
      <p>{t('followup.equity.explain')}</p>
      <EquityBody e={e} ins={ins} label={label} />
    </>
  );
}

function EquityBody({ e, ins, label }: { e: Equity; ins: Instrument; label: string }) {
  const { t } = useTranslation();
  const num = useNumbers();
  const rowName = (g: string) => (g === 'all' ? t('followup.group.everyone') : groupLabel(t, g, 'gender', ins));
  if (e.rows.length === 0 || e.ladderGroups.length === 0)
    return <p className="empty-state">{t('followup.equity.noData')}</p>;
  return (
    <>
      {e.linkedSuppression ? <p className="notice notice-warning">{t('followup.equity.linked')}</p> : null}
      {e.rows.map((r) => (
        <section key={r.gender} aria-labelledby={`fu-eq-${r.gender}`} className="fu-equity-row">
          <h2 id={`fu-eq-${r.gender}`}>{rowName(r.gender)}</h2>
          <figure className="fu-figure">
            <BarChart
              title={t('followup.equity.chartTitle', {
                indicator: label,
                group: rowName(r.gender).toLowerCase(),
                area: areaName(t, e.area),
                year: e.year,
              })}
              rows={r.cells.map((c) => ({
                key: c.group,
                label: groupLabel(t, c.group, 'family_ladder', ins),
                cell: c,
              }))}
              reference={
                r.total?.status === 'ok' && r.total.share !== null
                  ? { label: rowName(r.gender), share: r.total.share }
                  : null
              }
            />
          </figure>
          <p>
            {r.gap.status === 'ok' ? (
              <>
                {t('followup.equity.gap', {
                  high: groupLabel(t, e.ladderGroups[e.ladderGroups.length - 1]!, 'family_ladder', ins),
                  low: groupLabel(t, e.ladderGroups[0]!, 'family_ladder', ins),
                  points: num.points(r.gap),
                })}{' '}
                <span className="fu-neutral">
                  {r.gap.low! > 0 || r.gap.high! < 0 ? t('followup.equity.gapClear') : t('followup.equity.gapUnclear')}
                </span>
              </>
            ) : (
              t('followup.equity.gapHidden')
            )}{' '}
            {r.groupsTest.status === 'ok' && r.groupsTest.pValue !== null
              ? t('followup.equity.test', {
                  p: num.pExpr(r.groupsTest.pValue),
                  adjusted: r.groupsTest.adjustedP !== null ? num.pExpr(r.groupsTest.adjustedP) : '–',
                })
              : ''}
            {r.groupsTest.status === 'ok' && !r.groupsTest.valid
              ? ` ${t('followup.test.invalid', { min: num.count(Math.round((r.groupsTest.minExpected ?? 0) * 10) / 10) })}`
              : ''}
          </p>
        </section>
      ))}
      <FamilyNote family={e.family} />
      <div className="table-scroll" role="region" aria-labelledby="fu-eq-caption" tabIndex={0}>
        <table className="data-table fu-table">
          <caption id="fu-eq-caption">
            {t('followup.equity.tableCaption', {
              indicator: label,
              area: areaName(t, e.area),
              grade: gradeLabel(t, e.grade).toLowerCase(),
              year: e.year,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('followup.equity.rowHeader')}</th>
              <th scope="col">{t('followup.equity.total')}</th>
              {e.ladderGroups.map((g) => (
                <th key={g} scope="col">
                  {groupLabel(t, g, 'family_ladder', ins)}
                </th>
              ))}
              <th scope="col">{t('followup.equity.gapColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {e.rows.map((r) => (
              <tr key={r.gender}>
                <th scope="row">{rowName(r.gender)}</th>
                <td className="nowrap">
                  {r.total?.status === 'ok' && r.total.share !== null ? (
                    num.pct(r.total.share)
                  ) : (
                    <span className="fu-hidden">{t('followup.status.hidden')}</span>
                  )}
                </td>
                {e.ladderGroups.map((g) => {
                  const c = r.cells.find((x) => x.group === g);
                  return (
                    <td key={g} className="nowrap">
                      {c && c.status === 'ok' && c.share !== null ? (
                        <>
                          {num.pct(c.share)} <span className="small muted">({num.range(c.ciLow!, c.ciHigh!)})</span>
                        </>
                      ) : (
                        <span className="fu-hidden">{t('followup.status.hidden')}</span>
                      )}
                    </td>
                  );
                })}
                <td className="nowrap">{r.gap.status === 'ok' ? num.points(r.gap) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
