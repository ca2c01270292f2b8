/**
 * "Registrera samtycke": what may be shared (which kinds of records, from which services), with whom,
 * for what, until when — and every custodial guardian's answer, plus the child's own say with the
 * professional's judgement of their maturity (no fixed age). A summary in plain words is shown
 * before saving, as the guardian would hear it read out.
 */
import { useTranslation } from 'react-i18next';
import { FormProblems, SubmitRow } from '../components/form/index.js';
import { LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { type PrivacyView, privacyApi } from './api.js';
import { ConsentSummary, MethodFieldset, PartiesFieldset, ScopeFields } from './ConsentFields.js';
import { PrivacyFormFrame } from './FormFrame.js';
import { privacyPaths } from './paths.js';
import './privacy.css';
import { consentFieldId, useConsentForm } from './useConsentForm.js';

export function NewConsentPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const view = useLoad(`privacy:${childId}`, () => privacyApi.view(childId));
  return (
    <PrivacyFormFrame childId={childId} title={t('consent.formTitle')}>
      <LoadStatus load={view} />
      {view.status === 'ok' ? <ConsentForm view={view.data} /> : null}
    </PrivacyFormFrame>
  );
}

function ConsentForm({ view }: { view: PrivacyView }) {
  const { t } = useTranslation();
  const { values, set, form, custodial, submit } = useConsentForm(view);
  const part = { values, set, errors: form.errors };
  return (
    <>
      <div className="notice notice-info">
        <p className="notice-heading">{t('consent.explainHeading')}</p>
        <ul>
          <li>{t('consent.explainVoluntary')}</li>
          <li>{t('consent.explainBoth')}</li>
          <li>{t('consent.explainChild')}</li>
          <li>{t('consent.explainWithdraw')}</li>
        </ul>
      </div>
      <FormProblems form={form} fieldId={consentFieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack consent-form">
        <ScopeFields view={view} {...part} />
        <PartiesFieldset custodial={custodial} {...part} />
        <MethodFieldset {...part} />
        <ConsentSummary view={view} values={values} />
        <SubmitRow
          paragraph
          label={t('consent.save')}
          busy={form.busy}
          cancel={{ label: t('privacy.cancel'), to: privacyPaths.child(view.childId) }}
        />
      </form>
    </>
  );
}
