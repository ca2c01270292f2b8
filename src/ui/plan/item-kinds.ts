/**
 * The plan's kinds of item as data: for each, its catalog keys (heading, intro, empty text, the add
 * button and form), the columns of its table with how each cell reads in words, and how other parts
 * of an item read. No browser API and no React here: the plan page and the paper plan lay out their
 * sections and tables from the same descriptors.
 */
import type { TFunction } from 'i18next';
import type { WheelIndicator } from '../../core/wheel.js';
import type {
  Plan,
  PlanAction,
  PlanDisagreement,
  PlanGoal,
  PlanGuardianView,
  PlanNeed,
  PlanService,
  PlanVoice,
} from '../../contract/plan/index.js';
import { roleTitle } from '../labels.js';
import { indicatorName as uiIndicatorName } from '../wheel/labels.js';

/** Words and calendar days in the reader's language (the page's useFormat, or the paper plan's Fmt). */
export interface ItemFormat {
  t: TFunction;
  date(isoDay: string): string;
}

/** What a cell may look up besides its own item. */
export type ItemPlan = Pick<Plan, 'services' | 'needs'>;

/** One column of a kind's table: its heading, and its cell in words (as the paper plan prints it). */
export interface ItemColumn<I, L extends string = string> {
  key: string;
  /** Catalog key of the column heading. */
  label: L;
  words: (f: ItemFormat, item: I, plan: ItemPlan) => string;
  /** Words set apart after the cell's own (on paper: muted, in brackets), or null. */
  aside?: (f: ItemFormat, item: I) => string | null;
  /** The cell keeps to one line. */
  nowrap?: boolean;
}

const indicatorName = (f: ItemFormat, i: WheelIndicator) => uiIndicatorName(f.t, i);

/** Who does an action, in words: a professional with their title and unit. */
function actionWho(f: ItemFormat, a: PlanAction): string {
  const r = a.responsible;
  if (!r) return f.t('plan.actions.nobodyYet');
  if (r.kind === 'child') return f.t('print.responsible.child');
  if (r.kind === 'guardian') return f.t('print.responsible.guardian', { name: r.name });
  return [r.name, roleTitle(f.t, { role: '', title: r.title }) || null, r.unitName].filter(Boolean).join(', ');
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
      {
        key: 'service',
        label: 'plan.services.columns.service',
        words: (_f: ItemFormat, s: PlanService) => `${s.unit.name}, ${s.organisation.name}`,
        aside: (f: ItemFormat, s: PlanService) =>
          s.endedOn ? f.t('print.services.ended', { date: f.date(s.endedOn) }) : null,
      },
      {
        key: 'contact',
        label: 'plan.services.columns.contact',
        words: (_f: ItemFormat, s: PlanService) => [s.contact.name, s.contact.title].filter(Boolean).join(', '),
      },
      {
        key: 'contribution',
        label: 'plan.services.columns.contribution',
        words: (f: ItemFormat, s: PlanService) => s.contribution ?? f.t('print.services.noContribution'),
      },
    ],
  },
  needs: {
    heading: 'plan.needs.heading',
    intro: 'plan.needs.intro',
    none: 'plan.needs.none',
    add: 'plan.needs.add',
    addHeading: 'plan.needs.addHeading',
    save: 'plan.needs.save',
    // The page groups the needs under their indicator; the paper plan reads them as this table.
    caption: 'print.needs.caption',
    columns: [
      {
        key: 'indicator',
        label: 'print.needs.indicator',
        words: (f: ItemFormat, n: PlanNeed) => indicatorName(f, n.indicator),
      },
      { key: 'need', label: 'print.needs.need', words: (_f: ItemFormat, n: PlanNeed) => n.description },
    ],
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
      { key: 'what', label: 'plan.actions.columns.what', words: (_f: ItemFormat, a: PlanAction) => a.what },
      { key: 'who', label: 'plan.actions.columns.who', words: actionWho },
      {
        key: 'service',
        label: 'plan.actions.columns.service',
        words: (_f: ItemFormat, a: PlanAction, plan: ItemPlan) =>
          plan.services.find((s) => s.id === a.serviceId)?.unit.name ?? '–',
      },
      {
        key: 'due',
        label: 'plan.actions.columns.due',
        words: (f: ItemFormat, a: PlanAction) => itemText.actionDue(f, a) ?? f.t('plan.actions.noDate'),
        nowrap: true,
      },
      {
        key: 'status',
        label: 'plan.actions.columns.status',
        words: (f: ItemFormat, a: PlanAction) => itemText.actionStatus(f, a),
      },
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

/** The table's columns (the first is the row's heading), for the kinds with a table. */
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
  /** On paper: "för behovet … · Delar av hjulet: … · till 1 juni 2027" ('' when there is none). */
  goalPaperMeta: (f: ItemFormat, g: PlanGoal, need: PlanNeed | undefined) =>
    [
      need ? f.t('plan.goals.forNeed', { need: need.description }) : null,
      g.indicators.length > 0
        ? f.t('print.goals.indicators', { list: g.indicators.map((i) => indicatorName(f, i)).join(', ') })
        : null,
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
