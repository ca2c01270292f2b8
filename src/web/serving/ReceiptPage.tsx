import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, PageHeading, paths } from '../router.js';
import { servingMemory } from './api.js';
import { servingPaths } from './paths.js';

/** The receipt: the concern went on to the one who decides; the child stays with its team. */
export function ReceiptPage({ concernId }: { concernId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  useDocumentTitle(t('servingConcern.receipt.title'));
  const kept = servingMemory.receipt(concernId);
  return (
    <article aria-labelledby="page-heading">
      <PageHeading>{t('servingConcern.receipt.title')}</PageHeading>
      {kept ? (
        <div className="panel">
          <p className="lead">
            {t('servingConcern.receipt.sent', {
              child: `${kept.child.givenName} ${kept.child.familyName}`,
              name: kept.receipt.recipient.name,
            })}
          </p>
          <dl className="facts">
            <dt>{t('servingConcern.receipt.recipient')}</dt>
            <dd>
              {kept.receipt.recipient.name}
              {kept.receipt.recipient.title ? `, ${kept.receipt.recipient.title}` : ''}
              {kept.receipt.recipient.unitName ? `, ${kept.receipt.recipient.unitName}` : ''}
            </dd>
            <dt>{t('servingConcern.receipt.why')}</dt>
            <dd>{t(`servingConcern.receipt.reason.${kept.receipt.recipientReason}`)}</dd>
            <dt>{t('servingConcern.receipt.due')}</dt>
            <dd>{f.date(kept.receipt.decisionDue)}</dd>
          </dl>
          {kept.receipt.recipientJoinedTeam ? <p>{t('servingConcern.receipt.joined')}</p> : null}
          <p>{t('servingConcern.receipt.after')}</p>
        </div>
      ) : (
        <p>{t('servingConcern.receipt.gone')}</p>
      )}
      <p className="button-row">
        <Link to={servingPaths.find} className="button button-secondary">
          {t('servingConcern.receipt.another')}
        </Link>
        <Link to={paths.myChildren} className="button button-secondary">
          {t('header.myChildren')}
        </Link>
      </p>
    </article>
  );
}
