/**
 * One person: contact and login facts, source, disable (with a confirmation: it also logs them out)
 * or enable, their assignments at my units (end one) and a form to add one.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { PageHeading } from '../router.js';
import { type AdminPerson, adminApi } from './api.js';
import { AssignmentTable, NewAssignmentForm } from './Assignments.js';
import { AdminNav, SourceNote, useFocusWhenOpen } from './common.js';
import { PersonForm } from './PersonForm.js';

export function PersonPage({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const detail = useLoad(`admin:person:${personId}`, () => adminApi.person(personId));
  const options = useLoad('admin:options', () => adminApi.options());
  const units = useLoad('admin:units', () => adminApi.units());
  const [message, setMessage] = useState<string | null>(null);
  // The title stays generic: titles end up in browser history.
  useDocumentTitle(t('admin.person.title'));
  const changed = (m: string) => {
    setMessage(m);
    detail.reload();
  };
  const name = detail.status === 'ok' ? `${detail.data.person.givenName} ${detail.data.person.familyName}` : '';

  return (
    <>
      <PageHeading>{name || t('admin.person.title')}</PageHeading>
      <AdminNav current={null} />
      {message ? (
        <p role="status" className="notice notice-success">
          {message}
        </p>
      ) : null}
      <LoadStatus load={detail} />
      {detail.status === 'ok' ? (
        <>
          <PersonFacts person={detail.data.person} />
          <PersonForm key={detail.data.person.version} person={detail.data.person} onDone={changed} />
          <EnableControl person={detail.data.person} name={name} onDone={changed} />
          <section className="admin-section" aria-labelledby="person-assignments-heading">
            <h2 id="person-assignments-heading">{t('admin.assignments.heading')}</h2>
            <AssignmentTable
              assignments={detail.data.assignments}
              show="unit"
              caption={t('admin.assignments.captionPerson', { name })}
              onChanged={changed}
            />
          </section>
          {options.status === 'ok' && units.status === 'ok' ? (
            <NewAssignmentForm
              personId={personId}
              units={units.data.units.filter((u) => u.validTo === null)}
              options={options.data}
              onCreated={changed}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

function PersonFacts({ person }: { person: AdminPerson }) {
  const { t } = useTranslation();
  return (
    <dl className="admin-facts">
      <dt>{t('admin.people.status')}</dt>
      <dd>{person.enabled ? t('admin.people.enabled') : t('admin.people.disabled')}</dd>
      <dt>{t('admin.people.email')}</dt>
      <dd>{person.email ?? '–'}</dd>
      <dt>{t('admin.people.phone')}</dt>
      <dd>{person.phone ?? '–'}</dd>
      <dt>{t('admin.people.oidcSubject')}</dt>
      <dd>{person.oidcSubject ?? '–'}</dd>
      <dt>{t('admin.source.label')}</dt>
      <dd>
        <SourceNote source={person.source} />
      </dd>
    </dl>
  );
}

function EnableControl({ person, name, onDone }: { person: AdminPerson; name: string; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const warningRef = useFocusWhenOpen<HTMLParagraphElement>(confirming);

  async function apply(enabled: boolean) {
    setFailure(null);
    setBusy(true);
    try {
      await adminApi.setEnabled(person.id, person.version, enabled);
      setConfirming(false);
      onDone(enabled ? t('admin.person.enabledNow', { name }) : t('admin.person.disabledNow', { name }));
    } catch (err) {
      setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="admin-section" aria-labelledby="access-heading">
      <h2 id="access-heading">{t('admin.person.access')}</h2>
      {failure ? <ErrorMessage error={failure} /> : null}
      {person.enabled ? (
        confirming ? (
          <div className="admin-end">
            <p className="notice notice-warning" tabIndex={-1} ref={warningRef}>
              {t('admin.person.disableWarning', { name })}
              {person.source ? ` ${t('admin.source.mayRevertLong')}` : ''}
            </p>
            <div className="button-row">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void apply(false)}>
                {t('admin.person.confirmDisable')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                {t('admin.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
            {t('admin.person.disable')}
          </button>
        )
      ) : (
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void apply(true)}>
          {t('admin.person.enable')}
        </button>
      )}
    </section>
  );
}
