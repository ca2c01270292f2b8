/**
 * Hand-made SVG charts for the follow-up (no chart library; no inline styles — the CSP forbids
 * them, SVG presentation attributes are fine). Every chart is `role="img"` with a <title> and a
 * <desc> that says every value in words, and the page shows the same numbers in a table.
 *
 * Honesty rules: bars start at 0 on a 0–100 % axis; the 95 % CI is drawn as a whisker; a hidden
 * (suppressed) cell is drawn as the words "visas inte (för få svar)", never as a bar and never
 * interpolated; a trend line never joins across a hidden wave or a series break (the question
 * changed), and a break is marked where it happens.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cell, TrendPoint } from './followup-api.js';
import { useNumbers } from './format.js';
import { hiddenText } from './labels.js';
import { trendSegments } from '../../core/followup/trend-segments.js';

const f1 = (n: number) => n.toFixed(1);

/** Runs a line may join: consecutive shown waves with no series break between them. */
export const segments = trendSegments;

/** The trend in words, for a text alternative: "2018: 23 %, 2021: visas inte (för få svar), …". */
export function useTrendText() {
  const { t } = useTranslation();
  const num = useNumbers();
  return (points: readonly TrendPoint[]) =>
    points
      .map((p) => {
        const value = p.status === 'ok' && p.share !== null ? num.pct(p.share) : hiddenText(t, p.status);
        return `${p.seriesBreak ? `${t('followup.trend.breakBefore', { year: p.year })} ` : ''}${p.year}: ${value}`;
      })
      .join(', ');
}

/** A small trend line for a table cell. */
export function Sparkline({ points, label }: { points: readonly TrendPoint[]; label: string }) {
  const text = useTrendText();
  const W = 112;
  const H = 34;
  const pad = 5;
  const shown = points.filter((p) => p.status === 'ok' && p.share !== null).map((p) => p.share!);
  const lo = shown.length ? Math.min(...shown) : 0;
  const hi = shown.length ? Math.max(...shown) : 1;
  const span = Math.max(hi - lo, 0.1);
  const mid = (lo + hi) / 2;
  const x = (i: number) => pad + (points.length <= 1 ? (W - 2 * pad) / 2 : (i * (W - 2 * pad)) / (points.length - 1));
  const y = (v: number) => H / 2 - ((v - mid) / span) * (H - 2 * pad);
  return (
    <svg
      className="fu-sparkline"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={`${label}: ${text(points)}`}
      focusable="false"
    >
      <line x1={pad} x2={W - pad} y1={H - 1} y2={H - 1} stroke="#b9c4cc" strokeWidth="1" />
      {points.map((p, i) =>
        p.seriesBreak && i > 0 ? (
          <line
            key={`b${p.year}`}
            x1={f1((x(i - 1) + x(i)) / 2)}
            x2={f1((x(i - 1) + x(i)) / 2)}
            y1="2"
            y2={H - 2}
            stroke="#6b4e00"
            strokeWidth="1.5"
            strokeDasharray="3 2"
          />
        ) : null,
      )}
      <TrendRuns points={points} x={x} y={y} strokeWidth="2" />
      {points.map((p, i) =>
        p.status === 'ok' && p.share !== null ? (
          <circle
            key={p.year}
            cx={f1(x(i))}
            cy={f1(y(p.share))}
            r={i === points.length - 1 ? 3.5 : 2.5}
            fill="#0f5c73"
          />
        ) : (
          <text key={p.year} x={f1(x(i))} y={f1(H / 2 + 4)} textAnchor="middle" className="fu-spark-gap" fill="#4a5a66">
            ×
          </text>
        ),
      )}
    </svg>
  );
}

