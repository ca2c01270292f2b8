import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swedishToday } from '../../src/server/clock.js';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { demoUnitId, scenario, type ScenarioChild } from '../helpers/scenario.js';
import { expectAccessible, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

const SOC = demoUnitId('0780:soc');

/**
 * Bringing in social services in the browser: anna coordinates a pupil whose guardians consented to
 * sharing with social services; she sends a request from the child's team section, jonas (the unit's
 * manager) accepts it from Att göra naming sara, and sara can then open the child.
 */
describe('a request for assistance (browser)', () => {
  let env: BrowserEnv;
  let child: ScenarioChild;
  beforeAll(async () => {
    env = await startBrowserEnv();
    const db = env.server.tdb.db;
    child = await scenario(db, swedishToday()).child({
      familyName: 'Stödberg',
      team: [{ user: 'anna.lindqvist', role: 'coordinator' }],
      consent: 'given',
    });
    await db.ownerTransaction((tx) =>
      tx.query('UPDATE consent SET recipient_unit_ids = recipient_unit_ids || $2::uuid WHERE id = $1', [
        child.consentId,
        SOC,
      ]),
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  it('anna asks social services with the consent; jonas accepts naming sara; sara joins the team', async () => {
    const name = `${child.givenName} ${child.familyName}`;
    const message = `Familjen behöver stöd i vardagen (${Date.now()}).`;
    const a = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = a;
      await page.goto(`/barn/${child.id}`);
      await page.getByRole('heading', { level: 3, name: 'Stöd från andra verksamheter' }).waitFor();
      await page.getByText('Ingen annan verksamhet har tillfrågats.').waitFor();
      await page.getByRole('button', { name: 'Ta in annan verksamhet' }).click();
      await page.getByRole('heading', { level: 4, name: 'Ta in annan verksamhet' }).waitFor();
      await page.getByRole('button', { name: 'Skicka begäran' }).click();
      await page.getByRole('alert').filter({ hasText: 'Rätta det här' }).waitFor();
      await expectAccessible(page, 'the request form with errors');
      await page.getByLabel('Vilken verksamhet?').selectOption(SOC);
      await page.getByRole('radio', { name: /^Samtycke:/ }).check();
      await page.getByLabel('Vad ber ni om?').fill(message);
      await expectAccessible(page, 'the request form filled in');
      await page.getByRole('button', { name: 'Skicka begäran' }).click();
      await page.getByRole('status').filter({ hasText: 'Begäran om stöd är skickad.' }).waitFor();
      await page.getByRole('table', { name: '1 begäran om stöd' }).getByText('Väntar på svar').waitFor();
      await expectAccessible(page, 'the team section with a waiting request');
      a.expectNoProblems();
    } finally {
      await a.close();
    }

    const j = await openPage(env, 'jonas.lindgren');
    try {
      const { page, context } = j;
      const chosen = await context.request.put(`${env.server.baseUrl}/api/session/assignment`, {
        data: { assignmentId: demoAssignmentId('jonas.lindgren', 1) },
      });
      expect(chosen.status()).toBe(204);
      await page.goto('/att-gora');
      const inbox = page.getByRole('region', { name: 'Begäran om stöd till din enhet' });
      const card = inbox.getByRole('listitem').filter({ hasText: name });
      await card.getByText(message).waitFor();
      await expectAccessible(page, 'Att göra with a request for assistance');
      await card.getByRole('button', { name: `Acceptera – ${name}` }).click();
      await card.getByText('Välj vem som går med i teamet.').first().waitFor();
      await card.getByLabel('Vem går med i barnets team?').selectOption(demoAssignmentId('sara.nilsson'));
      await card.getByRole('radio', { name: 'Kontaktperson' }).check();
      await card.getByRole('button', { name: `Acceptera – ${name}` }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Begäran för ${name} är accepterad.` })
        .waitFor();
      await expectAccessible(page, 'Att göra after accepting');
      j.expectNoProblems();
    } finally {
      await j.close();
    }

    const s = await openPage(env, 'sara.nilsson');
    try {
      const { page } = s;
      await page.goto(`/barn/${child.id}`);
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByText('Sara Nilsson har gått med som kontaktperson.').waitFor();
      s.expectNoProblems();
    } finally {
      await s.close();
    }
  });
});
