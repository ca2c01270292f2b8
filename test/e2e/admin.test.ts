import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

/**
 * Administration in the browser, as the region's system administrator (admin.kronoberg): a new unit,
 * an assignment added and ended behind a confirmation, a new person with a first assignment,
 * disabled and enabled again — Swedish first, with axe on every page and errors tied to fields.
 */
describe('administration in the browser (admin.kronoberg)', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('units: the list, an error summary tied to the fields, then a new unit and an assignment added and ended', async () => {
    const u = await openPage(env, 'admin.kronoberg');
    try {
      const { page } = u;
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Enheter');
      expect(await page.getByText('Du administrerar alla enheter i Region Kronoberg.').count()).toBe(1);
      expect(await page.getByRole('table', { name: /enheter/ }).textContent()).toContain('BUP Växjö');
      await expectAccessible(page, 'units');

      // Nothing filled in: the summary takes focus and links to the fields, which say what is wrong.
      await page.getByRole('button', { name: 'Lägg till enheten' }).click();
      await expect.poll(async () => (await focused(page)).tag).toBe('DIV');
      expect(await page.locator('.error-summary').textContent()).toContain('Skriv enhetens namn.');
      expect(await page.locator('#new-unit-name').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#new-unit-name').getAttribute('aria-describedby')).toContain('new-unit-name-error');
      await expectAccessible(page, 'units with errors');

      await page.getByLabel('Namn', { exact: true }).fill('BVC Provköping');
      await page.getByLabel('Slag av enhet').selectOption('child_health_centre');
      await page.getByRole('button', { name: 'Lägg till enheten' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('BVC Provköping');
      expect(await page.locator('.admin-facts').textContent()).toContain('Inlagd för hand');
      await expectAccessible(page, 'a unit');

      // An assignment: the roles follow the unit's kind.
      const roles = await page.locator('#new-assignment-role option').allTextContents();
      expect(roles).toEqual(['Välj …', 'BVC-sjuksköterska', 'Administratör']);
      await page.locator('#new-assignment-personId').selectOption({ index: 1 });
      await page.locator('#new-assignment-role').selectOption('child_health_nurse');
      await page.getByLabel('Titel').fill('Distriktssköterska (vikarie)');
      await page.getByRole('button', { name: 'Lägg till uppdraget' }).click();
      await expect
        .poll(() => page.locator('p.notice-success').textContent())
        .toMatch(/har fått ett uppdrag vid BVC Provköping/);
      const table = page.getByRole('table', { name: 'Uppdrag vid BVC Provköping' });
      expect(await table.textContent()).toContain('Distriktssköterska (vikarie)');

      // Ending asks first; nothing ends until confirmed.
      await table.getByRole('button', { name: /^Avsluta uppdraget för/ }).click();
      await expect.poll(async () => (await focused(page)).text).toMatch(/Vill du avsluta uppdraget/);
      await expectAccessible(page, 'confirm ending an assignment');
      // Typing the day keeps focus in the field (the confirmation does not take it back).
      await page.locator('.admin-end input[type="date"]').focus();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowDown');
      expect((await focused(page)).tag).toBe('INPUT');
      await page.getByRole('button', { name: 'Avbryt' }).click();
      expect((await focused(page)).text).toBe('Avsluta');
      await table.getByRole('button', { name: /^Avsluta uppdraget för/ }).click();
      await page.getByRole('button', { name: 'Ja, avsluta uppdraget' }).click();
      await expect.poll(() => page.locator('p.notice-success').textContent()).toMatch(/är avslutat/);
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('people: search in the body, a new person with a first assignment, disabled and enabled again', async () => {
    const u = await openPage(env, 'admin.kronoberg');
    try {
      const { page } = u;
      await page.goto('/administration/personer');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Personer');
      await expectAccessible(page, 'people');
      await page.getByLabel('Namn', { exact: true }).fill('berg');
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      await expect.poll(() => page.getByRole('table', { name: /person/ }).textContent()).toContain('Berg');
      expect(page.url()).not.toMatch(/berg/i);

      await page.getByLabel('Förnamn').fill('Vera');
      await page.getByLabel('Efternamn').fill('Vikariesson');
      await page.getByLabel('E-post').fill('vera@region.example');
      await page.getByLabel('Inloggnings-id').fill('vera-vikariesson');
      await page.locator('#new-person-a-unitId').selectOption({ label: 'BUP Växjö' });
      await page.locator('#new-person-a-role').selectOption('child_psychiatry_clinician');
      await page.getByRole('button', { name: 'Lägg till personen' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Vera Vikariesson');
      expect(await page.getByRole('table', { name: /Uppdrag för Vera Vikariesson/ }).textContent()).toContain(
        'BUP Växjö',
      );
      await expectAccessible(page, 'a person');

      await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
      await expect.poll(async () => (await focused(page)).text).toBe('Ändra uppgifter');
      await page.locator('#edit-person-phone').fill('0470-555 12');
      expect((await focused(page)).id).toBe('edit-person-phone');
      await expectAccessible(page, 'correcting a person');
      await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
      await expect.poll(() => page.locator('p.notice-success').textContent()).toBe('Uppgifterna är sparade.');
      // (The notice can show before the facts are re-read: wait for them.)
      await expect.poll(() => page.locator('.admin-facts').textContent()).toContain('0470-555 12');

      await page.getByRole('button', { name: 'Stäng av kontot' }).click();
      await expect.poll(async () => (await focused(page)).text).toMatch(/loggas ut direkt/);
      await page.getByRole('button', { name: 'Ja, stäng av kontot' }).click();
      await expect.poll(() => page.locator('p.notice-success').textContent()).toMatch(/är avstängt/);
      expect(await page.locator('.admin-facts').textContent()).toContain('Avstängt');
      await page.getByRole('button', { name: 'Slå på kontot' }).click();
      await expect.poll(() => page.locator('p.notice-success').textContent()).toMatch(/är påslaget/);
      await expectAccessible(page, 'a person enabled again');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('a professional has no Administration in the menu, and the page says who it is for', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      await page.goto('/administration');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Administration');
      expect(await page.getByText(/Administrationen är för system- och enhetsadministratörer/).count()).toBe(1);
      expect(
        await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).count(),
      ).toBe(0);
      await expectAccessible(page, 'not for you');
    } finally {
      await u.close();
    }
  });
});
