import { useTranslation } from 'react-i18next';
import { api, type ChildSummary, type SessionInfo } from '../api.js';
import { ChildSearch } from '../components/ChildSearch.js';
import { LoadStatus } from '../components/Status.js';
import { SupportLevel } from '../components/SupportLevel.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { roleKind } from '../labels.js';
import { Link, PageHeading, paths } from '../router.js';

export function MyChildrenPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('myChildren.title'));
  const kind = roleKind(session.assignment?.role ?? '');
  // The list follows the assignment: switching assignment loads it again.
  const children = useLoad(`children:${session.assignment?.id ?? ''}`, api.myChildren);

  return (
    <>
      <PageHeading>{t('myChildren.title')}</PageHeading>
      <LoadStatus load={children} />
      {children.status === 'ok' ? <ChildTable rows={children.data.children} roleKind={kind} /> : null}
      {kind === 'case' ? <ChildSearch /> : null}
    </>
  );
}

function ChildTable({ rows, roleKind: kind }: { rows: ChildSummary[]; roleKind: ReturnType<typeof roleKind> }) {
  const { t } = useTranslation();
  if (rows.length === 0) {
    return (
      <div className="empty-state">
        {kind === 'admin' ? <p>{t('myChildren.adminRole')}</p> : null}
        {kind === 'population' ? <p>{t('myChildren.populationRole')}</p> : null}
        {kind === 'case' ? (
          <>
            <p>{t('myChildren.empty')}</p>
            <p className="muted">{t('myChildren.emptyHelp')}</p>
          </>
        ) : null}
      </div>
    );
  }
  return (
    // A focusable, labelled scroll region: at 320 px the table scrolls sideways, also by keyboard.
    <div className="table-scroll" role="region" aria-labelledby="children-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="children-caption">{t('myChildren.caption', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('myChildren.columns.name')}</th>
            <th scope="col">{t('myChildren.columns.age')}</th>
            <th scope="col">{t('myChildren.columns.municipality')}</th>
            <th scope="col">{t('myChildren.columns.level')}</th>
            <th scope="col">{t('myChildren.columns.coordinator')}</th>
            <th scope="col">{t('myChildren.columns.myRole')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={paths.child(c.id)}>
                  {c.givenName} {c.familyName}
                </Link>
              </th>
              <td>{t('age', { count: c.ageYears })}</td>
              <td>{c.municipalityName ?? ''}</td>
              <td>
                <SupportLevel level={c.supportLevel} />
              </td>
              <td>
                {c.coordinator ? c.coordinator.name : <span className="muted">{t('myChildren.noCoordinator')}</span>}
              </td>
              <td>{c.myTeamRole ? t(`teamRole.${c.myTeamRole}`) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
