/** The fields of the indicator form, each bound to the form's values and errors. */
import { useTranslation } from 'react-i18next';
import type { Errors } from '../components/form/index.js';
import type { InstrumentDetail } from './api.js';
import { GRADES, useGradeLabel } from './common.js';
import { WHEEL, type FormState, type SetField } from './indicator-form-state.js';

export interface FieldProps {
  f: FormState;
  set: SetField;
  errors: Errors;
}

type TextKey = 'key' | 'labelSv' | 'labelEn' | 'atLeast' | 'positive' | 'universeCodes';

/** A text input with its label, optional help and error, described by both. */
export function TextField({
  k,
  help,
  inputMode,
  f,
  set,
  errors,
}: FieldProps & { k: TextKey; help?: string; inputMode?: 'numeric' }) {
  const { t } = useTranslation();
  return (
    <div className={`field${errors[k] ? ' field-invalid' : ''}`}>
      <label htmlFor={`ind-${k}`}>{t(`followupAdmin.indicatorForm.${k}`)}</label>
      {help ? (
        <p id={`ind-${k}-help`} className="help">
          {help}
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
        inputMode={inputMode}
        value={f[k]}
        onChange={(e) => set(k, e.target.value)}
        aria-invalid={errors[k] ? true : undefined}
        aria-describedby={
          [help ? `ind-${k}-help` : '', errors[k] ? `ind-${k}-error` : ''].filter(Boolean).join(' ') || undefined
        }
      />
    </div>
  );
}

/** The wheel's indicator and whether a higher share is better. */
export function WheelAndPolarity({ f, set }: Omit<FieldProps, 'errors'>) {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}

export function ItemsFieldset({ f, set, errors, instrument }: FieldProps & { instrument: InstrumentDetail }) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  return (
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
  );
}

/** The answer codes of the chosen items (and the universe item), latest version of each. */
export function Codebook({ f, instrument }: { f: FormState; instrument: InstrumentDetail }) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const codebookItems = [...new Set([...f.items, ...(f.universeItem ? [f.universeItem] : [])])];
  if (codebookItems.length === 0) return null;
  const itemLabel = (key: string) => {
    const it = instrument.items.find((i) => i.key === key);
    return it ? (en ? it.labelEn : it.labelSv) : key;
  };
  return (
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
  );
}

/** How "don't know" counts, and the item (with its codes) that limits who is asked. */
export function DontKnowAndUniverse({ f, set, errors, instrument }: FieldProps & { instrument: InstrumentDetail }) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  return (
    <>
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
      {f.universeItem ? (
        <TextField
          k="universeCodes"
          help={t('followupAdmin.indicatorForm.universeHelp')}
          f={f}
          set={set}
          errors={errors}
        />
      ) : null}
    </>
  );
}

/** The grades the indicator is shown for, and a Kolada KPI per grade. */
export function GradesAndKolada({ f, set, errors }: FieldProps) {
  const { t } = useTranslation();
  const gradeLabel = useGradeLabel();
  return (
    <>
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
    </>
  );
}

/** Whether the indicator is a goal, and whether it is in use. */
export function GoalAndEnabled({ f, set }: Omit<FieldProps, 'errors'>) {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}
