import type { WheelIndicator } from '../../../../core/wheel.js';

/** The eight Kronoberg municipalities (Kolada/SCB codes). */
export const KRONOBERG_MUNICIPALITIES = [
  { code: '0760', name: 'Uppvidinge' },
  { code: '0761', name: 'Lessebo' },
  { code: '0763', name: 'Tingsryd' },
  { code: '0764', name: 'Alvesta' },
  { code: '0765', name: 'Älmhult' },
  { code: '0767', name: 'Markaryd' },
  { code: '0780', name: 'Växjö' },
  { code: '0781', name: 'Ljungby' },
] as const;
export const KRONOBERG_CODES: string[] = KRONOBERG_MUNICIPALITIES.map((m) => m.code);

/**
 * The default child-related KPIs: `kolada_child_kpis_2023-03-28.csv` (a selection from the real
 * Kolada catalogue) minus the four without a publication period, i.e. no longer or not yet
 * published: N17620 (series ended 2019, replaced by N17625), U33401 and U33402 (investigation
 * times, a voluntary "own survey" without regular publication) and U15413 (SALSA forecast).
 * Population counts and background KPIs (N01948, N33900, N02904, N15816, U15441) are kept as
 * context for the follow-up but are not mapped to a wheel indicator.
 */
export const DEFAULT_KPIS: readonly string[] = [
  'N15613',
  'N15643',
  'N17673',
  'N15629',
  'N15659', // pupils: safety and satisfaction (Skolinspektionen)
  'N15418',
  'N15419',
  'N15508',
  'N15507',
  'N15428',
  'N15436', // grade 9 results
  'N17461',
  'N17538',
  'N17625', // upper secondary: completion, eligibility, truancy
  'N02904', // children in economically vulnerable households (context)
  'N33802',
  'N33812',
  'N33813', // social services: open interventions and placements
  'U33601',
  'U33602',
  'U33606',
  'U33608', // school results of placed vs not placed children
  'U33820',
  'U33821',
  'U33822',
  'U33823', // children's participation in investigations
  'N09890',
  'U09800',
  'U09808',
  'N09805', // leisure: arts school, sports clubs, libraries
  'N11821', // preschool enrolment
  'N33900',
  'N01948',
  'N15816',
  'U15441',
  'U15442', // population and background (context), value added
];

export type GoalStage = 'resources' | 'volume' | 'quality' | 'effects';
export const GOAL_STAGES: readonly GoalStage[] = ['resources', 'volume', 'quality', 'effects'];
export type Polarity = 'higher_is_better' | 'lower_is_better' | 'none';

export interface KpiMapping {
  kpiId: string;
  wheelIndicator: WheelIndicator | null;
  goalStage: GoalStage;
  polarity: Polarity;
}

/**
 * Mapping of default KPIs to the wheel (seeded by migration 0006; keep the two in step — a test
 * compares them). Only KPIs that clearly fit a wheel indicator get one:
 * - safe: pupils who feel safe at school (grades 5, 8, upper-secondary year 2);
 * - achieving: school results, completion, eligibility, truancy (lower is better), and the school
 *   results of placed children beside their non-placed comparison group;
 * - nurtured: open interventions and out-of-home placements (SHANARRI "nurtured": a nurturing place
 *   to live, with additional help if needed or in a suitable care setting) — volume, no polarity;
 * - respected: children given the opportunity to take part in their own investigation;
 * - active: arts school, sports clubs, library activities for children.
 * School satisfaction (N15629, N15659) and preschool enrolment (N11821) get a goal-chain stage but
 * no wheel indicator; population counts and background shares are context and not mapped at all.
 * Stages: resources (money, staff), volume (how much is done / how many are reached), quality (how
 * it is done), effects (how children fare).
 */
export const DEFAULT_KPI_MAPPING: readonly KpiMapping[] = [
  ...(['N15613', 'N15643', 'N17673'] as const).map((kpiId) => m(kpiId, 'safe', 'effects', 'higher_is_better')),
  ...(['N15418', 'N15419', 'N15508', 'N15507', 'N15428', 'N15436', 'N17461', 'N17538'] as const).map((kpiId) =>
    m(kpiId, 'achieving', 'effects', 'higher_is_better'),
  ),
  m('N17625', 'achieving', 'effects', 'lower_is_better'),
  ...(['U33601', 'U33602', 'U33606', 'U33608'] as const).map((kpiId) =>
    m(kpiId, 'achieving', 'effects', 'higher_is_better'),
  ),
  m('U15442', 'achieving', 'quality', 'higher_is_better'),
  ...(['N33802', 'N33812', 'N33813'] as const).map((kpiId) => m(kpiId, 'nurtured', 'volume', 'none')),
  ...(['U33820', 'U33821', 'U33822', 'U33823'] as const).map((kpiId) =>
    m(kpiId, 'respected', 'quality', 'higher_is_better'),
  ),
  ...(['N09890', 'U09800', 'U09808', 'N09805'] as const).map((kpiId) =>
    m(kpiId, 'active', 'volume', 'higher_is_better'),
  ),
  m('N15629', null, 'effects', 'higher_is_better'),
  m('N15659', null, 'effects', 'higher_is_better'),
  m('N11821', null, 'volume', 'none'),
];

function m(kpiId: string, wheelIndicator: WheelIndicator | null, goalStage: GoalStage, polarity: Polarity): KpiMapping {
  return { kpiId, wheelIndicator, goalStage, polarity };
}

/**
 * Kolada's own `perspective` as a fallback stage for a KPI nobody has mapped ("Resurser",
 * "Volymer", "Kvalitet och resultat"; "Övrigt" and unknown → null). A KPI with several
 * perspectives takes the first it recognises.
 */
export function goalStageFromPerspective(perspective: string | null | undefined): GoalStage | null {
  if (!perspective) return null;
  const p = perspective.toLowerCase();
  const found = (
    [
      ['resurs', 'resources'],
      ['volym', 'volume'],
      ['kvalitet', 'quality'],
    ] as const
  )
    .map(([word, stage]) => ({ at: p.indexOf(word), stage }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at);
  return found[0]?.stage ?? null;
}
