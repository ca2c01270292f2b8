import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_TEST_NUMBERS } from '../../src/server/demo/test-personnummer.js';
import { demoUserName, expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

const NOT_FOUND_REQUEST = /Failed to load resource: the server responded with a status of 404/;

describe('Mina barn and the child overview (browser, as a teacher)', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('lists my children, opens a child with guardians and team, and switches to English', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Mina barn' }).waitFor();
      expect(await page.title()).toBe('Mina barn – Barnkompass');

      // Header: who I am and the assignment I act in; one assignment, so nothing to switch.
      const banner = page.getByRole('banner');
      expect(await banner.textContent()).toContain(await demoUserName(env, 'anna.lindqvist'));
      expect(await banner.getByRole('link', { name: 'Byt uppdrag' }).count()).toBe(0);
      expect(
        await page
          .getByRole('navigation', { name: 'Huvudmeny' })
          .getByRole('link', { name: 'Mina barn' })
          .getAttribute('aria-current'),
      ).toBe('page');

      const table = page.getByRole('table', { name: /Barn i ditt team/ });
      await table.waitFor();
      const headers = await table.getByRole('columnheader').allTextContents();
      expect(headers).toEqual(['Namn', 'Ålder', 'Kommun', 'Nivå', 'Samordnare', 'Min roll']);
      const childLinks = table.getByRole('link');
      expect(await childLinks.count()).toBeGreaterThanOrEqual(5);
      // Levels are words, not colours or bare numbers.
      expect(await table.textContent()).toMatch(/Nivå [123] – /);
      for (const href of await childLinks.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
        expect(href).toMatch(/^\/barn\/[0-9a-f-]{36}$/);
      await expectAccessible(page, 'Mina barn');

      const firstName = (await childLinks.first().textContent())!.trim();
      await childLinks.first().click();
      await page.waitForURL(/\/barn\/[0-9a-f-]{36}$/);
      const h1 = page.getByRole('heading', { level: 1, name: firstName });
      await h1.waitFor();
      // The page's heading gets focus after navigation, and the title carries no name.
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      expect(await page.title()).toBe('Barnets översikt – Barnkompass');
      expect(await page.title()).not.toContain(firstName);

      const identity = page.getByRole('region', { name: 'Uppgifter om barnet' });
      expect(await identity.textContent()).toMatch(/Personnummer\d{8}-\d{4}/);
      const guardians = page.getByRole('region', { name: 'Vårdnadshavare' });
      expect(await guardians.getByRole('heading', { level: 3 }).count()).toBeGreaterThanOrEqual(1);
      expect(await guardians.textContent()).toMatch(/Vårdnad:?(Ja|Nej)/);
      const team = page.getByRole('region', { name: 'Barnets team' });
      const teamTable = team.getByRole('table', { name: 'Nuvarande team' });
      expect(await teamTable.getByRole('columnheader').allTextContents()).toEqual([
        'Namn',
        'Roll i teamet',
        'Titel',
        'Enhet',
        'Organisation',
        'Period',
      ]);
      expect(await teamTable.textContent()).toContain(await demoUserName(env, 'anna.lindqvist'));
      expect(await teamTable.textContent()).toMatch(/Samordnare|Barnets bästa-ansvarig|Kontaktperson|Teammedlem/);
      await expectAccessible(page, 'the child overview');

      // English: headings change, <html lang> follows, and the choice survives a reload.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 2, name: 'Guardians' }).waitFor();
      await page.getByRole('heading', { level: 2, name: "The child's team" }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.title()).toBe('Child overview – Barnkompass');
      await expectAccessible(page, 'the child overview in English');
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Guardians' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByRole('link', { name: 'Back to My children' }).click();
      await page.getByRole('heading', { level: 1, name: 'My children' }).waitFor();
      await page.getByRole('table', { name: /Children on your team/ }).waitFor();
      await expectAccessible(page, 'My children in English');
      await page.getByRole('button', { name: 'Svenska' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mina barn' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');

      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('search by personnummer: a match links to the child; unknown and not-on-my-team look the same; invalid input gets a clear error', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page, context } = u;
      const mine = (await (await context.request.get('/api/children')).json()).children as {
        id: string;
        givenName: string;
      }[];
      const myChild = await (await context.request.get(`/api/children/${mine[0]!.id}`)).json();
      const rows = await env.server.tdb.db.query<{ personnummer: string }>('SELECT personnummer FROM child');
      const inDb = new Set(rows.rows.map((r) => r.personnummer));
      const notOnMyTeam = (
        await env.server.tdb.db.query<{ personnummer: string }>(
          'SELECT personnummer FROM child WHERE NOT (id = ANY($1::uuid[])) LIMIT 1',
          [mine.map((c) => c.id)],
        )
      ).rows[0]!.personnummer;
      const nobody = CHILD_TEST_NUMBERS.find((n) => !inDb.has(n))!;

      await page.goto('/');
      const search = page.getByRole('region', { name: 'Sök barn med personnummer' });
      await search.waitFor();
      const input = search.getByRole('textbox', { name: 'Personnummer eller samordningsnummer' });
      expect(await input.getAttribute('autocomplete')).toBe('off');
      expect(await input.getAttribute('inputmode')).toBe('numeric');
      const help = await input.getAttribute('aria-describedby');
      expect(await page.evaluate((id) => document.getElementById(id)?.textContent, help!.split(' ')[0]!)).toContain(
        '12 siffror',
      );
      const result = search.getByRole('status');

      // A child on my team.
      await input.fill(myChild.personnummer);
      await search.getByRole('button', { name: 'Sök' }).click();
      await result.getByRole('link', { name: `${myChild.givenName} ${myChild.familyName}` }).waitFor();

      // Not on my team, and no such child at all: the same neutral words.
      const answers: string[] = [];
      for (const pnr of [notOnMyTeam, `${nobody.slice(0, 8)}-${nobody.slice(8)}`]) {
        await input.fill(pnr);
        await search.getByRole('button', { name: 'Sök' }).click();
        await result.getByText('Inget barn i ditt team har det personnumret.').waitFor();
        answers.push((await result.innerHTML()).trim());
      }
      expect(answers[0]).toBe(answers[1]);
      expect(await result.getByRole('link').count()).toBe(0);

      // Invalid: wrong check digit. The error is tied to the field and read out.
      const last = Number(nobody[11]);
      await input.fill(`${nobody.slice(0, 11)}${(last + 1) % 10}`);
      await search.getByRole('button', { name: 'Sök' }).click();
      const error = search.getByRole('alert');
      await error.waitFor();
      expect(await error.textContent()).toContain('kontrollsiffran stämmer inte');
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await input.getAttribute('aria-describedby'))!.split(' ');
      expect(describedBy).toContain(await error.getAttribute('id'));
      expect(await result.textContent()).toBe('');

      await input.fill('12345');
      await search.getByRole('button', { name: 'Sök' }).click();
      await expect.poll(() => error.textContent()).toContain('Skriv 10 eller 12 siffror');
      await expectAccessible(page, 'Mina barn with a search error');

      // Never in the address.
      expect(page.url()).not.toMatch(/\d{6}/);
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('works by keyboard alone: skip link, then Tab to a child and Enter opens the overview', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      await page.goto('/');
      await page.getByRole('table', { name: /Barn i ditt team/ }).waitFor();
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'A', text: 'Hoppa till innehållet' });
      await page.keyboard.press('Enter');
      expect((await focused(page)).id).toBe('main');
      let target: Awaited<ReturnType<typeof focused>> | null = null;
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        if (f.tag === 'A' && /^\/barn\//.test(f.href ?? '')) {
          target = f;
          break;
        }
      }
      expect(target, 'a child link is reachable with Tab from the skip link').not.toBeNull();
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === target!.href);
      await page.getByRole('heading', { level: 1, name: target!.text }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      // Back with the browser: Mina barn again, focus on its heading.
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Mina barn' }).waitFor();
      await expect.poll(async () => (await focused(page)).text).toBe('Mina barn');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('shows the same friendly page for a child that does not exist or is not mine', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page, context } = u;
      const mine = new Set(
        ((await (await context.request.get('/api/children')).json()).children as { id: string }[]).map((c) => c.id),
      );
      const other = (await env.server.tdb.db.query<{ id: string }>('SELECT id FROM child')).rows.find(
        (r) => !mine.has(r.id),
      )!.id;
      const texts: string[] = [];
      for (const id of [randomUUID(), other]) {
        await page.goto(`/barn/${id}`);
        await page.getByRole('heading', { level: 1, name: 'Hittades inte eller så saknar du behörighet' }).waitFor();
        texts.push((await page.getByRole('main').textContent()) ?? '');
      }
      expect(texts[0]).toBe(texts[1]);
      await expectAccessible(page, 'the not-found page');
      await page.goto('/barn/not-an-id');
      await page.getByRole('heading', { level: 1, name: 'Hittades inte eller så saknar du behörighet' }).waitFor();
      // The browser logs the API's 404 answers; nothing else may appear.
      u.expectNoProblems([NOT_FOUND_REQUEST]);
    } finally {
      await u.close();
    }
  });

  it('marks test data, hides the address of a child with protected identity, and lists former team members apart', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    const db = env.server.tdb.db;
    let target: string | null = null;
    try {
      const { page, context } = u;
      const mine = ((await (await context.request.get('/api/children')).json()).children as { id: string }[]).map(
        (c) => c.id,
      );
      let withFormer: string | null = null;
      for (const id of mine) {
        const o = await (await context.request.get(`/api/children/${id}`)).json();
        if ((o.team as { active: boolean }[]).some((m) => !m.active)) withFormer = id;
      }
      // A child whose guardians have contact details, where anna is neither coordinator nor barnets
      // bästa-ansvarig (those two still see the details of a child with protected identity). The demo
      // data depends on the day it is built for, so the child is chosen by what it has, not by position.
      target =
        (
          await db.query<{ id: string }>(
            `SELECT c.id FROM child c
              WHERE c.id = ANY($1::uuid[])
                AND NOT EXISTS (SELECT 1 FROM team_membership t JOIN person p ON p.id = t.person_id AND p.username = 'anna.lindqvist'
                                 WHERE t.child_id = c.id AND t.team_role IN ('coordinator', 'best_interest_lead'))
                AND EXISTS (SELECT 1 FROM custody cu JOIN guardian g ON g.id = cu.guardian_id
                             WHERE cu.child_id = c.id AND (g.phone IS NOT NULL OR g.email IS NOT NULL))
              ORDER BY c.id DESC LIMIT 1`,
            [mine],
          )
        ).rows[0]?.id ?? null;
      expect(
        target,
        'the demo data has a child on my team whose guardians have contact details, where I am neither coordinator nor barnets bästa-ansvarig',
      ).not.toBeNull();
      // Before: the guardians' contact details are links.
      await page.goto(`/barn/${target}`);
      await page.getByRole('region', { name: 'Uppgifter om barnet' }).waitFor();
      expect(await page.getByRole('region', { name: 'Vårdnadshavare' }).getByRole('link').count()).toBeGreaterThan(0);
      await db.query('UPDATE child SET protected_identity = true WHERE id = $1', [target]);

      await page.goto(`/barn/${target}`);
      const identity = page.getByRole('region', { name: 'Uppgifter om barnet' });
      await identity.waitFor();
      expect(await identity.textContent()).toContain('Skyddade personuppgifter: adressen visas inte.');
      expect(await identity.getByText('Adress', { exact: true }).count()).toBe(0);
      // Guardians' contact details are withheld too (the server sends none).
      expect(await page.getByRole('region', { name: 'Vårdnadshavare' }).getByRole('link').count()).toBe(0);
      expect(await page.locator('.title-row').getByText('Testdata', { exact: true }).count()).toBe(1);
      await expectAccessible(page, 'the overview of a child with protected identity');

      expect(withFormer, 'the demo data has a child on my team with a former team member').not.toBeNull();
      await page.goto(`/barn/${withFormer}`);
      const former = page.getByRole('table', { name: 'Tidigare i teamet' });
      await former.waitFor();
      expect(await former.textContent()).toContain('Tidigare medlem');
      expect(await page.getByRole('table', { name: 'Nuvarande team' }).textContent()).not.toContain('Tidigare medlem');
      u.expectNoProblems();
    } finally {
      if (target) await db.query('UPDATE child SET protected_identity = false WHERE id = $1', [target]);
      await u.close();
    }
  });

  it('sends a user whose session has ended to the login page, which brings them back afterwards', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page, context } = u;
      await page.goto('/');
      const link = page.getByRole('table').getByRole('link').first();
      await link.waitFor();
      const href = (await link.getAttribute('href'))!;
      await context.clearCookies();
      await link.click();
      await page.waitForURL('**/login');
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      expect(
        await page
          .getByRole('link', { name: await demoUserName(env, 'anna.lindqvist'), exact: true })
          .getAttribute('href'),
      ).toContain(`returnTo=${encodeURIComponent(href)}`);
      // The browser logs the API's 401 answer; nothing else may appear.
      u.expectNoProblems([/Failed to load resource: the server responded with a status of 401/]);
    } finally {
      await u.close();
    }
  });

  it('reflows at 320 px (no sideways page scroll) and prints without navigation', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto('/');
      await page.getByRole('table', { name: /Barn i ditt team/ }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.getByRole('table').getByRole('link').first().click();
      await page.getByRole('region', { name: 'Barnets team' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await expectAccessible(page, 'the child overview at 320 px');
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Logga ut' }).isVisible()).toBe(false);
      expect(await page.getByRole('heading', { level: 2, name: 'Vårdnadshavare' }).isVisible()).toBe(true);
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });
});
