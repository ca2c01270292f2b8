/** The form that creates or changes an indicator definition (the server checks it against the instrument). */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, navigate, PageHeading, paths } from '../router.js';
import { adminApi, problemsOf, type Indicator, type IndicatorInput, type InstrumentDetail } from './api.js';
import { AdminNav, GRADES, useGradeLabel, useProblemText } from './common.js';
import { ErrorSummary, type Errors, useErrorSummary } from '../components/form/index.js';

const WHEEL = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'] as const;
interface FormState {
  key: string;
  labelSv: string;
  labelEn: string;
  wheel: (typeof WHEEL)[number];
  polarity: 'higher_is_better' | 'lower_is_better';
  items: string[];
  atLeast: string;
  positive: string;
  dontKnow: 'exclude' | 'negative';
  universeItem: string;
  universeCodes: string;
  grades: string[];
  kolada: Record<string, string>;
  goal: boolean;
  enabled: boolean;
}

const EMPTY: FormState = {
  key: '',
  labelSv: '',
  labelEn: '',
  wheel: 'safe',
  polarity: 'higher_is_better',
  items: [],
  atLeast: '1',
  positive: '',
  dontKnow: 'exclude',
  universeItem: '',
  universeCodes: '',
  grades: [],
  kolada: {},
  goal: false,
  enabled: true,
};

function fromIndicator(i: Indicator): FormState {
  return {
    key: i.key,
    labelSv: i.labelSv,
    labelEn: i.labelEn,
    wheel: i.wheel,
    polarity: i.polarity,
    items: i.items,
    atLeast: String(i.atLeast),
    positive: i.positive.join(', '),
    dontKnow: i.dontKnow,
    universeItem: i.universe?.item ?? '',
    universeCodes: i.universe?.codes.join(', ') ?? '',
    grades: i.grades ?? [],
    kolada: { ...i.koladaKpis },
    goal: i.goal,
    enabled: i.enabled,
  };
}

const codes = (s: string) =>
  s
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);

export function IndicatorFormPage({ indicatorKey }: { indicatorKey: string | null }) {
  const { t } = useTranslation();
  const title = indicatorKey ? t('followupAdmin.indicatorForm.editTitle') : t('followupAdmin.indicatorForm.newTitle');
  useDocumentTitle(title);
  const data = useLoad(`followup-admin:indicator:${indicatorKey ?? 'new'}`, async () => ({
    instrument: await adminApi.instrument(),
    indicator: indicatorKey ? await adminApi.indicator(indicatorKey) : null,
  }));
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <AdminNav current="indicators" />
      <LoadStatus load={data} />
      {data.status === 'ok' ? (
        <IndicatorForm instrument={data.data.instrument} indicator={data.data.indicator} />
      ) : null}
    </>
  );
}

