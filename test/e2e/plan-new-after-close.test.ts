import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

interface Coordinator {
  username: string;
  assignmentId: string;
  childId: string;
}

/**
 * On a closed plan the user chooses between reopening it and drawing up a new plan; after
 * the new plan is drawn up the page shows it, and the closed plan stays readable under "Tidigare planer".
 */
describe('a new plan after a closed one, in the browser', () => {
  let env: BrowserEnv;
  let who: Coordinator;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const rows = (
      await env.server.tdb.db.query<Coordinator>(
        `SELECT p.username, t.assignment_id AS "assignmentId", t.child_id AS "childId"
           FROM team_membership t JOIN person p ON p.id = t.person_id
           JOIN plan pl ON pl.child_id = t.child_id AND pl.status = 'active'
          WHERE t.team_role = 'coordinator' AND t.valid_to IS NULL
          ORDER BY (p.username = 'anna.lindqvist') DESC, p.username, t.child_id DESC`,
      )
    ).rows;
    expect(rows.length).toBeGreaterThanOrEqual(1);
    who = rows[0]!;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('closes the plan, offers reopen or a new plan, draws up a new one and lists the closed plan as readable', async () => {
    const u = await openPage(env, who.username);
    try {
      const { page, context } = u;
      expect(
        (await context.request.put('/api/session/assignment', { data: { assignmentId: who.assignmentId } })).status(),
      ).toBe(204);
      const before = await context.request.get(`/api/children/${who.childId}/plan`);
      const oldPlan = (await before.json()).plan as { id: string; version: number };
      // A meeting on the plan, to be found again under the earlier plan.
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
      const meeting = await context.request.post(`/api/children/${who.childId}/plan/meetings`, {
        data: {
          date: today,
          startTime: '13:00',
          place: 'Skolans konferensrum',
          purpose: 'Avslutande nätverksmöte',
          agenda: ['Hur blev det?'],
          invitees: [{ kind: 'child' }],
        },
      });
      expect(meeting.status()).toBe(201);
      const closed = await context.request.post(`/api/children/${who.childId}/plan/close`, {
        data: { reason: 'goals_met' },
        headers: { 'if-match': `"v${oldPlan.version}"` },
      });
      expect(closed.status()).toBe(200);

      await page.goto(`/barn/${who.childId}/plan`);
      const close = page.getByRole('region', { name: 'Planen är avslutad' });
      await close.waitFor();
      await close.getByRole('button', { name: 'Öppna planen igen' }).waitFor();
      await close.getByText('eller upprätta en ny plan om läget är ett annat').waitFor();
      await expectAccessible(page, 'a closed plan with the choice between reopening and a new plan');

      // Draw up a new plan: the create form opens in place; cancel returns focus to the button.
      await close.getByRole('button', { name: 'Upprätta en ny plan' }).click();
      await close.getByRole('heading', { name: 'Skapa barnets plan' }).waitFor();
      await close.getByRole('button', { name: 'Avbryt' }).click();
      await expect.poll(async () => (await focused(page)).id).toBe('plan-new-open');
      await close.getByRole('button', { name: 'Upprätta en ny plan' }).click();
      await close.getByRole('button', { name: 'Skapa planen' }).click();
      await close.getByRole('alert').filter({ hasText: 'Rätta det här innan du sparar' }).waitFor();
      await expectAccessible(page, 'the new-plan form with an error');
      await page.locator('#plan-create-level-2').check();
      await close.getByLabel('Varför görs planen nu?').fill('Ny termin, nya behov – vi börjar en ny plan.');
      await close.getByRole('button', { name: 'Skapa planen' }).click();

      // The page now shows the new active plan; the closed one is under "Tidigare planer".
      await page.getByRole('region', { name: 'Avsluta planen', exact: true }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Planen är skapad.' }).waitFor();
      const view = await (await context.request.get(`/api/children/${who.childId}/plan`)).json();
      expect(view.plan.status).toBe('active');
      expect(view.plan.id).not.toBe(oldPlan.id);
      const earlier = page.getByRole('region', { name: 'Tidigare planer' });
      await earlier.waitFor();
      expect(await earlier.textContent()).toContain('Målen är uppnådda');
      await expectAccessible(page, 'the new plan with the list of earlier plans');

      // Read the earlier plan: read only, its closing in the history, no edit buttons.
      const index = view.earlierPlans.findIndex((p: { id: string }) => p.id === oldPlan.id);
      expect(index).toBeGreaterThanOrEqual(0);
      await earlier.getByRole('link').nth(index).click();
      await page.waitForURL(`**/barn/${who.childId}/plan/tidigare/${oldPlan.id}`);
      await page.getByRole('heading', { level: 1, name: /^Tidigare plan för / }).waitFor();
      await page.getByText('Det här är en tidigare plan. Den kan läsas men inte ändras.').waitFor();
      const history = page.getByRole('region', { name: 'Planen är avslutad' });
      await history.getByRole('table', { name: 'Planens avslut och återöppningar' }).waitFor();
      expect(await history.getByRole('button').count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Lägg till/ }).count()).toBe(0);
      await expectAccessible(page, 'an earlier plan, read only');

      // Its meetings and reviews are there too; a meeting of it opens read only and leads back to it.
      const meetings = page.getByRole('region', { name: 'Nätverksmöten', exact: true });
      await meetings.getByRole('link', { name: 'Avslutande nätverksmöte' }).click();
      await page.getByText('Mötet hör till en tidigare plan. Det kan läsas men inte ändras.').waitFor();
      await page.getByRole('heading', { level: 1, name: 'Nätverksmöte' }).waitFor();
      expect(await page.locator('#meeting-held').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Ändra mötet' }).count()).toBe(0);
      await expectAccessible(page, 'a meeting of an earlier plan, read only');
      await page.getByRole('link', { name: 'Tillbaka till den tidigare planen' }).click();
      await page.waitForURL(`**/barn/${who.childId}/plan/tidigare/${oldPlan.id}`);
      await page.getByRole('region', { name: 'Uppföljning', exact: true }).waitFor();
      await page.getByRole('link', { name: 'Tillbaka till barnets plan' }).click();
      await page.waitForURL(`**/barn/${who.childId}/plan`);
      u.expectNoProblems();
    } finally {
      await u.context.close();
    }
  });
});
