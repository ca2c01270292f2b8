/**
 * /uppfoljning/skola/:id — a school profile like the seed's "X-skolan": strengths and challenges
 * ranked by the size of the difference from the rest of the county, each with its CI and in
 * words (never a colour from a p-value alone), then the school's whole wheel overview.
 */
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading } from '../router.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { indicatorName } from '../../ui/wheel/labels.js';
import {
  AboutNumbers,
  BadSelection,
  FamilyNote,
  FilterForm,
  FollowupNav,
  ResponseRateNote,
  areaPath,
  followupPaths,
  useFilters,
  useInstrument,
} from './common.js';
import { followupApi, queryString, type Profile } from './followup-api.js';
import { useNumbers } from './format.js';
import { assessmentClass, assessmentText, gradeLabel, indicatorLabel } from './labels.js';
import { OverviewTables } from './OverviewPage.js';

const CODE = /^[0-9A-Za-z]{1,16}$/;

export function FollowupSchoolPage({ schoolId }: { schoolId: string }) {
  return CODE.test(schoolId) ? <Loaded schoolId={schoolId} /> : <NotFoundPage />;
}

function Loaded({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  const meta = useInstrument();
  const [f, apply] = useFilters();
  const profile = useLoad(`profile|${schoolId}|${f.wave}|${f.grade}`, () => followupApi.profile(schoolId, f));
  const overview = useLoad(
    `school-overview|${schoolId}|${profile.status === 'ok' ? `${profile.data.year}|${profile.data.grade}` : 'pending'}`,
    () =>
      profile.status === 'ok'
        ? followupApi.overview({ wave: profile.data.year, grade: profile.data.grade, school: schoolId })
        : Promise.resolve(null),
  );
  const name = profile.status === 'ok' ? (profile.data.area.name ?? schoolId) : t('followup.title');
  useDocumentTitle(name);
  if (profile.status === 'error' && profile.error.status === 404) return <NotFoundPage />;
  if (profile.status === 'error' && profile.error.status === 400) return <BadSelection />;
  if (profile.status === 'error') return <ErrorMessage error={profile.error} onRetry={profile.reload} />;
  if (meta.status === 'error') return <ErrorMessage error={meta.error} onRetry={meta.reload} />;
  if (profile.status === 'loading' || meta.status === 'loading' || !meta.instrument) return <Loading />;
  const p = profile.data;
  const ins = meta.instrument;
  const municipality = ins.municipalities.find((m) => m.code === p.area.municipalityCode);
  return (
    <>
      {municipality ? (
        <p className="breadcrumb">
          <Link to={followupPaths.municipality(municipality.code) + queryString({ wave: p.year, grade: p.grade })}>
            {t('followup.indicator.back', { area: municipality.name })}
          </Link>
        </p>
      ) : null}
      <PageHeading>{name}</PageHeading>
      <p className="lead">{t('followup.school.lead', { grade: gradeLabel(t, p.grade).toLowerCase(), year: p.year })}</p>
      <FollowupNav current="overview" filters={{ wave: p.year, grade: p.grade }} />
      <FilterForm
        key={`${p.year}|${p.grade}`}
        ins={ins}
        value={{ wave: p.year, grade: p.grade, school: schoolId }}
        fields={{ area: 'all', grades: p.grades.length > 0 ? p.grades : null }}
        onApply={(next) => apply(areaPath(next), { wave: next.wave, grade: next.grade })}
      />
      {p.grades.length > 1 ? (
        <p className="small">
          {t('followup.school.grades', { grades: p.grades.map((g) => gradeLabel(t, g).toLowerCase()).join(', ') })}
        </p>
      ) : null}
      <AboutNumbers ins={ins} />
      <ResponseRateNote rate={p.responseRate} grade={p.grade} year={p.year} />
      <ProfileSection profile={p} />
      <h2 className="fu-section-heading">{t('followup.school.wheelHeading')}</h2>
      {overview.status === 'ok' && overview.data ? (
        <OverviewTables overview={overview.data} />
      ) : overview.status === 'error' ? (
        <ErrorMessage error={overview.error} onRetry={overview.reload} />
      ) : (
        <Loading />
      )}
    </>
  );
}

function ProfileSection({ profile: p }: { profile: Profile }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="fu-profile-h">
      <h2 id="fu-profile-h">{t('followup.school.profileHeading')}</h2>
      <p>{t('followup.school.profileExplain')}</p>
      <FamilyNote family={p.family} />
      <ProfileTable
        id="strengths"
        caption={t('followup.school.strengths')}
        entries={p.strengths}
        empty={t('followup.school.noStrengths')}
      />
      <ProfileTable
        id="challenges"
        caption={t('followup.school.challenges')}
        entries={p.challenges}
        empty={t('followup.school.noChallenges')}
      />
      {p.notCompared.length > 0 ? (
        <>
          <h3>{t('followup.school.notCompared')}</h3>
          <ul className="plain-list fu-not-compared">
            {p.notCompared.map((e) => (
              <NotCompared key={e.indicator.key} entry={e} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function NotCompared({ entry: e }: { entry: Profile['notCompared'][number] }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      {indicatorLabel(e.indicator, i18n.resolvedLanguage)}: {assessmentText(t, e.vsCounty)}
    </li>
  );
}

function ProfileTable({
  id,
  caption,
  entries,
  empty,
}: {
  id: string;
  caption: string;
  entries: Profile['strengths'];
  empty: string;
}) {
  const { t, i18n } = useTranslation();
  const num = useNumbers();
  if (entries.length === 0) {
    return (
      <>
        <h3>{caption}</h3>
        <p className="muted">{empty}</p>
      </>
    );
  }
  return (
    <div className="table-scroll" role="region" aria-labelledby={`fu-${id}-caption`} tabIndex={0}>
      <table className="data-table fu-table">
        <caption id={`fu-${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('followup.columns.rank')}</th>
            <th scope="col">{t('followup.columns.indicator')}</th>
            <th scope="col">{t('followup.columns.wheel')}</th>
            <th scope="col">{t('followup.columns.school')}</th>
            <th scope="col">{t('followup.columns.county')}</th>
            <th scope="col">{t('followup.columns.difference')}</th>
            <th scope="col">{t('followup.columns.assessment')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={e.indicator.key}>
              <td>{i + 1}</td>
              <th scope="row">
                {indicatorLabel(e.indicator, i18n.resolvedLanguage)}
                {e.indicator.polarity === 'lower_is_better' ? (
                  <span className="small muted"> {t('followup.lowerIsBetter')}</span>
                ) : null}
              </th>
              <td>{indicatorName(t, e.indicator.wheel)}</td>
              <td className="nowrap">
                {e.cell?.share != null ? num.pct(e.cell.share) : '–'}
                {e.cell?.ciLow != null && e.cell.ciHigh != null ? (
                  <span className="small muted"> ({num.range(e.cell.ciLow, e.cell.ciHigh)})</span>
                ) : null}
              </td>
              <td className="nowrap">{e.county?.share != null ? num.pct(e.county.share) : '–'}</td>
              <td className="nowrap">{num.points(e.vsCounty)}</td>
              <td>
                <span className={`fu-assessment ${assessmentClass(e.vsCounty)}`}>{assessmentText(t, e.vsCounty)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
