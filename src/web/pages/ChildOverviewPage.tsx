import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, type ChildOverview, type Enrolment, type Guardian, type TeamMember } from '../api.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { SupportLevel } from '../components/SupportLevel.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import type { Catalog } from '../../i18n/index.js';
import { Link, PageHeading, paths } from '../router.js';
import { WheelSection } from '../wheel/WheelSection.js';
import { ChronologySection } from '../concerns/ChronologySection.js';
import { PrivacySection } from '../privacy/PrivacySection.js';
import { ConcernsSection } from '../concerns/ConcernsSection.js';
import { PlanSection } from '../plan/PlanSection.js';
import { AssistanceSection } from '../assistance/AssistanceSection.js';
import { NotFoundPage } from './NotFoundPage.js';
import { ChildReportLinks } from '../reports/ReportsPage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ChildOverviewPage({ childId }: { childId: string }) {
  // An address that cannot be a child id is simply "not found"; no request needed.
  return UUID.test(childId) ? <LoadedChildOverview childId={childId} /> : <NotFoundPage />;
}

function LoadedChildOverview({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const child = useLoad(`child:${childId}`, () => api.child(childId));
  if (child.status === 'error' && child.error.isNotFound) return <NotFoundPage />;
  return <ChildOverviewView state={child} title={t('child.pageTitle')} />;
}

function ChildOverviewView({ state, title }: { state: ReturnType<typeof useLoad<ChildOverview>>; title: string }) {
  // The document title stays generic: titles are kept in browser history, names must not be.
  useDocumentTitle(title);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  return <Overview child={state.data} />;
}

function Overview({ child }: { child: ChildOverview }) {
  const { t } = useTranslation();
  const active = child.team.filter((m) => m.active);
  const former = child.team.filter((m) => !m.active);
  return (
    <article className="child-overview" aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link to={paths.myChildren}>{t('common.backToMyChildren')}</Link>
      </p>
      <div className="title-row">
        <PageHeading>
          {child.givenName} {child.familyName}
        </PageHeading>
        {child.isTestData ? <span className="badge badge-test">{t('common.testData')}</span> : null}
      </div>
      <p className="lead">
        <span className="label-inline">{t('child.supportLevel')}: </span>
        <SupportLevel level={child.supportLevel} />
      </p>

      <Identity child={child} />
      <ChildReportLinks childId={child.id} />

      <section aria-labelledby="guardians-heading" className="panel">
        <h2 id="guardians-heading">{t('child.guardians.heading')}</h2>
        {child.guardians.length === 0 ? (
          <p>{t('child.guardians.none')}</p>
        ) : (
          <ul className="card-list guardians">
            {child.guardians.map((g) => (
              <GuardianCard key={g.id} guardian={g} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="team-heading" className="panel">
        <h2 id="team-heading">{t('child.team.heading')}</h2>
        {active.length === 0 ? (
          <p>{t('child.team.none')}</p>
        ) : (
          <TeamTable id="team-current" caption={t('child.team.caption')} members={active} />
        )}
        {former.length > 0 ? (
          <TeamTable id="team-former" caption={t('child.team.formerCaption')} members={former} former />
        ) : null}
        <AssistanceSection childId={child.id} />
      </section>

      <PlanSection childId={child.id} />

      <ConcernsSection childId={child.id} />

      <WheelSection childId={child.id} />

      <ChronologySection childId={child.id} />
      <PrivacySection childId={child.id} />

      <section aria-labelledby="enrolments-heading" className="panel">
        <h2 id="enrolments-heading">{t('child.enrolments.heading')}</h2>
        {child.enrolments.length === 0 ? (
          <p>{t('child.enrolments.none')}</p>
        ) : (
          <ul className="plain-list enrolments">
            {child.enrolments.map((e, i) => (
              <EnrolmentItem key={`${e.unitName}-${e.validFrom}-${i}`} enrolment={e} />
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function Identity({ child }: { child: ChildOverview }) {
  const { t } = useTranslation();
  const f = useFormat();
  const address = child.address
    ? [child.address.line, [child.address.postalCode, child.address.city].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ')
    : '';
  return (
    <section aria-labelledby="identity-heading" className="panel">
      <h2 id="identity-heading">{t('child.identity.heading')}</h2>
      {child.protectedIdentity ? (
        <div className="notice notice-warning">
          <p className="notice-heading">{t('child.identity.protected')}</p>
          <p>{t('child.identity.protectedHelp')}</p>
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('child.identity.personnummer')}</dt>
          <dd className="nowrap">{child.personnummer}</dd>
        </div>
        <div>
          <dt>{t('child.identity.birthDate')}</dt>
          <dd>{f.date(child.birthDate)}</dd>
        </div>
        <div>
          <dt>{t('child.identity.age')}</dt>
          <dd>{t('age', { count: child.ageYears })}</dd>
        </div>
        <div>
          <dt>{t('child.identity.gender')}</dt>
          <dd>{t(`gender.${child.gender}`)}</dd>
        </div>
        {child.municipalityName ? (
          <div>
            <dt>{t('child.identity.municipality')}</dt>
            <dd>{child.municipalityName}</dd>
          </div>
        ) : null}
        {!child.protectedIdentity && address ? (
          <div>
            <dt>{t('child.identity.address')}</dt>
            <dd>{address}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function GuardianCard({ guardian: g }: { guardian: Guardian }) {
  const { t } = useTranslation();
  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  return (
    <li className="card">
      <h3 className="card-title">
        {g.givenName} {g.familyName}
      </h3>
      <dl className="facts facts-compact">
        <div>
          <dt>{t('child.guardians.relation')}</dt>
          <dd>{t(`relation.${g.relation}`)}</dd>
        </div>
        <div>
          <dt>{t('child.guardians.custody')}</dt>
          <dd>{yesNo(g.hasCustody)}</dd>
        </div>
        <div>
          <dt>{t('child.guardians.livesWithChild')}</dt>
          <dd>{yesNo(g.livesWithChild)}</dd>
        </div>
        {g.phone ? (
          <div>
            <dt>{t('child.guardians.phone')}</dt>
            <dd>
              <a href={`tel:${g.phone.replace(/[^\d+]/g, '')}`}>{g.phone}</a>
            </dd>
          </div>
        ) : null}
        {g.email ? (
          <div>
            <dt>{t('child.guardians.email')}</dt>
            <dd className="break">
              <a href={`mailto:${g.email}`}>{g.email}</a>
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

type TeamRoleKey = keyof Catalog['teamRole'];

function TeamTable({
  id,
  caption,
  members,
  former = false,
}: {
  id: string;
  caption: string;
  members: TeamMember[];
  former?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className={`data-table${former ? ' team-former' : ''}`}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('child.team.columns.name')}</th>
            <th scope="col">{t('child.team.columns.teamRole')}</th>
            <th scope="col">{t('child.team.columns.title')}</th>
            <th scope="col">{t('child.team.columns.unit')}</th>
            <th scope="col">{t('child.team.columns.organisation')}</th>
            <th scope="col">{t('child.team.columns.period')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.membershipId}>
              <th scope="row">
                {m.name}
                {former ? <span className="badge badge-neutral">{t('child.team.former')}</span> : null}
              </th>
              <td>{t(`teamRole.${m.teamRole as TeamRoleKey}`)}</td>
              <td>{m.title ?? ''}</td>
              <td>{m.unitName ?? ''}</td>
              <td>{m.organisationName}</td>
              <td className="nowrap-md">
                {m.validTo
                  ? t('common.dateRange', { from: f.date(m.validFrom), to: f.date(m.validTo) })
                  : t('common.dateFrom', { from: f.date(m.validFrom) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Grades as the seed and school systems write them: 'F', '1'–'9', 'gy1'–'gy4'. */
function gradeLabel(t: TFunction, grade: string): string {
  if (/^f$/i.test(grade)) return t('child.enrolments.preschoolClass');
  const m = /^(?:gy)?(\d{1,2})$/i.exec(grade);
  return m ? t('child.enrolments.grade', { grade: m[1] }) : grade;
}

function EnrolmentItem({ enrolment: e }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  const f = useFormat();
  const kindKey = e.unitKind as keyof Catalog['unitKind'];
  return (
    <li>
      <strong>{e.unitName}</strong>
      <span className="muted">
        {' '}
        · {t(`unitKind.${kindKey}`, { defaultValue: e.unitKind })}
        {e.grade ? ` · ${gradeLabel(t, e.grade)}` : ''}
        {' · '}
        {e.validTo
          ? t('common.dateRange', { from: f.date(e.validFrom), to: f.date(e.validTo) })
          : t('common.dateFrom', { from: f.date(e.validFrom) })}
      </span>
    </li>
  );
}
