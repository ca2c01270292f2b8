import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUserName, expectAccessible, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

describe('login (browser)', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('sends a visitor who is not logged in to the demo login page, which lists the fictional demo users and is accessible', async () => {
    const u = await openPage(env);
    try {
      const { page } = u;
      await page.goto('/');
      await page.waitForURL('**/login');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Logga in');
      expect(await page.title()).toBe('Logga in – Barnkompass');
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');
      await expect.poll(() => page.getByText('Användarna nedan är påhittade').count()).toBe(1);

      const users = page.getByRole('region', { name: 'Demoanvändare' }).getByRole('link');
      await users.first().waitFor();
      expect(await users.count()).toBeGreaterThanOrEqual(4);
      const annaName = await demoUserName(env, 'anna.lindqvist');
      const anna = page.getByRole('link', { name: annaName, exact: true });
      expect(await anna.getAttribute('href')).toMatch(/^\/auth\/login\?hint=[0-9a-f-]{36}$/);
      // Titles and organisations are shown with each user.
      const annaCard = page.locator('.demo-users li', { has: anna });
      expect((await annaCard.textContent())?.length ?? 0).toBeGreaterThan(annaName.length + 5);

      await expectAccessible(page, 'the demo login page');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('in production mode shows one login button and no demo users', async () => {
    const u = await openPage(env);
    try {
      const { page } = u;
      // The UI follows the mode the server reports; a production server is simulated here.
      await page.route('**/api/session', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            authenticated: false,
            mode: 'production',
            person: null,
            assignment: null,
            assignments: [],
          }),
        }),
      );
      await page.route('**/api/dev/users', (route) => route.abort());
      await page.goto('/login');
      const button = page.getByRole('link', { name: 'Logga in' });
      await button.waitFor();
      expect(await button.getAttribute('href')).toBe('/auth/login');
      expect(await page.getByRole('region', { name: 'Demoanvändare' }).count()).toBe(0);
      expect(await page.getByText('påhittade').count()).toBe(0);
      await expectAccessible(page, 'the production login page');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('logs a demo user in through the identity provider and lands on Mina barn', async () => {
    const u = await openPage(env);
    try {
      const { page } = u;
      const annaName = await demoUserName(env, 'anna.lindqvist');
      await page.goto('/login');
      await page.getByRole('link', { name: annaName, exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });
      await page.getByRole('heading', { level: 1, name: 'Mina barn' }).waitFor();
      await expect.poll(() => page.getByRole('banner').textContent()).toContain(annaName);
      const session = await (await u.context.request.get('/api/session')).json();
      expect(session.authenticated).toBe(true);
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('brings a user who followed a link to a child back to that child after logging in', async () => {
    const anna = await openPage(env, 'anna.lindqvist');
    const childId = ((await (await anna.context.request.get('/api/children')).json()).children as { id: string }[])[0]!
      .id;
    await anna.close();
    const u = await openPage(env);
    try {
      const { page } = u;
      await page.goto(`/barn/${childId}`);
      await page.waitForURL('**/login');
      const link = page.getByRole('link', { name: await demoUserName(env, 'anna.lindqvist'), exact: true });
      expect(await link.getAttribute('href')).toContain(`returnTo=${encodeURIComponent(`/barn/${childId}`)}`);
      await link.click();
      await page.waitForURL((url) => url.pathname === `/barn/${childId}`, { timeout: 20_000 });
      await page.getByRole('heading', { level: 2, name: 'Vårdnadshavare' }).waitFor();
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('logs out from the header and ends the session on the server', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Mina barn' }).waitFor();
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.waitForURL('**/login');
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      const session = await (await u.context.request.get('/api/session')).json();
      expect(session.authenticated).toBe(false);
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });
});
