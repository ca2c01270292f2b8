/**
 * An accessible radar chart of the wellbeing wheel, drawn by hand as SVG (no chart library; no
 * inline styles, which the CSP forbids — SVG presentation attributes are fine).
 *
 * - `role="img"` with a <title> and a <desc> that say in words what the chart shows; the same
 *   numbers are always in a table next to it.
 * - One line per series (a date, or a perspective), told apart by dash pattern and marker shape,
 *   not by colour alone.
 * - Rings 1–5, labelled. An indicator that was not assessed is a gap: a line joins two neighbouring
 *   indicators only when both are rated (ratedRuns). Nothing is interpolated, nothing is totalled.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ratedRuns, WHEEL_INDICATORS, WHEEL_RATINGS, type WheelRatings } from '../../core/wheel.js';
import { indicatorName, ratingText } from './labels.js';

export interface RadarSeries {
  key: string;
  label: string;
  ratings: WheelRatings;
}

type Marker = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangleDown' | 'plus';

/** Dark colours (≥ 3:1 on white), each with its own dash pattern and marker. */
export const SERIES_STYLES: readonly { color: string; dash: string | undefined; marker: Marker }[] = [
  { color: '#0f5c73', dash: undefined, marker: 'circle' },
  { color: '#8a2c1b', dash: '9 5', marker: 'square' },
  { color: '#5b3a8c', dash: '2 4', marker: 'triangle' },
  { color: '#6b4e00', dash: '12 4 3 4', marker: 'diamond' },
  { color: '#1e5a3c', dash: '16 6', marker: 'triangleDown' },
  { color: '#3d4a54', dash: '4 3 1 3', marker: 'plus' },
];

const W = 660;
const H = 430;
const CX = W / 2;
const CY = 212;
const R = 140;

/** Where a value sits on an indicator's axis (fractional indexes lie between two axes). */
function point(indicatorIndex: number, value: number): [number, number] {
  const angle = -Math.PI / 2 + (indicatorIndex * 2 * Math.PI) / WHEEL_INDICATORS.length;
  const r = (R * value) / 5;
  return [CX + r * Math.cos(angle), CY + r * Math.sin(angle)];
}

/** Which style a series gets: with `latestSolid`, the last series (the newest) gets the solid line. */
function styleOf(k: number, n: number, latestSolid: boolean) {
  return SERIES_STYLES[(latestSolid ? n - 1 - k : k) % SERIES_STYLES.length]!;
}

const fmt = (n: number) => n.toFixed(1);

export function MarkerShape({
  marker,
  x,
  y,
  color,
  size = 5,
}: {
  marker: Marker;
  x: number;
  y: number;
  color: string;
  size?: number;
}) {
  const s = size;
  switch (marker) {
    case 'circle':
      return <circle cx={fmt(x)} cy={fmt(y)} r={s} fill={color} />;
    case 'square':
      return <rect x={fmt(x - s)} y={fmt(y - s)} width={2 * s} height={2 * s} fill={color} />;
    case 'triangle':
      return (
        <polygon
          points={`${fmt(x)},${fmt(y - s * 1.2)} ${fmt(x + s * 1.1)},${fmt(y + s * 0.8)} ${fmt(x - s * 1.1)},${fmt(y + s * 0.8)}`}
          fill={color}
        />
      );
    case 'triangleDown':
      return (
        <polygon
          points={`${fmt(x)},${fmt(y + s * 1.2)} ${fmt(x + s * 1.1)},${fmt(y - s * 0.8)} ${fmt(x - s * 1.1)},${fmt(y - s * 0.8)}`}
          fill="#ffffff"
          stroke={color}
          strokeWidth="2"
        />
      );
    case 'diamond':
      return (
        <polygon
          points={`${fmt(x)},${fmt(y - s * 1.3)} ${fmt(x + s * 1.3)},${fmt(y)} ${fmt(x)},${fmt(y + s * 1.3)} ${fmt(x - s * 1.3)},${fmt(y)}`}
          fill={color}
        />
      );
    case 'plus':
      return (
        <path
          d={`M${fmt(x - s)} ${fmt(y)}H${fmt(x + s)}M${fmt(x)} ${fmt(y - s)}V${fmt(y + s)}`}
          stroke={color}
          strokeWidth="3"
        />
      );
  }
}

/** Rings 1–5 (labelled) and the eight axes. */
function RadarGrid({ t }: { t: TFunction }) {
  return (
    <g className="radar-grid">
      {WHEEL_RATINGS.map((v) => (
        <polygon
          key={v}
          points={WHEEL_INDICATORS.map((_, i) => point(i, v).map(fmt).join(',')).join(' ')}
          fill="none"
          stroke="#b9c4cc"
          strokeWidth={v === 5 ? 1.5 : 1}
        />
      ))}
      {WHEEL_INDICATORS.map((_, i) => {
        const [x, y] = point(i, 5);
        return <line key={i} x1={CX} y1={CY} x2={fmt(x)} y2={fmt(y)} stroke="#b9c4cc" strokeWidth="1" />;
      })}
      {WHEEL_RATINGS.map((v) => {
        // Between the first two axes, where no data point is ever drawn.
        const [x, y] = point(0.5, v * Math.cos(Math.PI / WHEEL_INDICATORS.length));
        return (
          <text
            key={v}
            x={fmt(x)}
            y={fmt(y + 4)}
            textAnchor="middle"
            className="radar-ring-label"
            fill="#4a5a66"
            stroke="#ffffff"
            strokeWidth="4"
            paintOrder="stroke"
          >
            {t('wheel.chart.ring', { value: v })}
          </text>
        );
      })}
    </g>
  );
}