function IndicatorForm({ instrument, indicator }: { instrument: InstrumentDetail; indicator: Indicator | null }) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const gradeLabel = useGradeLabel();
  const [f, setF] = useState<FormState>(indicator ? fromIndicator(indicator) : EMPTY);
  const [version, setVersion] = useState(indicator?.version ?? 0);
  const [errors, setErrors] = useState<Errors>({});
  const [serverProblems, setServerProblems] = useState<string[] | null>(null);
  const [conflict, setConflict] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { summary, showErrors } = useErrorSummary(setErrors);
  const problemsRef = useRef<HTMLDivElement>(null);
  const problemText = useProblemText();
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((x) => ({ ...x, [k]: v }));
  const fieldId = (k: string) => (k === 'items' ? `ind-item-${instrument.items[0]!.key}` : `ind-${k}`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerProblems(null);
    setFailure(null);
    const p: Errors = {};
    if (!indicator && !/^[a-z][a-z0-9_]*$/.test(f.key)) p.key = t('followupAdmin.indicatorForm.keyInvalid');
    if (!f.labelSv.trim()) p.labelSv = t('followupAdmin.indicatorForm.required');
    if (!f.labelEn.trim()) p.labelEn = t('followupAdmin.indicatorForm.required');
    if (f.items.length === 0) p.items = t('followupAdmin.indicatorForm.itemsRequired');
    if (!/^\d+([,\s]+\d+)*$/.test(f.positive.trim())) p.positive = t('followupAdmin.indicatorForm.codesInvalid');
    if (f.universeItem && !/^\d+([,\s]+\d+)*$/.test(f.universeCodes.trim()))
      p.universeCodes = t('followupAdmin.indicatorForm.codesInvalid');
    if (!/^\d+$/.test(f.atLeast) || Number(f.atLeast) < 1) p.atLeast = t('followupAdmin.indicatorForm.atLeastInvalid');
    for (const [g, v] of Object.entries(f.kolada))
      if (v.trim() && !/^[A-Z][0-9]{5}$/.test(v.trim())) p[`kolada-${g}`] = t('followupAdmin.indicatorForm.kpiInvalid');
    if (Object.keys(p).length > 0) return showErrors(p);
    setErrors({});
    const body: IndicatorInput = {
      key: f.key,
      labelSv: f.labelSv.trim(),
      labelEn: f.labelEn.trim(),
      wheel: f.wheel,
      polarity: f.polarity,
      items: f.items,
      atLeast: Number(f.atLeast),
      positive: codes(f.positive),
      dontKnow: f.dontKnow,
      universe: f.universeItem ? { item: f.universeItem, codes: codes(f.universeCodes) } : null,
      grades: f.grades.length > 0 ? f.grades : null,
      koladaKpis: Object.fromEntries(
        Object.entries(f.kolada)
          .filter(([, v]) => v.trim())
          .map(([g, v]) => [g, v.trim()]),
      ),
      goal: f.goal,
      enabled: f.enabled,
    };
    setBusy(true);
    try {
      if (indicator) {
        const { key: _key, ...patch } = body;
        void _key;
        await adminApi.changeIndicator(indicator.key, version, patch);
      } else await adminApi.createIndicator(body);
      navigate(paths.followupAdminIndicators);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) {
        const cur = err.body?.details?.currentVersion;
        if (typeof cur === 'number') setVersion(cur);
        setConflict(true);
        return;
      }
      if (err instanceof ApiError && err.status === 409)
        return showErrors({ key: t('followupAdmin.indicatorForm.keyTaken') });
      const probs = problemsOf(err);
      if (probs) {
        setServerProblems(probs);
        window.setTimeout(() => problemsRef.current?.focus(), 0);
        return;
      }
      setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    }
  }

  const itemLabel = (key: string) => {
    const it = instrument.items.find((i) => i.key === key);
    return it ? (en ? it.labelEn : it.labelSv) : key;
  };
  const codebookItems = [...new Set([...f.items, ...(f.universeItem ? [f.universeItem] : [])])];

  const text = (
    k: 'key' | 'labelSv' | 'labelEn' | 'atLeast' | 'positive' | 'universeCodes',
    opts: { help?: string; inputMode?: 'numeric' } = {},
  ) => (
    <div className={`field${errors[k] ? ' field-invalid' : ''}`}>
      <label htmlFor={`ind-${k}`}>{t(`followupAdmin.indicatorForm.${k}`)}</label>
      {opts.help ? (
        <p id={`ind-${k}-help`} className="help">
          {opts.help}
        </p>
      ) : null}
      {errors[k] ? (
        <p id={`ind-${k}-error`} className="field-error">
          {errors[k]}
        </p>
      ) : null}
      <input
        id={`ind-${k}`}
        type="text"
        inputMode={opts.inputMode}
        value={f[k]}
        onChange={(e) => set(k, e.target.value)}
        aria-invalid={errors[k] ? true : undefined}
        aria-describedby={
          [opts.help ? `ind-${k}-help` : '', errors[k] ? `ind-${k}-error` : ''].filter(Boolean).join(' ') || undefined
        }
      />
    </div>
  );

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form-stack">
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {conflict ? (
        <p role="alert" className="notice notice-warning">
          {t('followupAdmin.indicatorForm.conflict')}
        </p>
      ) : null}
      {serverProblems ? (
        <div role="alert" className="notice notice-error" tabIndex={-1} ref={problemsRef}>
          <p className="notice-heading">{t('followupAdmin.indicatorForm.problems')}</p>
          <ul>
            {serverProblems.map((p) => (
              <li key={p}>{problemText(p)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
      {indicator ? null : text('key', { help: t('followupAdmin.indicatorForm.keyHelp') })}
      {text('labelSv')}
      {text('labelEn')}
      <div className="field">
        <label htmlFor="ind-wheel">{t('followupAdmin.indicatorForm.wheel')}</label>
        <select id="ind-wheel" value={f.wheel} onChange={(e) => set('wheel', e.target.value as FormState['wheel'])}>
          {WHEEL.map((w) => (
            <option key={w} value={w}>
              {t(`wheel.indicators.${w}.name`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="fieldset">
        <legend>{t('followupAdmin.indicatorForm.polarity')}</legend>
        <ul className="radio-list">
          {(['higher_is_better', 'lower_is_better'] as const).map((p) => (
            <li key={p} className="radio">
              <input
                id={`ind-polarity-${p}`}
                type="radio"
                name="polarity"
                checked={f.polarity === p}
                onChange={() => set('polarity', p)}
              />
              <label htmlFor={`ind-polarity-${p}`}>{t(`followupAdmin.indicatorForm.polarities.${p}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset
        className={`fieldset${errors.items ? ' field-invalid' : ''}`}
        aria-describedby={errors.items ? 'ind-items-error' : undefined}
      >
        <legend>{t('followupAdmin.indicatorForm.items')}</legend>
        {errors.items ? (
          <p id="ind-items-error" className="field-error">
            {errors.items}
          </p>
        ) : null}
        <ul className="checkbox-grid plain-list">
          {instrument.items.map((it) => (
            <li key={it.key} className="checkbox">
              <input
                id={`ind-item-${it.key}`}
                type="checkbox"
                checked={f.items.includes(it.key)}
                onChange={(e) =>
                  set('items', e.target.checked ? [...f.items, it.key] : f.items.filter((x) => x !== it.key))
                }
              />
              <label htmlFor={`ind-item-${it.key}`}>
                {en ? it.labelEn : it.labelSv} <span className="small muted">({it.key})</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {text('atLeast', { help: t('followupAdmin.indicatorForm.atLeastHelp'), inputMode: 'numeric' })}
      {text('positive', { help: t('followupAdmin.indicatorForm.positiveHelp') })}
      {codebookItems.length > 0 ? (
        <details className="fa-codebook">
          <summary>{t('followupAdmin.indicatorForm.codebook')}</summary>
          {codebookItems.map((k) => {
            const it = instrument.items.find((i) => i.key === k);
            const v = it?.versions[it.versions.length - 1];
            if (!v) return null;
            return (
              <table key={k} className="data-table">
                <caption>
                  {t('followupAdmin.indicatorForm.codebookCaption', { item: itemLabel(k), version: v.version })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('followupAdmin.indicatorForm.code')}</th>
                    <th scope="col">{t('followupAdmin.indicatorForm.answer')}</th>
                  </tr>
                </thead>
                <tbody>
                  {v.options.map((o) => (
                    <tr key={o.code}>
                      <th scope="row">{o.code}</th>
                      <td>
                        {en ? o.labelEn : o.labelSv}
                        {o.kind === 'dont_know' ? ` (${t('followupAdmin.indicatorForm.dontKnowOption')})` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          })}
        </details>
      ) : null}
      <fieldset className="fieldset">
        <legend>{t('followupAdmin.indicatorForm.dontKnow')}</legend>
        <ul className="radio-list">
          {(['exclude', 'negative'] as const).map((d) => (
            <li key={d} className="radio">
              <input
                id={`ind-dontknow-${d}`}
                type="radio"
                name="dontKnow"
                checked={f.dontKnow === d}
                onChange={() => set('dontKnow', d)}
              />
              <label htmlFor={`ind-dontknow-${d}`}>{t(`followupAdmin.indicatorForm.dontKnowOptions.${d}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="field">
        <label htmlFor="ind-universeItem">{t('followupAdmin.indicatorForm.universeItem')}</label>
        <select id="ind-universeItem" value={f.universeItem} onChange={(e) => set('universeItem', e.target.value)}>
          <option value="">{t('followupAdmin.indicatorForm.universeNone')}</option>
          {instrument.items.map((it) => (
            <option key={it.key} value={it.key}>
              {en ? it.labelEn : it.labelSv}
            </option>
          ))}
        </select>
      </div>
      {f.universeItem ? text('universeCodes', { help: t('followupAdmin.indicatorForm.universeHelp') }) : null}
      <fieldset className="fieldset">
        <legend>{t('followupAdmin.indicatorForm.grades')}</legend>
        <p className="help">{t('followupAdmin.indicatorForm.gradesHelp')}</p>
        <ul className="radio-list radio-inline">
          {GRADES.map((g) => (
            <li key={g} className="checkbox">
              <input
                id={`ind-grade-${g}`}
                type="checkbox"
                checked={f.grades.includes(g)}
                onChange={(e) => set('grades', e.target.checked ? [...f.grades, g] : f.grades.filter((x) => x !== g))}
              />
              <label htmlFor={`ind-grade-${g}`}>{gradeLabel(g)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('followupAdmin.indicatorForm.kolada')}</legend>
        {GRADES.map((g) => (
          <div key={g} className={`field${errors[`kolada-${g}`] ? ' field-invalid' : ''}`}>
            <label htmlFor={`ind-kolada-${g}`}>{gradeLabel(g)}</label>
            {errors[`kolada-${g}`] ? (
              <p id={`ind-kolada-${g}-error`} className="field-error">
                {errors[`kolada-${g}`]}
              </p>
            ) : null}
            <input
              id={`ind-kolada-${g}`}
              type="text"
              value={f.kolada[g] ?? ''}
              onChange={(e) => set('kolada', { ...f.kolada, [g]: e.target.value.toUpperCase() })}
              aria-invalid={errors[`kolada-${g}`] ? true : undefined}
              aria-describedby={errors[`kolada-${g}`] ? `ind-kolada-${g}-error` : undefined}
            />
          </div>
        ))}
      </fieldset>
      <div className="checkbox">
        <input
          id="ind-goal"
          type="checkbox"
          checked={f.goal}
          onChange={(e) => set('goal', e.target.checked)}
          aria-describedby="ind-goal-help"
        />
        <label htmlFor="ind-goal">{t('followupAdmin.indicatorForm.goal')}</label>
        <p id="ind-goal-help" className="help">
          {t('followupAdmin.indicatorForm.goalHelp')}
        </p>
      </div>
      <div className="checkbox">
        <input
          id="ind-enabled"
          type="checkbox"
          checked={f.enabled}
          onChange={(e) => set('enabled', e.target.checked)}
        />
        <label htmlFor="ind-enabled">{t('followupAdmin.indicatorForm.enabled')}</label>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {indicator ? t('followupAdmin.indicatorForm.save') : t('followupAdmin.indicatorForm.create')}
        </button>
        <Link to={paths.followupAdminIndicators} className="button button-secondary">
          {t('followupAdmin.indicatorForm.cancel')}
        </Link>
      </div>
    </form>
  );
}
