/** The plan's own sections on paper: overview, services, needs, goals, actions and history. */
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import type { Plan, PlanStatusChange } from '../../../../contract/plan/index.js';
import { roleTitle } from '../../../../ui/labels.js';
import { type ItemColumn, itemText, PLAN_ITEM_KINDS } from '../../../../ui/plan/item-kinds.js';
import { type Fmt, PaperTable, Paragraphs, Section, swedishDay } from './kit.js';
import type { PlanPrintData } from './model.js';

/** "Målen är nådda: …" — a closing's or reopening's coded reason and its text. */
function closeReasonWords(f: Fmt, s: Pick<PlanStatusChange, 'reasonCode' | 'reasonText'>): string {
  return [s.reasonCode ? f.t(`print.closeReason.${s.reasonCode}`) : null, s.reasonText].filter(Boolean).join(': ');
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
            <dd>{closeReasonWords(f, closing)}</dd>
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

type PaperKind = 'services' | 'needs' | 'goals' | 'actions';

/** A kind's section: its heading, and its empty text when the plan has none of it. */
function KindSection({ f, kind, count, children }: { f: Fmt; kind: PaperKind; count: number; children: ReactNode }) {
  const k = PLAN_ITEM_KINDS[kind];
  return (
    <Section id={kind} title={f.t(k.heading)}>
      {count === 0 ? <p className="muted">{f.t(k.none)}</p> : children}
    </Section>
  );
}

/** Items as a table laid out from their kind's columns: the first column heads each row. */
function ItemsTable<I extends { id: string }>({
  f,
  plan,
  items,
  columns,
  caption,
  className,
}: {
  f: Fmt;
  plan: Plan;
  items: I[];
  columns: readonly ItemColumn<I, ParseKeys>[];
  caption: string;
  className?: string;
}) {
  const cell = (c: ItemColumn<I, ParseKeys>, item: I): ReactNode => {
    const aside = c.aside?.(f, item);
    return (
      <>
        {c.words(f, item, plan)}
        {aside ? <span className="muted"> ({aside})</span> : null}
      </>
    );
  };
  const [head, ...rest] = columns;
  return (
    <PaperTable
      caption={caption}
      {...(className ? { className } : {})}
      columns={columns.map((c) => f.t(c.label))}
      rows={items.map((item) => ({
        key: item.id,
        head: head ? cell(head, item) : null,
        cells: rest.map((c) => ({ ...(c.nowrap ? { className: 'nowrap' } : {}), content: cell(c, item) })),
      }))}
    />
  );
}

export function Services({ f, plan }: { f: Fmt; plan: Plan }) {
  const k = PLAN_ITEM_KINDS.services;
  return (
    <KindSection f={f} kind="services" count={plan.services.length}>
      <ItemsTable f={f} plan={plan} items={plan.services} columns={k.columns} caption={f.t(k.caption)} />
    </KindSection>
  );
}

export function Needs({ f, plan }: { f: Fmt; plan: Plan }) {
  const k = PLAN_ITEM_KINDS.needs;
  return (
    <KindSection f={f} kind="needs" count={plan.needs.length}>
      <ItemsTable f={f} plan={plan} items={plan.needs} columns={k.columns} caption={f.t(k.caption)} />
    </KindSection>
  );
}

export function Goals({ f, plan }: { f: Fmt; plan: Plan }) {
  const needs = new Map(plan.needs.map((n) => [n.id, n]));
  return (
    <KindSection f={f} kind="goals" count={plan.goals.length}>
      <ol className="items">
        {plan.goals.map((g) => {
          const meta = itemText.goalPaperMeta(f, g, g.needId ? needs.get(g.needId) : undefined);
          return (
            <li key={g.id}>
              <p className="item-text">{g.description}</p>
              {meta ? <p className="item-meta">{meta}</p> : null}
            </li>
          );
        })}
      </ol>
    </KindSection>
  );
}

export function Actions({ f, plan }: { f: Fmt; plan: Plan }) {
  const k = PLAN_ITEM_KINDS.actions;
  return (
    <KindSection f={f} kind="actions" count={plan.actions.length}>
      <ItemsTable
        f={f}
        plan={plan}
        items={plan.actions}
        columns={k.columns}
        caption={f.t(k.caption, { count: plan.actions.length })}
        className="actions"
      />
    </KindSection>
  );
}

const HISTORY_COLUMNS = [
  'print.history.date',
  'print.history.change',
  'print.history.reason',
  'print.history.by',
] as const;

export function History({ f, plan }: { f: Fmt; plan: Plan }) {
  const { t } = f;
  const columns = HISTORY_COLUMNS.map((c) => t(c));
  const day = (ts: string) => f.date(swedishDay(ts));
  return (
    <Section id="history" title={t('print.history.heading')}>
      <PaperTable
        caption={t('print.history.caption')}
        columns={columns}
        rows={plan.levelHistory.map((h) => ({
          key: h.id,
          head: day(h.changedAt),
          headClassName: 'nowrap',
          cells: [
            {
              content:
                h.levelBefore === null
                  ? t('print.history.drawnUp', { after: h.levelAfter })
                  : t('print.history.changed', { before: h.levelBefore, after: h.levelAfter }),
            },
            { content: h.reason },
            { content: h.changedBy.name },
          ],
        }))}
      />
      {plan.statusHistory.length > 0 ? (
        <PaperTable
          caption={t('print.history.statusCaption')}
          columns={columns}
          rows={plan.statusHistory.map((s) => ({
            key: s.id,
            head: day(s.changedAt),
            headClassName: 'nowrap',
            cells: [
              { content: s.statusAfter === 'closed' ? t('print.history.closed') : t('print.history.reopened') },
              { content: closeReasonWords(f, s) },
              { content: s.changedBy.name },
            ],
          }))}
        />
      ) : null}
    </Section>
  );
}