/** The lines of a trend: one per comparable run of two or more shown waves. */
function TrendRuns({
  points,
  x,
  y,
  strokeWidth,
}: {
  points: readonly TrendPoint[];
  x: (i: number) => number;
  y: (v: number) => number;
  strokeWidth: string;
}) {
  return (
    <>
      {segments(points)
        .filter((run) => run.length > 1)
        .map((run) => (
          <polyline
            key={run.join('-')}
            points={run.map((i) => `${f1(x(i))},${f1(y(points[i]!.share!))}`).join(' ')}
            fill="none"
            stroke="#0f5c73"
            strokeWidth={strokeWidth}
          />
        ))}
    </>
  );
}

/** A chart's SVG: an image named by its title and described by its desc (every value in words). */
function ChartSvg({
  className,
  width,
  height,
  title,
  desc,
  children,
}: {
  className: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <svg
      className={className}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      focusable="false"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {children}
    </svg>
  );
}

export interface BarRow {
  key: string;
  label: string;
  cell: Pick<Cell, 'share' | 'ciLow' | 'ciHigh' | 'status' | 'n'>;
}

/** Horizontal bars with CI whiskers and a reference line (e.g. the county). */
export function BarChart({
  title,
  rows,
  reference,
}: {
  title: string;
  rows: readonly BarRow[];
  reference: { label: string; share: number } | null;
}) {
  const { t } = useTranslation();
  const num = useNumbers();
  const labelW = 210;
  const plotW = 360;
  const valueW = 190;
  const rowH = 34;
  const top = 34;
  const W = labelW + plotW + valueW;
  const H = top + rows.length * rowH + 28;
  const x = (v: number) => labelW + v * plotW;
  const desc = [
    ...rows.map((r) =>
      r.cell.status === 'ok' && r.cell.share !== null
        ? t('followup.chart.barValue', {
            label: r.label,
            value: num.pct(r.cell.share),
            range: num.range(r.cell.ciLow!, r.cell.ciHigh!),
          })
        : `${r.label}: ${t('followup.status.hidden')}`,
    ),
    reference ? t('followup.chart.reference', { label: reference.label, value: num.pct(reference.share) }) : '',
  ]
    .filter(Boolean)
    .join('. ');
  return (
    <ChartSvg className="fu-chart" width={W} height={H} title={title} desc={desc}>
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
        <g key={v}>
          <line x1={f1(x(v))} x2={f1(x(v))} y1={top - 6} y2={H - 24} stroke="#d3dbe0" strokeWidth="1" />
          <text x={f1(x(v))} y={H - 8} textAnchor="middle" className="fu-axis" fill="#4a5a66">
            {num.pct(v)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const cy = top + i * rowH + rowH / 2;
        const c = r.cell;
        return (
          <g key={r.key}>
            <text x={labelW - 10} y={f1(cy + 5)} textAnchor="end" className="fu-bar-label" fill="#1b2730">
              {r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}
            </text>
            {c.status === 'ok' && c.share !== null ? (
              <>
                <rect x={labelW} y={f1(cy - 9)} width={f1(c.share * plotW)} height="18" fill="#8fbccb" />
                <line
                  x1={f1(x(c.ciLow!))}
                  x2={f1(x(c.ciHigh!))}
                  y1={f1(cy)}
                  y2={f1(cy)}
                  stroke="#1b2730"
                  strokeWidth="2"
                />
                <line
                  x1={f1(x(c.ciLow!))}
                  x2={f1(x(c.ciLow!))}
                  y1={f1(cy - 7)}
                  y2={f1(cy + 7)}
                  stroke="#1b2730"
                  strokeWidth="2"
                />
                <line
                  x1={f1(x(c.ciHigh!))}
                  x2={f1(x(c.ciHigh!))}
                  y1={f1(cy - 7)}
                  y2={f1(cy + 7)}
                  stroke="#1b2730"
                  strokeWidth="2"
                />
                <text x={labelW + plotW + 10} y={f1(cy + 5)} className="fu-bar-value" fill="#1b2730">
                  {num.pct(c.share)} ({num.range(c.ciLow!, c.ciHigh!)})
                </text>
              </>
            ) : (
              <text x={labelW + 6} y={f1(cy + 5)} className="fu-bar-hidden" fill="#4a5a66">
                {t('followup.status.hidden')}
              </text>
            )}
          </g>
        );
      })}
      {reference ? (
        <g>
          <line
            x1={f1(x(reference.share))}
            x2={f1(x(reference.share))}
            y1={top - 8}
            y2={H - 24}
            stroke="#8a2c1b"
            strokeWidth="2"
            strokeDasharray="6 4"
          />
          <text x={f1(x(reference.share))} y={top - 14} textAnchor="middle" className="fu-ref-label" fill="#8a2c1b">
            {reference.label} {num.pct(reference.share)}
          </text>
        </g>
      ) : null}
    </ChartSvg>
  );
}