/** Indicator names around the wheel. */
function AxisLabels({ t }: { t: TFunction }) {
  return (
    <g className="radar-axis-labels">
      {WHEEL_INDICATORS.map((indicator, i) => {
        const [x, y] = point(i, 5.75);
        const anchor = Math.abs(x - CX) < 2 ? 'middle' : x > CX ? 'start' : 'end';
        const dy = y < CY - R * 0.9 ? -2 : y > CY + R * 0.9 ? 12 : 5;
        return (
          <text
            key={indicator}
            x={fmt(x)}
            y={fmt(y + dy)}
            textAnchor={anchor}
            className="radar-axis-label"
            fill="#1b2730"
          >
            {indicatorName(t, indicator)}
          </text>
        );
      })}
    </g>
  );
}

/** One series as a line (gaps where an indicator was not assessed) with a marker per rating. */
function SeriesLine({ s, style }: { s: RadarSeries; style: (typeof SERIES_STYLES)[number] }) {
  const { runs, closed } = ratedRuns(s.ratings);
  const pts = (run: number[]) =>
    run.map((i) => point(i, s.ratings[WHEEL_INDICATORS[i]!]!).map(fmt).join(',')).join(' ');
  return (
    <g className="radar-series">
      {closed ? (
        <polygon
          points={pts(runs[0]!)}
          fill={style.color}
          fillOpacity="0.06"
          stroke={style.color}
          strokeWidth="2.5"
          strokeDasharray={style.dash}
          strokeLinejoin="round"
        />
      ) : (
        runs
          .filter((run) => run.length > 1)
          .map((run) => (
            <polyline
              key={run.join('-')}
              points={pts(run)}
              fill="none"
              stroke={style.color}
              strokeWidth="2.5"
              strokeDasharray={style.dash}
              strokeLinejoin="round"
            />
          ))
      )}
      {WHEEL_INDICATORS.map((indicator, i) => {
        const v = s.ratings[indicator];
        if (v === null) return null;
        const [x, y] = point(i, v);
        return <MarkerShape key={indicator} marker={style.marker} x={x} y={y} color={style.color} />;
      })}
    </g>
  );
}

/** Which line is which: a swatch with the series' dash pattern and marker, and its label. */
function Legend({ t, series, latestSolid }: { t: TFunction; series: RadarSeries[]; latestSolid: boolean }) {
  return (
    <div className="radar-legend">
      <p className="radar-legend-title">{t('wheel.chart.legend')}</p>
      <ul>
        {series.map((s, k) => {
          const style = styleOf(k, series.length, latestSolid);
          return (
            <li key={s.key}>
              <svg
                className="radar-swatch"
                viewBox="0 0 48 16"
                width="48"
                height="16"
                aria-hidden="true"
                focusable="false"
              >
                <line
                  x1="2"
                  y1="8"
                  x2="46"
                  y2="8"
                  stroke={style.color}
                  strokeWidth="2.5"
                  strokeDasharray={style.dash}
                />
                <MarkerShape marker={style.marker} x={24} y={8} color={style.color} size={4.5} />
              </svg>
              <span>{s.label}</span>
            </li>
          );
        })}
      </ul>
      <p className="radar-legend-note">{t('wheel.chart.gapNote')}</p>
    </div>
  );
}

export function RadarChart({
  id,
  title,
  series,
  hiddenCount = 0,
  latestSolid = false,
}: {
  id: string;
  title: string;
  series: RadarSeries[];
  hiddenCount?: number;
  latestSolid?: boolean;
}) {
  const { t } = useTranslation();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const summary = [
    t('wheel.chart.summaryIntro'),
    ...series.map((s) =>
      t('wheel.chart.summarySeries', {
        label: s.label,
        values: WHEEL_INDICATORS.map((i) => `${indicatorName(t, i)} ${ratingText(t, s.ratings[i])}`).join(', '),
      }),
    ),
    hiddenCount > 0 ? t('wheel.chart.summaryHidden', { count: series.length }) : '',
    t('wheel.chart.gapNote'),
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="radar">
      <svg
        className="radar-svg"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        focusable="false"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{summary}</desc>
        <RadarGrid t={t} />
        <AxisLabels t={t} />
        {series.map((s, k) => (
          <SeriesLine key={s.key} s={s} style={styleOf(k, series.length, latestSolid)} />
        ))}
      </svg>
      <Legend t={t} series={series} latestSolid={latestSolid} />
    </div>
  );
}
