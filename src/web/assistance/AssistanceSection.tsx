import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { assistanceApi, type AssistanceRequest } from './api.js';
import { SendAssistanceForm } from './SendAssistanceForm.js';

/**
 * In the child's team section: requests for assistance from other services and their answers, and —
 * for the coordinator (or the barnets bästa-ansvarig when there is none) — "Ta in annan verksamhet".
 */
export function AssistanceSection({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  const list = useLoad(`assistance:${childId}:${round}`, () => assistanceApi.list(childId));
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const reload = (message: string) => {
    setStatus(message);
    setOpen(false);
    setRound((r) => r + 1);
  };
  return (
    <div className="assistance">
      <h3 id="assistance-heading">{t('assistance.section.heading')}</h3>
      <p role="status" className="status-line">
        {status}
      </p>
      <LoadStatus load={list} />
      {list.status === 'ok' ? (
        <>
          <Requests childId={childId} requests={list.data.requests} onChanged={reload} />
          {list.data.maySend && list.data.options ? (
            open ? (
              <SendAssistanceForm
                childId={childId}
                options={list.data.options}
                onSent={() => reload(t('assistance.send.sent'))}
                onCancel={() => setOpen(false)}
              />
            ) : (
              <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
                {t('assistance.section.bringIn')}
              </button>
            )
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function Requests({
  childId,
  requests,
  onChanged,
}: {
  childId: string;
  requests: AssistanceRequest[];
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [failure, setFailure] = useState<ApiError | null>(null);
  if (requests.length === 0) return <p>{t('assistance.section.none')}</p>;
  async function withdraw(r: AssistanceRequest) {
    setFailure(null);
    try {
      await assistanceApi.withdraw(childId, r.id);
      onChanged(t('assistance.section.withdrawn'));
    } catch (err) {
      setFailure(asApiError(err));
    }
  }
  return (
    <>
      {failure ? <ErrorMessage error={failure} /> : null}
      <div className="table-scroll" role="region" aria-labelledby="assistance-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="assistance-caption">{t('assistance.section.caption', { count: requests.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assistance.section.unit')}</th>
              <th scope="col">{t('assistance.section.status')}</th>
              <th scope="col">{t('assistance.section.sent')}</th>
              <th scope="col">{t('assistance.section.answer')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.toUnit.name}
                  <span className="block small">{r.toUnit.organisationName}</span>
                </th>
                <td>{t(`assistance.status.${r.status}`)}</td>
                <td>
                  {f.date(r.sentAt)}, {r.sentBy.name}
                  <span className="block small prewrap">{r.message}</span>
                </td>
                <td>
                  <Answer r={r} />
                  {r.status === 'pending' ? (
                    <button type="button" className="button button-secondary" onClick={() => void withdraw(r)}>
                      {t('assistance.section.withdraw')}
                      <span className="visually-hidden"> – {r.toUnit.name}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Answer({ r }: { r: AssistanceRequest }) {
  const { t } = useTranslation();
  if (r.status === 'accepted' && r.joined)
    return (
      <span>
        {t('assistance.section.joined', {
          name: r.joined.name,
          role: t(`assistance.roleInText.${r.joinedRole ?? 'member'}`),
        })}
      </span>
    );
  if (r.status === 'declined')
    return <span className="prewrap">{t('assistance.section.declined', { reason: r.declineReason ?? '' })}</span>;
  return null;
}
