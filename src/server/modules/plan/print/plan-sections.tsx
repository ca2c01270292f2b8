/** The plan's own sections on paper: overview, services, needs, goals, actions and history. */
import { roleTitle } from '../../../../ui/labels.js';
import { indicatorName } from '../../../../ui/wheel/labels.js';
import type { Plan, PlanAction } from '../../../../contract/plan/index.js';
import { type Fmt, Paragraphs, Section, swedishDay } from './kit.js';
import type { PlanPrintData } from './model.js';

function who(f: Fmt, a: PlanAction): string {
  const r = a.responsible;
  if (!r) return f.t('plan.actions.nobodyYet');
  if (r.kind === 'child') return f.t('print.responsible.child');
  if (r.kind === 'guardian') return f.t('print.responsible.guardian', { name: r.name });
  return [r.name, roleTitle(f.t, { role: '', title: r.title }) || null, r.unitName].filter(Boolean).join(', ');
}

export function Overview({ f, data }: { f: Fmt; data: PlanPrintData }) {
  const { t } = f;
  const { plan } = data.view;
  const closing = [...plan.statusHistory].reverse().find((s) => s.statusAfter === 'closed');
  const member = (
    m: { name: string; role: string; title: string | null; unitName: string | null } | null,
    none: string,
  ) => (m ? [m.name, roleTitle(t, m), m.unitName].filter(Boolean).join(', ') : none);
  return (
    <Section id="overview" title={t('plan.overview.heading')}>
      <dl className="facts">
        <dt>{t('print.status.label')}</dt>
        <dd>
          {plan.status === 'active'
            ? t('print.status.active')
            : t('print.status.closed', { date: closing ? f.date(swedishDay(closing.changedAt)) : '' })}
        </dd>
        {plan.status === 'closed' && closing ? (
          <>
            <dt>{t('print.status.closedReason')}</dt>
            <dd>
              {[closing.reasonCode ? t(`print.closeReason.${closing.reasonCode}`) : null, closing.reasonText]
                .filter(Boolean)
                .join(': ')}
            </dd>
          </>
        ) : null}
        <dt>{t('plan.overview.level')}</dt>
        <dd>{t(`supportLevel.${plan.level as 1 | 2 | 3}`)}</dd>
        <dt>{t('plan.overview.coordinator')}</dt>
        <dd>{member(data.view.coordinator, t('plan.roles.noCoordinator'))}</dd>
        <dt>{t('plan.overview.lead')}</dt>
        <dd>{member(data.view.bestInterestLead, t('plan.roles.noLead'))}</dd>
        <dt>{t('plan.overview.nextReview')}</dt>
        <dd>{plan.nextReviewDate ? f.date(plan.nextReviewDate) : t('plan.overview.noReview')}</dd>
        <dt>{t('plan.overview.sip')}</dt>
        <dd>{plan.isSip ? t('plan.overview.isSip') : t('plan.overview.notSip')}</dd>
        <dt>{t('plan.overview.created')}</dt>
        <dd>{t('plan.overview.createdBy', { date: f.date(swedishDay(plan.createdAt)), name: plan.createdBy.name })}</dd>
      </dl>
      <h3>{t('plan.overview.background')}</h3>
      {plan.background ? (
        <Paragraphs text={plan.background} />
      ) : (
        <p className="muted">{t('plan.overview.noBackground')}</p>
      )}
    </Section>
  );
}

