/** The assessment form's element ids and the Swedish "today" it checks dates against. */
import type { WheelIndicator } from '../../../core/wheel.js';

export type Errors = Record<string, string>;

const TODAY_FMT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** Today as a Swedish calendar day (the server checks the same). */
export const swedishToday = () => TODAY_FMT.format(new Date());

/** Element ids, so the error summary can link to the first control of each field. */
export const ids = {
  perspective: 'f-perspective-child',
  guardianId: 'f-guardian-0',
  assessedOn: 'f-date',
  rating: (i: WheelIndicator) => `f-${i}-rating-none`,
  works: (i: WheelIndicator) => `f-${i}-works`,
  hard: (i: WheelIndicator) => `f-${i}-hard`,
};
export const errId = (key: string) => `err-${key.replace(/[^a-zA-Z0-9-]/g, '-')}`;

/** The control an error's key points at (the summary's link target). */
export function linkFor(key: string): string {
  if (key === 'perspective') return ids.perspective;
  if (key === 'guardianId') return ids.guardianId;
  if (key === 'assessedOn') return ids.assessedOn;
  const [kind, indicator] = key.split('.') as [string, WheelIndicator];
  if (kind === 'rating') return ids.rating(indicator);
  if (kind === 'works') return ids.works(indicator);
  if (kind === 'hard') return ids.hard(indicator);
  return 'f-submit';
}

/** aria-describedby and aria-invalid from the form's errors. */
export interface ErrorAria {
  errors: Errors;
  describedBy: (key: string, ...more: (string | undefined)[]) => string | undefined;
  invalid: (key: string) => true | undefined;
}

export function errorAria(errors: Errors): ErrorAria {
  return {
    errors,
    describedBy: (key, ...more) =>
      [...more, errors[key] ? errId(key) : undefined].filter(Boolean).join(' ') || undefined,
    invalid: (key) => (errors[key] ? true : undefined),
  };
}
