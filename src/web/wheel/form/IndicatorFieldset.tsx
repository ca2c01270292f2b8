/** One indicator of the wheel: what works, what is hard, and its rating (1–5 or "Inte bedömt"). */
import { useTranslation } from 'react-i18next';
import { WHEEL_RATINGS, type WheelIndicator } from '../../../core/wheel.js';
import { indicatorName } from '../../../ui/wheel/labels.js';
import { FieldError } from '../../components/form/index.js';
import type { IndicatorValues } from '../form-model.js';
import { type ErrorAria, errId, ids } from './ids.js';
import { TextArea } from './TextArea.js';

interface Props {
  indicator: WheelIndicator;
  value: IndicatorValues;
  aria: ErrorAria;
  onChange: (p: Partial<IndicatorValues>) => void;
}

export function IndicatorFieldset({ indicator: i, value, aria, onChange }: Props) {
  const { t } = useTranslation();
  const helpId = `f-${i}-help`;
  const { errors, describedBy } = aria;
  return (
    <fieldset className="indicator-fieldset" aria-describedby={helpId}>
      <legend>{indicatorName(t, i)}</legend>
      <p id={helpId} className="help">
        {t(`wheel.indicators.${i}.explanation`)}
      </p>
      <div className="two-col">
        <TextArea
          id={ids.works(i)}
          label={t('wheel.form.works')}
          value={value.whatWorks}
          onChange={(x) => onChange({ whatWorks: x })}
          invalid={!!errors[`works.${i}`]}
          describedBy={describedBy(`works.${i}`)}
          error={<FieldError id={errId(`works.${i}`)} message={errors[`works.${i}`]} />}
        />
        <TextArea
          id={ids.hard(i)}
          label={t('wheel.form.hard')}
          value={value.whatIsHard}
          onChange={(x) => onChange({ whatIsHard: x })}
          invalid={!!errors[`hard.${i}`]}
          describedBy={describedBy(`hard.${i}`)}
          error={<FieldError id={errId(`hard.${i}`)} message={errors[`hard.${i}`]} />}
        />
      </div>
      <RatingGroup indicator={i} value={value} aria={aria} onChange={onChange} />
    </fieldset>
  );
}

function RatingGroup({ indicator: i, value, aria, onChange }: Props) {
  const { t } = useTranslation();
  const ratingKey = `rating.${i}`;
  const choices: (number | null)[] = [...WHEEL_RATINGS, null];
  return (
    <fieldset className="rating-group">
      <legend>
        {t('wheel.form.ratingLegend')}
        <span className="visually-hidden">: {indicatorName(t, i)}</span>
      </legend>
      <FieldError id={errId(ratingKey)} message={aria.errors[ratingKey]} />
      <div className="rating-options">
        {choices.map((r) => {
          const id = r === null ? ids.rating(i) : `f-${i}-rating-${r}`;
          return (
            <div className={`rating-option${r === null ? ' rating-option-none' : ''}`} key={r ?? 'none'}>
              <input
                type="radio"
                id={id}
                name={`rating-${i}`}
                value={r === null ? 'none' : String(r)}
                checked={value.rating === r}
                onChange={() => onChange({ rating: r })}
                aria-invalid={aria.errors[ratingKey] ? true : undefined}
                aria-describedby={aria.describedBy(ratingKey)}
              />
              <label htmlFor={id}>
                {r === null ? t('wheel.rating.notAssessed') : t(`wheel.rating.${r as 1 | 2 | 3 | 4 | 5}`)}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
