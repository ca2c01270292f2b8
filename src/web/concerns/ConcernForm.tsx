/**
 * The fields of a concern (new and edit): what was seen or heard, since when, earlier concerns, the
 * wheel indicators (a fieldset of checkboxes), the five questions and the decision date. Values are
 * plain strings as the inputs hold them; `toNewConcern` / `changesBetween` turn them into requests.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../core/wheel.js';
import { QUESTION_KEYS, type Concern, type ConcernChanges, type NewConcern, type QuestionKey } from './api.js';
import {
  CheckboxField,
  CheckboxGroup,
  DateField,
  type Errors,
  Fieldset,
  TextAreaField,
} from '../components/form/index.js';

export interface ConcernFormValues {
  observation: string;
  observedSince: string;
  earlierConcerns: string;
  indicators: WheelIndicator[];
  questions: Record<QuestionKey, string>;
  decisionDue: string;
  /** Kept from the guardians (never in anything produced for the family). */
  secretFromGuardians: boolean;
}

export type ConcernField =
  | 'observation'
  | 'observedSince'
  | 'earlierConcerns'
  | 'indicators'
  | 'questions'
  | 'decisionDue'
  | 'secretFromGuardians';

export function emptyValues(): ConcernFormValues {
  return {
    observation: '',
    observedSince: '',
    earlierConcerns: '',
    indicators: [],
    questions: {
      gettingInTheWay: '',
      informationNeeded: '',
      whatICanDo: '',
      whatMyAgencyCanDo: '',
      additionalHelp: '',
    },
    decisionDue: '',
    secretFromGuardians: false,
  };
}

