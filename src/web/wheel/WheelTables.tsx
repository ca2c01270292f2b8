import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareRatings, WHEEL_INDICATORS, type WheelRatings } from '../../core/wheel.js';
import { useFormat } from '../i18n.js';
import { indicatorName, perspectiveLabel, ratingText } from '../../ui/wheel/labels.js';
import type { PerspectiveSeries, WheelAssessmentSummary } from './wheel-api.js';

function IndicatorHeaders() {
  const { t } = useTranslation();
  return (
    <>
      {WHEEL_INDICATORS.map((i) => (
        <th key={i} scope="col">
          {indicatorName(t, i)}
        </th>
      ))}
    </>
  );
}

function RatingCells({ ratings }: { ratings: WheelRatings }) {
  const { t } = useTranslation();
  return (
    <>
      {WHEEL_INDICATORS.map((i) => (
        <td key={i} className={ratings[i] === null ? 'rating-cell rating-none' : 'rating-cell'}>
          {ratingText(t, ratings[i])}
        </td>
      ))}
    </>
  );
}

/** A scrollable table of ratings: a caption, the leading column headers, then one column per indicator. */
function RatingsTable({
  id,
  caption,
  leading,
  children,
}: {
  id: string;
  caption: ReactNode;
  leading: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="data-table wheel-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {leading}
            <IndicatorHeaders />
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Perspectives × indicators: the latest rating from each perspective, with its date. */
export function LatestTable({ id, caption, rows }: { id: string; caption: string; rows: WheelAssessmentSummary[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <RatingsTable
      id={id}
      caption={caption}
      leading={
        <>
          <th scope="col">{t('wheel.section.perspective')}</th>
          <th scope="col">{t('wheel.section.date')}</th>
        </>
      }
    >
      {rows.map((a) => (
        <tr key={a.perspective.key}>
          <th scope="row">{perspectiveLabel(t, a.perspective)}</th>
          <td className="nowrap">{f.date(a.assessedOn)}</td>
          <RatingCells ratings={a.ratings} />
        </tr>
      ))}
    </RatingsTable>
  );
}

/** Dates × indicators for one perspective: the same numbers as its chart. */
export function SeriesTable({ id, series }: { id: string; series: PerspectiveSeries }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <RatingsTable
      id={id}
      caption={t('wheel.table.caption', { perspective: perspectiveLabel(t, series.perspective) })}
      leading={<th scope="col">{t('wheel.table.date')}</th>}
    >
      {series.points.map((p) => (
        <tr key={p.assessmentId}>
          <th scope="row" className="nowrap">
            {f.date(p.assessedOn)}
          </th>
          <RatingCells ratings={p.ratings} />
        </tr>
      ))}
    </RatingsTable>
  );
}

/**
 * Earlier vs latest for one perspective, in words, per indicator (never a total). The earlier
 * assessment can be chosen; by default the first one.
 */
export function SeriesComparison({ series }: { series: PerspectiveSeries }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const points = series.points;
  const [fromId, setFromId] = useState(points[0]?.assessmentId ?? '');
  const headingId = `${id}-heading`;
  const label = perspectiveLabel(t, series.perspective);
  if (points.length < 2) {
    return (
      <div className="wheel-compare">
        <h4 id={headingId}>{t('wheel.compare.heading', { perspective: label })}</h4>
        <p className="muted">{t('wheel.compare.onlyOne')}</p>
      </div>
    );
  }
  const latest = points[points.length - 1]!;
  const earlier = points.slice(0, -1);
  const from = earlier.find((p) => p.assessmentId === fromId) ?? earlier[0]!;
  const changes = compareRatings(from.ratings, latest.ratings);
  const dateLabel = (p: (typeof points)[number]) => f.date(p.assessedOn);
  return (
    <div className="wheel-compare">
      <h4 id={headingId}>{t('wheel.compare.heading', { perspective: label })}</h4>
      {earlier.length > 1 ? (
        <div className="field compare-choose">
          <label htmlFor={`${id}-from`}>{t('wheel.compare.choose')}</label>
          <select id={`${id}-from`} value={from.assessmentId} onChange={(e) => setFromId(e.target.value)}>
            {earlier.map((p) => (
              <option key={p.assessmentId} value={p.assessmentId}>
                {dateLabel(p)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p aria-live="polite">{t('wheel.compare.summary', { from: dateLabel(from), to: dateLabel(latest) })}</p>
      <ul className="change-list">
        {changes.map((c) => {
          const vars = {
            indicator: indicatorName(t, c.indicator),
            from: ratingText(t, c.from),
            to: ratingText(t, c.to),
            delta: c.delta ?? 0,
          };
          const text =
            c.direction === 'better'
              ? t('wheel.compare.better', vars)
              : c.direction === 'worse'
                ? t('wheel.compare.worse', vars)
                : c.direction === 'same'
                  ? t('wheel.compare.same', vars)
                  : t('wheel.compare.notComparable', vars);
          return (
            <li key={c.indicator} className={`change change-${c.direction}`}>
              {text}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
