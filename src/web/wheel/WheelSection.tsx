import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { Link, paths } from '../router.js';
import { wheelApi } from './wheel-api.js';
import { latestPerPerspective } from '../../ui/wheel/latest.js';
import { LatestTable } from './WheelTables.js';

/** "Välbefinnandehjulet" on the child's overview: the latest rating from each perspective. */
export function WheelSection({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const list = useLoad(`wheel-list:${childId}`, () => wheelApi.list(childId));
  return (
    <section aria-labelledby="wheel-heading" className="panel wheel-section">
      <h2 id="wheel-heading">{t('wheel.section.heading')}</h2>
      <p className="muted">{t('wheel.section.intro')}</p>
      <LoadStatus load={list} />
      {list.status === 'ok' ? (
        list.data.assessments.length === 0 ? (
          <p>{t('wheel.section.none')}</p>
        ) : (
          <LatestTable
            id="wheel-latest"
            caption={t('wheel.section.latestCaption')}
            rows={latestPerPerspective(list.data.assessments)}
          />
        )
      ) : null}
      <p className="action-row">
        <Link to={paths.wheel(childId)}>{t('wheel.section.open')}</Link>
        <Link to={paths.wheelNew(childId)} className="button button-secondary">
          {t('wheel.section.new')}
        </Link>
      </p>
    </section>
  );
}
