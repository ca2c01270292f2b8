/** Words for the follow-up's codes: groups, grades, areas, statuses, assessments. */
import type { TFunction } from 'i18next';
import type { Area, Breakdown, Comparison, IndicatorMeta, Instrument } from './followup-api.js';

const GENDERS = new Set(['girl', 'boy', 'other']);
const BACKGROUNDS = new Set(['born_in_sweden', 'born_abroad_long', 'born_abroad_recent']);

export function indicatorLabel(meta: Pick<IndicatorMeta, 'labelSv' | 'labelEn'>, language: string | undefined): string {
  return language === 'en' ? meta.labelEn : meta.labelSv;
}

export function gradeLabel(t: TFunction, grade: string): string {
  return grade === 'gy2' ? t('followup.grade.gy2') : t('followup.grade.compulsory', { grade });
}

export function areaName(t: TFunction, area: Area): string {
  if (area.kind === 'county') return t('followup.area.county');
  if (area.kind === 'municipality') return area.name ?? area.code ?? '';
  return area.name ?? area.code ?? '';
}

/** A group of a breakdown in words: a municipality's or school's name, "Flickor", "Stege 1–4", … */
export function groupLabel(
  t: TFunction,
  group: string,
  dimension: Breakdown | 'family_ladder' | 'gender' | 'all',
  ins: Instrument | null,
): string {
  if (group === 'not_stated') return t('followup.group.notStated');
  if (group === 'all') return t('followup.group.all');
  if (dimension === 'gender' && GENDERS.has(group))
    return t(`followup.group.gender.${group as 'girl' | 'boy' | 'other'}`);
  if (dimension === 'background' && BACKGROUNDS.has(group))
    return t(`followup.group.background.${group as 'born_in_sweden' | 'born_abroad_long' | 'born_abroad_recent'}`);
  if (dimension === 'family_ladder') return t('followup.group.familyLadder', { range: group.replace('-', '–') });
  if (dimension === 'school_ladder') return t('followup.group.schoolLadder', { range: group.replace('-', '–') });
  if (dimension === 'municipality') return ins?.municipalities.find((m) => m.code === group)?.name ?? group;
  if (dimension === 'school') return ins?.schools.find((s) => s.code === group)?.name ?? group;
  return group;
}

export function breakdownLabel(t: TFunction, b: Breakdown): string {
  return t(`followup.breakdown.${b}`);
}

/** "Tydligt bättre än övriga länet" etc. — always words; colour only repeats them. */
export function assessmentText(t: TFunction, c: Comparison): string {
  if (c.status !== 'ok') return t(`followup.comparisonStatus.${c.status}`);
  return t(`followup.assessment.${c.assessment ?? 'no_clear_difference'}`);
}

export function assessmentClass(c: Comparison): string {
  return c.status === 'ok' && c.assessment === 'better'
    ? 'fu-better'
    : c.status === 'ok' && c.assessment === 'worse'
      ? 'fu-worse'
      : 'fu-neutral';
}

export function hiddenText(t: TFunction, status: string): string {
  return status === 'not_asked'
    ? t('followup.status.not_asked')
    : status === 'no_data'
      ? t('followup.status.no_data')
      : t('followup.status.hidden');
}
