/**
 * Exports of published (suppressed) follow-up numbers for one municipality: a CSV for Swedish
 * Excel and a per-municipality report as HTML for the tagged-PDF printer (src/server/pdf).
 *
 * Every number comes from the tables the read API publishes (PublishedFollowup.shownTables, the
 * same protected path as the dashboards): the cube's suppression plus the linked-table protection
 * across areas, so a cell the API hides — also one hidden only because it could be worked out from
 * other areas' tables and the county's — is hidden here too. There is no second suppression path:
 * only cells with status 'ok' carry a share and CI; every other cell is written with empty numbers
 * and the status in words. Nothing here reads microdata.
 *
 * CSV choices (Swedish Excel opens it by double-click): UTF-8 with BOM, semicolon separator,
 * decimal comma, CRLF line ends, percentages with one decimal, fields quoted when needed.
 */
import type { CubeCell, CubeTable, IndicatorDefinition, ResponseRate } from '../../../../core/followup/index.js';
import { escapeHtml } from '../../../pdf/render.js';
import type { ShownTables } from '../published.js';

export interface ExportRow {
  readonly indicator: IndicatorDefinition;
  readonly year: number;
  readonly grade: string;
  readonly area: 'county' | 'municipality';
  /** 'all', 'girl', 'boy', 'other'. */
  readonly group: string;
  readonly cell: Pick<CubeCell, 'n' | 'share' | 'ciLow' | 'ciHigh' | 'status'> & { vsRest?: CubeCell['vsRest'] };
  readonly responseRate: ResponseRate | null;
  readonly seriesBreak: boolean;
}

/** Where the exports read tables from: the API's published tables (PublishedFollowup.shownTables). */
export type TableSource = Pick<ShownTables, 'table'>;

const safeTable = (p: TableSource, q: Parameters<TableSource['table']>[0]): CubeTable | null => {
  try {
    return p.table(q);
  } catch (err) {
    // An indicator or breakdown the snapshot does not have: no table.
    if (err instanceof RangeError) return null;
    throw err;
  }
};

/** Published rows for a municipality: county and municipality per grade, and the municipality by gender. */
export function exportRows(
  published: TableSource,
  indicators: readonly IndicatorDefinition[],
  waves: readonly { year: number; grades: readonly string[] }[],
  municipality: string,
  years?: readonly number[],
): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const ind of indicators) {
    for (const w of waves) {
      if (years && !years.includes(w.year)) continue;
      for (const grade of w.grades) {
        if (ind.grades && !ind.grades.includes(grade)) continue;
        const county = safeTable(published, { indicator: ind.key, breakdown: 'grade', year: w.year });
        const cc = county?.cells.find((c) => c.group === grade);
        const muni = safeTable(published, {
          indicator: ind.key,
          breakdown: 'municipality',
          year: w.year,
          parent: { grade },
        });
        const mc = muni?.cells.find((c) => c.group === municipality);
        if (!cc && !mc) continue;
        if (cc)
          rows.push({
            indicator: ind,
            year: w.year,
            grade,
            area: 'county',
            group: 'all',
            cell: cc,
            responseRate: cc.responseRate ?? null,
            seriesBreak: county!.seriesBreak,
          });
        if (mc)
          rows.push({
            indicator: ind,
            year: w.year,
            grade,
            area: 'municipality',
            group: 'all',
            cell: mc,
            responseRate: mc.responseRate ?? null,
            seriesBreak: muni!.seriesBreak,
          });
        const byGender = safeTable(published, {
          indicator: ind.key,
          breakdown: 'municipality_gender',
          year: w.year,
          parent: { grade, municipality },
        });
        for (const g of byGender?.cells ?? []) {
          if (g.group !== 'girl' && g.group !== 'boy') continue;
          rows.push({
            indicator: ind,
            year: w.year,
            grade,
            area: 'municipality',
            group: g.group,
            cell: g,
            responseRate: null,
            seriesBreak: byGender!.seriesBreak,
          });
        }
      }
    }
  }
  return rows;
}

