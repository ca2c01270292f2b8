import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSurvey } from '../../src/server/demo/demo-survey.js';
import { KoladaClient } from '../../src/server/modules/followup/kolada/client.js';
import { importKolada } from '../../src/server/modules/followup/kolada/importer.js';
import { startKoladaStub, type KoladaStub } from '../kolada/stub.js';
import { expectAccessible, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

describe('follow-up for analysts in the browser (lars.berg)', () => {
  let env: BrowserEnv;
  let stub: KoladaStub;
  let school: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const db = env.server.tdb.db;
    await seedDemoSurvey(db);
    // Kolada values from the reference responses, through the real importer and a local stub.
    stub = await startKoladaStub();
    await importKolada(db, {
      client: new KoladaClient({ baseUrl: stub.baseUrl, timeoutMs: 5000 }),
      kpis: ['N17625', 'N09890'],
      years: [2020, 2021, 2022, 2023],
      full: true,
    });
    school = (
      await db.query<{ code: string }>(
        `SELECT code FROM survey_school WHERE municipality_code = '0780' AND school_form = 'compulsory' ORDER BY code LIMIT 1`,
      )
    ).rows[0]!.code;
  });
  afterAll(async () => {
    await env?.close();
    await stub?.close();
  });

  it('imports a small CSV through the mapping screen: progress, validation summary, then the import', async () => {
    const u = await openPage(env, 'lars.berg');
    try {
      const { page } = u;
      await page.goto('/uppfoljning/admin/enkat');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Importera skolenkät');
      await expectAccessible(page, 'survey import');
      const lines = ['nr;år;kommun;skola;klass;kön;trygg_skolan'];
      for (let i = 1; i <= 20; i++)
        lines.push(`E2E-${i};2024;0780;${school};8;${i % 2 ? 'flicka' : 'pojke'};${(i % 3) + 1}`);
      lines.push(`E2E-21;2024;0780;${school};8;flicka;77`);
      await page.setInputFiles('#survey-file', {
        name: 'enkat.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(lines.join('\n'), 'utf8'),
      });
      await page.getByRole('button', { name: 'Ladda upp och visa kolumner' }).click();
      await expect.poll(() => page.locator('#mapping-heading').textContent()).toContain('enkat.csv');
      // The proposal knows "kommun" and the item key; the analyst maps the rest.
      expect(await page.locator('#map-2').inputValue()).toBe('municipality');
      expect(await page.locator('#map-6').inputValue()).toBe('item:trygg_skolan');
      await page.selectOption('#map-0', 'respondent_id');
      await page.selectOption('#map-1', 'year');
      await page.selectOption('#map-3', 'school');
      await page.selectOption('#map-4', 'grade');
      await page.selectOption('#map-5', 'gender');
      await expectAccessible(page, 'mapping step');

      await page.getByRole('button', { name: 'Kontrollera utan att importera' }).click();
      await expect
        .poll(() => page.locator('#summary-heading').textContent())
        .toBe('Kontrollen är klar – ingenting har sparats');
      expect(await page.locator('#import-progress').getAttribute('value')).toBe('1');
      expect(await page.locator('#import-progress-status').textContent()).toContain('Klar');
      const counts = await page.locator('.fa-counts li').allTextContents();
      expect(counts.map((c) => c.replace(/\s+/g, ' '))).toEqual([
        '21rader i filen',
        '20rader utan fel',
        '1rader med fel',
      ]);
      expect(await page.getByRole('table', { name: 'Fel per typ' }).textContent()).toContain('Okänd kod');
      expect(await page.getByRole('table', { name: /De första raderna med fel/ }).textContent()).toContain('22');
      await expectAccessible(page, 'validation summary');

      await page.getByLabel('Importera de rader som är rätt och hoppa över resten').check();
      await page.getByRole('button', { name: 'Importera', exact: true }).click();
      await expect.poll(() => page.locator('#summary-heading').textContent()).toBe('20 svarande importerades');
      await expect
        .poll(() => page.getByRole('table', { name: 'Tidigare importer' }).textContent())
        .toContain('enkat.csv');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('creates an indicator, sees the server’s check against the instrument, and switches it off', async () => {
    const u = await openPage(env, 'lars.berg');
    try {
      const { page } = u;
      await page.goto('/uppfoljning/admin/indikatorer');
      await expect.poll(() => page.getByRole('table').first().textContent()).toContain('Trygg i skolan');
      await expectAccessible(page, 'indicator list');
      await page.getByRole('link', { name: 'Ny indikator' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Ny indikator');
      await page.fill('#ind-key', 'alltid_trygg');
      await page.fill('#ind-labelSv', 'Alltid trygg i skolan');
      await page.fill('#ind-labelEn', 'Always safe at school');
      await page.check('#ind-item-trygg_skolan');
      await page.fill('#ind-positive', '1, 42');
      await page.check('#ind-goal');
      await expectAccessible(page, 'indicator form');
      await page.getByRole('button', { name: 'Skapa indikator' }).click();
      // 42 is not a code of the question: the server says so and nothing is created.
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('har inget svar med kod 42');
      await page.fill('#ind-positive', '1');
      await page.getByRole('button', { name: 'Skapa indikator' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Indikatorer');
      const row = page.getByRole('row', { name: /Alltid trygg i skolan/ });
      await expect.poll(() => row.textContent()).toContain('Används');
      await page.getByRole('button', { name: 'Stäng av Alltid trygg i skolan' }).click();
      await expect.poll(() => row.textContent()).toContain('Avstängd');
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('är avstängd');
      u.expectNoProblems([/status of 400/]); // the refused definition
    } finally {
      await u.close();
    }
  });

  it('shows the KPI page by wheel and goal chain with protected values, and the import hub with response rates', async () => {
    const u = await openPage(env, 'lars.berg');
    try {
      const { page } = u;
      await page.goto('/nyckeltal');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Nyckeltal');
      await page.selectOption('#kpi-municipality', '0760');
      const active = page.getByRole('table', { name: /^Aktiv: nyckeltal för/ });
      await expect.poll(() => active.textContent()).toContain('N09890');
      expect(await active.textContent()).toContain('Skyddat');
      // The survey's indicators for the same part of the wheel, beside the KPIs.
      expect(await page.getByRole('table', { name: /^Aktiv: skolenkäten i .* 2024/ }).textContent()).toContain(
        'Organiserad fritidsaktivitet',
      );
      await expectAccessible(page, 'KPI page by wheel');
      await page.getByLabel('Målkedjan').check();
      await expect.poll(() => page.getByRole('heading', { name: 'Volymer' }).count()).toBe(1);
      expect(await page.getByRole('link', { name: /Rapport för .* \(PDF\)/ }).getAttribute('href')).toBe(
        '/api/followup-admin/exports/0760/pdf',
      );
      await expectAccessible(page, 'KPI page by goal chain');

      await page.goto('/uppfoljning/admin');
      await expect
        .poll(() => page.getByRole('table', { name: 'Svarsfrekvens, Hela länet' }).textContent())
        .toContain('Årskurs 8');
      await expectAccessible(page, 'population and tables');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });
});
