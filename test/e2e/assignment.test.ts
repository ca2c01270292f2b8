import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

describe('assignments and roles (browser)', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('lets a user with two assignments choose one, see Mina barn, and switch from the header', async () => {
    const u = await openPage(env, 'erik.johansson');
    try {
      const { page, context } = u;
      const { assignments } = (await (await context.request.get('/api/session')).json()) as {
        assignments: { id: string; title: string | null; unitName: string | null; organisationName: string }[];
      };
      expect(assignments.length).toBe(2);

      await page.goto('/');
      await page.waitForURL('**/valj-uppdrag');
      await page.getByRole('heading', { level: 1, name: 'Välj uppdrag' }).waitFor();
      expect(await page.title()).toBe('Välj uppdrag – Barnkompass');
      const choices = page.getByRole('list', { name: 'Dina uppdrag' }).getByRole('button');
      expect(await choices.count()).toBe(2);
      // Each choice names the role, the unit and the organisation.
      for (const a of assignments) {
        const text = (await choices.allTextContents()).join('\n');
        expect(text).toContain(a.organisationName);
        if (a.unitName) expect(text).toContain(a.unitName);
      }
      await expectAccessible(page, 'the assignment chooser');

      await choices.first().click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('heading', { level: 1, name: 'Mina barn' }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      const first = (await (await context.request.get('/api/session')).json()).assignment;
      const banner = page.getByRole('banner');
      expect(await banner.textContent()).toContain(first.organisationName);
      await page.locator('.table-scroll, .empty-state').first().waitFor();
      await expectAccessible(page, 'Mina barn for the school nurse');

      await banner.getByRole('link', { name: 'Byt uppdrag' }).click();
      await page.getByRole('heading', { level: 1, name: 'Välj uppdrag' }).waitFor();
      expect(await page.getByRole('button', { name: /nuvarande/ }).getAttribute('aria-current')).toBe('true');
      await page
        .getByRole('button')
        .filter({ hasNotText: 'nuvarande' })
        .filter({ has: page.locator('.choice-title') })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Mina barn' }).waitFor();
      const second = (await (await context.request.get('/api/session')).json()).assignment;
      expect(second.id).not.toBe(first.id);
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it("explains to a system administrator that the role gives no access to children's data", async () => {
    const u = await openPage(env, 'admin.kronoberg');
    try {
      const { page } = u;
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Mina barn' }).waitFor();
      await page.getByText('Din roll ger därför inte tillgång till barns uppgifter.').waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Sök barn med personnummer' }).count()).toBe(0);
      await expectAccessible(page, 'Mina barn for an administrator');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('shows a teacher without children a friendly empty state, and the search', async () => {
    const u = await openPage(env, 'johan.falk');
    try {
      const { page } = u;
      await page.goto('/');
      await page.getByText('Du har inga barn i ditt team just nu.').waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
      await page.getByRole('region', { name: 'Sök barn med personnummer' }).waitFor();
      await expectAccessible(page, 'Mina barn without children');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });
});
