import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swedishToday } from '../../src/server/clock.js';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { scenario, type ScenarioChild } from '../helpers/scenario.js';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

/**
 * The model's first step from any serving unit, in the browser: anna (a teacher) is not on a pupil's
 * team, finds the pupil by name under "Ny oro", raises a concern with the concern form and gets a
 * receipt; the principal finds it in Att göra, opens it and decides it. Keyboard and axe on the way.
 */
describe('a concern from a serving unit (browser)', () => {
  let env: BrowserEnv;
  let child: ScenarioChild;
  beforeAll(async () => {
    env = await startBrowserEnv();
    // A pupil of anna's school with no team at all (so the principal decides and joins the team).
    child = await scenario(env.server.tdb.db, swedishToday()).child({ familyName: 'Oroberg', team: [] });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('anna finds a pupil she does not work with, raises a concern and gets a receipt; per finds it in Att göra and reads it', async () => {
    const name = `${child.givenName} ${child.familyName}`;
    const observation = `Eleven har kommit utan ytterkläder flera kalla dagar (${Date.now()}).`;
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ny oro' }).click();
      await page.getByRole('heading', { level: 1, name: 'Uppmärksamma oro för ett barn' }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      expect(await page.title()).toBe('Uppmärksamma oro för ett barn – Barnkompass');
      await expectAccessible(page, 'the serving-unit search');

      // By keyboard: choose "Namn", type, search.
      const byName = page.getByRole('radio', { name: 'Namn (barn på din enhet)' });
      await byName.focus();
      await page.keyboard.press('Space');
      expect(await byName.isChecked()).toBe(true);
      await page.getByRole('textbox', { name: 'Barnets namn' }).fill('a');
      await page.getByRole('button', { name: 'Sök' }).click();
      await page.getByText('Skriv minst två bokstäver av barnets namn.').waitFor();
      await page.getByRole('textbox', { name: 'Barnets namn' }).fill('oroberg');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: '1 barn hittades.' }).waitFor();
      await page.getByText(name, { exact: true }).waitFor();
      await expectAccessible(page, 'the serving-unit search with a match');

      await page.getByRole('button', { name: `Uppmärksamma oro – ${name}` }).click();
      await page.waitForURL(/\/ny-oro\/barn\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: 'Ny oro' }).waitFor();
      await page.getByText(`Barn: ${name}`).waitFor();
      await page.getByRole('button', { name: 'Skicka oron' }).click();
      await page.getByRole('alert').filter({ hasText: 'Rätta det här innan du sparar' }).waitFor();
      await expectAccessible(page, 'the serving-unit concern form with an error');
      await page.getByRole('textbox', { name: 'Vad har du sett eller hört?' }).fill(observation);
      await page
        .getByRole('group', { name: 'Vilka delar av barnets välbefinnande berörs?' })
        .getByRole('checkbox', { name: 'Trygg' })
        .check();
      await page.getByRole('button', { name: 'Skicka oron' }).click();

      await page.waitForURL(/\/ny-oro\/kvitto\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: 'Oron är skickad' }).waitFor();
      await page.getByText(`Din oro för ${name} har skickats till Per Sandberg.`).waitFor();
      await page.getByText('Mottagaren har lagts till i barnets team').waitFor();
      expect(await page.getByRole('main').textContent()).not.toContain(observation);
      await expectAccessible(page, 'the receipt');
      // The child itself is still behind its team's gate.
      await page.goto(`/barn/${child.id}`);
      await page.getByRole('heading', { level: 1, name: 'Hittades inte eller så saknar du behörighet' }).waitFor();
      u.expectNoProblems([/status of 404/]);
    } finally {
      await u.close();
    }

    const p = await openPage(env, 'per.sandberg');
    try {
      const { page, context } = p;
      const chosen = await context.request.put(`${env.server.baseUrl}/api/session/assignment`, {
        data: { assignmentId: demoAssignmentId('per.sandberg', 0) },
      });
      expect(chosen.status()).toBe(204);
      await page.goto('/att-gora');
      await page.getByRole('heading', { level: 1, name: 'Att göra' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: name });
      await row.getByText('Oron har skickats till dig för beslut').waitFor();
      await expectAccessible(page, 'Att göra with a concern sent to decide');
      await row.getByRole('link', { name: new RegExp(`– ${name}`) }).click();
      await page.waitForURL(/\/barn\/[0-9a-f-]{36}\/oro\/[0-9a-f-]{36}$/);
      await page.getByText(observation).first().waitFor();
      p.expectNoProblems();
    } finally {
      await p.close();
    }
  });
});
