import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

describe('consent and break-glass (browser)', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it("a teacher records a consent with both guardians' answers, sees it in plain words on the child's pages, and withdraws it", async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      // A child on anna's team with two custodial guardians and no consent yet (the demo data depends on
      // the day it is built for, so the child is chosen by what it has).
      const row = (
        await env.server.tdb.db.query<{ id: string }>(
          `SELECT c.id FROM child c JOIN team_membership t ON t.child_id = c.id JOIN person p ON p.id = t.person_id AND p.username = 'anna.lindqvist'
            WHERE (t.valid_to IS NULL OR t.valid_to >= current_date) AND (SELECT count(*) FROM custody cu WHERE cu.child_id = c.id AND cu.has_custody) = 2
              AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.child_id = c.id) ORDER BY c.id LIMIT 1`,
        )
      ).rows[0]!;
      await page.goto(`/barn/${row.id}`);
      const section = page.getByRole('region', { name: 'Samtycke och sekretess' });
      await section.waitFor();
      await section.getByRole('link', { name: 'Visa samtycken och utlämnanden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Samtycke och sekretess' }).waitFor();
      await page.getByText('Varje verksamhet ser bara sina egna anteckningar', { exact: false }).first().waitFor();
      await expectAccessible(page, "the child's consent page");

      await page.getByRole('link', { name: 'Registrera samtycke' }).click();
      await page.getByRole('heading', { level: 1, name: 'Registrera samtycke' }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      await expectAccessible(page, 'the consent form');
      // Errors first: the summary takes focus and names what is missing.
      await page.getByRole('button', { name: 'Spara samtycket' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Rätta det här innan du sparar' });
      await summary.waitFor();
      await expect.poll(async () => (await focused(page)).text).toContain('Rätta det här');
      await summary.getByRole('link', { name: 'Skriv varför uppgifterna delas.' }).waitFor();
      await expectAccessible(page, 'the consent form with errors');

      await page
        .getByLabel('Varför uppgifterna delas')
        .fill('Så att skolan och elevhälsan kan planera stödet tillsammans.');
      await page.getByRole('group', { name: 'Vem får se uppgifterna?' }).getByRole('checkbox').first().check();
      const answers = page.getByRole('group', { name: /^Svar från / });
      expect(await answers.count()).toBe(2);
      for (let i = 0; i < 2; i++) await answers.nth(i).getByLabel('Samtycker', { exact: true }).check();
      // Keyboard: the method is chosen with the keyboard.
      await page.getByLabel('Skriftligt, undertecknad blankett').focus();
      await page.keyboard.press('Space');
      await expect(page.getByLabel('Skriftligt, undertecknad blankett').isChecked()).resolves.toBe(true);
      await page
        .getByRole('region', { name: 'Så här blir det' })
        .getByText('Det här delas:', { exact: false })
        .waitFor();
      await page.getByRole('button', { name: 'Spara samtycket' }).click();

      await page.getByRole('heading', { level: 1, name: 'Samtycke och sekretess' }).waitFor();
      const card = page
        .getByRole('listitem')
        .filter({ hasText: 'Så att skolan och elevhälsan kan planera stödet tillsammans.' });
      await card.getByText('Gäller', { exact: true }).waitFor();
      await card.getByText('Vad som delas').waitFor();
      await card.getByText('Med vem').waitFor();
      await card.getByText('Hur länge').waitFor();
      await expectAccessible(page, 'the consent page with a consent');
      // On the child page too.
      await page.goto(`/barn/${row.id}`);
      await page
        .getByRole('region', { name: 'Samtycke och sekretess' })
        .getByText('Samtycke: delas med', { exact: false })
        .waitFor();
      await page.goto(`/barn/${row.id}/samtycke`);

      // Withdraw: who withdrew, then it says so.
      const card2 = page
        .getByRole('listitem')
        .filter({ hasText: 'Så att skolan och elevhälsan kan planera stödet tillsammans.' });
      await card2.getByRole('button', { name: /Återkalla samtycket/ }).click();
      await card2.getByRole('button', { name: 'Återkalla nu' }).click();
      await card2.getByRole('alert').filter({ hasText: 'Välj vem som återkallar samtycket.' }).waitFor();
      await card2.getByRole('group', { name: 'Vem återkallar?' }).getByRole('radio').first().check();
      await card2.getByLabel('Anteckning (frivillig)').fill('Ringde och tog tillbaka samtycket.');
      await card2.getByRole('button', { name: 'Återkalla nu' }).click();
      const withdrawn = page.getByRole('listitem').filter({ hasText: 'Ringde och tog tillbaka samtycket.' });
      await withdrawn.getByText('Återkallat', { exact: true }).first().waitFor();
      await expectAccessible(page, 'the consent page after withdrawal');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('a social worker uses emergency access: fresh login needed, a reason, a confirmation, time left, and ends it', async () => {
    const db = env.server.tdb.db;
    const child = (
      await db.query<{ personnummer: string }>(
        `SELECT c.personnummer FROM child c WHERE NOT c.protected_identity AND c.municipality_code = '0780'
            AND NOT EXISTS (SELECT 1 FROM team_membership t JOIN person p ON p.id = t.person_id WHERE t.child_id = c.id AND p.username = 'sara.nilsson')
          ORDER BY c.id LIMIT 1`,
      )
    ).rows[0]!;
    const u = await openPage(env, 'sara.nilsson');
    try {
      const { page } = u;
      await page.goto('/');
      await page.getByRole('navigation').getByRole('link', { name: 'Nödåtkomst' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nödåtkomst' }).waitFor();
      await expectAccessible(page, 'the break-glass page');

      // A login older than five minutes: the page sends the user through login again.
      env.server.setNow(new Date(Date.now() + 10 * 60_000));
      try {
        await page.getByLabel('Barnets personnummer').fill(child.personnummer);
        await page.getByLabel('Skäl').fill('Socialjouren: polisen ringde om barnet sent i kväll.');
        await page.getByRole('button', { name: 'Fortsätt' }).click();
        await page.getByLabel('Jag förstår och behöver åtkomsten nu').check();
        await page.getByRole('button', { name: 'Öppna barnets uppgifter' }).click();
        const again = page.getByRole('link', { name: 'Logga in igen' });
        await again.waitFor();
        expect(await again.getAttribute('href')).toBe('/auth/login?returnTo=%2Fnodatkomst&reauth=1');
        await expectAccessible(page, 'the re-login notice');
      } finally {
        env.server.setNow(null as unknown as Date);
      }

      // Logging in again goes through the identity provider (prompt=login), then back to the app.
      await page.getByRole('link', { name: 'Logga in igen' }).click();
      await page.getByRole('heading', { name: 'Logga in som demoanvändare' }).waitFor();
      await page.getByRole('link', { name: 'Sara Nilsson' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/oidc') && !url.pathname.startsWith('/auth'));
      await page.goto('/nodatkomst');
      await page.getByRole('heading', { level: 1, name: 'Nödåtkomst' }).waitFor();
      await page.getByRole('button', { name: 'Fortsätt' }).click();
      await page.getByRole('alert').filter({ hasText: 'Skriv barnets personnummer' }).waitFor();
      await page.getByLabel('Barnets personnummer').fill(child.personnummer);
      await page.getByLabel('Skäl').fill('Socialjouren: polisen ringde om barnet sent i kväll.');
      await page.getByLabel('Hur länge').selectOption('30');
      await page.getByRole('button', { name: 'Fortsätt' }).click();
      await page.getByRole('heading', { name: 'Bekräfta nödåtkomst' }).waitFor();
      await page.getByText('Du får läsa barnets uppgifter i 30 minuter.').waitFor();
      await page.getByRole('button', { name: 'Öppna barnets uppgifter' }).click();
      await page.getByRole('alert').filter({ hasText: 'Bekräfta att du förstår' }).waitFor();
      await expectAccessible(page, 'the break-glass confirmation with an error');
      await page.getByLabel('Jag förstår och behöver åtkomsten nu').check();
      await page.getByRole('button', { name: 'Öppna barnets uppgifter' }).click();

      await page.getByRole('heading', { name: 'Du har nödåtkomst just nu' }).waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /minuter kvar/ })
        .waitFor();
      await expectAccessible(page, 'the active break-glass');
      const link = page.getByRole('region', { name: 'Du har nödåtkomst just nu' }).getByRole('link');
      const name = (await link.textContent())!.trim();
      await link.click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.goBack();
      await page.getByRole('button', { name: 'Avsluta nu' }).click();
      await page.getByRole('table', { name: 'Dina senaste nödåtkomster' }).getByText('Avslutad').first().waitFor();
      await page.getByRole('heading', { name: 'Vilket barn, och varför?' }).waitFor();
      u.expectNoProblems([/status of 403/, /status of 404/]);
    } finally {
      await u.close();
    }
  });
});
