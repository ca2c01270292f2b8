import { AppError } from '../../../../core/errors.js';
import type { AssignedActor } from '../../../access/actor.js';

export type Access = 'analyst' | 'reader';

/** analyst: imports and management; reader: analysts and managers (published aggregates). */
export function requireRole(actor: AssignedActor, access: Access): void {
  const ok = access === 'analyst' ? actor.role === 'analyst' : actor.role === 'analyst' || actor.role === 'manager';
  if (!ok) {
    throw new AppError(
      'forbidden',
      access === 'analyst'
        ? 'Only analysts import follow-up data and manage indicators.'
        : 'Follow-up key figures and exports are for analysts and managers.',
      { reason: 'role' },
    );
  }
}
