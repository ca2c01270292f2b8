import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoReviewerAssignmentId } from '../../src/server/demo/seed-reports.js';
import { childrenOnTeam, personByUsername } from '../helpers/fixtures.js';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

const STATUS_4XX = /Failed to load resource: the server responded with a status of 40[04]/;

describe('orosanmälan, report inbox, log review and log extract (browser)', () => {
  let env: BrowserEnv;
  let child: string;
  beforeAll(async () => {
    env = await startBrowserEnv();
    const a = await personByUsername(env.server.tdb.db, 'anna.lindqvist');
    child = (await childrenOnTeam(env.server.tdb.db, a.assignments[0]!.id))[1]!.id;
  });
  afterAll(async () => {
    await env?.close();
  });

  it("anna files a report from the child's page; social services acknowledge it and send feedback; anna sees the feedback", async () => {
    const anna = await openPage(env, 'anna.lindqvist');
    const sara = await openPage(env, 'sara.nilsson');
    try {
      const { page } = anna;
      await page.goto(`/barn/${child}`);
      await page.getByRole('link', { name: 'Gör en orosanmälan om barnet' }).click();
      await page.getByRole('heading', { level: 1, name: 'Gör en orosanmälan' }).waitFor();
      await page.getByText('Anmälan kräver inte samtycke').waitFor();
      await expectAccessible(page, 'the report form');
      await page.getByRole('button', { name: 'Skicka orosanmälan' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Rätta det här innan du sparar' });
      await summary.waitFor();
      await expect.poll(async () => (await focused(page)).text).toContain('Rätta det här innan du sparar');
      await expectAccessible(page, 'the report form with errors');
      // The error links move focus to the field.
      await summary.getByRole('link', { name: 'Beskriv vad du har sett eller hört och varför du är orolig.' }).click();
      expect((await focused(page)).id).toBe('new-report-concern');
      // Keyboard only from here: type, then move to the radios and choose with the keyboard.
      await page.keyboard.type('Barnet har berättat att det blir slaget hemma.');
      await page
        .getByRole('group', { name: 'Kan barnet vara i akut fara?' })
        .getByRole('radio', { name: 'Nej' })
        .focus();
      await page.keyboard.press('Space');
      await page.getByRole('radio', { name: /olämpligt eller farligt/ }).focus();
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Skicka orosanmälan' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Orosanmälan' }).waitFor();
      await page.getByText('Bara du och socialtjänsten ser den här anmälan').waitFor();
      expect(page.url()).toMatch(/\/orosanmalan\/[0-9a-f-]{36}$/);
      const reportUrl = new URL(page.url()).pathname;
      await expectAccessible(page, "the reporter's view of the report");

      // Social services: the inbox, acknowledge, feedback.
      const s = sara.page;
      await s.goto('/');
      await s.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Orosanmälan' }).click();
      await s.getByRole('link', { name: 'Inkomna orosanmälningar' }).click();
      await s.getByRole('heading', { level: 1, name: 'Inkomna orosanmälningar' }).waitFor();
      await expectAccessible(s, 'the report inbox');
      await s.goto(reportUrl);
      await s.getByText('Anna Lindqvist').first().waitFor();
      await expectAccessible(s, "social services' view of the report");
      await s.getByRole('button', { name: 'Bekräfta mottagandet' }).click();
      await s.getByRole('heading', { name: 'Återkoppling till anmälaren' }).waitFor();
      await s.getByRole('button', { name: 'Skicka återkoppling' }).click();
      await s.getByRole('alert').filter({ hasText: 'Välj vad återkopplingen gäller.' }).waitFor();
      await s.getByLabel('Vad gäller återkopplingen?').selectOption({ label: 'Utredning har inletts' });
      await s.getByLabel('Meddelande').fill('Vi har inlett en utredning.');
      await s.getByRole('button', { name: 'Skicka återkoppling' }).click();
      await s.getByText('Vi har inlett en utredning.').waitFor();
      await expectAccessible(s, 'the report with feedback (social services)');

      await page.reload();
      await page.getByText('Vi har inlett en utredning.').waitFor();
      await page.getByText('Återkoppling finns').waitFor();
      anna.expectNoProblems();
      sara.expectNoProblems();
    } finally {
      await anna.close();
      await sara.close();
    }
  });

  it('a report from scratch keeps the personnummer out of the address bar', async () => {
    const malin = await openPage(env, 'malin.ahlgren');
    try {
      const { page } = malin;
      await page.goto('/orosanmalan');
      await page.getByRole('heading', { level: 1, name: 'Orosanmälan' }).waitFor();
      await expectAccessible(page, 'the reports page');
      await page.getByRole('link', { name: 'Gör en orosanmälan' }).click();
      await page.getByLabel('Barnets personnummer').fill('20150109-2397');
      await page.getByLabel('Barnets namn').fill('Kim Testsson');
      expect(await page.getByLabel('Barnets kommun').inputValue()).toBe('0780');
      await page.getByLabel('Vad har du sett eller hört?').fill('Eleven berättar om bråk hemma.');
      await page
        .getByRole('group', { name: 'Kan barnet vara i akut fara?' })
        .getByRole('radio', { name: 'Ja' })
        .check();
      await page.getByText('Ring socialtjänsten direkt').waitFor();
      await page.getByRole('radio', { name: 'Nej, inte än' }).check();
      await expectAccessible(page, 'the from-scratch form');
      await page.getByRole('button', { name: 'Skicka orosanmälan' }).click();
      await page.getByText('Kim Testsson').first().waitFor();
      expect(page.url()).not.toContain('2397');
      expect(await page.content()).not.toContain('20150109-2397');
      malin.expectNoProblems();
    } finally {
      await malin.close();
    }
  });

  it('the log reviewer draws samples, filters them and documents an outcome', async () => {
    const tomas = await openPage(env, 'tomas.engstrom');
    try {
      const { page, context } = tomas;
      expect(
        (
          await context.request.put('/api/session/assignment', { data: { assignmentId: demoReviewerAssignmentId() } })
        ).status(),
      ).toBe(204);
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Logguppföljning' }).click();
      await page.getByRole('heading', { level: 1, name: 'Logguppföljning' }).waitFor();
      await page.getByRole('region', { name: 'Stickprov, senaste först' }).waitFor();
      await expectAccessible(page, 'the log review page');
      await page.getByRole('button', { name: 'Ta stickprov' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /nya? stickprov/ })
        .waitFor();
      await page.getByLabel('Typ', { exact: true }).selectOption({ label: 'Utanför arbetstid' });
      await page.getByLabel('Status').selectOption({ label: 'Alla' });
      const first = page
        .getByRole('region', { name: 'Stickprov, senaste först' })
        .getByRole('link', { name: 'Utanför arbetstid' })
        .first();
      await first.click();
      await page.getByRole('heading', { level: 1, name: 'Stickprov' }).waitFor();
      await expectAccessible(page, 'a sample');
      await page.getByRole('radio', { name: 'Incident' }).check();
      await page.getByLabel('Anteckning').fill('');
      await page.getByRole('button', { name: 'Spara utfall' }).click();
      await page.getByRole('alert').filter({ hasText: 'Skriv vad du såg och vad som händer nu.' }).waitFor();
      await expectAccessible(page, 'the outcome form with errors');
      await page
        .getByLabel('Anteckning')
        .fill('Kontrollerat med närmaste chef; åtkomsten saknade koppling till arbetet.');
      await page.getByRole('button', { name: 'Spara utfall' }).click();
      await page.getByRole('status').filter({ hasText: 'Utfallet är sparat.' }).waitFor();
      await page.getByText(/Dokumenterat: Incident/).waitFor();
      tomas.expectNoProblems([STATUS_4XX]);
    } finally {
      await tomas.close();
    }
  });

  it('the family log extract: unit and role, never a name, printable', async () => {
    const anna = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = anna;
      await page.goto(`/barn/${child}`);
      await page.getByRole('link', { name: 'Loggutdrag: vem har öppnat barnets uppgifter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Loggutdrag' }).waitFor();
      const table = page.getByRole('table');
      await table.waitFor();
      expect(await table.textContent()).toContain('Lärare');
      expect(await table.textContent()).not.toMatch(/Anna Lindqvist|Lindqvist|Sara Nilsson|Nilsson|Orosanmälan/);
      await page.getByRole('button', { name: 'Skriv ut' }).waitFor();
      await expectAccessible(page, 'the log extract');
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).isVisible()).toBe(false);
      expect(await table.isVisible()).toBe(true);
      anna.expectNoProblems();
    } finally {
      await anna.close();
    }
  });
});
