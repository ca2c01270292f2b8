/**
 * One report. Social services see all of it (who reported, how to reach them), acknowledge receipt
 * and send feedback; the reporter sees what they wrote, the receipt and the feedback.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading } from '../router.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { FEEDBACK_KINDS, reportApi, type FeedbackKind, type InboxReport, type MyReport } from './api.js';
import { reportPaths } from './paths.js';
import { ReportStatus } from './ReportsPage.js';
import './reports.css';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  type Errors,
  useFormState,
  asApiError,
} from '../components/form/index.js';
import { useTimestamp } from '../components/time.js';

export function ReportPage({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('report.view.title'));
  const view = useLoad(`report:${reportId}`, () => reportApi.get(reportId));
  if (view.status === 'error' && view.error.isNotFound) return <NotFoundPage />;
  return (
    <article aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link
          to={view.status === 'ok' && view.data.viewer === 'social_services' ? reportPaths.inbox : reportPaths.reports}
        >
          {view.status === 'ok' && view.data.viewer === 'social_services' ? t('inbox.back') : t('report.back')}
        </Link>
      </p>
      <PageHeading>{t('report.view.title')}</PageHeading>
      <LoadStatus load={view} />
      {view.status === 'ok' && view.data.inbox ? <InboxView report={view.data.inbox} onChange={view.reload} /> : null}
      {view.status === 'ok' && view.data.mine ? <MineView report={view.data.mine} /> : null}
    </article>
  );
}

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="facts report-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function FeedbackList({ feedback }: { feedback: MyReport['feedback'] }) {
  const { t } = useTranslation();
  const time = useTimestamp();
  return (
    <section className="panel" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{t('report.view.feedback')}</h2>
      {feedback.length === 0 ? (
        <p>{t('report.view.noFeedback')}</p>
      ) : (
        <ul className="feedback-list">
          {feedback.map((f) => (
            <li key={f.id}>
              <p>
                <strong>{t(`report.feedbackKind.${f.kind}`)}</strong> · {time.dateTime(f.createdAt)} ·{' '}
                {[f.from.unitName, f.from.organisationName].filter(Boolean).join(', ')}
              </p>
              <p className="pre-line">{f.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MineView({ report }: { report: MyReport }) {
  const { t } = useTranslation();
  const time = useTimestamp();
  return (
    <>
      <p className="lead">
        <ReportStatus acknowledgedAt={report.acknowledgedAt} feedback={report.feedback.length} />
      </p>
      <p className="help">{t('report.view.reporterNote')}</p>
      <Facts
        rows={[
          [t('report.field.child'), `${report.childName} (${t('report.field.born')} ${report.childBirthDate})`],
          [t('report.field.municipality'), report.municipality.name ?? report.municipality.code],
          [t('report.field.created'), time.dateTime(report.createdAt)],
          [
            t('report.field.acknowledged'),
            report.acknowledgedAt ? time.dateTime(report.acknowledgedAt) : t('report.view.notYet'),
          ],
          [t('report.form.legalBasis'), report.legalBasis.statuteReference],
          [t('report.form.danger'), report.immediateDanger ? t('report.form.yes') : t('report.form.no')],
          [t('report.form.guardians'), t(`report.guardiansInformed.${report.guardiansInformed}`)],
        ]}
      />
      <ConcernPanel text={report.concern} />
      <FeedbackList feedback={report.feedback} />
    </>
  );
}

/** What the reporter is worried about, as written. */
function ConcernPanel({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="concern-heading">
      <h2 id="concern-heading">{t('report.form.concern')}</h2>
      <p className="pre-line">{text}</p>
    </section>
  );
}