/** One series across waves: the share with its CI whisker per wave, lines only within comparable runs. */
export function TrendChart({ title, points }: { title: string; points: readonly TrendPoint[] }) {
  const { t } = useTranslation();
  const text = useTrendText();
  const num = useNumbers();
  const W = 560;
  const H = 240;
  const left = 56;
  const right = 56;
  const top = 28;
  const bottom = 40;
  const plotH = H - top - bottom;
  const x = (i: number) =>
    left + (points.length <= 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (points.length - 1));
  const y = (v: number) => top + (1 - v) * plotH;
  return (
    <ChartSvg className="fu-chart fu-trend" width={W} height={H} title={title} desc={text(points)}>
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
        <g key={v}>
          <line x1={left} x2={W - right} y1={f1(y(v))} y2={f1(y(v))} stroke="#d3dbe0" strokeWidth="1" />
          <text x={left - 8} y={f1(y(v) + 5)} textAnchor="end" className="fu-axis" fill="#4a5a66">
            {num.pct(v)}
          </text>
        </g>
      ))}
      {points.map((p, i) => (
        <text key={p.year} x={f1(x(i))} y={H - 14} textAnchor="middle" className="fu-axis" fill="#1b2730">
          {p.year}
        </text>
      ))}
      {points.map((p, i) =>
        p.seriesBreak && i > 0 ? (
          <g key={`b${p.year}`}>
            <line
              x1={f1((x(i - 1) + x(i)) / 2)}
              x2={f1((x(i - 1) + x(i)) / 2)}
              y1={top - 6}
              y2={H - bottom}
              stroke="#6b4e00"
              strokeWidth="2"
              strokeDasharray="5 4"
            />
            <text
              x={f1((x(i - 1) + x(i)) / 2)}
              y={top - 10}
              textAnchor="middle"
              className="fu-break-label"
              fill="#6b4e00"
            >
              {t('followup.trend.breakMark')}
            </text>
          </g>
        ) : null,
      )}
      <TrendRuns points={points} x={x} y={y} strokeWidth="2.5" />
      {points.map((p, i) =>
        p.status === 'ok' && p.share !== null ? (
          <g key={p.year}>
            <line
              x1={f1(x(i))}
              x2={f1(x(i))}
              y1={f1(y(p.ciLow!))}
              y2={f1(y(p.ciHigh!))}
              stroke="#1b2730"
              strokeWidth="1.5"
            />
            <circle cx={f1(x(i))} cy={f1(y(p.share))} r="4.5" fill="#0f5c73" />
            <text x={f1(x(i) + 8)} y={f1(y(p.share) - 6)} className="fu-point-label" fill="#1b2730">
              {num.pct(p.share)}
            </text>
          </g>
        ) : (
          <text
            key={p.year}
            x={f1(x(i))}
            y={f1(top + plotH / 2)}
            textAnchor="middle"
            className="fu-point-hidden"
            fill="#4a5a66"
          >
            {p.status === 'not_asked' ? t('followup.status.not_asked_short') : t('followup.status.hidden_short')}
          </text>
        ),
      )}
    </ChartSvg>
  );
}
