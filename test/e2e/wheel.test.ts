import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { swedishToday } from '../../src/server/clock.js';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

const longDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
};

/** The fieldset of one indicator (its legend is the indicator's name). */
const indicator = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

/** Presses Tab until the element with this id has focus (keyboard only), at most `max` times. */
async function tabTo(page: Page, id: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)).id === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach #${id} with Tab`);
}

describe('Map (kartlägga): the wellbeing wheel in the browser, as a teacher', () => {
  let env: BrowserEnv;
  let children: { id: string; givenName: string; familyName: string }[] = [];
  beforeAll(async () => {
    env = await startBrowserEnv();
    const u = await openPage(env, 'anna.lindqvist');
    children = (await (await u.context.request.get('/api/children')).json()).children;
    await u.close();
    expect(children.length).toBeGreaterThanOrEqual(3);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("records the child's and a professional's view, then shows them in an accessible chart and a table", async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      const child = children[0]!;
      const name = `${child.givenName} ${child.familyName}`;
      await page.goto(`/barn/${child.id}`);
      const section = page.getByRole('region', { name: 'Välbefinnandehjulet' });
      await section.waitFor();
      // The demo history is there: the latest rating from each perspective.
      const latest = section.getByRole('table', { name: 'Senaste skattning från varje perspektiv' });
      await latest.waitFor();
      expect(await latest.getByRole('columnheader').allTextContents()).toEqual([
        'Perspektiv',
        'Datum',
        'Trygg',
        'Må bra',
        'Utvecklas',
        'Omvårdad',
        'Aktiv',
        'Respekterad',
        'Ansvarstagande',
        'Delaktig',
      ]);
      expect(await latest.getByRole('rowheader').first().textContent()).toBe('Barnets eget perspektiv');
      await expectAccessible(page, 'the child overview with the wheel section');

      // 1. The child's own view.
      await section.getByRole('link', { name: 'Ny kartläggning' }).click();
      await page.waitForURL(`**/barn/${child.id}/hjulet/ny`);
      await page.getByRole('heading', { level: 1, name: `Ny kartläggning för ${name}` }).waitFor();
      expect(await page.title()).toBe('Ny kartläggning – Barnkompass');
      await expectAccessible(page, 'the new-assessment form');

      // Saving without choosing a perspective: an error summary and an error at the field.
      await page.getByRole('button', { name: 'Spara kartläggningen' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Kartläggningen är inte sparad' });
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Välj vems perspektiv kartläggningen gäller.');
      await expect.poll(async () => (await focused(page)).tag).toBe('DIV');
      const childRadio = page.getByRole('radio', { name: 'Barnets eget' });
      expect(await childRadio.getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'the form with an error');

      await childRadio.check();
      const safe = indicator(page, 'Trygg');
      await safe.getByRole('textbox', { name: 'Det här fungerar' }).fill('Jag har en kompis att vara med på rasten.');
      await safe.getByRole('textbox', { name: 'Det här är svårt' }).fill('Omklädningsrummet.');
      await safe.getByRole('radio', { name: '4 – bra' }).check();
      await indicator(page, 'Må bra').getByRole('radio', { name: '2 – lite' }).check();
      await indicator(page, 'Delaktig').getByRole('radio', { name: '5 – väldigt bra' }).check();
      // "Aktiv" stays "Inte bedömt" (the default).
      expect(await indicator(page, 'Aktiv').getByRole('radio', { name: 'Inte bedömt' }).isChecked()).toBe(true);
      // The optional tools are collapsed until opened.
      expect(await page.getByRole('textbox', { name: 'Analys' }).isVisible()).toBe(false);
      await page.getByText('Resiliensmatrisen (valfritt)').click();
      await page.getByRole('textbox', { name: 'Analys' }).fill('Stabilt nätverk runt barnet.');
      await page.getByRole('button', { name: 'Spara kartläggningen' }).click();

      await page.waitForURL(`**/barn/${child.id}/hjulet`);
      await page.getByRole('heading', { level: 1, name: `Välbefinnandehjulet för ${name}` }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Kartläggningen är sparad.' }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');

      // The chart: an image with an accessible name, and a description with the numbers in words.
      const chart = page.getByRole('img', { name: 'Välbefinnandehjulet, Barnets eget perspektiv' });
      await chart.waitFor();
      const description = await chart.evaluate(
        (svg) => document.getElementById(svg.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
      );
      expect(description).toContain('Trygg 4');
      expect(description).toContain('Aktiv ej bedömt');
      expect(description).toContain(longDate(swedishToday()));
      // Rings 1–5 are labelled, and no series is drawn with an inline style.
      expect(await chart.locator('text.radar-ring-label').allTextContents()).toEqual(['1', '2', '3', '4', '5']);
      expect(await page.locator('[style]').count()).toBe(0);
      // The same numbers in a table.
      const table = page.getByRole('table', { name: 'Skattningar över tid: Barnets eget perspektiv' });
      const row = table
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: longDate(swedishToday()) }) })
        .last();
      expect(await row.getByRole('cell').allTextContents()).toEqual([
        '4',
        '2',
        'ej bedömt',
        'ej bedömt',
        'ej bedömt',
        'ej bedömt',
        'ej bedömt',
        '5',
      ]);
      // And the change from the earliest assessment, in words.
      const change = page.getByRole('heading', { level: 4, name: 'Förändring: Barnets eget perspektiv' });
      await change.waitFor();
      expect(await page.locator('.wheel-perspective').first().textContent()).toMatch(
        /Aktiv: \d → ej bedömt, kan inte jämföras|Aktiv: ej bedömt → ej bedömt/,
      );
      await expectAccessible(page, 'the wheel page');

      // 2. A professional's view (anna's own).
      await page.getByRole('link', { name: 'Ny kartläggning' }).click();
      await page.getByRole('heading', { level: 1, name: `Ny kartläggning för ${name}` }).waitFor();
      await page.getByRole('radio', { name: 'En yrkespersons' }).check();
      expect(await page.getByText(/Ditt perspektiv: Anna Lindqvist, Lärare, Furuboskolan/).count()).toBe(1);
      await indicator(page, 'Utvecklas').getByRole('radio', { name: '3 – delvis' }).check();
      await indicator(page, 'Utvecklas')
        .getByRole('textbox', { name: 'Det här är svårt' })
        .fill('Behöver kortare arbetspass.');
      // Kept from the guardians (never in the paper plan or the log extract).
      await page
        .getByRole('checkbox', {
          name: 'Hemligt för vårdnadshavarna – t.ex. det barnet berättat i förtroende för skolkuratorn',
        })
        .check();
      await page.getByRole('button', { name: 'Spara kartläggningen' }).click();
      await page.waitForURL(`**/barn/${child.id}/hjulet`);
      await page.locator('.guardian-secret-marker', { hasText: 'Hemligt för vårdnadshavarna' }).first().waitFor();
      const profChart = page.getByRole('img', { name: 'Välbefinnandehjulet, Anna Lindqvist, Lärare, Furuboskolan' });
      await profChart.waitFor();
      const profTable = page.getByRole('table', { name: 'Skattningar över tid: Anna Lindqvist, Lärare, Furuboskolan' });
      const profRow = profTable
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: longDate(swedishToday()) }) })
        .last();
      expect(await profRow.getByRole('cell').allTextContents()).toEqual([
        'ej bedömt',
        'ej bedömt',
        '3',
        'ej bedömt',
        'ej bedömt',
        'ej bedömt',
        'ej bedömt',
        'ej bedömt',
      ]);
      // The latest picture: both perspectives in one chart and one table.
      const latestChart = page.getByRole('img', { name: 'Välbefinnandehjulet, senaste skattning per perspektiv' });
      const latestDesc = await latestChart.evaluate(
        (svg) => document.getElementById(svg.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
      );
      expect(latestDesc).toContain('Barnets eget perspektiv');
      expect(latestDesc).toContain('Anna Lindqvist');
      await expectAccessible(page, 'the wheel page with two new assessments');

      // Back on the overview, the section shows today's ratings.
      await page.getByRole('link', { name: 'Tillbaka till barnets översikt' }).click();
      const latestAgain = page
        .getByRole('region', { name: 'Välbefinnandehjulet' })
        .getByRole('table', { name: 'Senaste skattning från varje perspektiv' });
      await latestAgain.waitFor();
      const childRow = latestAgain
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Barnets eget perspektiv' }) });
      expect(await childRow.getByRole('cell').first().textContent()).toBe(longDate(swedishToday()));
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('the form can be completed with the keyboard alone, errors included', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page, context } = u;
      const child = children[1]!;
      await page.goto(`/barn/${child.id}/hjulet/ny`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('group', { name: 'Trygg', exact: true }).waitFor();

      // Submit with nothing chosen: the summary takes focus; its link leads to the field.
      await tabTo(page, 'f-submit', 200);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toContain('Kartläggningen är inte sparad');
      await page.keyboard.press('Tab');
      expect((await focused(page)).text).toBe('Välj vems perspektiv kartläggningen gäller.');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).id).toBe('f-perspective-child');

      // Perspective: arrow keys move within the radio group (child → guardian → professional).
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('radio', { name: 'En yrkespersons' }).isChecked()).toBe(true);

      // Trygg: text in both boxes, then "5 – väldigt bra" (one step back from "Inte bedömt").
      await tabTo(page, 'f-safe-works');
      await page.keyboard.type('Lugnt i klassrummet.');
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('f-safe-hard');
      await page.keyboard.type('Rasterna.');
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('f-safe-rating-none');
      await page.keyboard.press('ArrowLeft');
      expect((await focused(page)).id).toBe('f-safe-rating-5');
      // Må bra: "4 – bra".
      await tabTo(page, 'f-healthy-rating-none');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      expect((await focused(page)).id).toBe('f-healthy-rating-4');

      // Open the Resilience Matrix with the keyboard, write the analysis, and save.
      for (let i = 0; i < 200 && !(await focused(page)).text.startsWith('Resiliensmatrisen'); i++)
        await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await tabTo(page, 'f-rm-analysis');
      await page.keyboard.type('Skyddsfaktorerna väger tungt.');
      await tabTo(page, 'f-submit');
      await page.keyboard.press('Enter');

      await page.waitForURL(`**/barn/${child.id}/hjulet`);
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      await page.getByRole('status').filter({ hasText: 'Kartläggningen är sparad.' }).waitFor();
      const list = (await (await context.request.get(`/api/children/${child.id}/wheel-assessments`)).json())
        .assessments as {
        id: string;
        ratings: Record<string, number | null>;
        perspective: { kind: string };
        hasResilienceMatrix: boolean;
      }[];
      const saved = list.at(-1)!;
      expect(saved.perspective.kind).toBe('professional');
      expect(saved.ratings).toMatchObject({ safe: 5, healthy: 4, achieving: null });
      expect(saved.hasResilienceMatrix).toBe(true);
      const full = await (await context.request.get(`/api/children/${child.id}/wheel-assessments/${saved.id}`)).json();
      expect(full.indicators[0]).toMatchObject({ whatWorks: 'Lugnt i klassrummet.', whatIsHard: 'Rasterna.' });
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('tells the user when someone else changed the assessment, and re-applies their edit on top', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    const other = await openPage(env, 'anna.lindqvist');
    try {
      const { page, context } = u;
      const child = children[2]!;
      const list = (await (await context.request.get(`/api/children/${child.id}/wheel-assessments`)).json())
        .assessments as { id: string; version: number }[];
      const target = list.at(-1)!;
      await page.goto(`/barn/${child.id}/hjulet/${target.id}`);
      await page.getByRole('heading', { level: 1, name: /^Ändra kartläggning för / }).waitFor();
      expect(await page.title()).toBe('Ändra kartläggning – Barnkompass');
      await expectAccessible(page, 'the edit form');

      // Meanwhile someone else changes "Trygg".
      const now = await (
        await other.context.request.get(`/api/children/${child.id}/wheel-assessments/${target.id}`)
      ).json();
      const theirs = await other.context.request.patch(`/api/children/${child.id}/wheel-assessments/${target.id}`, {
        headers: { 'If-Match': `"v${now.version}"` },
        data: { indicators: [{ indicator: 'safe', whatWorks: 'Ändrat av en kollega.' }] },
      });
      expect(theirs.status()).toBe(200);

      // I change "Delaktig" and save: 412.
      await indicator(page, 'Delaktig').getByRole('textbox', { name: 'Det här är svårt' }).fill('Min ändring.');
      await page.getByRole('button', { name: 'Spara kartläggningen' }).click();
      const conflict = page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat kartläggningen' });
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('Trygg: Det här fungerar');
      await expect.poll(async () => (await focused(page)).text).toContain('Någon annan har ändrat kartläggningen');
      // My change is still in the form; theirs is there too.
      expect(await indicator(page, 'Delaktig').getByRole('textbox', { name: 'Det här är svårt' }).inputValue()).toBe(
        'Min ändring.',
      );
      expect(await indicator(page, 'Trygg').getByRole('textbox', { name: 'Det här fungerar' }).inputValue()).toBe(
        'Ändrat av en kollega.',
      );
      await expectAccessible(page, 'the edit form after a conflict');

      await conflict.getByRole('button', { name: 'Spara mina ändringar ovanpå den nya versionen' }).click();
      await page.waitForURL(`**/barn/${child.id}/hjulet`);
      const after = await (
        await context.request.get(`/api/children/${child.id}/wheel-assessments/${target.id}`)
      ).json();
      expect(after.version).toBe(now.version + 2);
      expect(after.indicators.find((i: { indicator: string }) => i.indicator === 'safe').whatWorks).toBe(
        'Ändrat av en kollega.',
      );
      expect(after.indicators.find((i: { indicator: string }) => i.indicator === 'included').whatIsHard).toBe(
        'Min ändring.',
      );
      // The browser logs the 412 answer; nothing else may appear.
      u.expectNoProblems([/status of 412/]);
    } finally {
      await other.close();
      await u.close();
    }
  });
});
