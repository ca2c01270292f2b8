import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, PageHeading, paths } from '../router.js';
import { consultationApi, type ConsultationCase } from './api.js';
import { useTimestamp } from '../components/time.js';

/** "Konsultation": anonymous cases I brought, and my consultation teams' cases. */
export function ConsultationListPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('consultation.title'));
  const cases = useLoad('consultation:list', consultationApi.list);
  return (
    <>
      <PageHeading>{t('consultation.title')}</PageHeading>
      <p className="lead">{t('consultation.intro')}</p>
      <p>
        <Link to={paths.consultationNew} className="button button-primary">
          {t('consultation.new')}
        </Link>
      </p>
      <LoadStatus load={cases} />
      {cases.status === 'ok' ? (
        <>
          <CaseTable
            id="my-cases"
            caption={t('consultation.list.mine')}
            tableCaption={t('consultation.list.mineCaption')}
            cases={cases.data.cases.filter((c) => c.viewer.isAuthor)}
            empty={t('consultation.list.noneMine')}
          />
          {cases.data.cases.some((c) => c.viewer.isTeamMember) ? (
            <CaseTable
              id="team-cases"
              caption={t('consultation.list.team')}
              tableCaption={t('consultation.list.teamCaption')}
              cases={cases.data.cases.filter((c) => c.viewer.isTeamMember && !c.viewer.isAuthor)}
              empty={t('consultation.list.noneTeam')}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

export function CaseStatus({ c }: { c: ConsultationCase }) {
  const { t } = useTranslation();
  return (
    <span className={`status ${c.status === 'awaiting_advice' ? 'status-open' : 'status-decided'}`}>
      {t(`consultation.status.${c.status}`)}
    </span>
  );
}

function CaseTable({
  id,
  caption,
  tableCaption,
  cases,
  empty,
}: {
  id: string;
  caption: string;
  tableCaption: string;
  cases: ConsultationCase[];
  empty: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{caption}</h2>
      {cases.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="data-table">
            <caption id={`${id}-caption`} className="visually-hidden">
              {tableCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('consultation.list.created')}</th>
                <th scope="col">{t('consultation.list.case')}</th>
                <th scope="col">{t('consultation.list.teamColumn')}</th>
                <th scope="col">{t('consultation.list.status')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id}>
                  <td className="nowrap-md">{f.date(time.day(c.createdAt))}</td>
                  <th scope="row">
                    <Link to={paths.consultationCase(c.id)}>
                      {t(`consultation.ageBand.${c.ageBand}`)}, {t(`consultation.schoolStage.${c.schoolStage}`)},{' '}
                      {c.municipality.name ?? c.municipality.code}
                    </Link>
                  </th>
                  <td>{c.team.name}</td>
                  <td>
                    <CaseStatus c={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
