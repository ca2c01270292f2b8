import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { ExtractView } from '../logreview/LogExtractPage.js';
import { Link, PageHeading } from '../router.js';
import { familyApi, familyPaths } from './api.js';

/** The family's own log extract: who (role and unit, never a name) read or wrote the child's data; printable. */
export function FamilyLogPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('logExtract.title'));
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const extract = useLoad(`family-log:${childId}:${period.from ?? ''}:${period.to ?? ''}`, () =>
    familyApi.accessLog(childId, period),
  );
  return (
    <article aria-labelledby="page-heading" className="log-extract">
      <p className="breadcrumb no-print">
        <Link to={familyPaths.child(childId)}>{t('family.backToChild')}</Link>
      </p>
      <PageHeading>{t('logExtract.title')}</PageHeading>
      <LoadStatus load={extract} />
      {extract.status === 'ok' ? <ExtractView e={extract.data} onPeriod={setPeriod} /> : null}
    </article>
  );
}
