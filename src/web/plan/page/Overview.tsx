/** The plan's overview: level, coordinator, review, SIP, background; print, PDF and the form that changes them. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChildOverview } from '../../api.js';
import { useAnnouncer } from '../../components/announce.js';
import { useDownload } from '../../components/Download.js';
import { SupportLevel } from '../../components/SupportLevel.js';
import { swedishToday, useTimestamp } from '../../components/time.js';
import { useFormat } from '../../i18n.js';
import { memberLabel, type PlanContext } from '../context.js';
import type { Plan } from '../plan-api.js';
import { OverviewForm } from './OverviewForm.js';
import { focusLater } from './usePlanData.js';

const SIP_PARTS = ['actionsPresent', 'everyActionHasResponsibleAndDue', 'overallResponsible', 'followUp'] as const;
export type SipPart = (typeof SIP_PARTS)[number];

/** What the plan still lacks to serve as a SIP. */
const missingSipParts = (plan: Plan): SipPart[] => SIP_PARTS.filter((k) => !plan.sipReadiness[k]);

export function Overview({ ctx, child }: { ctx: PlanContext; child: ChildOverview | null }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [status, announce] = useAnnouncer();
  const pdf = useDownload('barnets-plan.pdf');
  const { plan } = ctx;
  const missingSip = missingSipParts(plan);
  return (
    <section aria-labelledby="plan-overview-heading" className="panel plan-section plan-overview">
      <div className="section-head">
        <h2 id="plan-overview-heading">{t('plan.overview.heading')}</h2>
        <OverviewButtons ctx={ctx} editing={editing} onEdit={() => setEditing(true)} pdf={pdf} />
      </div>
      <p id="plan-print-note" className="muted no-print">
        {t('print.ui.printOrPdf')} {t('print.ui.pdfHint')}
      </p>
      <div className="no-print">{pdf.notice}</div>
      {plan.status === 'closed' ? (
        <p className="notice notice-warning" role="note">
          {t('plan.overview.closed')}
        </p>
      ) : null}
      {status}
      <OverviewFacts ctx={ctx} child={child} />
      <OverviewNotes plan={plan} missingSip={missingSip} />
      {editing ? (
        <OverviewForm
          ctx={ctx}
          missingSip={missingSip}
          onSaved={() => {
            setEditing(false);
            announce(t('plan.form.saved'));
          }}
          onCancel={() => {
            setEditing(false);
            void ctx.refresh();
            focusLater('plan-overview-edit');
          }}
        />
      ) : null}
    </section>
  );
}

function OverviewButtons({
  ctx,
  editing,
  onEdit,
  pdf,
}: {
  ctx: PlanContext;
  editing: boolean;
  onEdit: () => void;
  pdf: ReturnType<typeof useDownload>;
}) {
  const { t } = useTranslation();
  return (
    <div className="button-row no-print">
      {ctx.editable && !editing ? (
        <button id="plan-overview-edit" type="button" className="button button-secondary" onClick={onEdit}>
          {t('plan.overview.edit')}
        </button>
      ) : null}
      <button type="button" className="button button-secondary" onClick={() => window.print()}>
        {t('plan.overview.print')}
      </button>
      {/* The tagged PDF of the plan (ids only in the URL; the file name carries no name). */}
      <a
        id="plan-pdf"
        className="button button-secondary"
        href={`/api/children/${ctx.childId}/plan/pdf`}
        download="barnets-plan.pdf"
        aria-describedby="plan-print-note"
        aria-disabled={pdf.busy || undefined}
        onClick={pdf.onClick}
      >
        {t('print.ui.pdf')}
      </a>
    </div>
  );
}

/** The plan's facts: the child (on paper only), level, the two roles, review, SIP and who drew it up. */
function OverviewFacts({ ctx, child }: { ctx: PlanContext; child: ChildOverview | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  const { plan, view } = ctx;
  const holder = (m: typeof view.coordinator, none: string) =>
    m ? memberLabel(t, m) : <span className="muted">{none}</span>;
  return (
    <dl className="facts plan-facts">
      {child ? (
        <div className="print-only">
          <dt>{t('plan.overview.child')}</dt>
          <dd>
            {child.givenName} {child.familyName}, {f.date(child.birthDate)}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t('plan.overview.level')}</dt>
        <dd>
          <SupportLevel level={plan.level} />
        </dd>
      </div>
      <div>
        <dt>{t('plan.overview.coordinator')}</dt>
        <dd>{holder(view.coordinator, t('plan.roles.noCoordinator'))}</dd>
      </div>
      <div>
        <dt>{t('plan.overview.lead')}</dt>
        <dd>{holder(view.bestInterestLead, t('plan.roles.noLead'))}</dd>
      </div>
      <div>
        <dt>{t('plan.overview.nextReview')}</dt>
        <dd>
          {plan.nextReviewDate ? (
            f.date(plan.nextReviewDate)
          ) : (
            <span className="muted">{t('plan.overview.noReview')}</span>
          )}
          {plan.nextReviewDate && plan.nextReviewDate < swedishToday() ? (
            <span className="block status status-overdue">{t('plan.overview.reviewOverdue')}</span>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>{t('plan.overview.sip')}</dt>
        <dd>{plan.isSip ? t('plan.overview.isSip') : t('plan.overview.notSip')}</dd>
      </div>
      <div>
        <dt>{t('plan.overview.created')}</dt>
        <dd>{t('plan.overview.createdBy', { date: f.date(time.day(plan.createdAt)), name: plan.createdBy.name })}</dd>
      </div>
    </dl>
  );
}

/** The background and what the plan lacks to serve as a SIP. */
function OverviewNotes({ plan, missingSip }: { plan: Plan; missingSip: SipPart[] }) {
  const { t } = useTranslation();
  return (
    <dl className="facts facts-stacked">
      <div>
        <dt>{t('plan.overview.background')}</dt>
        <dd className="prewrap">
          {plan.background ?? <span className="muted">{t('plan.overview.noBackground')}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('plan.overview.sipReadiness')}</dt>
        <dd>
          {missingSip.length === 0
            ? t('plan.overview.sipComplete')
            : t('plan.overview.sipMissing', {
                missing: missingSip.map((k) => t(`plan.overview.sipParts.${k}`)).join(', '),
              })}
        </dd>
      </div>
    </dl>
  );
}
