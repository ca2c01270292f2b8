import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError, type SessionInfo } from '../api.js';
import { ErrorMessage } from '../components/Status.js';
import { useDocumentTitle } from '../hooks.js';
import { roleTitle } from '../../ui/labels.js';
import { assignmentPlace } from '../labels.js';
import { Link, navigate, PageHeading, paths } from '../router.js';
import { useSession } from '../session.js';
import { asApiError } from '../components/form/index.js';

export function ChooseAssignmentPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useDocumentTitle(t('assignment.title'));

  async function choose(id: string) {
    setBusy(id);
    setError(null);
    try {
      await api.selectAssignment(id);
      await refresh();
      navigate(paths.myChildren);
    } catch (err) {
      setError(asApiError(err));
      setBusy(null);
    }
  }

  return (
    <>
      <PageHeading>{t('assignment.title')}</PageHeading>
      <p className="lead">{t('assignment.intro')}</p>
      {error ? <ErrorMessage error={error} /> : null}
      {busy ? (
        <p role="status" className="loading">
          {t('assignment.choosing')}
        </p>
      ) : null}
      <ul className="choice-list" aria-label={t('assignment.listLabel')}>
        {session.assignments.map((a) => {
          const current = session.assignment?.id === a.id;
          return (
            <li key={a.id}>
              <button
                type="button"
                className="choice"
                aria-current={current ? 'true' : undefined}
                disabled={busy !== null}
                onClick={() => void choose(a.id)}
              >
                <span className="choice-title">
                  {roleTitle(t, a)}
                  {current ? <span className="badge badge-neutral">{t('assignment.current')}</span> : null}
                </span>
                <span className="choice-meta">{assignmentPlace(a)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {session.assignment ? (
        <p>
          <Link to={paths.myChildren}>{t('assignment.cancel')}</Link>
        </p>
      ) : null}
    </>
  );
}
