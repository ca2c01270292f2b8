/**
 * The child's plan as one printable HTML document (fed to Chromium for the tagged PDF; never served
 * to a browser, so its stylesheet may be a <style> element). Rendered with react-dom/server, which
 * escapes every text and attribute. Texts come from the shared catalogs (`print.*` plus the plan's
 * and the wheel's own words); the wheel chart is the web UI's accessible SVG radar, with the same
 * numbers in a table.
 */
import { createInstance, type TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { WHEEL_INDICATORS, type WheelRatings } from '../../core/wheel.js';
import { INTL_LOCALE, resources, type Language } from '../../i18n/index.js';
import { roleTitle } from '../../web/labels.js';
import { RadarChart } from '../../web/wheel/RadarChart.js';
import { indicatorName, perspectiveLabel, ratingText } from '../../web/wheel/labels.js';
import type { Plan, PlanAction, PlanView } from '../modules/plan/schemas.js';
import type { WheelAssessmentSummary } from '../modules/wheel/schemas.js';
import { PRINT_CSS } from './print-css.js';

type Attendance = 'invited' | 'attending' | 'absent' | 'excused';
/** The parts of a network meeting the printout shows (the meetings module's Meeting fits). */
export interface PrintMeeting {
  id: string;
  date: string;
  startTime: string;
  endTime: string | null;
  place: string | null;
  digital: boolean;
  purpose: string;
  agenda: string[];
  invitees: (
    | { kind: 'professional'; name: string; title: string | null; unitName: string | null; attendance: Attendance }
    | { kind: 'guardian'; name: string; attendance: Attendance }
    | { kind: 'child'; attendance: Attendance }
  )[];
  notes: string | null;
  status: 'planned' | 'held' | 'cancelled';
  cancelledReason: string | null;
  decisions: { id: string; text: string; actionWhat: string | null; decidedAt: string }[];
}
/** The parts of a review the printout shows (the meetings module's Review fits). */
export interface PrintReview {
  id: string;
  reviewedOn: string;
  summary: string | null;
  nextReviewDate: string | null;
  outcomes: {
    actionId: string;
    actionWhat: string;
    outcome: 'done' | 'continue' | 'change' | 'bring_in_service';
    comment: string | null;
  }[];
}

export interface PlanPrintData {
  child: { givenName: string; familyName: string; birthDate: string };
  today: string;
  view: PlanView & { plan: Plan };
  /** All of the child's wheel assessments (the document shows the latest per perspective). */
  wheel: WheelAssessmentSummary[];
  meetings: PrintMeeting[] | null;
  reviews: PrintReview[] | null;
}

/** An i18next instance of its own per language (the server never shares the UI's global one). */
const instances = new Map<Language, ReturnType<typeof createInstance>>();
export function printI18n(lang: Language) {
  let i = instances.get(lang);
  if (!i) {
    i = createInstance();
    void i.init({
      resources,
      lng: lang,
      fallbackLng: 'sv',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(lang, i);
  }
  return i;
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The newest assessment of each perspective: the child, then guardians, then professionals. */
export function latestPerPerspective(list: WheelAssessmentSummary[]): WheelAssessmentSummary[] {
  const latest = new Map<string, WheelAssessmentSummary>();
  for (const a of list) {
    const prev = latest.get(a.perspective.key);
    if (!prev || a.assessedOn > prev.assessedOn || (a.assessedOn === prev.assessedOn && a.createdAt >= prev.createdAt))
      latest.set(a.perspective.key, a);
  }
  const order = { child: 0, guardian: 1, professional: 2 } as const;
  return [...latest.values()].sort(
    (a, b) => order[a.perspective.kind] - order[b.perspective.kind] || (a.assessedOn < b.assessedOn ? 1 : -1),
  );
}

interface Fmt {
  t: TFunction;
  date(iso: string): string;
}

function formatter(lang: Language, t: TFunction): Fmt {
  const dateFmt = new Intl.DateTimeFormat(INTL_LOCALE[lang], {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  return {
    t,
    date(iso) {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
      return m ? dateFmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))) : iso;
    },
  };
}

/** A calendar day (Europe/Stockholm) from a timestamp. */
function swedishDay(ts: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ts));
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="prose">
            {p}
          </p>
        ))}
    </>
  );
}

function who(f: Fmt, a: PlanAction): string {
  const r = a.responsible;
  if (!r) return f.t('plan.actions.nobodyYet');
  if (r.kind === 'child') return f.t('print.responsible.child');
  if (r.kind === 'guardian') return f.t('print.responsible.guardian', { name: r.name });
  return [r.name, roleTitle(f.t, { role: '', title: r.title }) || null, r.unitName].filter(Boolean).join(', ');
}