export function valuesOf(c: Concern): ConcernFormValues {
  return {
    observation: c.observation,
    observedSince: c.observedSince ?? '',
    earlierConcerns: c.earlierConcerns ?? '',
    indicators: [...c.indicators],
    questions: {
      gettingInTheWay: c.questions.gettingInTheWay ?? '',
      informationNeeded: c.questions.informationNeeded ?? '',
      whatICanDo: c.questions.whatICanDo ?? '',
      whatMyAgencyCanDo: c.questions.whatMyAgencyCanDo ?? '',
      additionalHelp: c.questions.additionalHelp ?? '',
    },
    decisionDue: c.decisionDue,
    secretFromGuardians: c.secretFromGuardians,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The same rules as the server, checked before sending (the server checks again). */
export function validateConcern(
  t: TFunction,
  v: ConcernFormValues,
  today: string,
  opts: { mode: 'new' | 'edit'; originalDue?: string },
): Errors {
  const e: Errors = {};
  if (!v.observation.trim()) e.observation = t('concern.form.required');
  if (v.observedSince && !ISO_DATE.test(v.observedSince)) e.observedSince = t('concern.form.invalidDate');
  else if (v.observedSince && v.observedSince > today) e.observedSince = t('concern.form.observedSinceFuture');
  if (!v.decisionDue) {
    if (opts.mode === 'edit') e.decisionDue = t('concern.form.decisionDueRequired');
  } else if (!ISO_DATE.test(v.decisionDue)) e.decisionDue = t('concern.form.invalidDate');
  // An overdue concern keeps its past deadline until someone moves it.
  else if (v.decisionDue < today && v.decisionDue !== opts.originalDue)
    e.decisionDue = t('concern.form.decisionDuePast');
  return e;
}

/** Server 400 answers name the field; the message shown is ours, in the user's language. */
export function serverFieldMessage(t: TFunction, field: string): string {
  switch (field) {
    case 'observation':
      return t('concern.form.required');
    case 'observedSince':
      return t('concern.form.observedSinceFuture');
    case 'decisionDue':
      return t('concern.form.decisionDuePast');
    case 'indicators':
      return t('concern.form.indicatorsInvalid');
    default:
      return t('concern.form.fieldInvalid');
  }
}

const orNull = (s: string) => (s.trim() === '' ? null : s);

export function toNewConcern(v: ConcernFormValues): NewConcern {
  const questions = Object.fromEntries(
    QUESTION_KEYS.filter((k) => v.questions[k].trim() !== '').map((k) => [k, v.questions[k]]),
  );
  return {
    observation: v.observation,
    ...(v.observedSince ? { observedSince: v.observedSince } : {}),
    ...(v.earlierConcerns.trim() ? { earlierConcerns: v.earlierConcerns } : {}),
    indicators: v.indicators,
    ...(Object.keys(questions).length > 0 ? { questions } : {}),
    ...(v.decisionDue ? { decisionDue: v.decisionDue } : {}),
    ...(v.secretFromGuardians ? { secretFromGuardians: true } : {}),
  };
}

const sameIndicators = (a: WheelIndicator[], b: WheelIndicator[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The fields that differ between two versions of the form. */
export function changedFields(a: ConcernFormValues, b: ConcernFormValues): ConcernField[] {
  const out: ConcernField[] = [];
  if (a.observation.trim() !== b.observation.trim()) out.push('observation');
  if (a.observedSince !== b.observedSince) out.push('observedSince');
  if (a.earlierConcerns.trim() !== b.earlierConcerns.trim()) out.push('earlierConcerns');
  if (!sameIndicators(a.indicators, b.indicators)) out.push('indicators');
  if (QUESTION_KEYS.some((k) => a.questions[k].trim() !== b.questions[k].trim())) out.push('questions');
  if (a.decisionDue !== b.decisionDue) out.push('decisionDue');
  if (a.secretFromGuardians !== b.secretFromGuardians) out.push('secretFromGuardians');
  return out;
}

/**
 * Only what the user changed since `base` (the version they started from), so that re-applying an
 * edit on top of someone else's newer version keeps their changes to the other fields.
 */
export function changesBetween(base: ConcernFormValues, mine: ConcernFormValues): ConcernChanges {
  const c: ConcernChanges = {};
  if (base.observation.trim() !== mine.observation.trim()) c.observation = mine.observation;
  if (base.observedSince !== mine.observedSince) c.observedSince = mine.observedSince || null;
  if (base.earlierConcerns.trim() !== mine.earlierConcerns.trim()) c.earlierConcerns = orNull(mine.earlierConcerns);
  if (!sameIndicators(base.indicators, mine.indicators)) c.indicators = mine.indicators;
  const q = Object.fromEntries(
    QUESTION_KEYS.filter((k) => base.questions[k].trim() !== mine.questions[k].trim()).map((k) => [
      k,
      orNull(mine.questions[k]),
    ]),
  );
  if (Object.keys(q).length > 0) c.questions = q;
  if (base.decisionDue !== mine.decisionDue && mine.decisionDue) c.decisionDue = mine.decisionDue;
  if (base.secretFromGuardians !== mine.secretFromGuardians) c.secretFromGuardians = mine.secretFromGuardians;
  return c;
}

/** The id of the control an error about `field` should move focus to. */
export function concernFieldId(prefix: string, field: string): string {
  if (field === 'indicators') return `${prefix}-indicator-${WHEEL_INDICATORS[0]}`;
  if (field === 'questions') return `${prefix}-q-${QUESTION_KEYS[0]}`;
  return `${prefix}-${field}`;
}

export function ConcernFields({
  prefix,
  values,
  onChange,
  errors,
  mode,
}: {
  prefix: string;
  values: ConcernFormValues;
  onChange: (v: ConcernFormValues) => void;
  errors: Errors;
  mode: 'new' | 'edit';
}) {
  const { t } = useTranslation();
  const set = <K extends keyof ConcernFormValues>(k: K, v: ConcernFormValues[K]) => onChange({ ...values, [k]: v });
  const id = (f: string) => `${prefix}-${f}`;

  return (
    <>
      <TextAreaField
        id={id('observation')}
        name="observation"
        label={t('concern.form.observation')}
        help={t('concern.form.observationHelp')}
        error={errors.observation}
        value={values.observation}
        rows={5}
        required
        onChange={(v) => set('observation', v)}
      />
      <DateField
        id={id('observedSince')}
        name="observedSince"
        label={t('concern.form.observedSince')}
        help={t('concern.form.observedSinceHelp')}
        error={errors.observedSince}
        value={values.observedSince}
        onChange={(v) => set('observedSince', v)}
      />
      <TextAreaField
        id={id('earlierConcerns')}
        name="earlierConcerns"
        label={t('concern.form.earlierConcerns')}
        help={t('concern.form.earlierConcernsHelp')}
        value={values.earlierConcerns}
        onChange={(v) => set('earlierConcerns', v)}
      />
      <CheckboxGroup
        id={id('indicators')}
        name="indicators"
        legend={t('concern.form.indicators')}
        help={t('concern.form.indicatorsHelp')}
        error={errors.indicators}
        options={WHEEL_INDICATORS.map((i) => ({ value: i, label: t(`wheel.indicators.${i}.name`) }))}
        values={values.indicators}
        onChange={(v) => set('indicators', v)}
        optionId={(i) => `${prefix}-indicator-${i}`}
      />
      <Fieldset id={id('questions')} legend={t('concern.form.questions')} help={t('concern.form.questionsHelp')}>
        {QUESTION_KEYS.map((k) => (
          <TextAreaField
            key={k}
            id={`${prefix}-q-${k}`}
            name={k}
            label={t(`concern.question.${k}`)}
            value={values.questions[k]}
            onChange={(v) => set('questions', { ...values.questions, [k]: v })}
          />
        ))}
      </Fieldset>
      <DateField
        id={id('decisionDue')}
        name="decisionDue"
        label={t('concern.form.decisionDue')}
        help={mode === 'new' ? t('concern.form.decisionDueHelpNew') : t('concern.form.decisionDueHelp')}
        error={errors.decisionDue}
        value={values.decisionDue}
        required={mode === 'edit'}
        onChange={(v) => set('decisionDue', v)}
      />
      <CheckboxField
        boxed
        wide
        className="guardian-secret-field"
        id={id('secretFromGuardians')}
        name="secretFromGuardians"
        label={t('guardianSecret.label')}
        help={t('guardianSecret.help')}
        checked={values.secretFromGuardians}
        onChange={(v) => set('secretFromGuardians', v)}
      />
    </>
  );
}
