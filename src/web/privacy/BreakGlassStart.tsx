/**
 * Starting emergency access in two steps: the child and the reason, then a confirmation of what will
 * happen. A session too old for it is sent through login again.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loginUrl } from '../api.js';
import {
  asApiError,
  describedBy,
  type Errors,
  ErrorSummary,
  FieldError,
  type FormState,
  SelectField,
  TextAreaField,
  TextField,
  useFormState,
} from '../components/form/index.js';
import { ErrorMessage } from '../components/Status.js';
import { type BreakGlassList, privacyApi } from './api.js';
import { privacyPaths } from './paths.js';

const P = 'break-glass';

interface Request {
  personnummer: string;
  reason: string;
  minutes: string;
}

export function StartForm({ list, onStarted }: { list: BreakGlassList; onStarted: () => void }) {
  const { t } = useTranslation();
  const [request, setRequest] = useState<Request>({
    personnummer: '',
    reason: '',
    minutes: String(list.defaultMinutes),
  });
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const form = useFormState();
  const [reauth, setReauth] = useState(false);

  function next(e: FormEvent) {
    e.preventDefault();
    form.setFailure(null);
    const problems: Errors = {};
    if (!/^\s*(\d{2})?\d{6}[-+]?\d{4}\s*$/.test(request.personnummer))
      problems.personnummer = t('breakGlass.personnummerInvalid');
    if (request.reason.trim().length < 10) problems.reason = t('breakGlass.reasonRequired');
    if (Object.keys(problems).length > 0) return form.showErrors(problems);
    form.setErrors({});
    setConfirming(true);
  }

  if (reauth) return <ReauthNotice minutes={list.reauthMinutes} />;
  if (confirming) {
    return (
      <ConfirmStep
        request={request}
        understood={understood}
        setUnderstood={setUnderstood}
        form={form}
        onStarted={onStarted}
        onReauth={() => setReauth(true)}
        onBack={() => setConfirming(false)}
      />
    );
  }
  return <StartStep list={list} request={request} setRequest={setRequest} form={form} onNext={next} />;
}

function ReauthNotice({ minutes }: { minutes: number }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning" role="alert">
      <p className="notice-heading">{t('breakGlass.reauthHeading')}</p>
      <p>{t('breakGlass.reauthText', { minutes })}</p>
      <p>
        <a className="button button-primary" href={`${loginUrl({ returnTo: privacyPaths.breakGlass })}&reauth=1`}>
          {t('breakGlass.reauthLogin')}
        </a>
      </p>
    </div>
  );
}

/** The first step: the child's personnummer, the reason and for how long. */
function StartStep({
  list,
  request,
  setRequest,
  form,
  onNext,
}: {
  list: BreakGlassList;
  request: Request;
  setRequest: (update: (r: Request) => Request) => void;
  form: FormState;
  onNext: (e: FormEvent) => void;
}) {
  const { t } = useTranslation();
  const { errors } = form;
  const set = (k: keyof Request) => (value: string) => setRequest((r) => ({ ...r, [k]: value }));
  return (
    <form noValidate onSubmit={onNext} className="form-stack panel" aria-labelledby={`${P}-start-heading`}>
      <h2 id={`${P}-start-heading`}>{t('breakGlass.startHeading')}</h2>
      <ErrorSummary ref={form.summary} errors={Object.entries(errors)} fieldId={(f) => `${P}-${f}`} />
      {form.failure ? <ErrorMessage error={form.failure} /> : null}
      <TextField
        id={`${P}-personnummer`}
        wide={false}
        inputClassName={null}
        label={t('breakGlass.personnummer')}
        error={errors.personnummer}
        value={request.personnummer}
        onChange={set('personnummer')}
        control={{ inputMode: 'numeric', autoComplete: 'off' }}
      />
      <TextAreaField
        id={`${P}-reason`}
        rows={4}
        label={t('breakGlass.reason')}
        help={t('breakGlass.reasonHelp')}
        error={errors.reason}
        value={request.reason}
        onChange={set('reason')}
      />
      <SelectField
        id={`${P}-minutes`}
        wide={false}
        selectClassName={null}
        label={t('breakGlass.minutes')}
        value={request.minutes}
        onChange={set('minutes')}
        options={[...new Set([15, 30, list.defaultMinutes, 120])]
          .sort((a, b) => a - b)
          .map((m) => ({ value: String(m), label: t('breakGlass.minutesOption', { count: m }) }))}
      />
      <p className="button-row">
        <button type="submit" className="button button-primary">
          {t('breakGlass.continue')}
        </button>
      </p>
    </form>
  );
}

/** The second step: what will happen, ticked as understood, then access opens. */
function ConfirmStep({
  request,
  understood,
  setUnderstood,
  form,
  onStarted,
  onReauth,
  onBack,
}: {
  request: Request;
  understood: boolean;
  setUnderstood: (v: boolean) => void;
  form: FormState;
  onStarted: () => void;
  onReauth: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { errors } = form;
  const err = (f: string) => `${P}-${f}-error`;

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!understood) return form.showErrors({ understood: t('breakGlass.understoodRequired') });
    form.setBusy(true);
    form.setFailure(null);
    try {
      const { personnummer, reason, minutes } = request;
      await privacyApi.startBreakGlass({ personnummer, reason, minutes: Number(minutes) });
      onStarted();
    } catch (caught) {
      form.setBusy(false);
      const error = asApiError(caught);
      if (error.body?.details?.reason === 'reauth_required') onReauth();
      else form.setFailure(error);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => void confirm(e)}
      className="form-stack panel"
      aria-labelledby={`${P}-confirm-heading`}
    >
      <h2 id={`${P}-confirm-heading`}>{t('breakGlass.confirmHeading')}</h2>
      <ErrorSummary ref={form.summary} errors={Object.entries(errors)} fieldId={() => `${P}-understood`} />
      {form.failure ? <ErrorMessage error={form.failure} /> : null}
      <ul>
        <li>{t('breakGlass.confirmTime', { count: Number(request.minutes) })}</li>
        <li>{t('breakGlass.confirmAlert')}</li>
        <li>{t('breakGlass.confirmReview')}</li>
      </ul>
      <div className={`checkbox${errors.understood ? ' field-invalid' : ''}`}>
        <FieldError id={err('understood')} message={errors.understood} />
        <input
          id={`${P}-understood`}
          type="checkbox"
          checked={understood}
          onChange={() => setUnderstood(!understood)}
          aria-describedby={describedBy(errors.understood && err('understood'))}
        />
        <label htmlFor={`${P}-understood`}>{t('breakGlass.understood')}</label>
      </div>
      <p className="button-row">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {t('breakGlass.open')}
        </button>
        <button type="button" className="button button-secondary" onClick={onBack}>
          {t('breakGlass.back')}
        </button>
      </p>
    </form>
  );
}