const GRADE_SV: Record<string, string> = { '5': 'Åk 5', '8': 'Åk 8', gy2: 'Gymnasiet år 2' };
const GROUP_SV: Record<string, string> = { all: 'Alla', girl: 'Flickor', boy: 'Pojkar', other: 'Annat' };
export const gradeSv = (g: string) => GRADE_SV[g] ?? `Åk ${g}`;
export const statusSv = (s: string) =>
  s === 'ok' ? 'Publicerad' : s === 'unit_too_small' ? 'Prickad: för få svarande' : 'Prickad: skyddas mot röjande';

/** Percent with a decimal comma (0.4567 → "45,7"). */
export const pct = (v: number | null | undefined, decimals = 1): string =>
  v === null || v === undefined ? '' : (v * 100).toFixed(decimals).replace('.', ',');

function csvField(v: string): string {
  return /[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const CSV_HEADER = [
  'Indikator',
  'Indikatornyckel',
  'År',
  'Årskurs',
  'Område',
  'Grupp',
  'Andel (%)',
  'KI 95 % nedre (%)',
  'KI 95 % övre (%)',
  'n',
  'Status',
  'Svarsfrekvens (%)',
  'Låg svarsfrekvens',
  'Serieavbrott',
];

export function exportCsv(rows: readonly ExportRow[], municipalityName: string): string {
  const lines = [CSV_HEADER.join(';')];
  for (const r of rows) {
    const ok = r.cell.status === 'ok';
    const rr = r.responseRate && r.responseRate.status === 'ok' ? r.responseRate : null;
    lines.push(
      [
        r.indicator.labelSv,
        r.indicator.key,
        String(r.year),
        gradeSv(r.grade),
        r.area === 'county' ? 'Länet' : municipalityName,
        GROUP_SV[r.group] ?? r.group,
        ok ? pct(r.cell.share) : '',
        ok ? pct(r.cell.ciLow) : '',
        ok ? pct(r.cell.ciHigh) : '',
        r.cell.n === null ? '' : String(r.cell.n),
        statusSv(r.cell.status),
        rr ? pct(rr.rate, 0) : '',
        rr ? (rr.low ? 'Ja' : 'Nej') : '',
        r.seriesBreak ? 'Ja' : 'Nej',
      ]
        .map(csvField)
        .join(';'),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const WHEEL_SV: Record<string, string> = {
  safe: 'Trygg',
  healthy: 'Må bra',
  achieving: 'Utvecklas',
  nurtured: 'Omvårdad',
  active: 'Aktiv',
  respected: 'Respekterad',
  responsible: 'Ansvarstagande',
  included: 'Delaktig',
};
export const wheelSv = (w: string) => WHEEL_SV[w] ?? w;

export interface ReportInput {
  readonly municipalityName: string;
  readonly instrumentName: string;
  readonly year: number;
  readonly rows: readonly ExportRow[];
  readonly responseRates: readonly {
    year: number;
    grade: string | null;
    rate: number | null;
    respondents: number | null;
    pupils: number | null;
    low: boolean;
    status: string;
  }[];
  readonly kpis: readonly {
    id: string;
    title: string;
    latest: { period: number; value: number | null; status: string } | null;
  }[];
  readonly generatedOn: string;
}

/** The per-municipality report (Swedish) as a complete HTML document for renderHtmlToPdf. */
export function reportHtml(input: ReportInput): string {
  const title = `Uppföljning ${input.year} – ${input.municipalityName}`;
  const e = escapeHtml;
  const latest = input.rows.filter((r) => r.year === input.year && r.group === 'all');
  const byWheel = new Map<string, ExportRow[]>();
  for (const r of latest) {
    if (r.area !== 'municipality') continue;
    const list = byWheel.get(r.indicator.wheel) ?? [];
    list.push(r);
    byWheel.set(r.indicator.wheel, list);
  }
  const countyOf = (r: ExportRow) =>
    latest.find((c) => c.area === 'county' && c.indicator.key === r.indicator.key && c.grade === r.grade);
  const sections = [...byWheel].map(([wheel, rows]) => {
    const body = rows
      .map((r) => {
        const c = countyOf(r);
        const ok = r.cell.status === 'ok';
        const diff =
          ok && r.cell.vsRest
            ? `${r.cell.vsRest.difference >= 0 ? '+' : '−'}${pct(Math.abs(r.cell.vsRest.difference))} (${pct(r.cell.vsRest.low)} till ${pct(r.cell.vsRest.high)})`
            : '–';
        return `<tr><th scope="row">${e(r.indicator.labelSv)}</th><td>${e(gradeSv(r.grade))}</td><td>${ok ? `${pct(r.cell.share)} %` : e(statusSv(r.cell.status))}</td><td>${ok ? `${pct(r.cell.ciLow)}–${pct(r.cell.ciHigh)}` : '–'}</td><td>${r.cell.n ?? '–'}</td><td>${c && c.cell.status === 'ok' ? `${pct(c.cell.share)} %` : '–'}</td><td>${diff}</td></tr>`;
      })
      .join('\n');
    return `<section><h2>${e(wheelSv(wheel))}</h2>
<table><caption>${e(wheelSv(wheel))}: andel i ${e(input.municipalityName)} ${input.year} med 95 % konfidensintervall, jämfört med länet</caption>
<thead><tr><th scope="col">Indikator</th><th scope="col">Årskurs</th><th scope="col">Andel</th><th scope="col">KI 95 % (%)</th><th scope="col">n</th><th scope="col">Länet</th><th scope="col">Skillnad mot övriga länet, procentenheter (KI)</th></tr></thead>
<tbody>${body}</tbody></table></section>`;
  });
  const rr = input.responseRates
    .filter((r) => r.grade !== null)
    .map(
      (r) =>
        `<tr><th scope="row">${r.year}</th><td>${e(gradeSv(r.grade!))}</td><td>${r.respondents ?? '–'}</td><td>${r.pupils ?? '–'}</td><td>${r.status === 'ok' && r.rate !== null ? `${pct(r.rate, 0)} %${r.low ? ' (låg)' : ''}` : '–'}</td></tr>`,
    )
    .join('\n');
  const kpis = input.kpis
    .map(
      (k) =>
        `<tr><th scope="row">${e(k.title)} (${e(k.id)})</th><td>${k.latest ? k.latest.period : '–'}</td><td>${k.latest ? (k.latest.status === 'suppressed' ? 'Skyddad (Kolada)' : k.latest.value === null ? 'Saknas' : e(String(k.latest.value).replace('.', ','))) : 'Ingen data'}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #111; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 6pt; } h2 { font-size: 13pt; margin: 14pt 0 4pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; page-break-inside: auto; }
caption { text-align: left; font-weight: bold; margin-bottom: 3pt; }
th, td { border: 1px solid #888; padding: 2pt 4pt; text-align: left; vertical-align: top; }
thead th { background: #e8eef5; }
p.meta { color: #333; }
</style></head>
<body><main>
<h1>${e(title)}</h1>
<p class="meta">${e(input.instrumentName)}. Rapporten skapades ${e(input.generatedOn)} ur Barnkompass publicerade, prickade tabeller.</p>
<section><h2>Om siffrorna</h2>
<p>Andelar visas med 95 % konfidensintervall (Wilson). En cell visas bara när gruppen har minst 10 svarande och varje svarsalternativ minst 5; annars är den prickad, och andra celler prickas så att en prickad siffra inte kan räknas fram. Skillnaden mot övriga länet anges i procentenheter med konfidensintervall (Newcombe). Låg svarsfrekvens (under 70 %) markeras.</p></section>
<section><h2>Svarsfrekvens</h2>
<table><caption>Svarsfrekvens i ${e(input.municipalityName)} per enkätomgång och årskurs</caption>
<thead><tr><th scope="col">År</th><th scope="col">Årskurs</th><th scope="col">Svarande</th><th scope="col">Elever</th><th scope="col">Svarsfrekvens</th></tr></thead>
<tbody>${rr || '<tr><td colspan="5">Inga elevantal finns.</td></tr>'}</tbody></table></section>
${sections.join('\n')}
<section><h2>Nyckeltal från Kolada</h2>
<table><caption>Senaste värde per nyckeltal för ${e(input.municipalityName)} (totalt)</caption>
<thead><tr><th scope="col">Nyckeltal</th><th scope="col">År</th><th scope="col">Värde</th></tr></thead>
<tbody>${kpis || '<tr><td colspan="3">Inga nyckeltal är importerade.</td></tr>'}</tbody></table></section>
</main></body></html>`;
}
