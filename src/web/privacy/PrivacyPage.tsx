/**
 * "Samtycke och sekretess" for one child: what is shared, with whom, until when and how to withdraw
 * it (consents); what was disclosed without consent and under which law (disclosures); and who used
 * emergency access (break-glass), with the review afterwards. Plain words first, details after.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { usePrivacyFormat as useFormat } from './format.js';
import { Link, PageHeading, paths } from '../router.js';
import { privacyApi, type BreakGlass, type Consent, type Disclosure, type PrivacyView } from './api.js';
import { privacyPaths } from './paths.js';
import './privacy.css';
import { type Errors, RadioField, SubmitRow, TextAreaField } from '../components/form/index.js';
import { CardForm, useCardForm } from './CardForm.js';
import { MaturityPanel } from './MaturityPanel.js';

export function PrivacyPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('privacy.title'));
  const view = useLoad(`privacy:${childId}`, () => privacyApi.view(childId));
  const child = useLoad(`privacy:child:${childId}`, () => api.child(childId));
  return (
    <article aria-labelledby="page-heading" className="privacy-page">
      <p className="breadcrumb">
        <Link to={paths.child(childId)}>{t('privacy.backToChild')}</Link>
      </p>
      <PageHeading>{t('privacy.title')}</PageHeading>
      {child.status === 'ok' ? (
        <p className="subheading">{t('privacy.about', { name: `${child.data.givenName} ${child.data.familyName}` })}</p>
      ) : null}
      <LoadStatus load={view} />
      {view.status === 'ok' ? <Privacy view={view.data} reload={view.reload} /> : null}
    </article>
  );
}

function Privacy({ view, reload }: { view: PrivacyView; reload: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="notice notice-info">
        <p className="notice-heading">{t('privacy.howItWorksHeading')}</p>
        <p>{t('privacy.howItWorks')}</p>
        {view.myDomain ? <p>{t('privacy.yourDomain', { domain: t(`privacy.domain.${view.myDomain}`) })}</p> : null}
      </div>
      {view.protectedIdentity ? (
        <div className="notice notice-warning">
          <p className="notice-heading">{t('privacy.protectedHeading')}</p>
          <p>{t('privacy.protectedText')}</p>
        </div>
      ) : null}

      <section aria-labelledby="consents-heading" className="panel">
        <div className="section-head">
          <h2 id="consents-heading">{t('consent.heading')}</h2>
          <Link to={privacyPaths.newConsent(view.childId)} className="button button-primary">
            {t('consent.new')}
          </Link>
        </div>
        {view.consents.length === 0 ? <p>{t('consent.none')}</p> : null}
        <ul className="plain-list privacy-list">
          {view.consents.map((c) => (
            <li key={c.id}>
              <ConsentCard consent={c} view={view} onChanged={reload} />
            </li>
          ))}
        </ul>
        <p className="help">{t('consent.howToWithdraw')}</p>
      </section>

      <section aria-labelledby="disclosures-heading" className="panel">
        <div className="section-head">
          <h2 id="disclosures-heading">{t('legalBasis.disclosuresHeading')}</h2>
          {view.myDomain ? (
            <Link to={privacyPaths.newDisclosure(view.childId)} className="button button-secondary">
              {t('legalBasis.newDisclosure')}
            </Link>
          ) : null}
        </div>
        <p>{t('legalBasis.disclosuresIntro')}</p>
        {view.disclosures.length === 0 ? <p>{t('legalBasis.noDisclosures')}</p> : null}
        <ul className="plain-list privacy-list">
          {view.disclosures.map((d) => (
            <li key={d.id}>
              <DisclosureCard d={d} />
            </li>
          ))}
        </ul>
      </section>

      <MaturityPanel childId={view.childId} />

      <section aria-labelledby="break-glass-heading" className="panel">
        <h2 id="break-glass-heading">{t('breakGlass.historyHeading')}</h2>
        <p>{t('breakGlass.historyIntro')}</p>
        {view.breakGlass.length === 0 ? <p>{t('breakGlass.noneOnChild')}</p> : null}
        <ul className="plain-list privacy-list">
          {view.breakGlass.map((b) => (
            <li key={b.id}>
              <BreakGlassCard b={b} onChanged={reload} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function StatusBadge({ status }: { status: Consent['status'] }) {
  const { t } = useTranslation();
  return <span className={`status consent-status consent-status-${status}`}>{t(`consent.status.${status}`)}</span>;
}

function ConsentCard({ consent: c, view, onChanged }: { consent: Consent; view: PrivacyView; onChanged: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [withdrawing, setWithdrawing] = useState(false);
  const headingId = `consent-${c.id}`;
  return (
    <div className="card" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        <StatusBadge status={c.status} /> {c.purpose}
      </h3>
      <dl className="facts facts-stacked">
        <dt>{t('consent.what')}</dt>
        <dd>
          {t('consent.whatText', {
            categories: c.dataCategories.map((k) => t(`privacy.category.${k}`)).join(', '),
            domains: c.sourceDomains.map((d) => t(`privacy.domain.${d}`)).join(', '),
          })}
        </dd>
        <dt>{t('consent.withWhom')}</dt>
        <dd>{c.recipients.map((u) => u.name).join(', ')}</dd>
        <dt>{t('consent.when')}</dt>
        <dd>{t('consent.whenText', { from: f.date(c.validFrom), to: f.date(c.validTo) })}</dd>
        <dt>{t('consent.parties')}</dt>
        <dd>
          <ul className="plain-list">
            {c.parties.map((p, i) => (
              <li key={`${p.kind}:${p.guardianId ?? i}`}>
                {p.kind === 'child' ? t('consent.theChild') : p.name}: {t(`consent.position.${p.position}`)}
                {p.notAskedReason ? ` – ${p.notAskedReason}` : null}
                {p.maturityJudgement ? (
                  <span className="block small">
                    {t('consent.maturityShown')}: {p.maturityJudgement}
                    {p.childDecides ? ` (${t('consent.childDecidesShown')})` : null}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('consent.how')}</dt>
        <dd>
          {t(`consent.method.${c.method}`)}
          {c.methodNote ? ` – ${c.methodNote}` : null}
        </dd>
        <dt>{t('consent.recordedBy')}</dt>
        <dd>{t('consent.recordedByText', { name: c.recordedBy.name, date: f.date(c.recordedAt.slice(0, 10)) })}</dd>
        {c.withdrawal ? (
          <>
            <dt>{t('consent.withdrawnHeading')}</dt>
            <dd>
              {t('consent.withdrawnText', {
                date: f.date(c.withdrawal.at.slice(0, 10)),
                who: c.withdrawal.byParty === 'child' ? t('consent.theChild') : (c.withdrawal.guardianName ?? ''),
                by: c.withdrawal.recordedBy?.name ?? t('consent.byFamilyPortal'),
              })}
              {c.withdrawal.note ? <span className="block small">{c.withdrawal.note}</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      {c.status === 'active' || c.status === 'not_yet_valid' ? (
        withdrawing ? (
          <WithdrawForm consent={c} view={view} onDone={onChanged} onCancel={() => setWithdrawing(false)} />
        ) : (
          <p className="button-row">
            <button type="button" className="button button-secondary" onClick={() => setWithdrawing(true)}>
              {t('consent.withdraw')}
              <span className="visually-hidden"> – {c.purpose}</span>
            </button>
          </p>
        )
      ) : null}
    </div>
  );
}

function WithdrawForm({
  consent,
  view,
  onDone,
  onCancel,
}: {
  consent: Consent;
  view: PrivacyView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const P = `withdraw-${consent.id}`;
  const custodial = view.options.guardians.filter((g) => g.hasCustody);
  const [who, setWho] = useState('');
  const [note, setNote] = useState('');
  const form = useCardForm(onDone);
  const submit = () =>
    form.send(who ? {} : { who: t('consent.withdrawWhoRequired') }, () =>
      privacyApi.withdrawConsent(
        view.childId,
        consent,
        who === 'child'
          ? { byParty: 'child', ...(note.trim() ? { note } : {}) }
          : { byParty: 'guardian', guardianId: who, ...(note.trim() ? { note } : {}) },
      ),
    );
  return (
    <CardForm
      prefix={P}
      heading={t('consent.withdrawHeading')}
      intro={<p>{t('consent.withdrawExplain')}</p>}
      form={form}
      fieldId={() => `${P}-who-0`}
      onSubmit={submit}
    >
      <RadioField
        id={`${P}-who`}
        legend={t('consent.withdrawWho')}
        error={form.errors.who}
        value={who}
        onChange={setWho}
        optionId={(_, i) => `${P}-who-${i}`}
        options={[
          ...custodial.map((g) => ({ value: g.id, label: g.name })),
          { value: 'child', label: t('consent.theChild') },
        ]}
      />
      <TextAreaField id={`${P}-note`} wide={false} label={t('consent.withdrawNote')} value={note} onChange={setNote} />
      <SubmitRow
        paragraph
        label={t('consent.withdrawConfirm')}
        busy={form.busy}
        cancel={{ label: t('privacy.cancel'), onClick: onCancel }}
      />
    </CardForm>
  );
}

function DisclosureCard({ d }: { d: Disclosure }) {
  const { t } = useTranslation();
  const f = useFormat();
  const headingId = `disclosure-${d.id}`;
  return (
    <div className="card" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        <span className={`status ${d.active ? 'status-open' : 'status-decided'}`}>
          {d.active ? t('legalBasis.active') : t('legalBasis.ended')}
        </span>{' '}
        {d.legalBasis.title}
      </h3>
      <dl className="facts facts-stacked">
        <dt>{t('legalBasis.statute')}</dt>
        <dd>
          {d.legalBasis.statuteReference}
          {d.legalBasis.retired ? ` (${t('legalBasis.retiredShort')})` : null}
        </dd>
        <dt>{t('consent.what')}</dt>
        <dd>
          {t('consent.whatText', {
            categories: d.dataCategories.map((k) => t(`privacy.category.${k}`)).join(', '),
            domains: t(`privacy.domain.${d.fromDomain}`),
          })}
        </dd>
        <dt>{t('consent.withWhom')}</dt>
        <dd>{d.recipient.name}</dd>
        <dt>{t('consent.when')}</dt>
        <dd>{t('consent.whenText', { from: f.date(d.validFrom), to: f.date(d.validTo) })}</dd>
        <dt>{t('legalBasis.justification')}</dt>
        <dd className="prewrap">{d.justification}</dd>
        <dt>{t('consent.recordedBy')}</dt>
        <dd>{t('consent.recordedByText', { name: d.disclosedBy.name, date: f.date(d.createdAt.slice(0, 10)) })}</dd>
      </dl>
    </div>
  );
}

function BreakGlassCard({ b, onChanged }: { b: BreakGlass; onChanged: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const headingId = `bg-${b.id}`;
  return (
    <div className="card" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        <span className={`status ${b.active ? 'status-overdue' : 'status-decided'}`}>
          {b.active ? t('breakGlass.activeNow') : t('breakGlass.ended')}
        </span>{' '}
        {t('breakGlass.byWhom', { name: b.person.name, unit: b.unitName ?? '' })}
      </h3>
      <dl className="facts facts-stacked">
        <dt>{t('breakGlass.reason')}</dt>
        <dd className="prewrap">{b.reason}</dd>
        <dt>{t('breakGlass.when')}</dt>
        <dd>
          {t('breakGlass.whenText', { start: f.dateTime(b.startedAt), end: f.dateTime(b.endedAt ?? b.expiresAt) })}
        </dd>
        <dt>{t('breakGlass.review')}</dt>
        <dd>
          {b.review
            ? t('breakGlass.reviewedText', {
                outcome: t(`breakGlass.outcome.${b.review.outcome}`),
                name: b.review.reviewedBy.name,
                note: b.review.note,
              })
            : t('breakGlass.notReviewed')}
        </dd>
      </dl>
      {!b.review && !b.active ? <ReviewForm b={b} onDone={onChanged} /> : null}
    </div>
  );
}

function ReviewForm({ b, onDone }: { b: BreakGlass; onDone: () => void }) {
  const { t } = useTranslation();
  const P = `review-${b.id}`;
  const [outcome, setOutcome] = useState<'justified' | 'not_justified' | 'follow_up' | ''>('');
  const [note, setNote] = useState('');
  const form = useCardForm(onDone);
  function submit() {
    const problems: Errors = {};
    if (!outcome) problems.outcome = t('breakGlass.outcomeRequired');
    if (!note.trim()) problems.note = t('breakGlass.noteRequired');
    return form.send(problems, () => privacyApi.reviewBreakGlass(b.id, { outcome: outcome as 'justified', note }));
  }
  return (
    <CardForm
      prefix={P}
      heading={t('breakGlass.reviewHeading')}
      form={form}
      fieldId={(fld) => (fld === 'outcome' ? `${P}-outcome-justified` : `${P}-note`)}
      onSubmit={submit}
    >
      <RadioField
        id={`${P}-outcome`}
        legend={t('breakGlass.outcomeLegend')}
        error={form.errors.outcome}
        value={outcome}
        onChange={(o) => setOutcome(o as typeof outcome)}
        optionId={(o) => `${P}-outcome-${o}`}
        options={(['justified', 'not_justified', 'follow_up'] as const).map((o) => ({
          value: o,
          label: t(`breakGlass.outcome.${o}`),
        }))}
      />
      <TextAreaField
        id={`${P}-note`}
        wide={false}
        label={t('breakGlass.reviewNote')}
        error={form.errors.note}
        value={note}
        onChange={setNote}
      />
      <SubmitRow paragraph label={t('breakGlass.saveReview')} busy={form.busy} />
    </CardForm>
  );
}
