import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../api.js';
import { PageHeading } from '../router.js';
import { ANALYST_ROLES } from './roles.js';

/** The analyst pages say plainly who they are for, instead of a page of 403s. */
export function AnalystOnly({ session, children }: { session: SessionInfo; children: ReactNode }) {
  const { t } = useTranslation();
  if (ANALYST_ROLES.has(session.assignment?.role ?? '')) return <>{children}</>;
  return (
    <>
      <PageHeading>{t('followupAdmin.notForYouTitle')}</PageHeading>
      <p className="notice notice-warning">{t('followupAdmin.notForYou')}</p>
    </>
  );
}
