import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, paths } from '../router.js';
import { concernApi, type Concern } from './api.js';
import { ConcernStatus } from './ConcernPage.js';
import { useTimestamp } from '../components/time.js';

const EXCERPT = 120;

/** "Oro och beslut" on the child overview: every concern with its status, deadline and decision. */
export function ConcernsSection({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const concerns = useLoad(`concerns:${childId}`, () => concernApi.list(childId));
  return (
    <section aria-labelledby="concerns-heading" className="panel">
      <div className="section-head">
        <h2 id="concerns-heading">{t('concern.sectionHeading')}</h2>
        <Link to={paths.newConcern(childId)} className="button button-primary">
          {t('concern.new')}
        </Link>
      </div>
      <LoadStatus load={concerns} />
      {concerns.status === 'ok' ? (
        concerns.data.concerns.length === 0 ? (
          <p>{t('concern.none')}</p>
        ) : (
          <ConcernTable childId={childId} concerns={concerns.data.concerns} />
        )
      ) : null}
    </section>
  );
}

function ConcernTable({ childId, concerns }: { childId: string; concerns: Concern[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  return (
    <div className="table-scroll" role="region" aria-labelledby="concerns-caption" tabIndex={0}>
      <table className="data-table concern-table">
        <caption id="concerns-caption">{t('concern.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('concern.columns.raised')}</th>
            <th scope="col">{t('concern.columns.observation')}</th>
            <th scope="col">{t('concern.columns.indicators')}</th>
            <th scope="col">{t('concern.columns.status')}</th>
            <th scope="col">{t('concern.columns.due')}</th>
            <th scope="col">{t('concern.columns.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {concerns.map((c) => (
            <tr key={c.id} className={c.overdue ? 'row-overdue' : undefined}>
              <td className="nowrap-md">{f.date(time.day(c.createdAt))}</td>
              <th scope="row">
                <Link to={paths.concern(childId, c.id)}>
                  {c.observation.length > EXCERPT ? `${c.observation.slice(0, EXCERPT).trimEnd()} …` : c.observation}
                </Link>
                <span className="muted small block">{c.createdBy.name}</span>
                {c.secretFromGuardians ? (
                  <span className="guardian-secret-marker">{t('guardianSecret.marker')}</span>
                ) : null}
              </th>
              <td>{c.indicators.map((i) => t(`wheel.indicators.${i}.name`)).join(', ')}</td>
              <td>
                <ConcernStatus concern={c} />
              </td>
              <td className="nowrap-md">{f.date(c.decisionDue)}</td>
              <td>
                {c.decision ? (
                  t(`concern.decisionCode.${c.decision.code}`)
                ) : (
                  <span className="muted">{t('concern.noDecision')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
