/**
 * The plan's kinds of item as data: for each, its catalog keys (heading, intro, empty text, the add
 * button and form), the columns of its table, and how a cell reads in words. No browser API and no
 * React here, so the paper plan can lay out its tables from the same descriptors as the plan page.
 */
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { WheelIndicator } from '../../core/wheel.js';
import { indicatorName as uiIndicatorName } from '../../ui/wheel/labels.js';
import type {
  PlanAction as PlanActionSchema,
  PlanDisagreement as PlanDisagreementSchema,
  PlanGoal as PlanGoalSchema,
  PlanGuardianView as PlanGuardianViewSchema,
  PlanNeed as PlanNeedSchema,
  PlanService as PlanServiceSchema,
  PlanVoice as PlanVoiceSchema,
} from '../../contract/plan/index.js';

type PlanAction = z.infer<typeof PlanActionSchema>;
type PlanDisagreement = z.infer<typeof PlanDisagreementSchema>;
type PlanGoal = z.infer<typeof PlanGoalSchema>;
type PlanGuardianView = z.infer<typeof PlanGuardianViewSchema>;
type PlanNeed = z.infer<typeof PlanNeedSchema>;
type PlanService = z.infer<typeof PlanServiceSchema>;
type PlanVoice = z.infer<typeof PlanVoiceSchema>;

/** Words and calendar days in the reader's language (the page's useFormat, or the paper plan's Fmt). */
export interface ItemFormat {
  t: TFunction;
  date(isoDay: string): string;
}

export interface ItemColumn<L extends string = string> {
  key: string;
  /** Catalog key of the column heading. */
  label: L;
}

export const PLAN_ITEM_KINDS = {
  services: {
    heading: 'plan.services.heading',
    intro: 'plan.services.intro',
    none: 'plan.services.none',
    add: 'plan.services.add',
    addHeading: 'plan.services.addHeading',
    save: 'plan.services.save',
    caption: 'plan.services.caption',
    columns: [
      { key: 'service', label: 'plan.services.columns.service' },
      { key: 'contact', label: 'plan.services.columns.contact' },
      { key: 'contribution', label: 'plan.services.columns.contribution' },
    ],
  },
  needs: {
    heading: 'plan.needs.heading',
    intro: 'plan.needs.intro',
    none: 'plan.needs.none',
    add: 'plan.needs.add',
    addHeading: 'plan.needs.addHeading',
    save: 'plan.needs.save',
  },
  goals: {
    heading: 'plan.goals.heading',
    intro: null,
    none: 'plan.goals.none',
    add: 'plan.goals.add',
    addHeading: 'plan.goals.addHeading',
    save: 'plan.goals.save',
  },
  actions: {
    heading: 'plan.actions.heading',
    intro: 'plan.actions.intro',
    none: 'plan.actions.none',
    add: 'plan.actions.add',
    addHeading: 'plan.actions.addHeading',
    save: 'plan.actions.save',
    caption: 'plan.actions.caption',
    columns: [
      { key: 'what', label: 'plan.actions.columns.what' },
      { key: 'who', label: 'plan.actions.columns.who' },
      { key: 'service', label: 'plan.actions.columns.service' },
      { key: 'due', label: 'plan.actions.columns.due' },
      { key: 'status', label: 'plan.actions.columns.status' },
    ],
  },
  voice: {
    heading: 'plan.voice.heading',
    intro: 'plan.voice.intro',
    none: 'plan.voice.none',
    add: 'plan.voice.add',
    addHeading: 'plan.voice.addHeading',
    save: 'plan.voice.save',
  },
  guardianViews: {
    heading: 'plan.guardianViews.heading',
    intro: 'plan.guardianViews.intro',
    none: 'plan.guardianViews.none',
    add: 'plan.guardianViews.add',
    addHeading: 'plan.guardianViews.formHeading',
    save: 'plan.guardianViews.save',
  },
  disagreements: {
    heading: 'plan.disagreements.heading',
    intro: 'plan.disagreements.intro',
    none: 'plan.disagreements.none',
    add: 'plan.disagreements.add',
    addHeading: 'plan.disagreements.addHeading',
    save: 'plan.disagreements.save',
  },
} as const;

export type PlanItemKind = keyof typeof PLAN_ITEM_KINDS;
type Labels<K extends PlanItemKind> = (typeof PLAN_ITEM_KINDS)[K];

/** The table's columns (the first is the row's heading), for the kinds shown as a table. */
export function itemColumns<K extends PlanItemKind>(kind: K): Labels<K> extends { columns: infer C } ? C : readonly [] {
  const k = PLAN_ITEM_KINDS[kind];
  return ('columns' in k ? k.columns : []) as never;
}

/** The section's intro; actions explain more when the plan is at level 3. */
export function introKey<K extends PlanItemKind>(
  kind: K,
  level: number,
): Labels<K>['intro'] | 'plan.actions.introThree' {
  if (kind === 'actions' && level === 3) return 'plan.actions.introThree';
  return PLAN_ITEM_KINDS[kind].intro;
}

const indicatorName = (f: ItemFormat, i: WheelIndicator) => uiIndicatorName(f.t, i);

/** How a cell or line of an item reads in words. */
export const itemText = {
  indicator: indicatorName,
  serviceEnded: (f: ItemFormat, s: PlanService) =>
    s.endedOn ? f.t('plan.services.endedOn', { date: f.date(s.endedOn) }) : null,
  need: (f: ItemFormat, n: PlanNeed) => `${indicatorName(f, n.indicator)}: ${n.description}`,
  /** "Läsa och skriva · för behovet … · senast 1 juni 2027" */
  goalMeta: (f: ItemFormat, g: PlanGoal, need: PlanNeed | undefined) =>
    [
      g.indicators.map((i) => indicatorName(f, i)).join(', '),
      need ? f.t('plan.goals.forNeed', { need: need.description }) : null,
      g.targetDate ? f.t('plan.goals.by', { date: f.date(g.targetDate) }) : null,
    ]
      .filter(Boolean)
      .join(' · '),
  actionDue: (f: ItemFormat, a: PlanAction) => (a.dueDate ? f.date(a.dueDate) : null),
  actionStatus: (f: ItemFormat, a: Pick<PlanAction, 'status'>) => f.t(`plan.actions.status.${a.status}`),
  voiceByline: (f: ItemFormat, v: PlanVoice) =>
    v.writtenByChild
      ? f.t('plan.voice.byChild', { date: f.date(v.recordedOn) })
      : f.t('plan.voice.recordedBy', { name: v.recordedBy.name, date: f.date(v.recordedOn) }),
  guardianViewByline: (f: ItemFormat, v: PlanGuardianView) =>
    v.writtenByGuardian
      ? f.t('plan.guardianViews.byGuardian', { date: f.date(v.recordedOn) })
      : f.t('plan.guardianViews.recordedBy', { name: v.recordedBy.name, date: f.date(v.recordedOn) }),
  disagreementParty: (f: ItemFormat, d: PlanDisagreement) =>
    d.party.kind === 'child' ? f.t('plan.disagreements.theChild') : d.party.name,
  disagreementEntry: (f: ItemFormat, d: PlanDisagreement) =>
    f.t('plan.disagreements.entry', { who: itemText.disagreementParty(f, d), about: d.about }),
  disagreementRecorded: (f: ItemFormat, d: PlanDisagreement) =>
    f.t('plan.disagreements.recorded', { name: d.recordedBy.name, date: f.date(d.recordedOn) }),
};