function InboxView({ report, onChange }: { report: InboxReport; onChange: () => void }) {
  const { t } = useTranslation();
  const time = useTimestamp();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function acknowledge() {
    setBusy(true);
    setFailure(null);
    try {
      await reportApi.acknowledge(report.id, report.version);
      onChange();
    } catch (caught) {
      setBusy(false);
      setFailure(asApiError(caught));
    }
  }
  return (
    <>
      <p className="lead">
        <ReportStatus acknowledgedAt={report.acknowledgedAt} feedback={report.feedback.length} />
        {report.immediateDanger ? <span className="status status-overdue">{t('inbox.danger')}</span> : null}
      </p>
      {failure ? <ErrorMessage error={failure} /> : null}
      <Facts
        rows={[
          [t('report.field.child'), `${report.childName}, ${report.childPersonnummer}`],
          [t('report.field.municipality'), report.municipality.name ?? report.municipality.code],
          [t('report.field.created'), time.dateTime(report.createdAt)],
          [
            t('inbox.reporter'),
            [report.reporter.name, report.reporter.title, report.reporter.unitName, report.reporter.organisationName]
              .filter(Boolean)
              .join(', '),
          ],
          [t('inbox.contact'), [report.reporter.phone, report.reporter.email].filter(Boolean).join(', ') || '–'],
          [t('report.form.legalBasis'), report.legalBasis.statuteReference],
          [t('report.form.guardians'), t(`report.guardiansInformed.${report.guardiansInformed}`)],
          [
            t('report.field.acknowledged'),
            report.acknowledgedAt
              ? `${time.dateTime(report.acknowledgedAt)}, ${report.acknowledgedBy?.name ?? ''}`
              : t('report.view.notYet'),
          ],
        ]}
      />
      <ConcernPanel text={report.concern} />
      {report.acknowledgedAt ? null : (
        <p className="button-row">
          <button type="button" className="button button-primary" onClick={() => void acknowledge()} disabled={busy}>
            {t('inbox.acknowledge')}
          </button>
        </p>
      )}
      <FeedbackList feedback={report.feedback} />
      {report.acknowledgedAt ? (
        <FeedbackForm reportId={report.id} onSent={onChange} />
      ) : (
        <p className="help">{t('inbox.feedbackAfterReceipt')}</p>
      )}
    </>
  );
}

const F = 'report-feedback';

function FeedbackForm({ reportId, onSent }: { reportId: string; onSent: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<FeedbackKind | ''>('');
  const [text, setText] = useState('');
  const { errors, failure, setFailure, busy, setBusy, summary, begin } = useFormState();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Errors = {};
    if (!kind) problems.kind = t('inbox.feedbackKindRequired');
    if (!text.trim()) problems.text = t('inbox.feedbackTextRequired');
    if (!begin(problems)) return;
    try {
      await reportApi.feedback(reportId, { kind: kind as FeedbackKind, text });
      onSent();
    } catch (caught) {
      setBusy(false);
      setFailure(asApiError(caught));
    }
  }
  return (
    <section className="panel" aria-labelledby={`${F}-heading`}>
      <h2 id={`${F}-heading`}>{t('inbox.sendFeedback')}</h2>
      <p className="help">{t('inbox.feedbackHelp')}</p>
      <ErrorSummary
        ref={summary}
        errors={Object.entries(errors)}
        fieldId={(f) => (f === 'kind' ? `${F}-kind` : `${F}-text`)}
      />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack">
        <div className={`field${errors.kind ? ' field-invalid' : ''}`}>
          <label htmlFor={`${F}-kind`}>{t('inbox.feedbackKind')}</label>
          <FieldError id={`${F}-kind-error`} message={errors.kind} />
          <select
            id={`${F}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as FeedbackKind)}
            aria-describedby={describedBy(errors.kind && `${F}-kind-error`)}
            aria-invalid={errors.kind ? true : undefined}
          >
            <option value="">{t('report.form.choose')}</option>
            {FEEDBACK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`report.feedbackKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field field-wide${errors.text ? ' field-invalid' : ''}`}>
          <label htmlFor={`${F}-text`}>{t('inbox.feedbackText')}</label>
          <FieldError id={`${F}-text-error`} message={errors.text} />
          <textarea
            id={`${F}-text`}
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={describedBy(errors.text && `${F}-text-error`)}
            aria-invalid={errors.text ? true : undefined}
          />
        </div>
        <p className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('inbox.sendFeedbackButton')}
          </button>
        </p>
      </form>
    </section>
  );
}
