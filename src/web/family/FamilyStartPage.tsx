import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading } from '../router.js';
import { familyApi, familyPaths } from './api.js';

/** The family's start: the children they may see (a guardian's in custody; a child's own). */
export function FamilyStartPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('family.startTitle'));
  const children = useLoad('family-children', familyApi.children);
  const list = children.status === 'ok' ? children.data.children : [];
  const self = list.length > 0 && list.every((c) => c.self);
  return (
    <>
      <PageHeading>{t('family.startTitle')}</PageHeading>
      <LoadStatus load={children} />
      {children.status === 'ok' && list.length === 0 ? <p className="family-lead">{t('family.noChildren')}</p> : null}
      {list.length > 0 ? (
        <>
          <p className="family-lead">{t(self ? 'family.startIntroChild' : 'family.startIntroGuardian')}</p>
          <ul className="card-list family-children">
            {list.map((c) => (
              <li key={c.id} className="card family-child-card">
                <Link to={familyPaths.child(c.id)} className="card-title">
                  {c.self ? t('family.childTitleSelf') : c.givenName}
                </Link>
                {c.self ? null : <p className="card-meta">{t('family.childAge', { count: c.age })}</p>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
