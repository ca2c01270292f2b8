import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemoSurvey } from '../../src/server/demo/demo-survey.js';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

/** Presses Tab until the element with this id has focus (keyboard only), at most `max` times. */
async function tabTo(page: Page, id: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)).id === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach #${id} with Tab`);
}

const PCT = /^\d{1,3}\u00a0%$/;
const RANGE = /^\d{1,3}–\d{1,3}\u00a0%$/;

describe('Follow-up (uppföljning) in the browser, as an analyst', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    await seedDemoSurvey(env.server.tdb.db);
  }, 240_000);
  afterAll(async () => {
    await env?.close();
  });

  it('lands on the follow-up, goes overview → indicator drill-down → table → equity → school profile, axe-clean and keyboard-usable', async () => {
    const u = await openPage(env, 'lars.berg');
    try {
      const { page } = u;
      // An analyst has no children: after login the start page is the follow-up.
      await page.goto('/');
      await page.waitForURL('**/uppfoljning');
      await page.getByRole('heading', { level: 1, name: 'Uppföljning: Hela länet' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
      expect(await nav.getByRole('link', { name: 'Uppföljning' }).getAttribute('aria-current')).toBe('page');
      expect(await nav.getByRole('link', { name: 'Mina barn' }).count()).toBe(0);
      // The eight wheel indicators are the sections.
      for (const w of [
        'Trygg',
        'Må bra',
        'Utvecklas',
        'Omvårdad',
        'Aktiv',
        'Respekterad',
        'Ansvarstagande',
        'Delaktig',
      ]) {
        await page.getByRole('heading', { level: 2, name: w, exact: true }).waitFor();
      }
      // The response-rate table per grade and wave, like the county report's.
      const rates = page.getByRole('table', { name: 'Svarsfrekvens per årskurs och år: Hela länet' });
      expect(await rates.getByRole('columnheader').allTextContents()).toEqual(['Årskurs', '2018', '2021', '2024']);
      expect(await rates.getByRole('rowheader').allTextContents()).toEqual([
        'Årskurs 5',
        'Årskurs 8',
        'Gymnasiet år 2',
      ]);
      expect(await rates.getByRole('cell').first().textContent()).toMatch(/^\d+\u00a0% \([\d\u00a0]+ av [\d\u00a0]+\)/);
      await expectAccessible(page, 'the county overview');

      // Filters: a form with labels, reachable and usable by keyboard.
      await page.locator('#page-heading').focus();
      await tabTo(page, 'fu-area');
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('fu-wave');
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('fu-grade');
      await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Växjö kommun' });
      await page.getByLabel('Årskurs', { exact: true }).selectOption({ label: 'Årskurs 8' });
      await page.getByLabel('År', { exact: true }).selectOption('2024');
      await page.getByRole('button', { name: 'Visa' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL('**/uppfoljning/kommun/0780?wave=2024&grade=8');
      await page.getByRole('heading', { level: 1, name: 'Uppföljning: Växjö kommun' }).waitFor();
      const safe = page.getByRole('table', { name: 'Trygg: Växjö kommun, årskurs 8 2024' });
      await safe.waitFor();
      expect(await safe.getByRole('columnheader').allTextContents()).toEqual([
        'Indikator',
        'Andel',
        '95 % konfidensintervall',
        'Antal svar',
        'Jämfört med övriga länet',
        'Utveckling 2018–2024',
      ]);
      const row = safe.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Trygg i skolan/ }) });
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells[0]).toMatch(PCT);
      expect(cells[1]).toMatch(RANGE);
      expect(cells[3]).toMatch(/procentenheter.*(Tydligt bättre|Tydligt sämre|Ingen tydlig skillnad)/);
      // The sparkline says its numbers in words.
      expect(await row.getByRole('img').getAttribute('aria-label')).toMatch(
        /^Utveckling för Trygg i skolan: 2018: \d+\u00a0%, 2021: \d+\u00a0%, 2024: \d+\u00a0%$/,
      );
      // Series break: school stress was re-scaled in 2024.
      const stress = page
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: /Stressad av skolarbetet/ }) });
      expect(await stress.textContent()).toContain('Frågan ändrades 2024');
      await expect.poll(() => page.getByText(/Svarsfrekvens årskurs 8 2024: \d+\u00a0%/).count()).toBe(1);
      const glance = page.getByRole('table', {
        name: 'Hjulet i korthet: Växjö kommun jämfört med övriga länet, årskurs 8 2024',
      });
      expect(await glance.getByRole('rowheader').allTextContents()).toEqual([
        'Trygg',
        'Må bra',
        'Utvecklas',
        'Omvårdad',
        'Aktiv',
        'Respekterad',
        'Ansvarstagande',
        'Delaktig',
      ]);
      await expectAccessible(page, 'the municipality overview');

      // Drill down into one indicator.
      await row.getByRole('link', { name: 'Trygg i skolan' }).click();
      await page.waitForURL('**/uppfoljning/indikator/safe_at_school?wave=2024&grade=8&municipality=0780');
      await page.getByRole('heading', { level: 1, name: 'Trygg i skolan' }).waitFor();
      const chart = page.getByRole('img', { name: 'Trygg i skolan efter kön, Växjö kommun 2024' });
      await chart.waitFor();
      expect(await chart.locator('desc').textContent()).toMatch(
        /Flickor: \d+\u00a0% \(95 % konfidensintervall \d+–\d+\u00a0%\)/,
      );
      // The table view of the same numbers.
      const table = page.getByRole('table', { name: 'Trygg i skolan efter kön: Växjö kommun, årskurs 8 2024' });
      expect(await table.getByRole('rowheader').allTextContents()).toEqual(
        expect.arrayContaining(['Växjö kommun', 'Flickor', 'Pojkar']),
      );
      const girls = await table
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Flickor' }) })
        .getByRole('cell')
        .allTextContents();
      expect(girls[0]).toMatch(PCT);
      expect(girls[1]).toMatch(RANGE);
      await page.getByText(/Chi-två-test över \d grupper|Fishers exakta test/).waitFor();
      await page
        .getByText(/Benjamini–Hochberg över \d+ test/)
        .first()
        .waitFor();
      await page.getByRole('table', { name: 'Trygg i skolan över tid: Växjö kommun, årskurs 8' }).waitFor();
      await expectAccessible(page, 'the indicator drill-down');

      // Change the breakdown with the form (keyboard), then look at the county by school.
      await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Hela länet' });
      await page.getByLabel('Dela upp efter', { exact: true }).selectOption({ label: 'Skola' });
      await page.getByRole('button', { name: 'Visa' }).click();
      await page.getByRole('img', { name: 'Trygg i skolan efter skola, Hela länet 2024' }).waitFor();
      expect(page.url()).toContain('breakdown=school');
      await expectAccessible(page, 'the indicator by school');

      // A breakdown with hidden cells says so in words, in the chart and in the table.
      const hiddenUrl = await findHiddenDrillDown(page);
      await page.goto(hiddenUrl);
      const drill = page.getByRole('table').first();
      await drill.waitFor();
      expect(await page.getByText('visas inte (för få svar)').count()).toBeGreaterThan(0);
      expect(
        await page.locator('svg[role="img"] text', { hasText: 'visas inte (för få svar)' }).count(),
      ).toBeGreaterThan(0);

      // Equity: gender × family ladder.
      await page
        .getByRole('navigation', { name: 'Uppföljningens vyer' })
        .getByRole('link', { name: 'Jämlikhet' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Jämlikhet' }).waitFor();
      // The indicator list follows the grade: choose the grade first.
      await page.getByLabel('Årskurs', { exact: true }).selectOption({ label: 'Gymnasiet år 2' });
      await page
        .getByLabel('Indikator', { exact: true })
        .selectOption({ label: 'Intensivkonsumtion minst en gång i månaden' });
      await page.getByRole('button', { name: 'Visa' }).click();
      const eq = page.getByRole('table', {
        name: /^Intensivkonsumtion minst en gång i månaden efter kön och familjestege: Hela länet, gymnasiet år 2/,
      });
      await eq.waitFor();
      expect(await eq.getByRole('columnheader').allTextContents()).toEqual([
        'Grupp',
        'Alla i gruppen',
        'Familjestege 1–4',
        'Familjestege 5–7',
        'Familjestege 8–10',
        'Skillnad högsta − lägsta (procentenheter)',
      ]);
      expect(await eq.getByRole('rowheader').allTextContents()).toEqual(
        expect.arrayContaining(['Alla elever', 'Flickor', 'Pojkar']),
      );
      await page.getByRole('img', { name: /efter familjestege, flickor/ }).waitFor();
      await expectAccessible(page, 'the equity view');

      // School profile.
      const ins = await (await u.context.request.get('/api/followup/instruments')).json();
      const school = ins.instruments[0].schools.find((s: { grades: string[] }) => s.grades.includes('8'));
      await page.goto(`/uppfoljning/skola/${school.code}?grade=8`);
      await page.getByRole('heading', { level: 1, name: school.name }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Styrkor och utmaningar' }).waitFor();
      const tables = page.getByRole('table', { name: /^(Styrkor|Utmaningar):/ });
      await expect.poll(() => tables.count()).toBeGreaterThan(0);
      const first = tables.first();
      expect(await first.getByRole('columnheader').allTextContents()).toEqual([
        'Plats',
        'Indikator',
        'Del av hjulet',
        'Skolan',
        'Länet',
        'Skillnad mot övriga länet',
        'Bedömning',
      ]);
      expect((await first.getByRole('row').nth(1).getByRole('cell').nth(4).textContent()) ?? '').toMatch(
        /procentenheter \(.+ till .+\)/,
      );
      await page.getByRole('heading', { level: 2, name: 'Hela hjulet för skolan' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Trygg', exact: true }).waitFor();
      expect(await page.title()).toBe(`${school.name} – Barnkompass`);
      await expectAccessible(page, 'the school profile');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  }, 180_000);

  it('a teacher may read the published aggregates too; without login the page asks to log in', async () => {
    const anon = await openPage(env);
    try {
      await anon.page.goto('/uppfoljning');
      await anon.page.waitForURL('**/login');
      const res = await anon.context.request.get('/api/followup/overview');
      expect(res.status()).toBe(401);
    } finally {
      await anon.close();
    }
    const u = await openPage(env, 'anna.lindqvist');
    try {
      await u.page.goto('/uppfoljning/jamlikhet');
      await u.page.getByRole('heading', { level: 1, name: 'Jämlikhet' }).waitFor();
      await expectAccessible(u.page, 'the equity view as a teacher');
      // A selection the survey does not have, and a question not asked that year.
      await u.page.goto('/uppfoljning/kommun/0780?wave=1999');
      await u.page.getByRole('heading', { level: 1, name: 'Urvalet finns inte' }).waitFor();
      await u.page.goto('/uppfoljning/indikator/loneliness?wave=2018&grade=8');
      await u.page
        .getByText('Inga resultat för det här urvalet: frågan ställdes inte det året eller ingen svarade.')
        .waitFor();
      await expectAccessible(u.page, 'an indicator not asked that year');
    } finally {
      await u.close();
    }
  }, 120_000);
});

/** A drill-down in the demo survey that has at least one hidden group (found through the API). */
async function findHiddenDrillDown(page: Page): Promise<string> {
  const candidates = [
    '/uppfoljning/indikator/binge_drinking?wave=2024&grade=gy2&breakdown=background',
    '/uppfoljning/indikator/snus?wave=2024&grade=8&breakdown=school',
    '/uppfoljning/indikator/safe_at_school?wave=2024&grade=5&breakdown=school',
    '/uppfoljning/indikator/loneliness?wave=2024&grade=5&breakdown=background',
    '/uppfoljning/indikator/truancy?wave=2021&grade=5&breakdown=school_ladder',
  ];
  for (const url of candidates) {
    const api = url.replace('/uppfoljning/indikator/', '/api/followup/indicators/');
    const body = await (await page.request.get(api)).json();
    if ((body.cells as { status: string }[]).some((c) => c.status !== 'ok')) return url;
  }
  throw new Error('no drill-down with a hidden group among the candidates');
}
