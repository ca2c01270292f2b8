/** The wellbeing wheel on paper: the latest assessment per perspective as the radar and as a table. */
import { WHEEL_INDICATORS, type WheelRatings } from '../../../../core/wheel.js';
import { indicatorName, perspectiveLabel, ratingText } from '../../../../ui/wheel/labels.js';
import { latestPerPerspective } from '../../../../ui/wheel/latest.js';
import { RadarChart } from '../../../../ui/wheel/RadarChart.js';
import type { WheelAssessmentSummary } from '../../../../contract/wheel.js';
import { type Fmt, Section } from './kit.js';

export function Wheel({ f, list }: { f: Fmt; list: WheelAssessmentSummary[] }) {
  const { t } = f;
  const latest = latestPerPerspective(list);
  return (
    <Section id="wheel" title={t('print.wheel.heading')}>
      {latest.length === 0 ? (
        <p className="muted">{t('print.wheel.none')}</p>
      ) : (
        <>
          <p>{t('print.wheel.intro')}</p>
          <RadarChart
            id="plan-wheel"
            title={t('wheel.chart.title', { subject: t('wheel.chart.latestSubject') })}
            series={latest.map((a) => ({
              key: a.perspective.key,
              label: `${perspectiveLabel(t, a.perspective)} (${f.date(a.assessedOn)})`,
              ratings: a.ratings as WheelRatings,
            }))}
          />
          <table className="wheel-table">
            <caption>{t('print.wheel.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('wheel.section.perspective')}</th>
                <th scope="col">{t('wheel.table.date')}</th>
                {WHEEL_INDICATORS.map((i) => (
                  <th key={i} scope="col">
                    {indicatorName(t, i)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {latest.map((a) => (
                <tr key={a.perspective.key}>
                  <th scope="row">{perspectiveLabel(t, a.perspective)}</th>
                  <td className="nowrap">{f.date(a.assessedOn)}</td>
                  {WHEEL_INDICATORS.map((i) => (
                    <td key={i} className="num">
                      {ratingText(t, a.ratings[i])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}
