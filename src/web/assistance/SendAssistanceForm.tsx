import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../api.js';
import {
  FormProblems,
  RadioField,
  SelectField,
  TextAreaField,
  useFormState,
  asApiError,
} from '../components/form/index.js';
import { assistanceApi, type AssistanceOptions } from './api.js';

const PREFIX = 'assistance';
const fieldId = (f: string) => `${PREFIX}-${f}`;

/** "Ta in annan verksamhet": the unit, the basis (a consent naming the unit, or a legal basis for the pair) and the message. */
export function SendAssistanceForm({
  childId,
  options,
  onSent,
  onCancel,
}: {
  childId: string;
  options: AssistanceOptions;
  onSent: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState('');
  const [basis, setBasis] = useState('');
  const [message, setMessage] = useState('');
  const form = useFormState();
  const unit = options.units.find((u) => u.id === unitId) ?? null;
  const bases = unit
    ? [
        ...options.consents
          .filter((c) => c.recipientUnitIds.includes(unit.id))
          .map((c) => ({ value: `consent:${c.id}`, label: t('assistance.send.consent', { purpose: c.purpose }) })),
        ...options.legalBases
          .filter((b) => b.toDomains.includes(unit.secrecyDomain))
          .map((b) => ({ value: `legal_basis:${b.id}`, label: `${b.title} (${b.statuteReference})` })),
      ]
    : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!unit) problems.toUnitId = t('assistance.send.errors.unit');
    else if (!basis)
      problems.basis = bases.length === 0 ? t('assistance.send.errors.noBasis') : t('assistance.send.errors.basis');
    if (!message.trim()) problems.message = t('assistance.send.errors.message');
    if (!form.begin(problems)) return;
    const [kind, id] = basis.split(':') as ['consent' | 'legal_basis', string];
    try {
      await assistanceApi.send(childId, {
        toUnitId: unitId,
        basis: kind === 'consent' ? { kind, consentId: id } : { kind, legalBasisId: id },
        message,
      });
      onSent();
    } catch (err) {
      const fields = fieldErrors(err);
      const reason = asApiError(err).body?.details?.reason;
      if (reason === 'consent_not_covering' || reason === 'legal_basis_not_applicable')
        form.showErrors({ basis: t(`assistance.send.errors.${reason}`) });
      else if (reason === 'already_pending') form.showErrors({ toUnitId: t('assistance.send.errors.already_pending') });
      else if (Object.keys(fields).length > 0)
        form.showErrors(Object.fromEntries(Object.keys(fields).map((f) => [f, t('assistance.send.errors.field')])));
      else form.fail(err);
      form.setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form-stack panel-inner">
      <h4>{t('assistance.send.heading')}</h4>
      <p className="form-intro">{t('assistance.send.intro')}</p>
      <FormProblems form={form} fieldId={fieldId} />
      <SelectField
        id={fieldId('toUnitId')}
        label={t('assistance.send.unit')}
        placeholder={t('assistance.send.choose')}
        value={unitId}
        onChange={(v) => {
          setUnitId(v);
          setBasis('');
        }}
        error={form.errors.toUnitId}
        options={options.units.map((u) => ({ value: u.id, label: `${u.name} (${u.organisationName})` }))}
      />
      {unit ? (
        bases.length > 0 ? (
          <RadioField
            id={fieldId('basis')}
            legend={t('assistance.send.basis')}
            help={t('assistance.send.basisHelp')}
            value={basis}
            onChange={setBasis}
            error={form.errors.basis}
            options={bases}
          />
        ) : (
          <p id={fieldId('basis')} className="field-error" tabIndex={-1}>
            {t('assistance.send.errors.noBasis')}
          </p>
        )
      ) : null}
      <TextAreaField
        id={fieldId('message')}
        label={t('assistance.send.message')}
        help={t('assistance.send.messageHelp')}
        value={message}
        onChange={setMessage}
        error={form.errors.message}
        rows={4}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? t('assistance.send.sending') : t('assistance.send.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('concern.form.cancel')}
        </button>
      </div>
    </form>
  );
}
