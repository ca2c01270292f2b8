/**
 * Offers of a role (coordinator, barnets bästa-ansvarig) waiting for my answer, on "Att göra". Until
 * I accept, an offer about a child I am not on the team of does not name the child; accepting makes
 * me the holder and opens the child for me, declining leaves everything as it was.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, paths } from '../router.js';
import { planApi, type HandoverOffer, type HandoverResult } from './plan-api.js';
import { useTimestamp } from '../components/time.js';
import { TextAreaField, asApiError } from '../components/form/index.js';

export function HandoverInbox({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation();
  const list = useLoad(`handovers:${assignmentId}`, planApi.handovers);
  const [answered, setAnswered] = useState<HandoverResult | null>(null);
  const [gone, setGone] = useState<string[]>([]);
  const statusRef = useRef<HTMLDivElement>(null);
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <ErrorMessage error={list.error} onRetry={list.reload} />;
  const incoming = list.data.incoming.filter((h) => !gone.includes(h.id));
  if (incoming.length === 0 && !answered) return null;

  function done(r: HandoverResult) {
    setAnswered(r);
    setGone((g) => [...g, r.handover.id]);
    window.setTimeout(() => statusRef.current?.focus(), 0);
  }

  return (
    <section aria-labelledby="handover-inbox-heading" className="panel handover-inbox">
      <h2 id="handover-inbox-heading">{t('handover.inbox.heading')}</h2>
      {answered ? (
        <div ref={statusRef} className="notice notice-success" role="status" tabIndex={-1}>
          <p>
            {answered.handover.status === 'accepted'
              ? t('handover.inbox.accepted', { role: t(`handover.roleName.${answered.handover.role}`) })
              : t('handover.inbox.declined', { role: t(`handover.roleName.${answered.handover.role}`) })}
          </p>
          {answered.handover.status === 'accepted' && answered.canSeeChild ? (
            <p>
              <Link to={paths.plan(answered.childId)}>
                {t('handover.inbox.openPlan', { name: answered.handover.child?.name ?? '' })}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {incoming.length > 0 ? (
        <>
          <p className="muted">{t('handover.inbox.intro')}</p>
          <ul className="plain-list handover-list">
            {incoming.map((h) => (
              <Offer key={h.id} offer={h} onAnswered={done} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Offer({ offer: h, onAnswered }: { offer: HandoverOffer; onAnswered: (r: HandoverResult) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const headingId = `handover-${h.id}-heading`;
  async function answer(accept: boolean) {
    setBusy(true);
    setFailure(null);
    try {
      onAnswered(accept ? await planApi.accept(h.id) : await planApi.decline(h.id, reason));
    } catch (err) {
      setBusy(false);
      setFailure(asApiError(err));
    }
  }
  const by = [h.offeredBy.name, h.offeredBy.title, h.offeredBy.unitName].filter(Boolean).join(', ');
  return (
    <li className="plan-card handover-offer" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        {t('handover.inbox.offerHeading', { role: t(`handover.roleName.${h.role}`) })}
      </h3>
      <p>{h.child ? t('handover.inbox.forChild', { name: h.child.name }) : t('handover.inbox.childHidden')}</p>
      <p className="muted small">
        {t('handover.inbox.offeredBy', { name: by, time: time.dateTime(h.offeredAt) })}
        {h.from && h.from.name !== h.offeredBy.name ? ` ${t('handover.inbox.from', { name: h.from.name })}` : ''}
      </p>
      <p>
        <span className={h.overdue ? 'status status-overdue' : 'status status-open'}>
          {h.overdue
            ? t('handover.inbox.late', { date: f.date(h.respondBy) })
            : t('handover.inbox.respondBy', { date: f.date(h.respondBy) })}
        </span>
      </p>
      {failure ? <ErrorMessage error={failure} /> : null}
      {declining ? (
        <div className="form-stack concern-form">
          <TextAreaField
            id={`handover-${h.id}-reason`}
            label={t('handover.inbox.reason')}
            help={t('handover.inbox.reasonHelp')}
            value={reason}
            onChange={setReason}
          />
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void answer(false)}>
              {t('handover.inbox.confirmDecline')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDeclining(false)}>
              {t('plan.form.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void answer(true)}>
            {t('handover.inbox.accept')}
            <span className="visually-hidden"> – {t(`teamRole.${h.role}`)}</span>
          </button>
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => setDeclining(true)}>
            {t('handover.inbox.decline')}
            <span className="visually-hidden"> – {t(`teamRole.${h.role}`)}</span>
          </button>
        </div>
      )}
    </li>
  );
}
