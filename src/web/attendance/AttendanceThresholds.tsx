/** The organisation's absence thresholds on the attendance page: read, and change with If-Match. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { attendanceApi, type AttendanceThresholds } from './api.js';
import { useTimestamp } from '../components/time.js';
import { ErrorSummary, type Errors, useFormState, TextField, SubmitRow } from '../components/form/index.js';

const T = 'thresholds';

export function ThresholdSection() {
  const { t } = useTranslation();
  const loaded = useLoad('attendance:thresholds', attendanceApi.thresholds);
  if (loaded.status === 'error' && loaded.error.status === 403) return null;
  return (
    <section className="panel" aria-labelledby="thresholds-heading">
      <h2 id="thresholds-heading">{t('attendance.thresholds.heading')}</h2>
      <LoadStatus load={loaded} />
      {loaded.status === 'ok' ? (
        <ThresholdForm key={loaded.data.version} current={loaded.data} onSaved={loaded.reload} />
      ) : null}
    </section>
  );
}

function ThresholdForm({ current, onSaved }: { current: AttendanceThresholds; onSaved: () => void }) {
  const { t } = useTranslation();
  const time = useTimestamp();
  const [total, setTotal] = useState(String(current.totalAbsencePct));
  const [invalid, setInvalid] = useState(String(current.invalidAbsencePct));
  const [message, setMessage] = useState<string | null>(null);
  const form = useFormState();
  const { errors } = form;
  const parse = (s: string) => Number(s.replace(',', '.'));
  const valid = (s: string) => /^\d{1,3}([.,]\d{1,2})?$/.test(s.trim()) && parse(s) > 0 && parse(s) <= 100;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const problems: Errors = {};
    if (!valid(total)) problems.totalAbsencePct = t('attendance.thresholds.invalidValue');
    if (!valid(invalid)) problems.invalidAbsencePct = t('attendance.thresholds.invalidValue');
    if (!form.begin(problems)) return;
    try {
      await attendanceApi.saveThresholds(current.version, {
        totalAbsencePct: parse(total),
        invalidAbsencePct: parse(invalid),
      });
      onSaved();
    } catch (caught) {
      form.setBusy(false);
      if (caught instanceof ApiError && caught.status === 412) {
        setMessage(t('attendance.thresholds.conflict'));
        return;
      }
      form.fail(caught);
    }
  }

  return (
    <>
      <p>
        {current.source === 'default'
          ? t('attendance.thresholds.default', { organisation: current.organisationName })
          : t('attendance.thresholds.saved', {
              organisation: current.organisationName,
              name: current.updatedBy?.name ?? '',
              time: current.updatedAt ? time.dateTime(current.updatedAt) : '',
            })}
      </p>
      <p className="help">{t('attendance.thresholds.help')}</p>
      <ErrorSummary ref={form.summary} errors={Object.entries(errors)} fieldId={(f) => `${T}-${f}`} />
      {message ? (
        <p className="notice notice-warning" role="alert">
          {message}
        </p>
      ) : null}
      {form.failure ? <ErrorMessage error={form.failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form consultation-form">
        <div className="field-row">
          {(
            [
              ['totalAbsencePct', total, setTotal],
              ['invalidAbsencePct', invalid, setInvalid],
            ] as const
          ).map(([name, value, setter]) => (
            <TextField
              key={name}
              id={`${T}-${name}`}
              wide={false}
              inputClassName="input-number"
              control={{ inputMode: 'decimal' }}
              label={t(`attendance.thresholds.${name}`)}
              error={errors[name]}
              value={value}
              onChange={setter}
            />
          ))}
        </div>
        <SubmitRow label={t('attendance.thresholds.save')} busyLabel={t('consultation.form.saving')} busy={form.busy} />
      </form>
    </>
  );
}
