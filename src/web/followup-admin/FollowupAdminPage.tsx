/**
 * "Uppföljning – analys" for analysts: population counts with the response-rate table, aggregated
 * tables from others (published with the table's suppression rules), and operational series.
 * Survey files and indicators have their own pages.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { PageHeading } from '../router.js';
import {
  adminApi,
  fileRejection,
  type AggregateTableMeta,
  type FileRejection,
  type OperationalSeries,
  type PublishedAggregateTable,
  type ResponseRateTable,
} from './api.js';
import { AdminNav, Rejection, SeriesValue, useGradeLabel, useNumbers } from './common.js';

export function FollowupAdminPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('followupAdmin.hub.title'));
  return (
    <>
      <PageHeading>{t('followupAdmin.hub.title')}</PageHeading>
      <AdminNav current="hub" />
      <p className="lead">{t('followupAdmin.hub.intro')}</p>
      <PopulationSection />
      <AggregateSection />
      <OperationalSection />
    </>
  );
}

/** A CSV import form: one file input, a submit button, the result or the refusal by line. */
function CsvImport({
  id,
  label,
  help,
  submit,
  children,
  onSubmit,
}: {
  id: string;
  label: string;
  help: string;
  submit: string;
  children?: React.ReactNode;
  onSubmit: (file: File) => Promise<string>;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [rejection, setRejection] = useState<FileRejection | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  async function send(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    setRejection(null);
    setFailure(null);
    if (!file) {
      setError(t('followupAdmin.csv.fileRequired'));
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      setDone(await onSubmit(file));
      window.setTimeout(() => doneRef.current?.focus(), 0);
    } catch (err) {
      const r = fileRejection(err);
      if (r) {
        setRejection(r);
        window.setTimeout(() => document.getElementById(`${id}-rejection`)?.focus(), 0);
      } else if (err instanceof ApiError && err.status === 400)
        setRejection({ message: err.message, missingColumns: [], rowErrors: [], rowsTotal: 0, rowsWithErrors: 0 });
      else setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form noValidate onSubmit={(e) => void send(e)} className="form-stack">
        {children}
        <div className={`field${error ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-file`}>{label}</label>
          <p id={`${id}-help`} className="help">
            {help}
          </p>
          {error ? (
            <p id={`${id}-error`} className="field-error">
              {error}
            </p>
          ) : null}
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {submit}
          </button>
        </div>
      </form>
      {done ? (
        <p className="notice notice-success" role="status" tabIndex={-1} ref={doneRef}>
          {done}
        </p>
      ) : null}
      {rejection ? <Rejection r={rejection} id={`${id}-rejection`} /> : null}
      {failure ? <ErrorMessage error={failure} /> : null}
    </>
  );
}

function PopulationSection() {
  const { t } = useTranslation();
  const rates = useLoad('followup-admin:rates', () => adminApi.responseRates());
  const { int } = useNumbers();
  return (
    <section className="panel" aria-labelledby="population-heading">
      <h2 id="population-heading">{t('followupAdmin.population.heading')}</h2>
      <CsvImport
        id="population"
        label={t('followupAdmin.population.file')}
        help={t('followupAdmin.population.help')}
        submit={t('followupAdmin.population.submit')}
        onSubmit={async (file) => {
          const r = await adminApi.importPopulation(file.name, await file.text());
          rates.reload();
          return r.status === 'imported'
            ? t('followupAdmin.population.imported', { rows: int(r.rows), pupils: int(r.pupils) })
            : t('followupAdmin.population.already');
        }}
      />
      <h3>{t('followupAdmin.population.ratesHeading')}</h3>
      <LoadStatus load={rates} />
      {rates.status === 'ok' ? <RateTable r={rates.data} /> : null}
    </section>
  );
}

function RateTable({ r }: { r: ResponseRateTable }) {
  const { t } = useTranslation();
  const { pct0, int } = useNumbers();
  const grade = useGradeLabel();
  const [municipality, setMunicipality] = useState('');
  const rows = municipality ? r.municipalities.filter((x) => x.municipality === municipality) : r.county;
  const cell = (g: string | null, y: number) => rows.find((x) => x.grade === g && x.year === y);
  return (
    <>
      <div className="field">
        <label htmlFor="rates-area">{t('followupAdmin.population.area')}</label>
        <select id="rates-area" value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
          <option value="">{t('followupAdmin.population.county')}</option>
          {Object.entries(r.municipalityNames).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <p className="help">{t('followupAdmin.population.lowHelp', { threshold: pct0(r.lowThreshold) })}</p>
      <div className="table-scroll">
        <table className="data-table">
          <caption>
            {t('followupAdmin.population.ratesCaption', {
              area: municipality ? r.municipalityNames[municipality] : t('followupAdmin.population.county'),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('followupAdmin.population.grade')}</th>
              {r.years.map((y) => (
                <th key={y} scope="col">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...r.grades, ...(municipality ? [] : [null])].map((g) => (
              <tr key={g ?? 'all'}>
                <th scope="row">{grade(g)}</th>
                {r.years.map((y) => {
                  const c = cell(g, y);
                  if (!c || c.rate === null || c.status !== 'ok')
                    return <td key={y}>{t('followupAdmin.population.noRate')}</td>;
                  return (
                    <td key={y} className={c.low ? 'fa-low' : undefined}>
                      {pct0(c.rate)}
                      <span className="small">
                        {' '}
                        ({int(c.respondents ?? 0)}/{int(c.pupils ?? 0)})
                      </span>
                      {c.low ? <span> – {t('followupAdmin.population.low')}</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function AggregateSection() {
  const { t } = useTranslation();
  const tables = useLoad('followup-admin:aggregates', () => adminApi.aggregateTables());
  const [title, setTitle] = useState('');
  const [source, setSource] = useState('Skolinspektionen, Skolenkäten');
  const [year, setYear] = useState('');
  const [rules, setRules] = useState<'default' | 'skolinspektionen'>('skolinspektionen');
  const [positive, setPositive] = useState('');
  const [shown, setShown] = useState<PublishedAggregateTable | null>(null);
  const [showFailure, setShowFailure] = useState<ApiError | null>(null);

  async function show(m: AggregateTableMeta) {
    setShowFailure(null);
    try {
      setShown(await adminApi.aggregateTable(m.id));
      window.setTimeout(() => document.getElementById('aggregate-shown')?.focus(), 0);
    } catch (err) {
      setShowFailure(err instanceof ApiError ? err : new ApiError(0, null));
    }
  }

  return (
    <section className="panel" aria-labelledby="aggregate-heading">
      <h2 id="aggregate-heading">{t('followupAdmin.aggregate.heading')}</h2>
      <p>{t('followupAdmin.aggregate.intro')}</p>
      <CsvImport
        id="aggregate"
        label={t('followupAdmin.aggregate.file')}
        help={t('followupAdmin.aggregate.help')}
        submit={t('followupAdmin.aggregate.submit')}
        onSubmit={async (file) => {
          const r = await adminApi.importAggregate({
            title: title.trim() || file.name,
            source: source.trim() || '–',
            year: /^\d{4}$/.test(year) ? Number(year) : null,
            rules,
            positive: positive
              .split(',')
              .map((p) => p.trim())
              .filter(Boolean),
            csv: await file.text(),
          });
          tables.reload();
          return r.status === 'imported'
            ? t('followupAdmin.aggregate.imported', { title: r.table.title })
            : t('followupAdmin.aggregate.already', { title: r.table.title });
        }}
      >
        <div className="field">
          <label htmlFor="aggregate-title">{t('followupAdmin.aggregate.title')}</label>
          <input id="aggregate-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="aggregate-source">{t('followupAdmin.aggregate.source')}</label>
          <input id="aggregate-source" type="text" value={source} onChange={(e) => setSource(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="aggregate-year">{t('followupAdmin.aggregate.year')}</label>
          <input
            id="aggregate-year"
            type="text"
            inputMode="numeric"
            value={year}
            onChange={(e) => setYear(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="aggregate-rules">{t('followupAdmin.aggregate.rules')}</label>
          <select id="aggregate-rules" value={rules} onChange={(e) => setRules(e.target.value as typeof rules)}>
            <option value="skolinspektionen">{t('followupAdmin.aggregate.rulesSkolinspektionen')}</option>
            <option value="default">{t('followupAdmin.aggregate.rulesDefault')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="aggregate-positive">{t('followupAdmin.aggregate.positive')}</label>
          <p id="aggregate-positive-help" className="help">
            {t('followupAdmin.aggregate.positiveHelp')}
          </p>
          <input
            id="aggregate-positive"
            type="text"
            value={positive}
            onChange={(e) => setPositive(e.target.value)}
            aria-describedby="aggregate-positive-help"
          />
        </div>
      </CsvImport>
      <h3>{t('followupAdmin.aggregate.list')}</h3>
      <LoadStatus load={tables} />
      {tables.status === 'ok' && tables.data.tables.length === 0 ? (
        <p className="empty-state">{t('followupAdmin.aggregate.none')}</p>
      ) : null}
      {tables.status === 'ok' && tables.data.tables.length > 0 ? (
        <ul className="plain-list">
          {tables.data.tables.map((m) => (
            <li key={m.id}>
              {m.title} ({m.source}
              {m.year ? `, ${m.year}` : ''}) –{' '}
              <button type="button" className="button button-secondary" onClick={() => void show(m)}>
                {t('followupAdmin.aggregate.show', { title: m.title })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {showFailure ? <ErrorMessage error={showFailure} /> : null}
      {shown ? <PublishedTable p={shown} /> : null}
    </section>
  );
}

function PublishedTable({ p }: { p: PublishedAggregateTable }) {
  const { t } = useTranslation();
  const { pct, int } = useNumbers();
  return (
    <div id="aggregate-shown" tabIndex={-1}>
      <div className="table-scroll">
        <table className="data-table">
          <caption>
            {t('followupAdmin.aggregate.publishedCaption', {
              title: p.table.title,
              rules:
                p.table.rules === 'skolinspektionen'
                  ? t('followupAdmin.aggregate.rulesSkolinspektionen')
                  : t('followupAdmin.aggregate.rulesDefault'),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('followupAdmin.aggregate.group')}</th>
              {p.options.map((o) => (
                <th key={o} scope="col">
                  {o}
                </th>
              ))}
              <th scope="col">n</th>
              <th scope="col">{t('followupAdmin.aggregate.share')}</th>
            </tr>
          </thead>
          <tbody>
            {p.groups.map((g) => (
              <tr key={g.group}>
                <th scope="row">{g.group}</th>
                {p.options.map((o) => {
                  const c = g.options[o];
                  return (
                    <td key={o}>
                      {c && c.status === 'ok' && c.count !== null ? (
                        int(c.count)
                      ) : (
                        <span className="fa-suppressed">{t('followupAdmin.suppressed')}</span>
                      )}
                    </td>
                  );
                })}
                <td>
                  {g.n === null ? <span className="fa-suppressed">{t('followupAdmin.suppressed')}</span> : int(g.n)}
                </td>
                <td>
                  {g.share === null ? (
                    <span className="fa-suppressed">{t('followupAdmin.suppressed')}</span>
                  ) : (
                    `${pct(g.share)} (${pct(g.ciLow!)}–${pct(g.ciHigh!)})`
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.disclosureRisks > 0 ? (
        <p className="notice notice-warning">{t('followupAdmin.aggregate.risks', { count: p.disclosureRisks })}</p>
      ) : null}
    </div>
  );
}

function OperationalSection() {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const series = useLoad('followup-admin:operational', () => adminApi.operationalSeries());
  const [key, setKey] = useState('reports_of_concern');
  const importable = series.status === 'ok' ? series.data.series.filter((s) => s.importable) : [];
  const { int } = useNumbers();
  return (
    <section className="panel" aria-labelledby="operational-heading">
      <h2 id="operational-heading">{t('followupAdmin.operational.heading')}</h2>
      <p>{t('followupAdmin.operational.intro')}</p>
      <CsvImport
        id="operational"
        label={t('followupAdmin.operational.file')}
        help={t('followupAdmin.operational.help')}
        submit={t('followupAdmin.operational.submit')}
        onSubmit={async (file) => {
          const r = await adminApi.importOperational(key, await file.text());
          series.reload();
          return r.status === 'imported'
            ? t('followupAdmin.operational.imported', { rows: int(r.rows) })
            : t('followupAdmin.operational.already');
        }}
      >
        <div className="field">
          <label htmlFor="operational-series">{t('followupAdmin.operational.series')}</label>
          <select id="operational-series" value={key} onChange={(e) => setKey(e.target.value)}>
            {importable.map((s) => (
              <option key={s.key} value={s.key}>
                {en ? s.labelEn : s.labelSv}
              </option>
            ))}
          </select>
        </div>
      </CsvImport>
      <LoadStatus load={series} />
      {series.status === 'ok' ? series.data.series.map((s) => <SeriesTable key={s.key} s={s} />) : null}
    </section>
  );
}

export function SeriesTable({
  s,
  municipalityName,
}: {
  s: OperationalSeries;
  municipalityName?: (code: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const label = en ? s.labelEn : s.labelSv;
  const note = en ? s.sourceNoteEn : s.sourceNoteSv;
  const values = s.values.slice(-24);
  return (
    <>
      <h3>{label}</h3>
      <p className="small">{note ?? t('followupAdmin.operational.imports')}</p>
      {values.length === 0 ? (
        <p className="empty-state">{t('followupAdmin.operational.noValues')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                <th scope="col">{t('followupAdmin.operational.municipality')}</th>
                <th scope="col">{t('followupAdmin.operational.period')}</th>
                <th scope="col">
                  {s.measure === 'share' ? t('followupAdmin.operational.share') : t('followupAdmin.operational.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {values.map((v) => (
                <tr key={`${v.municipalityCode}-${v.period}`}>
                  <td>{municipalityName ? municipalityName(v.municipalityCode) : v.municipalityCode}</td>
                  <td>{v.period}</td>
                  <td>
                    <SeriesValue measure={s.measure} v={v} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
