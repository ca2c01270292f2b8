import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../hooks.js';
import { Link, PageHeading } from '../router.js';
import { privacyPaths } from './paths.js';

/** A privacy form's page: back to the child's privacy page, the heading (also the document title), the form. */
export function PrivacyFormFrame({
  childId,
  title,
  children,
}: {
  childId: string;
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <article aria-labelledby="page-heading" className="privacy-page">
      <p className="breadcrumb">
        <Link to={privacyPaths.child(childId)}>{t('privacy.backToPrivacy')}</Link>
      </p>
      <PageHeading>{title}</PageHeading>
      {children}
    </article>
  );
}
