import { z } from 'zod';

/** The three outcomes of noticing (Kronoberg's levels): nothing more, level 2 or level 3. */
export const CONCERN_DECISIONS = ['no_further_action', 'own_service', 'collaboration'] as const;
export const ConcernDecisionCode = z
  .enum(CONCERN_DECISIONS)
  .describe(
    'no_further_action; own_service = early support within my own service (level 2); collaboration = more than one service is needed (level 3)',
  )
  .meta({ id: 'ConcernDecisionCode' });
export type ConcernDecisionCode = z.infer<typeof ConcernDecisionCode>;

/** The support level a decision implies (null: none). */
export const DECISION_LEVEL: Record<ConcernDecisionCode, 2 | 3 | null> = {
  no_further_action: null,
  own_service: 2,
  collaboration: 3,
};
