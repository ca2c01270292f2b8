import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, paths } from '../router.js';
import { concernApi, type ChronologyEntry } from './api.js';
import type { Catalog } from '../../i18n/index.js';
import { swedishToday } from '../components/time.js';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  type Errors,
  useFormState,
  asApiError,
} from '../components/form/index.js';

type Significance = ChronologyEntry['significance'];
const SIGNIFICANCES: readonly Significance[] = ['low', 'medium', 'high'];

/** The child's chronology on the overview: a table, newest first, and a form to add an event. */
export function ChronologySection({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const entries = useLoad(`chronology:${childId}`, () => concernApi.chronology(childId));
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLParagraphElement>(null);

  return (
    <section aria-labelledby="chronology-heading" className="panel">
      <div className="section-head">
        <h2 id="chronology-heading">{t('chronology.heading')}</h2>
        {!adding ? (
          <button
            ref={addButton}
            type="button"
            className="button button-secondary"
            onClick={() => {
              setAdded(false);
              setAdding(true);
            }}
          >
            {t('chronology.add')}
          </button>
        ) : null}
      </div>
      <p className="muted">{t('chronology.intro')}</p>
      {added ? (
        <p ref={status} className="notice notice-success" role="status" tabIndex={-1}>
          {t('chronology.form.added')}
        </p>
      ) : null}
      {adding ? (
        <AddEntry
          childId={childId}
          onDone={(saved) => {
            setAdding(false);
            if (saved) {
              setAdded(true);
              entries.reload();
              window.setTimeout(() => status.current?.focus(), 0);
            } else window.setTimeout(() => addButton.current?.focus(), 0);
          }}
        />
      ) : null}
      <LoadStatus load={entries} />
      {entries.status === 'ok' ? (
        entries.data.entries.length === 0 ? (
          <p>{t('chronology.none')}</p>
        ) : (
          <ChronologyTable childId={childId} entries={entries.data.entries} />
        )
      ) : null}
    </section>
  );
}

function ChronologyTable({ childId, entries }: { childId: string; entries: ChronologyEntry[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div className="table-scroll" role="region" aria-labelledby="chronology-caption" tabIndex={0}>
      <table className="data-table chronology-table">
        <caption id="chronology-caption">{t('chronology.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chronology.columns.date')}</th>
            <th scope="col">{t('chronology.columns.event')}</th>
            <th scope="col">{t('chronology.columns.significance')}</th>
            <th scope="col">{t('chronology.columns.source')}</th>
            <th scope="col">{t('chronology.columns.enteredBy')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <th scope="row" className="nowrap-md">
                {f.date(e.eventDate)}
              </th>
              <td>
                <span className="entry-kind">{t(`chronology.kind.${e.kind}`)}</span>
                {e.decision ? (
                  <span className="block">
                    {t('chronology.decision', { decision: t(`concern.decisionCode.${e.decision}`) })}
                  </span>
                ) : null}
                <span className="block prewrap">{e.text}</span>
                {e.supportLevel && e.supportLevel.after !== e.supportLevel.before ? (
                  <span className="block muted small">
                    {t('chronology.levelChange', { before: e.supportLevel.before, after: e.supportLevel.after })}
                  </span>
                ) : null}
                {e.concernId ? (
                  <Link to={paths.concern(childId, e.concernId)} className="small">
                    {t('chronology.openConcern')}
                  </Link>
                ) : null}
              </td>
              <td>
                <span className={`significance significance-${e.significance}`}>
                  {t(`chronology.significance.${e.significance}`)}
                </span>
              </td>
              <td>
                {e.source.unitName ?? e.source.organisationName}
                {e.source.unitKind ? (
                  <span className="block muted small">
                    {t(`unitKind.${e.source.unitKind as keyof Catalog['unitKind']}`, {
                      defaultValue: e.source.unitKind,
                    })}
                  </span>
                ) : null}
              </td>
              <td>
                {e.enteredBy.name}
                {e.enteredBy.title ? <span className="block muted small">{e.enteredBy.title}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const P = 'chronology-new';

function AddEntry({ childId, onDone }: { childId: string; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [eventDate, setEventDate] = useState(swedishToday);
  const [significance, setSignificance] = useState<Significance | ''>('');
  const [text, setText] = useState('');
  const { errors, setErrors, failure, setFailure, busy, setBusy, summary, showErrors } = useFormState();
  const fieldId = (f: string) => (f === 'significance' ? `${P}-significance-${SIGNIFICANCES[0]}` : `${P}-${f}`);
  useEffect(() => {
    document.getElementById(`${P}-eventDate`)?.focus();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const problems: Errors = {};
    if (!eventDate) problems.eventDate = t('chronology.form.dateRequired');
    else if (eventDate > swedishToday()) problems.eventDate = t('chronology.form.dateFuture');
    if (!significance) problems.significance = t('chronology.form.significanceRequired');
    if (!text.trim()) problems.text = t('chronology.form.textRequired');
    if (Object.keys(problems).length > 0 || !significance) return showErrors(problems);
    setErrors({});
    setBusy(true);
    try {
      await concernApi.addChronologyEntry(childId, { eventDate, significance, text });
      onDone(true);
    } catch (err) {
      setBusy(false);
      const fields = fieldErrors(err);
      const message: Record<string, string> = {
        eventDate: t('chronology.form.dateFuture'),
        significance: t('chronology.form.significanceRequired'),
        text: t('chronology.form.textRequired'),
      };
      if (Object.keys(fields).length > 0)
        showErrors(
          Object.fromEntries(Object.keys(fields).map((f) => [f, message[f] ?? t('concern.form.fieldInvalid')])),
        );
      else setFailure(asApiError(err));
    }
  }

  return (
    <div className="subpanel">
      <h3>{t('chronology.form.heading')}</h3>
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form">
        <div className={`field${errors.eventDate ? ' field-invalid' : ''}`}>
          <label htmlFor={`${P}-eventDate`}>{t('chronology.form.eventDate')}</label>
          <p id={`${P}-eventDate-help`} className="help">
            {t('chronology.form.eventDateHelp')}
          </p>
          <FieldError id={`${P}-eventDate-error`} message={errors.eventDate} />
          <input
            id={`${P}-eventDate`}
            type="date"
            className="input-date"
            required
            max={swedishToday()}
            value={eventDate}
            onChange={(e) => setEventDate(e.target.value)}
            aria-describedby={describedBy(`${P}-eventDate-help`, errors.eventDate && `${P}-eventDate-error`)}
            aria-invalid={errors.eventDate ? true : undefined}
          />
        </div>
        <fieldset
          className={`fieldset${errors.significance ? ' field-invalid' : ''}`}
          aria-describedby={describedBy(errors.significance && `${P}-significance-error`)}
        >
          <legend>{t('chronology.form.significance')}</legend>
          <FieldError id={`${P}-significance-error`} message={errors.significance} />
          <ul className="radio-list radio-inline">
            {SIGNIFICANCES.map((s) => (
              <li key={s} className="radio">
                <input
                  id={`${P}-significance-${s}`}
                  type="radio"
                  name="significance"
                  value={s}
                  checked={significance === s}
                  onChange={() => setSignificance(s)}
                />
                <label htmlFor={`${P}-significance-${s}`}>{t(`chronology.significance.${s}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className={`field field-wide${errors.text ? ' field-invalid' : ''}`}>
          <label htmlFor={`${P}-text`}>{t('chronology.form.text')}</label>
          <p id={`${P}-text-help`} className="help">
            {t('chronology.form.textHelp')}
          </p>
          <FieldError id={`${P}-text-error`} message={errors.text} />
          <textarea
            id={`${P}-text`}
            rows={3}
            required
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={describedBy(`${P}-text-help`, errors.text && `${P}-text-error`)}
            aria-invalid={errors.text ? true : undefined}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('chronology.form.saving') : t('chronology.form.submit')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => onDone(false)}>
            {t('chronology.form.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
