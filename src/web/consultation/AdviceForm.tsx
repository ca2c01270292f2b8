/** The team's advice on a consultation case, recorded (or corrected) by a team member. */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, theirVersion } from '../api.js';
import {
  consultationApi,
  PARTICIPANT_ROLES,
  personalDataRefusal,
  type ConsultationCase,
  type ParticipantRole,
} from './api.js';
import { personalDataMessage } from './NewConsultationPage.js';
import { swedishToday } from '../components/time.js';
import {
  CheckboxField,
  CheckboxGroup,
  DateField,
  type Errors,
  FormProblems,
  SubmitRow,
  TextAreaField,
  useFormState,
} from '../components/form/index.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const A = 'advice';

export function AdviceForm({
  c,
  onSaved,
  onTheirs,
}: {
  c: ConsultationCase;
  onSaved: (x: ConsultationCase) => void;
  onTheirs: (x: ConsultationCase) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(c.advice?.text ?? '');
  const [consultedOn, setConsultedOn] = useState(c.advice?.consultedOn ?? swedishToday());
  const [roles, setRoles] = useState<ParticipantRole[]>(c.advice?.participantRoles ?? []);
  const [mandatory, setMandatory] = useState(c.advice?.mandatoryReportAdvised ?? false);
  const form = useFormState();
  const { errors, showErrors } = form;
  const openButton = useRef<HTMLButtonElement>(null);
  const fieldId = (f: string) => (f === 'participantRoles' ? `${A}-role-${PARTICIPANT_ROLES[0]}` : `${A}-${f}`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setFailure(null);
    const problems: Errors = {};
    if (!text.trim()) problems.advice = t('consultation.advice.adviceRequired');
    if (!ISO_DATE.test(consultedOn)) problems.consultedOn = t('consultation.advice.dateRequired');
    else if (consultedOn > swedishToday()) problems.consultedOn = t('consultation.advice.dateFuture');
    if (roles.length === 0) problems.participantRoles = t('consultation.advice.rolesRequired');
    if (Object.keys(problems).length > 0) return showErrors(problems);
    form.setErrors({});
    form.setBusy(true);
    try {
      onSaved(
        await consultationApi.advise(c.id, c.version, {
          advice: text,
          consultedOn,
          participantRoles: roles,
          mandatoryReportAdvised: mandatory,
        }),
      );
    } catch (caught) {
      form.setBusy(false);
      const theirs = theirVersion<ConsultationCase>(caught);
      if (theirs) return onTheirs(theirs);
      const refusal = personalDataRefusal(caught);
      if (refusal) return showErrors({ advice: personalDataMessage(t, refusal.found) });
      const fields = fieldErrors(caught);
      if (Object.keys(fields).length > 0)
        return showErrors(Object.fromEntries(Object.keys(fields).map((f) => [f, t('consultation.form.fieldInvalid')])));
      form.fail(caught);
    }
  }

  if (!open) {
    return (
      <p>
        <button
          ref={openButton}
          type="button"
          className="button button-secondary"
          onClick={() => {
            setOpen(true);
            window.setTimeout(() => document.getElementById(`${A}-advice`)?.focus(), 0);
          }}
        >
          {c.advice ? t('consultation.advice.edit') : t('consultation.advice.record')}
        </button>
      </p>
    );
  }
  return (
    <>
      <h3 className="subheading">{c.advice ? t('consultation.advice.edit') : t('consultation.advice.record')}</h3>
      <FormProblems form={form} fieldId={fieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form consultation-form">
        <TextAreaField
          id={`${A}-advice`}
          label={t('consultation.advice.advice')}
          help={t('consultation.advice.adviceHelp')}
          error={errors.advice}
          value={text}
          rows={6}
          onChange={setText}
        />
        <DateField
          id={`${A}-consultedOn`}
          label={t('consultation.advice.consultedOn')}
          error={errors.consultedOn}
          value={consultedOn}
          onChange={setConsultedOn}
        />
        <CheckboxGroup
          id={`${A}-roles`}
          legend={t('consultation.advice.participants')}
          help={t('consultation.advice.participantsHelp')}
          error={errors.participantRoles}
          options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(`consultation.participant.${r}`) }))}
          values={roles}
          onChange={setRoles}
          optionId={(r) => `${A}-role-${r}`}
        />
        <CheckboxField
          id={`${A}-mandatory`}
          label={t('consultation.advice.mandatoryLabel')}
          help={t('consultation.advice.mandatoryHelp')}
          helpClassName="help"
          checked={mandatory}
          onChange={setMandatory}
        />
        <SubmitRow
          label={t('consultation.advice.save')}
          busyLabel={t('consultation.form.saving')}
          busy={form.busy}
          cancel={{
            label: t('consultation.form.cancel'),
            onClick: () => {
              setOpen(false);
              window.setTimeout(() => openButton.current?.focus(), 0);
            },
          }}
        />
      </form>
    </>
  );
}
