import { positiveDays } from '../../config.js';

/** Days from a concern being raised to its decision deadline, unless the author sets one (CONCERN_DECISION_DAYS, 14). */
export function loadConcernDecisionDays(env: NodeJS.ProcessEnv): number {
  return positiveDays(env.CONCERN_DECISION_DAYS, 14, 'CONCERN_DECISION_DAYS');
}
