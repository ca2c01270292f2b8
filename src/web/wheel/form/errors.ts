/** The assessment form's checks before sending, and the server's 400 mapped back onto its fields. */
import type { TFunction } from 'i18next';
import type { WheelIndicator } from '../../../core/wheel.js';
import type { ApiError } from '../../api.js';
import type { FormValues } from '../form-model.js';
import { type Errors, swedishToday } from './ids.js';

export function validate(t: TFunction, v: FormValues, birthDate: string): Errors {
  const e: Errors = {};
  if (v.perspective === '') e.perspective = t('wheel.form.errors.perspective');
  if (v.perspective === 'guardian' && !v.guardianId) e.guardianId = t('wheel.form.errors.guardian');
  if (!v.assessedOn) e.assessedOn = t('wheel.form.errors.dateRequired');
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(v.assessedOn) || Number.isNaN(Date.parse(`${v.assessedOn}T00:00:00Z`)))
    e.assessedOn = t('wheel.form.errors.dateInvalid');
  else if (v.assessedOn > swedishToday()) e.assessedOn = t('wheel.form.errors.dateFuture');
  else if (v.assessedOn < birthDate) e.assessedOn = t('wheel.form.errors.dateBeforeBirth');
  return e;
}

function dateError(t: TFunction, message: string): string {
  if (/future/i.test(message)) return t('wheel.form.errors.dateFuture');
  if (/born/i.test(message)) return t('wheel.form.errors.dateBeforeBirth');
  return t('wheel.form.errors.dateInvalid');
}

/** Maps the server's 400 (issue paths, details.field) onto the form's fields. */
export function serverErrors(t: TFunction, err: ApiError, sent: WheelIndicator[]): Errors {
  const e: Errors = {};
  const paths: { path: string; message: string }[] = [...(err.body?.issues ?? [])];
  const field = err.body?.details?.field;
  if (typeof field === 'string') paths.push({ path: field, message: err.message });
  for (const p of paths) {
    const m = /^indicators\.(\d+)\.(rating|whatWorks|whatIsHard)$/.exec(p.path);
    const indicator = m ? sent[Number(m[1])] : undefined;
    if (m && indicator) {
      if (m[2] === 'rating') e[`rating.${indicator}`] = t('wheel.form.errors.rating');
      else e[`${m[2] === 'whatWorks' ? 'works' : 'hard'}.${indicator}`] = t('wheel.form.errors.tooLong');
    } else if (p.path === 'assessedOn') {
      e.assessedOn = dateError(t, p.message);
    } else if (p.path === 'perspective.guardianId') {
      e.guardianId = t('wheel.form.errors.guardianNotChild');
    } else if (p.path.startsWith('perspective')) {
      e.perspective = t('wheel.form.errors.perspective');
    } else {
      e.form = t('wheel.form.errors.generic', { message: p.message });
    }
  }
  if (Object.keys(e).length === 0) e.form = t('wheel.form.errors.generic', { message: err.message });
  return e;
}
