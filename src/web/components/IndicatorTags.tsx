import { useTranslation } from 'react-i18next';
import type { WheelIndicator } from '../../core/wheel.js';

/** Wellbeing-wheel indicators as a list of tags, with the same wording everywhere; `empty` when none. */
export function IndicatorTags({ indicators, empty }: { indicators: readonly WheelIndicator[]; empty: string }) {
  const { t } = useTranslation();
  if (indicators.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="tag-list">
      {indicators.map((i) => (
        <li key={i} className="tag">
          {t(`wheel.indicators.${i}.name`)}
        </li>
      ))}
    </ul>
  );
}
