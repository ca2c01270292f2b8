import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { indicatorName } from '../../../ui/wheel/labels.js';
import { ConflictNotice } from '../../components/ConflictNotice.js';
import type { ChangedField } from '../form-model.js';
import type { WheelConflict } from './useAssessmentForm.js';

/** Someone saved a newer version: what they changed, and save again on top of it or discard. */
export function ConflictPanel({
  conflict,
  busy,
  onReapply,
  onDiscard,
}: {
  conflict: WheelConflict;
  busy: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ConflictNotice
      className="conflict"
      heading={t('wheel.form.conflict.heading')}
      headingId="conflict-heading"
      announce="all"
      focusKey={conflict.version}
      reapply={{ label: t('wheel.form.conflict.reapply'), disabled: busy, onClick: onReapply }}
      discard={{ label: t('wheel.form.conflict.discard'), disabled: busy, onClick: onDiscard }}
    >
      <p>{t('wheel.form.conflict.text', { version: conflict.version })}</p>
      {conflict.changed.length > 0 ? (
        <>
          <p>{t('wheel.form.conflict.changedByThem')}</p>
          <ul>
            {conflict.changed.map((c) => (
              <li key={c.kind === 'indicator' ? `${c.indicator}.${c.field}` : c.kind}>{changedLabel(t, c)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('wheel.form.conflict.nothingVisible')}</p>
      )}
    </ConflictNotice>
  );
}

function changedLabel(t: TFunction, c: ChangedField): string {
  if (c.kind === 'secretFromGuardians') return t('guardianSecret.marker');
  if (c.kind !== 'indicator') return t(`wheel.form.conflict.field.${c.kind}`);
  const field =
    c.field === 'whatWorks'
      ? t('wheel.form.works')
      : c.field === 'whatIsHard'
        ? t('wheel.form.hard')
        : t('wheel.form.ratingLegend');
  return t('wheel.form.conflict.indicatorField', { indicator: indicatorName(t, c.indicator), field });
}
