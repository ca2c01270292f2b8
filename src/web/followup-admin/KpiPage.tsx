/**
 * "Nyckeltal": Kolada KPIs and local operational series for a municipality beside the wheel —
 * grouped by wheel indicator or by the goal chain (resources → volume → quality → effects), with
 * values by year and gender; Kolada's Privacy values are shown as suppressed. Exports (CSV of
 * published tables, the municipality's PDF report) for analysts and managers; analysts can start
 * a Kolada import and follow its progress.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type SessionInfo } from '../api.js';
import { useDownload } from '../components/Download.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { PageHeading } from '../router.js';
import { adminApi, exportUrls, waitForJob, type JobStatus, type Kpi, type KpiPage as KpiPageData } from './api.js';
import { AdminNav, Progress, SeriesValue, useGradeLabel, useNumbers } from './common.js';
import { SeriesTable } from './FollowupAdminPage.js';
import { ANALYST_ROLES, KPI_ROLES } from './roles.js';

const WHEEL = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'] as const;
const STAGES = ['resources', 'volume', 'quality', 'effects'] as const;

export function KpiPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('kpi.title'));
  const role = session.assignment?.role ?? '';
  if (!KPI_ROLES.has(role)) {
    return (
      <>
        <PageHeading>{t('kpi.title')}</PageHeading>
        <p className="notice notice-warning">{t('kpi.notForYou')}</p>
      </>
    );
  }
  return <ForReader analyst={ANALYST_ROLES.has(role)} />;
}

function ForReader({ analyst }: { analyst: boolean }) {
  const { t } = useTranslation();
  const [municipality, setMunicipality] = useState<string | undefined>(undefined);
  const [grouping, setGrouping] = useState<'wheel' | 'stage'>('wheel');
  const page = useLoad(`kpi:${municipality ?? ''}`, () => adminApi.kpis(municipality));
  return (
    <>
      <PageHeading>{t('kpi.title')}</PageHeading>
      {analyst ? <AdminNav current="kpi" /> : null}
      <p className="lead">{t('kpi.intro')}</p>
      <LoadStatus load={page} />
      {page.status === 'ok' ? (
        <>
          <div className="fa-inline-form">
            <div className="field">
              <label htmlFor="kpi-municipality">{t('kpi.municipality')}</label>
              <select
                id="kpi-municipality"
                value={page.data.municipality.code}
                onChange={(e) => setMunicipality(e.target.value)}
              >
                {page.data.municipalities.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="fieldset">
              <legend>{t('kpi.grouping')}</legend>
              <ul className="radio-list radio-inline">
                {(['wheel', 'stage'] as const).map((g) => (
                  <li key={g} className="radio">
                    <input
                      id={`kpi-group-${g}`}
                      type="radio"
                      name="grouping"
                      checked={grouping === g}
                      onChange={() => setGrouping(g)}
                    />
                    <label htmlFor={`kpi-group-${g}`}>{t(`kpi.groupBy.${g}`)}</label>
                  </li>
                ))}
              </ul>
            </fieldset>
          </div>
          <Exports code={page.data.municipality.code} name={page.data.municipality.name} />
          {analyst ? <KoladaRun lastRun={page.data.lastRun} onDone={page.reload} /> : null}
          <Groups data={page.data} grouping={grouping} />
          <section className="panel" aria-labelledby="kpi-series-heading">
            <h2 id="kpi-series-heading">{t('kpi.seriesHeading')}</h2>
            {page.data.series.map((s) => (
              <SeriesTable key={s.key} s={s} municipalityName={() => page.data.municipality.name} />
            ))}
          </section>
        </>
      ) : null}
    </>
  );
}

function Exports({ code, name }: { code: string; name: string }) {
  const { t } = useTranslation();
  const csv = useDownload(`uppfoljning-${code}.csv`);
  const pdf = useDownload(`uppfoljning-${code}.pdf`);
  return (
    <section className="panel" aria-labelledby="kpi-exports-heading">
      <h2 id="kpi-exports-heading">{t('exports.heading')}</h2>
      <p>{t('exports.intro')}</p>
      <p className="fa-exports">
        <a
          className="button button-secondary"
          href={exportUrls.csv(code)}
          download
          aria-disabled={csv.busy || undefined}
          onClick={csv.onClick}
        >
          {t('exports.csv', { name })}
        </a>
        <a
          className="button button-secondary"
          href={exportUrls.pdf(code)}
          download
          aria-disabled={pdf.busy || undefined}
          onClick={pdf.onClick}
        >
          {t('exports.pdf', { name })}
        </a>
      </p>
      {csv.notice}
      {pdf.notice}
      <p className="small">{t('exports.csvHelp')}</p>
    </section>
  );
}

function KoladaRun({ lastRun, onDone }: { lastRun: KpiPageData['lastRun']; onDone: () => void }) {
  const { t } = useTranslation();
  const [job, setJob] = useState<JobStatus | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const { int } = useNumbers();
  const { locale } = useFormat();
  async function start() {
    setFailure(null);
    try {
      const { jobId } = await adminApi.startKoladaRun({});
      const end = await waitForJob(jobId, setJob, 500);
      if (end.status === 'succeeded') onDone();
    } catch (err) {
      setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    }
  }
  const result =
    job?.status === 'succeeded'
      ? (job.result as { kpisImported: number; rowsReceived: number; inserted: number; updated: number })
      : null;
  return (
    <section className="panel" aria-labelledby="kpi-run-heading">
      <h2 id="kpi-run-heading">{t('kpi.run.heading')}</h2>
      <p>
        {lastRun
          ? t('kpi.run.last', {
              when: new Date(lastRun.startedAt).toLocaleString(locale, { timeZone: 'Europe/Stockholm' }),
              status: t(
                `kpi.run.status.${lastRun.status === 'succeeded' ? 'succeeded' : lastRun.status === 'failed' ? 'failed' : 'running'}`,
              ),
            })
          : t('kpi.run.never')}
      </p>
      <button
        type="button"
        className="button button-secondary"
        disabled={job?.status === 'running'}
        onClick={() => void start()}
      >
        {t('kpi.run.start')}
      </button>
      {job?.status === 'running' ? (
        <Progress id="kolada-progress" label={t('kpi.run.progress')} value={job.fraction} status={job.phase} />
      ) : null}
      {result ? (
        <p role="status" className="notice notice-success">
          {t('kpi.run.done', { kpis: int(result.kpisImported), values: int(result.rowsReceived) })}
        </p>
      ) : null}
      {job?.status === 'failed' ? (
        <p role="alert" className="notice notice-error">
          {t('kpi.run.failed')}
        </p>
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
    </section>
  );
}

function Groups({ data, grouping }: { data: KpiPageData; grouping: 'wheel' | 'stage' }) {
  const { t } = useTranslation();
  const years = data.years.slice(-4);
  const survey = data.survey?.indicators ?? [];
  const groups =
    grouping === 'wheel'
      ? [
          ...WHEEL.map((w) => ({
            key: w as string,
            label: t(`wheel.indicators.${w}.name`),
            kpis: data.kpis.filter((k) => k.wheel === w),
            survey: survey.filter((s) => s.wheel === w),
            series: data.series.filter((s) => s.wheel === w),
          })),
          {
            key: 'none',
            label: t('kpi.noWheel'),
            kpis: data.kpis.filter((k) => k.wheel === null),
            survey: [],
            series: data.series.filter((s) => s.wheel === null),
          },
        ]
      : STAGES.map((st) => ({
          key: st as string,
          label: t(`kpi.stage.${st}`),
          kpis: data.kpis.filter((k) => k.goalStage === st),
          // Survey indicators measure how children are: results and effects in the goal chain.
          survey: st === 'effects' ? survey : [],
          series: data.series.filter((s) => s.goalStage === st),
        }));
  return (
    <>
      {data.years.length === 0 ? <p className="notice notice-warning">{t('kpi.noValues')}</p> : null}
      {groups
        .filter((g) => g.kpis.some((k) => k.values.length > 0) || g.survey.length > 0 || g.series.length > 0)
        .map((g) => (
          <section key={g.key} className="panel" aria-labelledby={`kpi-group-${g.key}`}>
            <h2 id={`kpi-group-${g.key}`}>{g.label}</h2>
            {g.survey.length > 0 ? (
              <SurveyTable
                rows={g.survey}
                year={data.survey!.year}
                group={g.label}
                municipality={data.municipality.name}
              />
            ) : null}
            {g.kpis.some((k) => k.values.length > 0) ? (
              <div className="table-scroll">
                <table className="data-table">
                  <caption>{t('kpi.caption', { group: g.label, municipality: data.municipality.name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('kpi.kpi')}</th>
                      <th scope="col">{grouping === 'wheel' ? t('kpi.stageColumn') : t('kpi.wheelColumn')}</th>
                      {years.map((y) => (
                        <th key={y} scope="col">
                          {y}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {g.kpis
                      .filter((k) => k.values.length > 0)
                      .map((k) => (
                        <tr key={k.id}>
                          <th scope="row">
                            {k.title} <span className="small muted">({k.id})</span>
                          </th>
                          <td>
                            {grouping === 'wheel'
                              ? t(`kpi.stage.${k.goalStage}`)
                              : k.wheel
                                ? t(`wheel.indicators.${k.wheel}.name`)
                                : t('kpi.noWheel')}
                          </td>
                          {years.map((y) => (
                            <td key={y}>
                              <KpiCell k={k} year={y} />
                            </td>
                          ))}
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {g.series.length > 0 ? <SeriesLatest series={g.series} group={g.label} /> : null}
          </section>
        ))}
    </>
  );
}

function SurveyTable({
  rows,
  year,
  group,
  municipality,
}: {
  rows: NonNullable<KpiPageData['survey']>['indicators'];
  year: number;
  group: string;
  municipality: string;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const { pct, int } = useNumbers();
  const grade = useGradeLabel();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>{t('kpi.surveyCaption', { group, municipality, year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kpi.surveyIndicator')}</th>
            <th scope="col">{t('followupAdmin.population.grade')}</th>
            <th scope="col">{t('kpi.surveyShare')}</th>
            <th scope="col">n</th>
            <th scope="col">{t('kpi.comparableKpi')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.key}-${r.grade}`}>
              <th scope="row">{en ? r.labelEn : r.labelSv}</th>
              <td>{grade(r.grade)}</td>
              <td>
                {r.status === 'ok' && r.share !== null ? (
                  `${pct(r.share)} (${pct(r.ciLow!)}–${pct(r.ciHigh!)})`
                ) : (
                  <span className="fa-suppressed">{t('followupAdmin.suppressed')}</span>
                )}
              </td>
              <td>{r.n === null ? '–' : int(r.n)}</td>
              <td>{r.koladaKpi ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SeriesLatest({ series, group }: { series: KpiPageData['series']; group: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>{t('kpi.seriesCaption', { group })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kpi.seriesName')}</th>
            <th scope="col">{t('followupAdmin.operational.period')}</th>
            <th scope="col">{t('kpi.seriesValue')}</th>
          </tr>
        </thead>
        <tbody>
          {series.map((s) => {
            const v = s.values[s.values.length - 1];
            return (
              <tr key={s.key}>
                <th scope="row">{en ? s.labelEn : s.labelSv}</th>
                <td>{v ? v.period : '–'}</td>
                <td>{v ? <SeriesValue measure={s.measure} v={v} /> : t('followupAdmin.operational.noValues')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function KpiCell({ k, year }: { k: Kpi; year: number }) {
  const { t } = useTranslation();
  const { dec } = useNumbers();
  const v = (g: 'T' | 'K' | 'M') => k.values.find((x) => x.period === year && x.gender === g);
  const show = (x: ReturnType<typeof v>) =>
    !x ? '–' : x.status === 'suppressed' ? t('kpi.suppressed') : x.value === null ? t('kpi.missing') : dec(x.value);
  const total = v('T');
  const women = v('K');
  const men = v('M');
  return (
    <>
      <span className={total?.status === 'suppressed' ? 'fa-suppressed' : undefined}>{show(total)}</span>
      {women || men ? (
        <span className="fa-kpi-genders">
          {t('kpi.women')} {show(women)} · {t('kpi.men')} {show(men)}
        </span>
      ) : null}
    </>
  );
}
