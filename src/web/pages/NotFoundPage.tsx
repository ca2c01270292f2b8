import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../hooks.js';
import { Link, PageHeading, paths } from '../router.js';

/** One page for "no such page", "no such child" and "no access": the three must look the same. */
export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p className="lead">{t('notFound.text')}</p>
      <p>{t('notFound.hint')}</p>
      <p>
        <Link to={paths.myChildren}>{t('common.backToMyChildren')}</Link>
      </p>
    </>
  );
}

export function NoAssignmentPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('assignment.noneTitle'));
  return (
    <>
      <PageHeading>{t('assignment.noneTitle')}</PageHeading>
      <p className="lead">{t('assignment.none')}</p>
    </>
  );
}
