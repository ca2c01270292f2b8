import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { swedishToday } from '../../src/server/clock.js';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const indicator = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

/**
 * The whole practice model in one run, as a teacher (anna.lindqvist): notice (a concern, decided as
 * "needs collaboration") → map (the wheel from the child's and a professional's perspective) →
 * collaborate (the plan with two services) → meet (a meeting with a decision that adds an action) →
 * follow up (a review with coded outcomes, the wheel compared) → close (with a reason) — and the
 * closed plan stays readable. axe on every page of the journey.
 */
describe('the journey from concern to closed plan (browser, as a teacher)', () => {
  let env: BrowserEnv;
  let childId: string;
  const annaA = demoAssignmentId('anna.lindqvist', 0);

  beforeAll(async () => {
    env = await startBrowserEnv();
    const db = env.server.tdb.db;
    // A child on anna's team who has never had a plan, preferring a team that spans two services.
    const rows = (
      await db.query<{ id: string; units: number }>(
        `SELECT c.id, (SELECT count(DISTINCT a.unit_id) FROM team_membership t JOIN assignment a ON a.id = t.assignment_id
                        WHERE t.child_id = c.id AND t.valid_from <= current_date AND (t.valid_to IS NULL OR t.valid_to >= current_date))::int AS units
           FROM child c
          WHERE NOT EXISTS (SELECT 1 FROM plan p WHERE p.child_id = c.id)
            AND NOT EXISTS (SELECT 1 FROM role_handover h WHERE h.child_id = c.id AND h.status = 'pending')
            AND EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = c.id AND t.assignment_id = $1 AND t.valid_from <= current_date AND t.valid_to IS NULL)
          ORDER BY 2 DESC, c.id LIMIT 1`,
        [annaA],
      )
    ).rows;
    let units = rows[0]?.units ?? 0;
    if (rows[0]) childId = rows[0].id;
    else {
      // The demo gives all of anna's children a plan: a pupil of her school without one joins her team (set-up, straight into the table).
      const pupil = (
        await db.query<{ id: string }>(
          `SELECT e.child_id AS id FROM enrolment e
            WHERE e.unit_id = (SELECT unit_id FROM assignment WHERE id = $1) AND (e.valid_to IS NULL OR e.valid_to >= current_date)
              AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.child_id = e.child_id)
              AND NOT EXISTS (SELECT 1 FROM role_handover h WHERE h.child_id = e.child_id AND h.status = 'pending')
            ORDER BY e.child_id LIMIT 1`,
          [annaA],
        )
      ).rows[0]!;
      childId = pupil.id;
      const anna = (await db.query<{ person_id: string }>('SELECT person_id FROM assignment WHERE id = $1', [annaA]))
        .rows[0]!;
      await db.query(
        "INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from) VALUES ($1, $2, $3, $4, 'member', current_date - 20)",
        [randomUUID(), childId, anna.person_id, annaA],
      );
      units = 1;
    }
    if (units < 2) {
      // The child's school nurse joins the team (set-up, straight into the table): a second service.
      const nurse = (
        await db.query<{ id: string; person_id: string }>(
          `SELECT a.id, a.person_id FROM assignment a WHERE a.role IN ('school_nurse', 'school_counsellor', 'social_worker')
             AND a.unit_id <> (SELECT unit_id FROM assignment WHERE id = $1) AND (a.valid_to IS NULL OR a.valid_to >= current_date) ORDER BY a.role, a.id LIMIT 1`,
          [annaA],
        )
      ).rows[0]!;
      await db.query(
        "INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from) VALUES ($1, $2, $3, $4, 'member', current_date - 10)",
        [randomUUID(), childId, nurse.person_id, nurse.id],
      );
    }
  });
  afterAll(async () => {
    await env?.close();
  });

  it('concern → wheel from two perspectives → plan with two services → meeting with a decision → review → closed plan, readable', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    const today = swedishToday();
    try {
      const { page } = u;
      // A step that does not come fails with the locator's name, well before the test's own limit.
      page.setDefaultTimeout(15_000);
      await page.goto(`/barn/${childId}`);
      const childHeading = page.getByRole('heading', { level: 1 });
      await childHeading.waitFor();
      const childName = (await childHeading.textContent())!.trim();
      await expectAccessible(page, 'the child overview');

      // 1. Notice: a concern, decided as "needs collaboration" (level 3).
      await page.getByRole('region', { name: 'Oro och beslut' }).getByRole('link', { name: 'Ny oro' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ny oro' }).waitFor();
      await expectAccessible(page, 'the new-concern form');
      const observation = `Eleven är ofta ensam och har hög frånvaro på måndagar (${Date.now()}).`;
      await page.getByRole('textbox', { name: 'Vad har du sett eller hört?' }).fill(observation);
      const indicators = page.getByRole('group', { name: 'Vilka delar av barnets välbefinnande berörs?' });
      await indicators.getByRole('checkbox', { name: 'Trygg' }).check();
      await indicators.getByRole('checkbox', { name: 'Delaktig' }).check();
      await page
        .getByRole('textbox', { name: '1. Vad är det som hindrar barnets välbefinnande?' })
        .fill('Oro hemma och få kamrater.');
      await page.getByRole('button', { name: 'Spara oro' }).click();
      await page.waitForURL(/\/barn\/[0-9a-f-]{36}\/oro\/[0-9a-f-]{36}$/);
      await page.getByRole('status').filter({ hasText: 'Oron är sparad.' }).waitFor();
      await expectAccessible(page, 'the concern page');
      const decision = page.getByRole('region', { name: 'Beslut' });
      await decision.getByRole('radio', { name: 'Samverkan behövs (nivå 3)' }).check();
      await decision
        .getByRole('textbox', { name: 'Motivering' })
        .fill('Skolan, elevhälsan och familjen behöver arbeta tillsammans.');
      await decision.getByRole('button', { name: 'Spara beslut' }).click();
      await page.getByRole('status').filter({ hasText: 'Beslutet är sparat.' }).waitFor();
      expect(await decision.textContent()).toContain('Samverkan behövs (nivå 3)');
      await expectAccessible(page, 'the decided concern');

      // 2. Map: the wheel from the child's and from a professional's perspective.
      await page.goto(`/barn/${childId}/hjulet/ny`);
      await page.getByRole('heading', { level: 1, name: `Ny kartläggning för ${childName}` }).waitFor();
      await expectAccessible(page, 'the wheel form');
      await page.getByRole('radio', { name: 'Barnets eget' }).check();
      await indicator(page, 'Trygg').getByRole('radio', { name: '2 – lite' }).check();
      await indicator(page, 'Delaktig').getByRole('radio', { name: '2 – lite' }).check();
      await indicator(page, 'Trygg').getByRole('textbox', { name: 'Det här är svårt' }).fill('Rasterna.');
      await page.getByRole('button', { name: 'Spara kartläggningen' }).click();
      await page.waitForURL(`**/barn/${childId}/hjulet`);
      await page.getByRole('img', { name: 'Välbefinnandehjulet, Barnets eget perspektiv' }).waitFor();
      await page.getByRole('link', { name: 'Ny kartläggning' }).click();
      await page.getByRole('heading', { level: 1, name: `Ny kartläggning för ${childName}` }).waitFor();
      await page.getByRole('radio', { name: 'En yrkespersons' }).check();
      await indicator(page, 'Trygg').getByRole('radio', { name: '3 – delvis' }).check();
      await indicator(page, 'Utvecklas').getByRole('radio', { name: '2 – lite' }).check();
      await page.getByRole('button', { name: 'Spara kartläggningen' }).click();
      await page.waitForURL(`**/barn/${childId}/hjulet`);
      await page.getByRole('img', { name: 'Välbefinnandehjulet, Anna Lindqvist, Lärare, Furuboskolan' }).waitFor();
      await expectAccessible(page, 'the wheel page with two perspectives');

      // 3. Collaborate: anna takes the vacant coordinator role, draws up the plan at level 3 and adds two services.
      await page.goto(`/barn/${childId}`);
      const summary = page.getByRole('region', { name: 'Barnets plan' });
      await summary.getByRole('link', { name: 'Skapa plan' }).click();
      await page.waitForURL(`**/barn/${childId}/plan`);
      await page.getByRole('heading', { level: 2, name: 'Ingen plan ännu' }).waitFor();
      await expectAccessible(page, 'the plan page without a plan');
      const roles = page.getByRole('region', { name: 'Samordnare och barnets bästa-ansvarig' });
      if ((await roles.textContent())!.includes('Ingen samordnare')) {
        await roles.getByRole('button', { name: 'Lämna över en roll' }).click();
        await roles.getByRole('radio', { name: 'Samordnare' }).check();
        const receiver = roles.getByLabel('Till vem?');
        const me = (await receiver.locator('option', { hasText: 'jag själv' }).first().getAttribute('value'))!;
        await receiver.selectOption(me);
        await roles.getByRole('button', { name: 'Skicka erbjudandet' }).click();
        await roles.getByRole('status').filter({ hasText: 'Du har nu rollen.' }).waitFor();
      }
      await page.getByRole('button', { name: 'Skapa plan' }).click();
      expect(
        await page
          .getByRole('radio', { name: /nivå 3/i })
          .first()
          .isChecked(),
      ).toBe(true);
      await page
        .getByRole('textbox', { name: 'Varför görs planen nu?' })
        .fill('Beslut om samverkan efter oron. Familjen är med.');
      await page.getByLabel('Nästa uppföljning').first().fill(addDays(today, 30));
      await expectAccessible(page, 'the create-plan form');
      await page.getByRole('button', { name: 'Skapa planen' }).click();
      await page.getByRole('status').filter({ hasText: 'Planen är skapad.' }).waitFor();
      await page.getByRole('region', { name: 'Översikt' }).waitFor();
      const services = page.getByRole('region', { name: 'Verksamheter som deltar' });
      for (let i = 0; i < 2; i++) {
        await services.getByRole('button', { name: 'Lägg till verksamhet' }).click();
        const unit = services.getByLabel('Verksamhet', { exact: true });
        const unitName = (await unit.locator('option').nth(1).textContent())!.split(',')[0]!;
        await unit.selectOption({ index: 1 });
        await services
          .getByLabel('Vad verksamheten gör i planen')
          .fill(i === 0 ? 'Anpassningar i klassrummet' : 'Hälsosamtal och stödsamtal');
        await services.getByRole('button', { name: 'Lägg till verksamheten' }).click();
        await services
          .getByRole('status')
          .filter({ hasText: `${unitName} deltar nu i planen.` })
          .waitFor();
      }
      expect(
        await services.getByRole('table', { name: 'Verksamheter och kontaktpersoner' }).getByRole('row').count(),
      ).toBe(3);
      await expectAccessible(page, 'the plan with two services');

      // 4. Meet: plan a meeting, write notes, mark it held, and record a decision that adds an action.
      const meetings = page.getByRole('region', { name: 'Nätverksmöten' });
      await meetings.getByRole('link', { name: 'Planera möte' }).click();
      await page.waitForURL(`**/barn/${childId}/plan/moten/ny`);
      await page.getByRole('heading', { level: 1, name: 'Planera nätverksmöte' }).waitFor();
      await expectAccessible(page, 'the new-meeting form');
      await page.getByRole('button', { name: 'Planera mötet' }).click();
      await page.getByRole('alert').filter({ hasText: 'Ange tiden som tt:mm' }).waitFor();
      await expectAccessible(page, 'the new-meeting form with errors');
      await page.getByLabel('Starttid').fill('13:00');
      await page.getByLabel('Sluttid (frivilligt)').fill('14:00');
      await page.getByRole('textbox', { name: 'Plats' }).fill('Furuboskolan, konferensrummet');
      await page.getByRole('textbox', { name: 'Syfte' }).fill('Vi gör barnets plan tillsammans');
      await page.getByRole('textbox', { name: 'Dagordning' }).fill('Barnets röst\nÅtgärder och ansvar\nNästa möte');
      const invited = page.getByRole('group', { name: 'Kallade' });
      expect(await invited.getByRole('checkbox', { name: 'Barnet' }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Planera mötet' }).click();
      await page.waitForURL(/\/plan\/moten\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: 'Nätverksmöte' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Mötet är planerat.' }).waitFor();
      await expectAccessible(page, 'the meeting page');

      await page.getByRole('button', { name: 'Skriv anteckningar' }).click();
      await page
        .getByRole('textbox', { name: 'Anteckningar' })
        .fill('Barnet berättade om rasterna. Alla är överens om att börja med en rastaktivitet.');
      await page.getByRole('button', { name: 'Spara anteckningarna' }).click();
      await page.getByRole('status').filter({ hasText: 'Anteckningarna är sparade.' }).waitFor();
      await page.getByRole('button', { name: 'Registrera närvaro' }).click();
      await page.getByLabel('Barnet', { exact: true }).selectOption({ label: 'Deltar' });
      await page.getByRole('button', { name: 'Spara närvaron' }).click();
      await page.getByRole('status').filter({ hasText: 'Närvaron är sparad.' }).waitFor();
      await page.getByRole('button', { name: 'Markera som hållet' }).click();
      await page.getByRole('status').filter({ hasText: 'Mötet är markerat som hållet' }).waitFor();

      const decisions = page.getByRole('region', { name: 'Beslut', exact: true });
      await decisions.getByRole('button', { name: 'Nytt beslut' }).click();
      await decisions
        .getByRole('textbox', { name: 'Beslut', exact: true })
        .fill('Skolan ordnar en rastaktivitet tre dagar i veckan.');
      await decisions.getByRole('radio', { name: 'Lägger till en ny åtgärd' }).check();
      const what = `Rastaktivitet med rastvärd (${Date.now()})`;
      await decisions.getByRole('textbox', { name: 'Vad ska göras?' }).fill(what);
      const responsible = decisions.getByLabel('Ansvarig', { exact: true });
      await responsible.selectOption(
        (await responsible.locator('option', { hasText: 'Anna Lindqvist' }).first().getAttribute('value'))!,
      );
      await decisions.getByLabel('Senast').fill(addDays(today, 21));
      await expectAccessible(page, 'the decision form');
      await decisions.getByRole('button', { name: 'Spara beslutet' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `åtgärden ”${what}” finns i planen` })
        .waitFor();
      expect(await decisions.textContent()).toContain(`Ny åtgärd i planen: ${what}`);
      expect(
        await page
          .getByRole('region', { name: 'Kallade och närvaro' })
          .getByRole('row', { name: /Barnet/ })
          .textContent(),
      ).toContain('Deltar');
      await expectAccessible(page, 'the held meeting with a decision');

      // A decision that changes that action, while someone else changes the action first: the form
      // says so, the page loads the plan again, and saving again records the decision on top of
      // their change (theirs is not overwritten).
      const api = u.context.request;
      const created = (
        (await (await api.get(`/api/children/${childId}/plan`)).json()).plan.actions as {
          id: string;
          what: string;
          version: number;
        }[]
      ).find((x) => x.what === what)!;
      await decisions.getByRole('button', { name: 'Nytt beslut' }).click();
      await decisions.getByRole('textbox', { name: 'Beslut', exact: true }).fill('Rastaktiviteten börjar redan nu.');
      await decisions.getByRole('radio', { name: 'Ändrar en befintlig åtgärd' }).check();
      await decisions.getByLabel('Åtgärd som ändras').selectOption(created.id);
      await decisions.getByLabel('Ny status').selectOption('in_progress');
      const theirs = await api.patch(`/api/children/${childId}/plan/actions/${created.id}`, {
        data: { dueDate: addDays(today, 28) },
        headers: { 'if-match': `"v${created.version}"` },
      });
      expect(theirs.status()).toBe(200);
      await decisions.getByRole('button', { name: 'Spara beslutet' }).click();
      await decisions
        .getByText('Någon annan har ändrat åtgärden sedan du öppnade formuläret.', { exact: false })
        .first()
        .waitFor();
      await expectAccessible(page, 'the decision form when the action changed meanwhile');
      await decisions.getByRole('button', { name: 'Spara beslutet' }).click();
      await decisions.getByText(`Ändrade åtgärden ”${what}”`, { exact: false }).waitFor();
      const after = (
        (await (await api.get(`/api/children/${childId}/plan`)).json()).plan.actions as {
          id: string;
          status: string;
          dueDate: string;
        }[]
      ).find((x) => x.id === created.id)!;
      expect(after).toMatchObject({ status: 'in_progress', dueDate: addDays(today, 28) });

      // The action is in the plan, and the meeting in the list.
      await page.getByRole('link', { name: 'Tillbaka till barnets plan' }).click();
      await page.waitForURL(`**/barn/${childId}/plan`);
      const actions = page.getByRole('region', { name: 'Åtgärder', exact: true });
      await actions.getByRole('rowheader', { name: what }).waitFor();
      expect(await meetings.getByRole('table').textContent()).toContain('Hållet');

      // 5. Follow up: the review with a coded outcome per open action, and the wheel compared.
      await page
        .getByRole('region', { name: 'Uppföljning', exact: true })
        .getByRole('link', { name: 'Gör uppföljning' })
        .click();
      await page.waitForURL(`**/barn/${childId}/plan/uppfoljning/ny`);
      await page.getByRole('heading', { level: 1, name: 'Uppföljning av barnets plan' }).waitFor();
      const wheel = page.getByRole('region', { name: 'Hjulet jämfört med tidigare' });
      await wheel.getByRole('img', { name: 'Välbefinnandehjulet, Barnets eget perspektiv' }).waitFor();
      await wheel.getByRole('table', { name: 'Skattningar över tid: Barnets eget perspektiv' }).waitFor();
      await expectAccessible(page, 'the review page');
      await page.getByRole('button', { name: 'Spara uppföljningen' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: `Välj ett utfall för åtgärden ”${what}”.` })
        .waitFor();
      await expectAccessible(page, 'the review form with an error');
      const actionBox = page.getByRole('group', { name: `Åtgärd 1: ${what}` });
      await actionBox.getByRole('radio', { name: 'Ändras' }).check();
      await actionBox.getByLabel('Nytt slutdatum').fill(addDays(today, 40));
      await actionBox.getByRole('textbox', { name: 'Kommentar (frivilligt)' }).fill('Fortsätter en månad till.');
      await page
        .getByRole('textbox', { name: 'Sammanfattning' })
        .fill('Det går bättre på rasterna. Barnet vill fortsätta.');
      await page.getByLabel('Nästa uppföljning', { exact: true }).fill(addDays(today, 45));
      await page.getByRole('button', { name: 'Spara uppföljningen' }).click();
      await page.waitForURL(`**/barn/${childId}/plan`);
      await page.getByRole('status').filter({ hasText: 'Uppföljningen är sparad.' }).waitFor();
      const reviews = page.getByRole('region', { name: 'Uppföljning', exact: true });
      const outcomes = reviews.getByRole('table', { name: /^Utfall per åtgärd vid uppföljningen/ });
      await outcomes.waitFor();
      expect(await outcomes.getByRole('row').filter({ hasText: what }).textContent()).toContain('Ändras');
      await expectAccessible(page, 'the plan after the review');

      // 6. Close: with a reason; the closed plan stays readable and has no edit buttons.
      const close = page.getByRole('region', { name: 'Avsluta planen', exact: true });
      await close.getByRole('button', { name: 'Avsluta planen' }).click();
      await close.getByRole('button', { name: 'Avsluta planen' }).last().click();
      await close.getByRole('alert').filter({ hasText: 'Välj varför planen avslutas.' }).waitFor();
      await close.getByRole('radio', { name: 'Målen är uppnådda' }).check();
      await expectAccessible(page, 'the close-plan form');
      await close.getByRole('button', { name: 'Avsluta planen' }).last().click();
      const closed = page.getByRole('region', { name: 'Planen är avslutad', exact: true });
      await closed.waitFor();
      await closed.getByRole('status').filter({ hasText: 'Planen är avslutad.' }).waitFor();
      expect(await closed.textContent()).toContain('Målen är uppnådda');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: `Barnets plan – ${childName}` }).waitFor();
      await page.getByRole('region', { name: 'Planen är avslutad' }).waitFor();
      await page
        .getByRole('region', { name: 'Åtgärder', exact: true })
        .getByRole('rowheader', { name: what })
        .waitFor();
      expect(await page.getByRole('button', { name: /^Lägg till|^Ändra/ }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Planera möte' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Gör uppföljning' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Öppna planen igen' }).count()).toBe(1);
      await expectAccessible(page, 'the closed plan');
      // The meeting of the closed plan is readable, without edit buttons.
      await page
        .getByRole('region', { name: 'Nätverksmöten' })
        .getByRole('link', { name: 'Vi gör barnets plan tillsammans' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Nätverksmöte' }).waitFor();
      await page.getByText('Planen är avslutad. Mötet kan läsas men inte ändras.').waitFor();
      expect(await page.getByRole('button', { name: 'Nytt beslut' }).count()).toBe(0);
      await expectAccessible(page, 'a meeting of the closed plan');
      // The chronology tells the story.
      await page.goto(`/barn/${childId}`);
      const chronology = page.getByRole('table', { name: 'Händelser, nyast först' });
      await chronology.getByText('Barnets plan avslutad').waitFor();
      for (const kind of ['Nätverksmöte hållet', 'Barnets plan upprättad', 'Beslut om oro'])
        expect(await chronology.textContent()).toContain(kind);
      expect(await focused(page)).toBeDefined();
      u.expectNoProblems([/status of 40[49]/, /Failed to load resource/]);
    } finally {
      await u.close();
    }
  }, 300_000);
});