export function Services({ f, plan }: { f: Fmt; plan: Plan }) {
  const { t } = f;
  return (
    <Section id="services" title={t('plan.services.heading')}>
      {plan.services.length === 0 ? (
        <p className="muted">{t('plan.services.none')}</p>
      ) : (
        <table>
          <caption>{t('plan.services.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.services.columns.service')}</th>
              <th scope="col">{t('plan.services.columns.contact')}</th>
              <th scope="col">{t('plan.services.columns.contribution')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.services.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.unit.name}, {s.organisation.name}
                  {s.endedOn ? (
                    <span className="muted"> ({t('print.services.ended', { date: f.date(s.endedOn) })})</span>
                  ) : null}
                </th>
                <td>{[s.contact.name, s.contact.title].filter(Boolean).join(', ')}</td>
                <td>{s.contribution ?? t('print.services.noContribution')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function Needs({ f, plan }: { f: Fmt; plan: Plan }) {
  const { t } = f;
  return (
    <Section id="needs" title={t('plan.needs.heading')}>
      {plan.needs.length === 0 ? (
        <p className="muted">{t('plan.needs.none')}</p>
      ) : (
        <table>
          <caption>{t('print.needs.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('print.needs.indicator')}</th>
              <th scope="col">{t('print.needs.need')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.needs.map((n) => (
              <tr key={n.id}>
                <th scope="row">{indicatorName(t, n.indicator)}</th>
                <td>{n.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function Goals({ f, plan }: { f: Fmt; plan: Plan }) {
  const { t } = f;
  const needs = new Map(plan.needs.map((n) => [n.id, n]));
  return (
    <Section id="goals" title={t('plan.goals.heading')}>
      {plan.goals.length === 0 ? (
        <p className="muted">{t('plan.goals.none')}</p>
      ) : (
        <ol className="items">
          {plan.goals.map((g) => {
            const need = g.needId ? needs.get(g.needId) : undefined;
            const extra = [
              need ? t('plan.goals.forNeed', { need: need.description }) : null,
              g.indicators.length > 0
                ? t('print.goals.indicators', { list: g.indicators.map((i) => indicatorName(t, i)).join(', ') })
                : null,
              g.targetDate ? t('plan.goals.by', { date: f.date(g.targetDate) }) : null,
            ].filter(Boolean);
            return (
              <li key={g.id}>
                <p className="item-text">{g.description}</p>
                {extra.length > 0 ? <p className="item-meta">{extra.join(' · ')}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

export function Actions({ f, plan }: { f: Fmt; plan: Plan }) {
  const { t } = f;
  const services = new Map(plan.services.map((s) => [s.id, s]));
  return (
    <Section id="actions" title={t('plan.actions.heading')}>
      {plan.actions.length === 0 ? (
        <p className="muted">{t('plan.actions.none')}</p>
      ) : (
        <table className="actions">
          <caption>{t('plan.actions.caption', { count: plan.actions.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.actions.columns.what')}</th>
              <th scope="col">{t('plan.actions.columns.who')}</th>
              <th scope="col">{t('plan.actions.columns.service')}</th>
              <th scope="col">{t('plan.actions.columns.due')}</th>
              <th scope="col">{t('plan.actions.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.actions.map((a) => {
              const s = a.serviceId ? services.get(a.serviceId) : undefined;
              return (
                <tr key={a.id}>
                  <th scope="row">{a.what}</th>
                  <td>{who(f, a)}</td>
                  <td>{s ? s.unit.name : '–'}</td>
                  <td className="nowrap">{a.dueDate ? f.date(a.dueDate) : t('plan.actions.noDate')}</td>
                  <td>{t(`plan.actions.status.${a.status}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function History({ f, plan }: { f: Fmt; plan: Plan }) {
  const { t } = f;
  return (
    <Section id="history" title={t('print.history.heading')}>
      <table>
        <caption>{t('print.history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('print.history.date')}</th>
            <th scope="col">{t('print.history.change')}</th>
            <th scope="col">{t('print.history.reason')}</th>
            <th scope="col">{t('print.history.by')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.levelHistory.map((h) => (
            <tr key={h.id}>
              <th scope="row" className="nowrap">
                {f.date(swedishDay(h.changedAt))}
              </th>
              <td>
                {h.levelBefore === null
                  ? t('print.history.drawnUp', { after: h.levelAfter })
                  : t('print.history.changed', { before: h.levelBefore, after: h.levelAfter })}
              </td>
              <td>{h.reason}</td>
              <td>{h.changedBy.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.statusHistory.length > 0 ? (
        <table>
          <caption>{t('print.history.statusCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('print.history.date')}</th>
              <th scope="col">{t('print.history.change')}</th>
              <th scope="col">{t('print.history.reason')}</th>
              <th scope="col">{t('print.history.by')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.statusHistory.map((s) => (
              <tr key={s.id}>
                <th scope="row" className="nowrap">
                  {f.date(swedishDay(s.changedAt))}
                </th>
                <td>{s.statusAfter === 'closed' ? t('print.history.closed') : t('print.history.reopened')}</td>
                <td>
                  {[s.reasonCode ? t(`print.closeReason.${s.reasonCode}`) : null, s.reasonText]
                    .filter(Boolean)
                    .join(': ')}
                </td>
                <td>{s.changedBy.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Section>
  );
}
