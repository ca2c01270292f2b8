/**
 * Pieces every follow-up page shares: the instruments (filters' choices), the filters as a form
 * with labels and a submit button (choosing in a list never moves the page by itself), the
 * response-rate note, the statement of the comparison family, and the address ↔ filter sync.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../hooks.js';
import { Link, PageHeading, navigate } from '../router.js';
import {
  filtersFromSearch,
  followupApi,
  queryString,
  type Area,
  type Breakdown,
  type Family,
  type Filters,
  type Instrument,
  type ResponseRate,
} from './followup-api.js';
import { useNumbers } from './format.js';
import { breakdownLabel, gradeLabel, indicatorLabel } from './labels.js';
import './followup.css';

export const followupPaths = {
  overview: '/uppfoljning',
  municipality: (code: string) => `/uppfoljning/kommun/${encodeURIComponent(code)}`,
  school: (id: string) => `/uppfoljning/skola/${encodeURIComponent(id)}`,
  indicator: (id: string) => `/uppfoljning/indikator/${encodeURIComponent(id)}`,
  equity: '/uppfoljning/jamlikhet',
};

export function useInstrument() {
  const load = useLoad('followup-instruments', followupApi.instruments);
  return { ...load, instrument: load.status === 'ok' ? (load.data.instruments[0] ?? null) : null };
}

/**
 * Filters live in the address (codes only) so a view can be bookmarked and shared. A change on the
 * same page replaces the address and re-renders from state; another page is a navigation.
 */
export function useFilters(): [Filters, (path: string, f: Filters) => void] {
  const [filters, setFilters] = useState<Filters>(() => filtersFromSearch(window.location.search));
  const apply = (path: string, f: Filters) => {
    const to = path + queryString(f);
    if (path === window.location.pathname) {
      window.history.replaceState(null, '', to);
      setFilters(f);
      document.getElementById('page-heading')?.focus();
    } else navigate(to);
  };
  return [filters, apply];
}

/** Where an area lives in the app. */
export function areaPath(f: Pick<Filters, 'municipality' | 'school'>): string {
  if (f.school) return followupPaths.school(f.school);
  if (f.municipality) return followupPaths.municipality(f.municipality);
  return followupPaths.overview;
}

const areaValue = (f: Pick<Filters, 'municipality' | 'school'>) =>
  f.school ? `s:${f.school}` : f.municipality ? `m:${f.municipality}` : 'county';
const areaFromValue = (v: string): Pick<Filters, 'municipality' | 'school'> =>
  v.startsWith('m:') ? { municipality: v.slice(2) } : v.startsWith('s:') ? { school: v.slice(2) } : {};

export interface FilterFields {
  area?: 'all' | 'county_municipality' | false;
  /** The breakdowns published for each kind of area (the list follows the chosen area). */
  breakdowns?: Instrument['breakdowns'];
  indicator?: boolean;
  /** Only these grades (an indicator measured in some grades only). */
  grades?: readonly string[] | null;
}

