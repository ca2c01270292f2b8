import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { InvalidIdentityNumberError, parseIdentityNumber } from '../../core/personnummer.js';
import { asApiError, type ApiError } from '../api.js';
import { ErrorMessage } from '../components/Status.js';
import { RadioField, TextField } from '../components/form/index.js';
import { useDocumentTitle } from '../hooks.js';
import { navigate, PageHeading } from '../router.js';
import { servingApi, servingMemory, type ServedChild } from './api.js';
import { servingPaths } from './paths.js';

type By = 'personnummer' | 'name';

/**
 * "Ny oro": find a child my unit serves — by personnummer, or by name among my unit's pupils —
 * to raise a concern about, without being on the child's team. The answer shows only enough to know
 * it is the right child.
 */
/** The search's state and sending: checked here first, then in a POST body. */
function useServedSearch() {
  const { t } = useTranslation();
  const [by, setBy] = useState<By>('personnummer');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [found, setFound] = useState<ServedChild[] | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLDivElement>(null);

  function reject(message: string) {
    setError(message);
    input.current?.querySelector('input')?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFound(null);
    setFailure(null);
    const text = value.trim();
    if (!text) return reject(t(`servingConcern.find.required.${by}`));
    if (by === 'personnummer') {
      try {
        parseIdentityNumber(text, new Date());
      } catch (err) {
        if (err instanceof InvalidIdentityNumberError) return reject(t(`search.invalid.${err.reason}`));
        throw err;
      }
    } else if (text.length < 2) return reject(t('servingConcern.find.required.name'));
    setError(undefined);
    setBusy(true);
    try {
      const { children } = await servingApi.search(by === 'personnummer' ? { personnummer: text } : { name: text });
      setFound(children);
    } catch (err) {
      const apiErr = asApiError(err);
      if (apiErr.status === 400) reject(t(`servingConcern.find.invalid.${by}`));
      else setFailure(apiErr);
    } finally {
      setBusy(false);
    }
  }

  function changeBy(v: By) {
    setBy(v);
    setError(undefined);
    setFound(null);
  }
  function changeValue(v: string) {
    setValue(v);
    setFound(null);
  }
  return { by, changeBy, value, changeValue, error, found, failure, busy, input, submit };
}

export function FindChildPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('servingConcern.find.title'));
  const { by, changeBy, value, changeValue, error, found, failure, busy, input, submit } = useServedSearch();

  function choose(c: ServedChild) {
    servingMemory.choose(c);
    navigate(servingPaths.raise(c.id));
  }

  return (
    <article aria-labelledby="page-heading">
      <PageHeading>{t('servingConcern.find.title')}</PageHeading>
      <p className="lead">{t('servingConcern.find.intro')}</p>
      <section className="panel search" aria-labelledby="serving-search-heading">
        <h2 id="serving-search-heading">{t('servingConcern.find.searchHeading')}</h2>
        <form noValidate onSubmit={(e) => void submit(e)} className="form-stack">
          <RadioField
            id="serving-by"
            legend={t('servingConcern.find.by')}
            value={by}
            onChange={(v) => changeBy(v as By)}
            options={[
              { value: 'personnummer', label: t('servingConcern.find.byPersonnummer') },
              { value: 'name', label: t('servingConcern.find.byName') },
            ]}
          />
          <div ref={input}>
            <TextField
              id="serving-query"
              name={by}
              label={by === 'personnummer' ? t('search.label') : t('servingConcern.find.nameLabel')}
              help={by === 'personnummer' ? t('search.help') : t('servingConcern.find.nameHelp')}
              error={error}
              value={value}
              onChange={changeValue}
              control={{ autoComplete: 'off', spellCheck: false, maxLength: by === 'personnummer' ? 20 : 100 }}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('search.searching') : t('search.submit')}
            </button>
          </div>
        </form>
        {failure ? <ErrorMessage error={failure} /> : null}
        <div role="status" className="search-result">
          {found !== null && found.length === 0 ? <p>{t('servingConcern.find.noMatch')}</p> : null}
          {found !== null && found.length > 0 ? (
            <p>{t('servingConcern.find.matches', { count: found.length })}</p>
          ) : null}
        </div>
        {found !== null && found.length > 0 ? <Matches found={found} onChoose={choose} /> : null}
      </section>
    </article>
  );
}

function Matches({ found, onChoose }: { found: ServedChild[]; onChoose: (c: ServedChild) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="served-children">
      {found.map((c) => (
        <li key={c.id} className="served-child">
          <span>
            <strong>
              {c.givenName} {c.familyName}
            </strong>
            , {t('servingConcern.find.born', { year: c.birthYear })}, {c.unitName}
            {c.className ? `, ${t('servingConcern.find.class', { name: c.className })}` : ''}
          </span>{' '}
          <button type="button" className="button button-secondary" onClick={() => onChoose(c)}>
            {t('servingConcern.find.choose')}
            <span className="visually-hidden">
              {' '}
              – {c.givenName} {c.familyName}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
