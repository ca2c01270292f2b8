/** The report form's values, its checks before sending, and filing it (from the child's record or from scratch). */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../api.js';
import { asApiError, type Errors, useFormState } from '../components/form/index.js';
import { navigate } from '../router.js';
import { type GuardiansInformed, type ReportOptions, reportApi } from './api.js';
import { reportPaths } from './paths.js';

export interface ReportValues {
  personnummer: string;
  childName: string;
  municipalityCode: string;
  concern: string;
  immediateDanger: 'yes' | 'no' | '';
  guardiansInformed: GuardiansInformed | '';
  reporterPhone: string;
}

function useValidate(v: ReportValues, fromScratch: boolean) {
  const { t } = useTranslation();
  return (): Errors => {
    const e: Errors = {};
    if (fromScratch) {
      if (!/^\s*(\d{2})?\d{6}[-+]?\d{4}\s*$/.test(v.personnummer))
        e.personnummer = t('report.form.personnummerInvalid');
      if (!v.childName.trim()) e.childName = t('report.form.childNameRequired');
      if (!v.municipalityCode) e.municipalityCode = t('report.form.municipalityRequired');
    }
    if (!v.concern.trim()) e.concern = t('report.form.concernRequired');
    if (v.immediateDanger === '') e.immediateDanger = t('report.form.dangerRequired');
    if (v.guardiansInformed === '') e.guardiansInformed = t('report.form.guardiansRequired');
    if (v.reporterPhone && !/^[+0-9 ()-]*$/.test(v.reporterPhone)) e.reporterPhone = t('report.form.phoneInvalid');
    return e;
  };
}

export function useReportForm(options: ReportOptions, childId: string | null) {
  const { t } = useTranslation();
  const [v, setV] = useState<ReportValues>({
    personnummer: '',
    childName: '',
    municipalityCode: options.defaultMunicipalityCode ?? '',
    concern: '',
    immediateDanger: '',
    guardiansInformed: '',
    reporterPhone: '',
  });
  const form = useFormState();
  const set = <K extends keyof ReportValues>(k: K, value: ReportValues[K]) => setV((old) => ({ ...old, [k]: value }));
  const fromScratch = childId === null;
  const validate = useValidate(v, fromScratch);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.begin(validate())) return;
    const common = {
      concern: v.concern,
      immediateDanger: v.immediateDanger === 'yes',
      guardiansInformed: v.guardiansInformed as GuardiansInformed,
      ...(v.reporterPhone.trim() ? { reporterPhone: v.reporterPhone.trim() } : {}),
    };
    try {
      const created = fromScratch
        ? await reportApi.fileFromScratch({
            personnummer: v.personnummer,
            childName: v.childName,
            municipalityCode: v.municipalityCode,
            ...common,
          })
        : await reportApi.fileFromChild(childId, common);
      navigate(reportPaths.report(created.id));
    } catch (caught) {
      form.setBusy(false);
      const fields = fieldErrors(caught);
      const known = Object.keys(fields).filter((f) => f in v);
      if (known.length > 0)
        return form.showErrors(
          Object.fromEntries(
            known.map((f) => [
              f,
              f === 'personnummer' ? t('report.form.personnummerInvalid') : t('report.form.fieldInvalid'),
            ]),
          ),
        );
      form.setFailure(asApiError(caught));
    }
  }

  return { v, set, form, fromScratch, submit };
}