export function FilterForm({
  ins,
  value,
  fields,
  onApply,
}: {
  ins: Instrument;
  value: Filters & { wave: number; grade: string };
  fields: FilterFields;
  onApply: (f: Filters) => void;
}) {
  const { t, i18n } = useTranslation();
  const [wave, setWave] = useState(String(value.wave));
  const [grade, setGrade] = useState(value.grade);
  const [area, setArea] = useState(areaValue(value));
  const [breakdown, setBreakdown] = useState<string>(value.breakdown ?? '');
  const [indicator, setIndicator] = useState(value.indicator ?? ins.indicators[0]?.key ?? '');
  const waveGrades = (ins.waves.find((w) => String(w.year) === wave)?.grades ?? ins.grades).filter(
    (g) => !fields.grades || fields.grades.includes(g),
  );
  const chosenGrade = waveGrades.includes(grade) ? grade : (waveGrades[0] ?? grade);
  // The indicator list follows the chosen grade (an indicator measured in grades 8 and gy2 only is not offered for grade 5).
  const indicatorOptions = ins.indicators.filter((d) => !d.grades || d.grades.includes(chosenGrade));
  const chosenIndicator = indicatorOptions.some((d) => d.key === indicator)
    ? indicator
    : (indicatorOptions[0]?.key ?? indicator);
  const areaKind = area.startsWith('m:') ? 'municipality' : area.startsWith('s:') ? 'school' : 'county';
  const breakdownOptions = fields.breakdowns?.[areaKind] ?? [];
  const chosenBreakdown = breakdownOptions.includes(breakdown as Breakdown) ? breakdown : (breakdownOptions[0] ?? '');
  const municipalityName = (code: string) => ins.municipalities.find((m) => m.code === code)?.name ?? code;
  function submit(e: FormEvent) {
    e.preventDefault();
    onApply({
      wave: Number(wave),
      grade: chosenGrade,
      ...(fields.area ? areaFromValue(area) : {}),
      ...(fields.breakdowns ? { breakdown: chosenBreakdown as Breakdown } : {}),
      ...(fields.indicator ? { indicator: chosenIndicator } : {}),
    });
  }
  return (
    <form className="fu-filters" onSubmit={submit} aria-label={t('followup.filters.label')}>
      {fields.indicator ? (
        <div className="field">
          <label htmlFor="fu-indicator">{t('followup.filters.indicator')}</label>
          <select id="fu-indicator" value={chosenIndicator} onChange={(e) => setIndicator(e.target.value)}>
            {indicatorOptions.map((d) => (
              <option key={d.key} value={d.key}>
                {indicatorLabel(d, i18n.resolvedLanguage)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {fields.area ? (
        <div className="field">
          <label htmlFor="fu-area">{t('followup.filters.area')}</label>
          <select id="fu-area" value={area} onChange={(e) => setArea(e.target.value)}>
            <option value="county">{t('followup.area.county')}</option>
            <optgroup label={t('followup.filters.municipalities')}>
              {ins.municipalities.map((m) => (
                <option key={m.code} value={`m:${m.code}`}>
                  {m.name}
                </option>
              ))}
            </optgroup>
            {fields.area === 'all'
              ? ins.municipalities.map((m) => (
                  <optgroup
                    key={m.code}
                    label={t('followup.filters.schoolsIn', { municipality: municipalityName(m.code) })}
                  >
                    {ins.schools
                      .filter((s) => s.municipalityCode === m.code)
                      .map((s) => (
                        <option key={s.code} value={`s:${s.code}`}>
                          {s.name}
                        </option>
                      ))}
                  </optgroup>
                ))
              : null}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="fu-wave">{t('followup.filters.wave')}</label>
        <select id="fu-wave" value={wave} onChange={(e) => setWave(e.target.value)}>
          {[...ins.waves].reverse().map((w) => (
            <option key={w.year} value={String(w.year)}>
              {w.year}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="fu-grade">{t('followup.filters.grade')}</label>
        <select id="fu-grade" value={chosenGrade} onChange={(e) => setGrade(e.target.value)}>
          {waveGrades.map((g) => (
            <option key={g} value={g}>
              {gradeLabel(t, g)}
            </option>
          ))}
        </select>
      </div>
      {fields.breakdowns ? (
        <div className="field">
          <label htmlFor="fu-breakdown">{t('followup.filters.breakdown')}</label>
          <select id="fu-breakdown" value={chosenBreakdown} onChange={(e) => setBreakdown(e.target.value)}>
            {breakdownOptions.map((b) => (
              <option key={b} value={b}>
                {breakdownLabel(t, b)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="fu-filters-submit">
        <button type="submit" className="button button-primary">
          {t('followup.filters.show')}
        </button>
      </div>
    </form>
  );
}

/** "Svarsfrekvens: 82 % (1 234 av 1 500 elever)", flagged when low. */
export function ResponseRateNote({ rate, grade, year }: { rate: ResponseRate | null; grade: string; year: number }) {
  const { t } = useTranslation();
  const num = useNumbers();
  if (!rate) return null;
  const text =
    rate.rate !== null && rate.respondents !== null && rate.pupils !== null
      ? t('followup.responseRate.value', {
          rate: num.pct(rate.rate),
          respondents: num.count(rate.respondents),
          pupils: num.count(rate.pupils),
          grade: gradeLabel(t, grade).toLowerCase(),
          year,
        })
      : t('followup.responseRate.unknown');
  return (
    <p className={rate.low ? 'notice notice-warning fu-rate' : 'fu-rate'}>
      {text}
      {rate.low ? <strong className="fu-low"> {t('followup.responseRate.low')}</strong> : null}
    </p>
  );
}

/** Which tests were adjusted together, and how — stated with the results, as the issue asks. */
export function FamilyNote({ family, children }: { family: Family; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <p className="fu-family small">
      {children}
      {t(`followup.family.${family.scope}`, { count: family.indicators })}{' '}
      {family.tests === 0
        ? t('followup.family.none')
        : family.holm > 0
          ? t('followup.family.adjusted', { bh: family.benjaminiHochberg, holm: family.holm })
          : t('followup.family.adjustedBh', { bh: family.benjaminiHochberg })}
    </p>
  );
}

/**
 * A selection the survey does not have (an address with a year, grade or area that does not
 * exist, or an indicator not measured in that grade): say so and offer the overview.
 */
export function BadSelection() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('followup.badSelection.title')}</PageHeading>
      <p className="notice notice-warning">{t('followup.badSelection.text')}</p>
      <p>
        <Link to={followupPaths.overview}>{t('followup.badSelection.back')}</Link>
      </p>
    </>
  );
}

export function AboutNumbers({ ins }: { ins: Instrument }) {
  const { t } = useTranslation();
  return (
    <details className="fu-about">
      <summary>{t('followup.about.title')}</summary>
      <ul>
        <li>{t('followup.about.share')}</li>
        <li>{t('followup.about.ci')}</li>
        <li>{t('followup.about.suppression', { n: ins.rules.minGroupN, cell: ins.rules.minCellCount })}</li>
        <li>{t('followup.about.comparison')}</li>
        <li>{t('followup.about.assessment')}</li>
        <li>{t('followup.about.seriesBreak')}</li>
        <li>{t('followup.about.responseRate', { rate: Math.round(ins.lowResponseRate * 100) })}</li>
      </ul>
    </details>
  );
}

export function FollowupNav({ current, filters }: { current: 'overview' | 'equity'; filters: Filters }) {
  const { t } = useTranslation();
  const q = queryString({ wave: filters.wave, grade: filters.grade });
  return (
    <nav className="fu-subnav" aria-label={t('followup.nav.sub')}>
      <ul>
        <li>
          <Link to={followupPaths.overview + q} aria-current={current === 'overview' ? 'page' : undefined}>
            {t('followup.nav.overview')}
          </Link>
        </li>
        <li>
          <Link to={followupPaths.equity + q} aria-current={current === 'equity' ? 'page' : undefined}>
            {t('followup.nav.equity')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

export type { Area };
