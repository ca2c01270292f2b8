import type { TFunction } from 'i18next';
import type { WheelIndicator } from '../../core/wheel.js';
import type { Catalog } from '../../i18n/index.js';
import { roleTitle } from '../labels.js';

type RelationKey = keyof Catalog['relation'];

/** Whose view an assessment is, as far as its label needs (the API's WheelPerspective fits). */
export type PerspectiveOfLabel =
  | { kind: 'child' }
  | { kind: 'guardian'; name: string; relation: string | null }
  | { kind: 'professional'; name: string; role: string; title: string | null; unitName: string | null };

/** The indicator in the seed's child-friendly words (Trygg, Må bra, Utvecklas …). */
export function indicatorName(t: TFunction, i: WheelIndicator): string {
  return t(`wheel.indicators.${i}.name`);
}

/** "Barnets eget perspektiv", "Vårdnadshavare: Maria Ek (förälder)", "Anna Lindqvist, Lärare, Furuboskolan". */
export function perspectiveLabel(t: TFunction, p: PerspectiveOfLabel): string {
  if (p.kind === 'child') return t('wheel.perspective.child');
  if (p.kind === 'guardian') {
    const relation =
      p.relation && Object.hasOwn(t('relation', { returnObjects: true }) as object, p.relation)
        ? t(`relation.${p.relation as RelationKey}`).toLowerCase()
        : null;
    return relation
      ? t('wheel.perspective.guardianWithRelation', { name: p.name, relation })
      : t('wheel.perspective.guardian', { name: p.name });
  }
  const role = roleTitle(t, { role: p.role, title: p.title });
  return p.unitName
    ? t('wheel.perspective.professionalWithUnit', { name: p.name, role, unit: p.unitName })
    : t('wheel.perspective.professional', { name: p.name, role });
}

/** A rating in words for tables and text ("3", or "ej bedömt"). */
export function ratingText(t: TFunction, r: number | null): string {
  return r === null ? t('wheel.table.notAssessed') : String(r);
}
