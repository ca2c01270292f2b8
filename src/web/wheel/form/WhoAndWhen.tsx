/** Whose view the assessment is (the child, a guardian, a professional) and the day it was made. */
import { useTranslation } from 'react-i18next';
import type { ChildOverview } from '../../api.js';
import { FieldError } from '../../components/form/index.js';
import type { FormValues } from '../form-model.js';
import { type ErrorAria, errId, ids, swedishToday } from './ids.js';

type SetValues = (update: (v: FormValues) => FormValues) => void;

const PERSPECTIVE_LABEL = {
  child: 'wheel.form.perspectiveChild',
  guardian: 'wheel.form.perspectiveGuardian',
  professional: 'wheel.form.perspectiveProfessional',
} as const;

export function PerspectiveFieldset({
  values,
  setValues,
  aria,
  who,
}: {
  values: FormValues;
  setValues: SetValues;
  aria: ErrorAria;
  /** Who "professional" means here, in words (the help under the choices). */
  who: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="choice-group" aria-describedby={aria.describedBy('perspective')}>
      <legend>{t('wheel.form.perspectiveLegend')}</legend>
      <FieldError id={errId('perspective')} message={aria.errors.perspective} />
      {(['child', 'guardian', 'professional'] as const).map((kind) => (
        <div className="radio" key={kind}>
          <input
            type="radio"
            id={`f-perspective-${kind}`}
            name="perspective"
            value={kind}
            checked={values.perspective === kind}
            onChange={() => setValues((v) => ({ ...v, perspective: kind }))}
            aria-invalid={aria.invalid('perspective')}
            aria-describedby={kind === 'professional' ? 'f-professional-who' : undefined}
          />
          <label htmlFor={`f-perspective-${kind}`}>{t(PERSPECTIVE_LABEL[kind])}</label>
        </div>
      ))}
      <p id="f-professional-who" className="help">
        {who}
      </p>
    </fieldset>
  );
}

export function GuardianFieldset({
  child,
  values,
  setValues,
  aria,
}: {
  child: ChildOverview;
  values: FormValues;
  setValues: SetValues;
  aria: ErrorAria;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="choice-group" aria-describedby={aria.describedBy('guardianId')}>
      <legend>{t('wheel.form.guardianLegend')}</legend>
      <FieldError id={errId('guardianId')} message={aria.errors.guardianId} />
      {child.guardians.length === 0 ? <p>{t('wheel.form.noGuardians')}</p> : null}
      {child.guardians.map((g, k) => (
        <div className="radio" key={g.id}>
          <input
            type="radio"
            id={`f-guardian-${k}`}
            name="guardian"
            value={g.id}
            checked={values.guardianId === g.id}
            onChange={() => setValues((v) => ({ ...v, guardianId: g.id }))}
            aria-invalid={aria.invalid('guardianId')}
          />
          <label htmlFor={`f-guardian-${k}`}>
            {g.givenName} {g.familyName} ({t(`relation.${g.relation}`).toLowerCase()})
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function AssessedOnField({
  birthDate,
  values,
  setValues,
  aria,
}: {
  birthDate: string;
  values: FormValues;
  setValues: SetValues;
  aria: ErrorAria;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field${aria.errors.assessedOn ? ' field-invalid' : ''}`}>
      <label htmlFor={ids.assessedOn}>{t('wheel.form.date')}</label>
      <p id="f-date-help" className="help">
        {t('wheel.form.dateHelp')}
      </p>
      <FieldError id={errId('assessedOn')} message={aria.errors.assessedOn} />
      <input
        id={ids.assessedOn}
        type="date"
        className="input-date"
        value={values.assessedOn}
        max={swedishToday()}
        min={birthDate}
        onChange={(e) => setValues((v) => ({ ...v, assessedOn: e.target.value }))}
        aria-invalid={aria.invalid('assessedOn')}
        aria-describedby={aria.describedBy('assessedOn', 'f-date-help')}
      />
    </div>
  );
}
