import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sv from '../../src/i18n/parts/reporting.sv.json' with { type: 'json' };
import { createCitizenSession } from '../../src/server/auth/citizen-sessions.js';
import { swedishToday } from '../../src/server/clock.js';
import { scenario } from '../helpers/scenario.js';
import { expectAccessible, focused, startBrowserEnv, type BrowserEnv } from './browser.js';

/**
 * The family's own Barnkompass in the browser, on a phone-sized screen (390×844): a demo guardian
 * logs in through the demo identity provider, sees the children in their custody and a child's page;
 * a demo child (with a maturity judgement) sees their own page, with their named contact first.
 * axe on every page, in Swedish and in English.
 */
const EXTRACT_TITLE = sv.logExtract.title;

describe('the family’s Barnkompass (browser, phone)', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  const phone = () =>
    env.browser.newContext({
      baseURL: env.server.baseUrl,
      locale: 'sv-SE',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });

  it('a guardian logs in, sees the children in their custody and a child’s page, and logs out', async () => {
    const context = await phone();
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto('/familj');
      await page.getByRole('heading', { level: 1, name: 'Barnkompass för familjer' }).waitFor();
      await page.getByRole('link', { name: 'Logga in med BankID eller Freja' }).waitFor();
      await expectAccessible(page, 'the family login (phone)');

      const guardians = page.getByRole('region', { name: 'Demo: logga in som en familj' }).getByRole('list').first();
      await guardians.getByRole('link').first().click();
      await page.getByRole('heading', { level: 1, name: 'Min Barnkompass' }).waitFor();
      await page.getByText('Här är barnen du är vårdnadshavare för.').waitFor();
      await expectAccessible(page, 'the family start page (phone)');
      // No staff menu, no staff session.
      expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).count()).toBe(0);
      expect((await context.cookies()).some((c) => c.name === 'bk_session')).toBe(false);

      const first = page.getByRole('list').last().getByRole('link').first();
      const childName = (await first.textContent())!.trim();
      await first.click();
      await page.getByRole('heading', { level: 1, name: `${childName}s Barnkompass` }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      await page.getByRole('heading', { level: 2, name: `Vem hjälper ${childName}?` }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Nästa möte' }).waitFor();
      expect(await page.title()).toBe('Min Barnkompass – Barnkompass');
      await expectAccessible(page, 'a child’s page for the guardian (phone)');

      // The family's own log extract: who read our data (a role and a unit, never a name).
      await page.getByRole('link', { name: 'Visa loggutdraget' }).click();
      await page.getByRole('heading', { level: 1, name: EXTRACT_TITLE }).waitFor();
      await page.getByRole('button', { name: 'Skriv ut' }).waitFor();
      await expectAccessible(page, 'the family’s log extract (phone)');
      await page.getByRole('link', { name: 'Tillbaka till barnets sida' }).click();
      await page.getByRole('heading', { level: 1, name: `${childName}s Barnkompass` }).waitFor();

      // English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: `${childName}'s Barnkompass` }).waitFor();
      await expectAccessible(page, 'a child’s page in English (phone)');
      await page.getByRole('button', { name: 'Svenska' }).click();

      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.getByRole('link', { name: 'Logga in med BankID eller Freja' }).waitFor();
      expect((await context.cookies()).some((c) => c.name === 'bk_family')).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a guardian withdraws a consent on the phone; the staff see it withdrawn on their next request', async () => {
    const today = swedishToday();
    const child = await scenario(env.server.tdb.db, today).child({
      team: ['anna.lindqvist', 'sara.nilsson'],
      guardians: 1,
      consent: 'given',
    });
    const token = await createCitizenSession(
      env.server.tdb.db,
      { kind: 'guardian', id: child.guardians[0]!.id, method: 'dev' },
      { idleMinutes: 30, absoluteHours: 10 },
      new Date(),
    );
    const context = await phone();
    try {
      await context.addCookies([{ name: 'bk_family', value: token, url: env.server.baseUrl }]);
      const page = await context.newPage();
      await page.goto(`/familj/barn/${child.id}`);
      await page.getByRole('heading', { level: 2, name: 'Samtycken' }).waitFor();
      await expectAccessible(page, 'the consents for the family (phone)');
      await page.getByRole('button', { name: 'Återkalla samtycket' }).click();
      await page.getByText('Vill du återkalla samtycket?').waitFor();
      await expectAccessible(page, 'confirming a withdrawal (phone)');
      await page.getByRole('button', { name: 'Ja, återkalla' }).click();
      await page.getByText('Återkallat', { exact: true }).waitFor();
      expect(await page.getByRole('button', { name: 'Återkalla samtycket' }).count()).toBe(0);
      const staff = await env.browser.newContext({ baseURL: env.server.baseUrl });
      try {
        await staff.request.post('/api/dev/login', { data: { username: 'anna.lindqvist' } });
        const privacy = await (await staff.request.get(`/api/children/${child.id}/privacy`)).json();
        const consent = (privacy.consents as { id: string; status: string }[]).find((x) => x.id === child.consentId);
        expect(consent?.status).toBe('withdrawn');
      } finally {
        await staff.close();
      }
    } finally {
      await context.close();
    }
  });

  it('a professional records the judgement of a child’s maturity on the privacy page; the child’s own login opens, and closes again', async () => {
    const child = await scenario(env.server.tdb.db, swedishToday()).child({
      age: 14,
      team: [{ user: 'anna.lindqvist', role: 'coordinator' }],
    });
    const staff = await env.browser.newContext({ baseURL: env.server.baseUrl, locale: 'sv-SE' });
    const own = await phone();
    try {
      await staff.request.post('/api/dev/login', { data: { username: 'anna.lindqvist' } });
      const page = await staff.newPage();
      await page.goto(`/barn/${child.id}/samtycke`);
      await page.getByRole('heading', { level: 2, name: 'Barnets egen inloggning' }).waitFor();
      await page.getByRole('button', { name: 'Registrera bedömningen' }).click();
      await page.getByText('Skriv kort vad bedömningen grundar sig på.').first().waitFor();
      await page
        .getByRole('textbox', { name: 'Vad grundar sig bedömningen på?' })
        .fill('Samtal med hen och föräldrarna.');
      await page.getByRole('button', { name: 'Registrera bedömningen' }).click();
      await page.getByText(/Barnet kan logga in sedan/).waitFor();
      await expectAccessible(page, 'the maturity judgement on the privacy page');

      const token = await createCitizenSession(
        env.server.tdb.db,
        { kind: 'child', id: child.id, method: 'dev' },
        { idleMinutes: 30, absoluteHours: 10 },
        new Date(),
      );
      await own.addCookies([{ name: 'bk_family', value: token, url: env.server.baseUrl }]);
      const mine = await own.newPage();
      await mine.goto('/familj');
      await mine.getByText('Här är din egen Barnkompass.').waitFor();

      await page.getByRole('button', { name: 'Ta tillbaka bedömningen' }).click();
      await page.getByRole('button', { name: 'Registrera bedömningen' }).waitFor();
      await mine.reload();
      await mine.getByText(/Det finns inget att visa för dig här just nu/).waitFor();
    } finally {
      await own.close();
      await staff.close();
    }
  });

  it('a child with a maturity judgement sees their own page, their named contact first', async () => {
    const context = await phone();
    try {
      const page = await context.newPage();
      await page.goto('/familj');
      const children = page.getByRole('region', { name: 'Barn' });
      await children.getByRole('link').first().click();
      await page.getByText('Här är din egen Barnkompass.').waitFor();
      await page.getByRole('link', { name: 'Min Barnkompass' }).click();
      await page.getByRole('heading', { level: 2, name: 'Vem hjälper mig?' }).waitFor();
      await page.getByText('Din kontaktperson').waitFor();
      // A coordinated child has a plan: what we do and why, in the professionals' words for the family.
      await page.getByRole('heading', { level: 2, name: 'Vad vi gör och varför' }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Det här gör vi' }).waitFor();
      await expectAccessible(page, 'the child’s own page (phone)');
      // A staff page is not the family's: the staff app asks a staff login.
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await page.getByText('Här är din egen Barnkompass.').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
