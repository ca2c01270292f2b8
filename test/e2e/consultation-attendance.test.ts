import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swedishToday } from '../../src/server/clock.js';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The 400 answers the forms show as messages: expected, not page errors. */
const STATUS_400 = /Failed to load resource: the server responded with a status of 400/;

describe('anonymous consultation and attendance (browser)', () => {
  let env: BrowserEnv;
  let today: string;
  beforeAll(async () => {
    env = await startBrowserEnv();
    today = swedishToday();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('anna brings an anonymous case (personal data and a mandatory-report case are stopped), the team advises, anna links it to a child with consent', async () => {
    const anna = await openPage(env, 'anna.lindqvist');
    const malin = await openPage(env, 'malin.ahlgren');
    try {
      const { page } = anna;
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Konsultation' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anonym konsultation' }).waitFor();
      await page.getByRole('region', { name: 'Ärenden du har tagit upp' }).waitFor();
      await expectAccessible(page, 'the consultation list');

      await page.getByRole('link', { name: 'Nytt anonymt ärende' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nytt anonymt ärende' }).waitFor();
      await page.getByText('Skriv inga personuppgifter').waitFor();
      expect(await page.getByLabel('Kommun').inputValue()).toBe('0780');
      await expectAccessible(page, 'the new-case form');

      // Nothing filled in: the error summary, focused, with links to the fields.
      await page.getByRole('button', { name: 'Skicka till konsultationsteamet' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Rätta det här innan du sparar' });
      await summary.waitFor();
      await expect.poll(async () => (await focused(page)).text).toContain('Rätta det här innan du sparar');
      expect(await summary.textContent()).toContain('Beskriv situationen.');
      expect(await summary.textContent()).toContain('Svara på om du misstänker att barnet far illa.');
      await expectAccessible(page, 'the new-case form with errors');

      await page.getByLabel('Barnets ålder').selectOption({ label: '10–12 år' });
      await page.getByLabel('Skolform och årskurs').selectOption({ label: 'Årskurs 4–6' });
      const indicators = page.getByRole('group', { name: 'Vilka delar av barnets välbefinnande berörs?' });
      await indicators.getByRole('checkbox', { name: 'Trygg' }).check();
      await indicators.getByRole('checkbox', { name: 'Delaktig' }).check();
      const description = page.getByRole('textbox', { name: 'Beskriv situationen' });

      // A mandatory-report case: explained, and stopped.
      const mandatory = page.getByRole('group', { name: /Misstänker du att barnet far illa/ });
      await mandatory.getByRole('radio', { name: 'Ja' }).check();
      await page.getByText('Gör en orosanmälan i stället').waitFor();
      await description.fill('Eleven berättar om våld hemma.');
      await expectAccessible(page, 'the new-case form with the orosanmälan explanation');
      await page.getByRole('button', { name: 'Skicka till konsultationsteamet' }).click();
      await summary.filter({ hasText: 'Ärenden som kan kräva en orosanmälan tas inte upp anonymt' }).waitFor();
      await mandatory.getByRole('radio', { name: 'Nej' }).check();

      // Personal data: the server refuses it and says what to remove, never echoing it.
      await description.fill('Eleven (20150109-2397) drar sig undan på rasterna och har ofta ont i magen på måndagar.');
      await page.getByRole('button', { name: 'Skicka till konsultationsteamet' }).click();
      const refused = summary.filter({ hasText: 'Texten ser ut att innehålla ett personnummer' });
      await refused.waitFor();
      expect(await refused.textContent()).not.toContain('2397');
      expect(await description.getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'the new-case form with the personal-data refusal');
      await refused.getByRole('link').click();
      await expect.poll(async () => (await focused(page)).id).toBe('new-consultation-description');

      const text = `En elev i mellanstadiet drar sig undan på rasterna och har ofta ont i magen på måndagar (${Date.now()}).`;
      await description.fill(text);
      await page
        .getByRole('textbox', { name: 'Vad vill du ha råd om?' })
        .fill('Hur kan vi gå vidare tillsammans med familjen?');
      await page.getByRole('button', { name: 'Skicka till konsultationsteamet' }).click();
      await page.waitForURL(/\/konsultation\/[0-9a-f-]{36}$/);
      const caseUrl = new URL(page.url()).pathname;
      await page.getByRole('status').filter({ hasText: 'Ärendet är skickat till konsultationsteamet.' }).waitFor();
      await page.getByRole('heading', { level: 1, name: /^Anonymt ärende från / }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain(text);
      await page.getByText('Konsultationsteamet har inte gett sitt råd ännu.').waitFor();
      await expectAccessible(page, 'the case page');

      // The team member records the advice.
      const m = malin.page;
      await m.goto(caseUrl);
      await m.getByRole('heading', { level: 1, name: /^Anonymt ärende från / }).waitFor();
      await m.getByRole('button', { name: 'Registrera råd' }).click();
      await expect.poll(async () => (await focused(m)).id).toBe('advice-advice');
      const advice = `Samtal med elev och vårdnadshavare tillsammans med skolkurator; följ upp om fyra veckor (${Date.now()}).`;
      await m.getByRole('textbox', { name: 'Råd', exact: true }).fill(advice);
      const roles = m.getByRole('group', { name: 'Deltagande yrkesroller' });
      await roles.getByRole('checkbox', { name: 'Skolkurator' }).check();
      await roles.getByRole('checkbox', { name: 'Socialsekreterare' }).check();
      await expectAccessible(m, 'the advice form');
      await m.getByRole('button', { name: 'Spara råd' }).click();
      await m.getByRole('status').filter({ hasText: 'Rådet är sparat.' }).waitFor();
      expect(await m.getByRole('region', { name: 'Konsultationsteamets råd' }).textContent()).toContain(
        'Skolkurator, Socialsekreterare',
      );

      // The author links it to a child on her team, with consent; the advice lands in the chronology.
      await page.reload();
      const link = page.getByRole('region', { name: 'Koppla till barn' });
      await link.getByRole('button', { name: 'Koppla till barn' }).click();
      const child = page.getByLabel('Barn', { exact: true });
      await expect.poll(async () => child.locator('option').count()).toBeGreaterThan(1);
      await link.getByRole('button', { name: 'Koppla ärendet till barnet' }).click();
      await summary.filter({ hasText: 'Välj barn.' }).waitFor();
      await expectAccessible(page, 'the link form with errors');
      const option = child.locator('option').nth(1);
      const childLabel = (await option.textContent())!.replace(/\s*\(.*\)$/, '').trim();
      await child.selectOption({ index: 1 });
      await link
        .getByRole('group', { name: 'Vem har gett samtycke?' })
        .getByRole('checkbox', { name: 'Vårdnadshavare 1' })
        .check();
      await link
        .getByRole('group', { name: 'Hur gavs samtycket?' })
        .getByRole('radio', { name: 'Underskrivet på papper' })
        .check();
      await link.getByRole('button', { name: 'Koppla ärendet till barnet' }).click();
      const done = page.getByRole('status').filter({ hasText: `Ärendet är kopplat till ${childLabel}.` });
      await done.waitFor();
      await expectAccessible(page, 'the linked case');
      await done.getByRole('link', { name: new RegExp(`^Gå till ${childLabel}`) }).click();
      await page.getByRole('heading', { level: 1, name: childLabel }).waitFor();
      const row = page
        .getByRole('table', { name: 'Händelser, nyast först' })
        .getByRole('row')
        .filter({ hasText: advice });
      await row.waitFor();
      expect(await row.textContent()).toContain('Råd från konsultationsteamet');
      anna.expectNoProblems([STATUS_400]);
      malin.expectNoProblems();
    } finally {
      await anna.close();
      await malin.close();
    }
  });

  it('per.sandberg imports a CSV for Furuboskolan (a bad file first), and reviews an alert from Att göra into a concern', async () => {
    const db = env.server.tdb.db;
    const perAssignment = demoAssignmentId('per.sandberg', 0);
    const furubo = (
      await db.query<{ unit_id: string }>('SELECT unit_id FROM assignment WHERE id = $1', [perAssignment])
    ).rows[0]!.unit_id;
    const period = { start: addDays(today, -45), end: addDays(today, -16) };
    const pupils = (
      await db.query<{ id: string; personnummer: string; name: string; led: boolean }>(
        `SELECT c.id, c.personnummer, c.given_name || ' ' || c.family_name AS name,
              EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = c.id AND t.assignment_id = $2 AND t.team_role = 'best_interest_lead' AND t.valid_to IS NULL) AS led
         FROM child c JOIN enrolment e ON e.child_id = c.id WHERE e.unit_id = $1 AND e.valid_from <= $3::date ORDER BY c.id`,
        [furubo, perAssignment, period.start],
      )
    ).rows;
    const high = pupils.find((p) => p.led)!;
    const low = pupils.find((p) => p.id !== high.id)!;
    const elsewhere = (
      await db.query<{ personnummer: string }>(
        'SELECT c.personnummer FROM child c JOIN enrolment e ON e.child_id = c.id WHERE e.unit_id <> $1 ORDER BY c.id LIMIT 1',
        [furubo],
      )
    ).rows[0]!;
    const header = 'personnummer;fran;till;schemalagt;giltig_franvaro;ogiltig_franvaro';
    const good = [
      header,
      `${high.personnummer};${period.start};${period.end};6000;900;360`,
      `${low.personnummer};${period.start};${period.end};6000;120;0`,
      `${elsewhere.personnummer};${period.start};${period.end};6000;0;0`,
    ].join('\n');
    const bad = [
      header,
      `${high.personnummer};${period.start};${period.end};6000;900;360`,
      `201501092398;${period.start};${period.end};6000;0;0`,
    ].join('\n');

    // (The demo may already have a concern on the child: the import must add none.)
    const concernsBefore = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM concern WHERE child_id = $1', [high.id])
    ).rows[0]!.n;

    const u = await openPage(env, 'per.sandberg');
    try {
      const { page } = u;
      expect(
        (
          await u.context.request.put(`${env.server.baseUrl}/api/session/assignment`, {
            data: { assignmentId: perAssignment },
          })
        ).status(),
      ).toBe(204);
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Närvaro' }).click();
      await page.getByRole('heading', { level: 1, name: 'Närvaro' }).waitFor();
      const importSection = page.getByRole('region', { name: 'Importera närvaro för Furuboskolan' });
      await importSection.waitFor();
      await page.getByRole('region', { name: 'Gränsvärden för frånvaro' }).getByLabel('Total frånvaro (%)').waitFor();
      await page.getByText('Så ska filen se ut').click();
      await page.getByRole('table', { name: 'Kolumner i närvarofilen' }).waitFor();
      await expectAccessible(page, 'the attendance page with the format help open');

      await page.getByLabel('Perioden börjar').fill(period.start);
      await page.getByLabel('Perioden slutar').fill(period.end);
      await page
        .getByLabel('Närvarofil (CSV)')
        .setInputFiles({ name: 'narvaro.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
      await page.getByRole('button', { name: 'Importera' }).click();
      const rejected = page.getByRole('alert').filter({ hasText: 'Filen importerades inte' });
      await rejected.waitFor();
      expect(
        await rejected
          .getByRole('table', { name: 'Rader med fel' })
          .getByRole('row')
          .filter({ hasText: 'Personnumret är inte giltigt.' })
          .textContent(),
      ).toContain('3');
      expect(await rejected.textContent()).not.toContain(high.personnummer);
      await expectAccessible(page, 'the attendance page with a refused file');

      await page
        .getByLabel('Närvarofil (CSV)')
        .setInputFiles({ name: 'narvaro.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
      await page.getByRole('button', { name: 'Importera' }).click();
      const result = page.getByRole('status').filter({ hasText: 'Närvaron är importerad.' });
      await result.waitFor();
      const table = result.getByRole('table', { name: /^Resultat för perioden/ });
      expect(await table.getByRole('row', { name: /Nya frånvarolarm/ }).textContent()).toContain('1');
      expect(await table.getByRole('row', { name: /Inte inskrivna här/ }).textContent()).toContain('4');
      for (const p of [high.personnummer, low.personnummer, elsewhere.personnummer])
        expect(await page.getByRole('main').textContent()).not.toContain(p);
      await expectAccessible(page, 'the attendance page with the import result');
      // No concern was created by the import.
      expect(
        (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM concern WHERE child_id = $1', [high.id]))
          .rows[0]!.n,
      ).toBe(concernsBefore);

      // Att göra: the alert, for per as barnets bästa-ansvarig.
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Att göra' }).click();
      await page.getByRole('heading', { level: 1, name: 'Att göra' }).waitFor();
      const alertLink = page.getByRole('link', { name: `Bedöm frånvarolarm – ${high.name}` });
      await alertLink.first().waitFor();
      const rows = page
        .getByRole('table', { name: /^Att göra/ })
        .getByRole('row')
        .filter({ has: alertLink });
      expect(await rows.first().textContent()).toContain('Du är barnets barnets bästa-ansvarig');
      await expectAccessible(page, 'Att göra with attendance alerts');
      // The demo has its own alerts; the one for this period is the newest for this child.
      const hrefs = await alertLink.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const ids = (
        await db.query<{ id: string }>(
          'SELECT id FROM attendance_alert WHERE child_id = $1 AND period_start = $2::date',
          [high.id, period.start],
        )
      ).rows.map((r) => r.id);
      const href = hrefs.find((h) => ids.some((id) => h?.endsWith(id)))!;
      await page.locator(`a[href="${href}"]`).click();
      await page.getByRole('heading', { level: 1, name: 'Frånvarolarm' }).waitFor();
      await page.getByText(`Barn: ${high.name}`).waitFor();
      await page.getByRole('main').getByText('21 %').first().waitFor();
      await expectAccessible(page, 'the attendance alert');

      // Nothing chosen → the summary; then, by keyboard, "Uppmärksamma en oro".
      await page.getByRole('button', { name: 'Spara bedömningen' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Välj om du vill avskriva larmet eller uppmärksamma en oro.' })
        .waitFor();
      await page.getByRole('radio', { name: 'Avskriv larmet' }).focus();
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('radio', { name: 'Uppmärksamma en oro' }).isChecked()).toBe(true);
      const observation = page.getByRole('textbox', { name: 'Vad har du sett eller hört?' });
      await observation.waitFor();
      expect(await observation.inputValue()).toContain('Närvaroimporten för Furuboskolan');
      expect(await observation.inputValue()).toContain('21 %');
      await observation.fill(`${await observation.inputValue()} Eleven säger att hen har svårt att sova.`);
      await expectAccessible(page, 'the alert review with the prefilled concern');
      await page.getByRole('button', { name: 'Spara oro' }).click();
      await page.waitForURL(/\/barn\/[0-9a-f-]{36}\/oro\/[0-9a-f-]{36}$/);
      await page.getByRole('status').filter({ hasText: 'Oron är sparad.' }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain('Eleven säger att hen har svårt att sova.');
      await expectAccessible(page, 'the concern raised from the alert');
      const alertRow = (
        await db.query<{ status: string; concern_id: string }>(
          'SELECT status, concern_id FROM attendance_alert WHERE id = ANY($1::uuid[])',
          [ids],
        )
      ).rows[0]!;
      expect(alertRow.status).toBe('concern_created');
      expect(new URL(page.url()).pathname.endsWith(alertRow.concern_id)).toBe(true);
      u.expectNoProblems([STATUS_400]);
    } finally {
      await u.close();
    }
  });
});