function Overview({ f, data }: { f: Fmt; data: PlanPrintData }) {
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

function Services({ f, plan }: { f: Fmt; plan: Plan }) {
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

function Needs({ f, plan }: { f: Fmt; plan: Plan }) {
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

function Goals({ f, plan }: { f: Fmt; plan: Plan }) {
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

function Actions({ f, plan }: { f: Fmt; plan: Plan }) {
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

function Voices({ f, data }: { f: Fmt; data: PlanPrintData }) {
  const { t } = f;
  const { plan, guardians } = data.view;
  const views = new Map(plan.guardianViews.map((v) => [v.guardianId, v]));
  const custodial = guardians.filter((g) => g.hasCustody || views.has(g.guardianId));
  // A view whose guardian no longer appears among today's guardians is still part of the plan.
  const orphanViews = plan.guardianViews.filter((v) => !custodial.some((g) => g.guardianId === v.guardianId));
  const viewBlock = (name: string, v: (typeof plan.guardianViews)[number] | undefined, key: string) => (
    <div key={key} className="voice">
      <h4>{name}</h4>
      {v ? (
        <>
          <Paragraphs text={v.text} />
          <p className="item-meta">
            {v.writtenByGuardian
              ? t('plan.guardianViews.byGuardian', { date: f.date(v.recordedOn) })
              : t('plan.guardianViews.recordedBy', { name: v.recordedBy.name, date: f.date(v.recordedOn) })}
          </p>
        </>
      ) : (
        <p className="muted">{t('plan.guardianViews.none')}</p>
      )}
    </div>
  );
  return (
    <>
      <Section id="voice" title={t('plan.voice.heading')}>
        {plan.voice.length === 0 ? (
          <p className="muted">{t('plan.voice.none')}</p>
        ) : (
          plan.voice.map((v) => (
            <blockquote key={v.id} className="voice">
              <Paragraphs text={v.text} />
              <p className="item-meta">
                {v.writtenByChild
                  ? t('plan.voice.byChild', { date: f.date(v.recordedOn) })
                  : t('plan.voice.recordedBy', { name: v.recordedBy.name, date: f.date(v.recordedOn) })}
              </p>
            </blockquote>
          ))
        )}
      </Section>
      <Section id="guardian-views" title={t('plan.guardianViews.heading')}>
        {custodial.length === 0 && orphanViews.length === 0 ? (
          <p className="muted">{t('plan.guardianViews.noGuardians')}</p>
        ) : null}
        {custodial.map((g) => viewBlock(g.name, views.get(g.guardianId), g.guardianId))}
        {orphanViews.map((v) => viewBlock(v.guardianName, v, v.id))}
      </Section>
      <Section id="disagreements" title={t('plan.disagreements.heading')}>
        {plan.disagreements.length === 0 ? (
          <p className="muted">{t('plan.disagreements.none')}</p>
        ) : (
          <ul className="items">
            {plan.disagreements.map((d) => (
              <li key={d.id}>
                <p className="item-text">
                  <strong>
                    {t('plan.disagreements.entry', {
                      who: d.party.kind === 'child' ? t('plan.disagreements.theChild') : d.party.name,
                      about: d.about,
                    })}
                  </strong>
                </p>
                <Paragraphs text={d.text} />
                <p className="item-meta">
                  {t('plan.disagreements.recorded', { name: d.recordedBy.name, date: f.date(d.recordedOn) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function Wheel({ f, list }: { f: Fmt; list: WheelAssessmentSummary[] }) {
  const { t } = f;
  const latest = latestPerPerspective(list);
  return (
    <Section id="wheel" title={t('print.wheel.heading')}>
      {latest.length === 0 ? (
        <p className="muted">{t('print.wheel.none')}</p>
      ) : (
        <>
          <p>{t('print.wheel.intro')}</p>
          <RadarChart
            id="plan-wheel"
            title={t('wheel.chart.title', { subject: t('wheel.chart.latestSubject') })}
            series={latest.map((a) => ({
              key: a.perspective.key,
              label: `${perspectiveLabel(t, a.perspective)} (${f.date(a.assessedOn)})`,
              ratings: a.ratings as WheelRatings,
            }))}
          />
          <table className="wheel-table">
            <caption>{t('print.wheel.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('wheel.section.perspective')}</th>
                <th scope="col">{t('wheel.table.date')}</th>
                {WHEEL_INDICATORS.map((i) => (
                  <th key={i} scope="col">
                    {indicatorName(t, i)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {latest.map((a) => (
                <tr key={a.perspective.key}>
                  <th scope="row">{perspectiveLabel(t, a.perspective)}</th>
                  <td className="nowrap">{f.date(a.assessedOn)}</td>
                  {WHEEL_INDICATORS.map((i) => (
                    <td key={i} className="num">
                      {ratingText(t, a.ratings[i])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}

function Meetings({ f, meetings }: { f: Fmt; meetings: PrintMeeting[] }) {
  const { t } = f;
  return (
    <Section id="meetings" title={t('print.meetings.heading')}>
      {meetings.length === 0 ? (
        <p className="muted">{t('print.meetings.none')}</p>
      ) : (
        meetings.map((m) => (
          <article key={m.id} className="meeting">
            <h3>
              {t('print.meetings.when', {
                date: f.date(m.date),
                time: m.endTime ? `${m.startTime}–${m.endTime}` : m.startTime,
              })}{' '}
              – {t(`print.meetings.status.${m.status}`)}
            </h3>
            <dl className="facts">
              <dt>{t('print.meetings.purpose')}</dt>
              <dd>{m.purpose}</dd>
              <dt>{t('print.meetings.place')}</dt>
              <dd>{[m.digital ? t('print.meetings.digital') : null, m.place].filter(Boolean).join(', ') || '–'}</dd>
              {m.cancelledReason ? (
                <>
                  <dt>{t('print.meetings.status.cancelled')}</dt>
                  <dd>{m.cancelledReason}</dd>
                </>
              ) : null}
            </dl>
            {m.agenda.length > 0 ? (
              <>
                <h4>{t('print.meetings.agenda')}</h4>
                <ol>
                  {m.agenda.map((a, i) => (
                    <li key={i}>{a}</li>
                  ))}
                </ol>
              </>
            ) : null}
            {m.invitees.length > 0 ? (
              <>
                <h4>{t('print.meetings.attendance')}</h4>
                <ul>
                  {m.invitees.map((p, i) => (
                    <li key={i}>
                      {p.kind === 'child'
                        ? t('print.meetings.theChild')
                        : p.kind === 'guardian'
                          ? t('print.responsible.guardian', { name: p.name })
                          : [p.name, p.title, p.unitName].filter(Boolean).join(', ')}{' '}
                      – {t(`print.meetings.attendanceStatus.${p.attendance}`)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {m.notes ? (
              <>
                <h4>{t('print.meetings.notes')}</h4>
                <Paragraphs text={m.notes} />
              </>
            ) : null}
            <h4>{t('print.meetings.decisions')}</h4>
            {m.decisions.length === 0 ? (
              <p className="muted">{t('print.meetings.noDecisions')}</p>
            ) : (
              <ul>
                {m.decisions.map((d) => (
                  <li key={d.id}>
                    {d.text}
                    {d.actionWhat ? ` (${t('print.meetings.decisionAction', { what: d.actionWhat })})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))
      )}
    </Section>
  );
}

function Reviews({ f, reviews }: { f: Fmt; reviews: PrintReview[] }) {
  const { t } = f;
  return (
    <Section id="reviews" title={t('print.reviews.heading')}>
      {reviews.length === 0 ? (
        <p className="muted">{t('print.reviews.none')}</p>
      ) : (
        reviews.map((r) => (
          <article key={r.id} className="review">
            <h3>{t('print.reviews.entry', { date: f.date(r.reviewedOn) })}</h3>
            {r.summary ? <Paragraphs text={r.summary} /> : null}
            {r.outcomes.length > 0 ? (
              <table>
                <caption>{t('print.reviews.caption', { date: f.date(r.reviewedOn) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('print.reviews.action')}</th>
                    <th scope="col">{t('print.reviews.outcome')}</th>
                    <th scope="col">{t('print.reviews.comment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.outcomes.map((o) => (
                    <tr key={o.actionId}>
                      <th scope="row">{o.actionWhat}</th>
                      <td>{t(`print.reviews.outcomes.${o.outcome}`)}</td>
                      <td>{o.comment ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {r.nextReviewDate ? <p>{t('print.reviews.nextReview', { date: f.date(r.nextReviewDate) })}</p> : null}
          </article>
        ))
      )}
    </Section>
  );
}

function History({ f, plan }: { f: Fmt; plan: Plan }) {
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

function PlanDocument({ f, lang, data }: { f: Fmt; lang: Language; data: PlanPrintData }) {
  const { t } = f;
  const name = `${data.child.givenName} ${data.child.familyName}`;
  const plan = data.view.plan;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <title>{t('print.documentTitle')}</title>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant stylesheet, not data: nothing to escape */}
        <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      </head>
      <body>
        <header className="doc-head">
          <h1>{t('print.heading', { name })}</h1>
          <p className="lead">
            {t('print.childLine', { name, age: t('age', { count: ageOn(data.child.birthDate, data.today) }) })}
          </p>
          <p className="item-meta">
            {t('print.printedOn', { date: f.date(data.today) })} · {t('print.confidential')}
          </p>
        </header>
        <main>
          <Overview f={f} data={data} />
          <Services f={f} plan={plan} />
          <Needs f={f} plan={plan} />
          <Goals f={f} plan={plan} />
          <Actions f={f} plan={plan} />
          <Voices f={f} data={data} />
          <Wheel f={f} list={data.wheel} />
          {data.meetings ? <Meetings f={f} meetings={data.meetings} /> : null}
          {data.reviews ? <Reviews f={f} reviews={data.reviews} /> : null}
          <History f={f} plan={plan} />
        </main>
        <footer className="doc-foot">
          <p>{t('print.paperNote')}</p>
        </footer>
      </body>
    </html>
  );
}

/** The complete document (doctype included) and the title the PDF carries. */
export function renderPlanDocument(data: PlanPrintData, lang: Language): { html: string; title: string } {
  const i18n = printI18n(lang);
  const t = i18n.getFixedT(lang);
  const f = formatter(lang, t);
  const markup = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PlanDocument f={f} lang={lang} data={data} />
    </I18nextProvider>,
  );
  return { html: `<!doctype html>${markup}`, title: t('print.documentTitle') };
}
