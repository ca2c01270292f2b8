import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { InvalidIdentityNumberError, parseIdentityNumber } from '../../core/personnummer.js';
import { api, type ApiError, type ChildSummary, asApiError } from '../api.js';
import { Link, paths } from '../router.js';
import { ErrorMessage } from './Status.js';

type Reason = 'format' | 'date' | 'checksum';
type Outcome = { kind: 'match'; child: ChildSummary } | { kind: 'none' } | null;

/**
 * Find a child on my team by personnummer. The number is checked here first (no needless request
 * with a mistyped number), travels only in a POST body, and the answer never says whether a child
 * outside my team exists.
 */
export function ChildSearch() {
  const { t } = useTranslation();
  const id = useId();
  const inputId = `${id}-pnr`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState<Reason | 'required' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    setFailure(null);
    const input = value.trim();
    if (!input) return reject('required');
    try {
      parseIdentityNumber(input, new Date());
    } catch (err) {
      if (err instanceof InvalidIdentityNumberError) return reject(err.reason);
      throw err;
    }
    setInvalid(null);
    setBusy(true);
    try {
      const { match } = await api.searchChild(input);
      setOutcome(match ? { kind: 'match', child: match } : { kind: 'none' });
    } catch (err) {
      const apiErr = asApiError(err);
      const reason = apiErr.body?.details?.reason;
      if (apiErr.status === 400 && (reason === 'format' || reason === 'date' || reason === 'checksum')) reject(reason);
      else if (apiErr.status === 400) reject('format');
      else setFailure(apiErr);
    } finally {
      setBusy(false);
    }
  }

  function reject(reason: Reason | 'required') {
    setInvalid(reason);
    inputRef.current?.focus();
  }

  const errorText =
    invalid === null ? null : invalid === 'required' ? t('search.required') : t(`search.invalid.${invalid}`);

  return (
    <section className="panel search" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('search.title')}</h2>
      <form noValidate onSubmit={(e) => void submit(e)} className="search-form">
        <div className={`field${errorText ? ' field-invalid' : ''}`}>
          <label htmlFor={inputId}>{t('search.label')}</label>
          <p id={helpId} className="help">
            {t('search.help')}
          </p>
          {errorText ? (
            <p id={errorId} className="field-error" role="alert">
              {errorText}
            </p>
          ) : null}
          <div className="search-row">
            <input
              ref={inputRef}
              id={inputId}
              name="personnummer"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              maxLength={20}
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                setOutcome(null);
              }}
              aria-describedby={errorText ? `${helpId} ${errorId}` : helpId}
              aria-invalid={errorText ? true : undefined}
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('search.searching') : t('search.submit')}
            </button>
          </div>
        </div>
      </form>
      {failure ? <ErrorMessage error={failure} /> : null}
      <div role="status" className="search-result">
        {outcome?.kind === 'match' ? (
          <p>
            {t('search.match')}{' '}
            <Link to={paths.child(outcome.child.id)}>
              {outcome.child.givenName} {outcome.child.familyName}
            </Link>{' '}
            ({t('age', { count: outcome.child.ageYears })})
          </p>
        ) : null}
        {outcome?.kind === 'none' ? <p>{t('search.noMatch')}</p> : null}
      </div>
    </section>
  );
}
