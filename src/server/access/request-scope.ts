import { swedishToday } from '../clock.js';
import type { AssignedActor } from './actor.js';

/**
 * What one request knows once, from its start: who acts (in which assignment), which request it is
 * (the audit's request id), and when — `now` from the app's injectable clock and Sweden's calendar
 * day of it. Built by the session hook (http/session-hook.ts); services take it instead of reading
 * the clock themselves, so every gate check, date and author of a request agrees on the time.
 */
export interface RequestScope {
  readonly actor: AssignedActor;
  readonly requestId: string;
  readonly now: Date;
  /** The Swedish calendar day of `now` (YYYY-MM-DD): team validity, due dates and ages. */
  readonly today: string;
}

export function requestScope(actor: AssignedActor, requestId: string, now: Date): RequestScope {
  return { actor, requestId, now, today: swedishToday(now) };
}
