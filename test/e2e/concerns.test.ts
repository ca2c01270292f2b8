import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { swedishToday } from '../../src/server/clock.js';
import { consentInForceSql } from '../helpers/fixtures.js';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const STATUS_412 = /Failed to load resource: the server responded with a status of 412/;

/** Presses Tab (or Shift+Tab) until the focused element matches: what a keyboard user does. */
async function tabTo(
  page: Page,
  matches: (f: Awaited<ReturnType<typeof focused>> & { type: string | null; name: string | null }) => boolean,
  max = 80,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        tag: el?.tagName ?? '',
        text: (el?.textContent ?? '').trim(),
        href: el?.getAttribute('href') ?? null,
        id: el?.id ?? '',
        type: el?.getAttribute('type') ?? null,
        name: el?.getAttribute('name') ?? null,
      };
    });
    if (matches(f)) return;
  }
  throw new Error('the control was not reachable with Tab');
}

describe('noticing a concern: the child page, the form, Att göra and the decision (browser, as a teacher)', () => {
  let env: BrowserEnv;
  let today: string;
  beforeAll(async () => {
    env = await startBrowserEnv();
    today = swedishToday();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('anna raises a concern with two indicators and answers, sees it on the child page and in Att göra, and records the decision', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      await page.goto('/');
      const firstChild = page
        .getByRole('table', { name: /Barn i ditt team/ })
        .getByRole('link')
        .first();
      await firstChild.waitFor();
      const childName = (await firstChild.textContent())!.trim();
      await firstChild.click();
      await page.getByRole('heading', { level: 1, name: childName }).waitFor();
      const concerns = page.getByRole('region', { name: 'Oro och beslut' });
      await concerns.waitFor();
      const chronology = page.getByRole('region', { name: 'Kronologi' });
      await chronology.getByRole('table', { name: 'Händelser, nyast först' }).waitFor();
      await expectAccessible(page, 'the child overview with concerns and chronology');

      // The form: errors first, then a real concern.
      await concerns.getByRole('link', { name: 'Ny oro' }).click();
      await page.waitForURL(/\/barn\/[0-9a-f-]{36}\/oro\/ny$/);
      await page.getByRole('heading', { level: 1, name: 'Ny oro' }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      expect(await page.title()).toBe('Ny oro – Barnkompass');
      await page.getByText(`Barn: ${childName}`).waitFor();
      const indicators = page.getByRole('group', { name: 'Vilka delar av barnets välbefinnande berörs?' });
      expect(await indicators.getByRole('checkbox').count()).toBe(8);
      expect(await page.getByRole('group', { name: 'De fem frågorna' }).getByRole('textbox').count()).toBe(5);
      await expectAccessible(page, 'the new-concern form');

      await page.getByRole('button', { name: 'Spara oro' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Rätta det här innan du sparar' });
      await summary.waitFor();
      await expect.poll(async () => (await focused(page)).text).toContain('Rätta det här innan du sparar');
      const observation = page.getByRole('textbox', { name: 'Vad har du sett eller hört?' });
      expect(await observation.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await observation.getAttribute('aria-describedby'))!.split(' ');
      const errorText = await page.evaluate(
        (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
        describedBy,
      );
      expect(errorText).toContain('Beskriv vad du har sett eller hört.');
      await expectAccessible(page, 'the new-concern form with an error');
      // The summary's link takes you to the field.
      await summary.getByRole('link', { name: 'Beskriv vad du har sett eller hört.' }).click();
      await expect.poll(async () => (await focused(page)).tag).toBe('TEXTAREA');

      const text = `Eleven är ofta ensam på rasterna och har slutat räcka upp handen (${Date.now()}).`;
      await observation.fill(text);
      await page.getByLabel('Sedan när?').fill(addDays(today, -14));
      await indicators.getByRole('checkbox', { name: 'Trygg' }).check();
      await indicators.getByRole('checkbox', { name: 'Delaktig' }).check();
      await page
        .getByRole('textbox', { name: '1. Vad är det som hindrar barnets välbefinnande?' })
        .fill('Hen verkar inte ha någon att vara med.');
      await page
        .getByRole('textbox', { name: '3. Vad kan jag göra nu för att hjälpa barnet?' })
        .fill('Prata med eleven och med rastvärdarna.');
      await page.getByLabel('Beslut senast').fill(addDays(today, 2));
      // Kept from the guardians, in plain Swedish.
      await page
        .getByRole('checkbox', {
          name: 'Hemligt för vårdnadshavarna – t.ex. det barnet berättat i förtroende för skolkuratorn',
        })
        .check();
      await page.getByRole('button', { name: 'Spara oro' }).click();

      await page.waitForURL(/\/barn\/[0-9a-f-]{36}\/oro\/[0-9a-f-]{36}$/);
      const concernUrl = new URL(page.url()).pathname;
      await page.getByRole('status').filter({ hasText: 'Oron är sparad.' }).waitFor();
      await page.getByRole('heading', { level: 1, name: /^Oro uppmärksammad \d{1,2} \p{L}+ \d{4}$/u }).waitFor();
      expect(await page.title()).toBe('Oro – Barnkompass');
      const main = page.getByRole('main');
      expect(await main.textContent()).toContain(text);
      expect(await main.locator('.tag').allTextContents()).toEqual(['Trygg', 'Delaktig']);
      await main.getByText('2 av 5 frågor besvarade').waitFor();
      expect(await main.textContent()).toContain('Väntar på beslut');
      await main.getByText('Lämnas inte ut till familjen').waitFor();
      await expectAccessible(page, 'the concern page');

      // On the child page: in the concerns table and in the chronology.
      await page.getByRole('link', { name: 'Tillbaka till barnets översikt' }).click();
      await page.getByRole('heading', { level: 1, name: childName }).waitFor();
      const table = page.getByRole('table', { name: 'Oro kring barnet, nyast först' });
      const row = table.getByRole('row').filter({ hasText: text });
      await row.waitFor();
      expect(await row.textContent()).toContain('Väntar på beslut');
      expect(await row.textContent()).toContain('Trygg, Delaktig');
      expect(await row.textContent()).toContain('Hemligt för vårdnadshavarna');
      const chronoRow = page
        .getByRole('table', { name: 'Händelser, nyast först' })
        .getByRole('row')
        .filter({ hasText: text });
      expect(await chronoRow.textContent()).toContain('Oro uppmärksammad');

      // A note in the chronology, through its form.
      await page.getByRole('button', { name: 'Lägg till händelse' }).click();
      await expect.poll(async () => (await focused(page)).id).toBe('chronology-new-eventDate');
      const note = `Samtal med vårdnadshavare om rasterna (${Date.now()}).`;
      await page.getByRole('group', { name: 'Betydelse' }).getByRole('radio', { name: 'Medel' }).check();
      await page.getByRole('textbox', { name: 'Vad hände?' }).fill(note);
      await expectAccessible(page, 'the chronology form');
      await page.getByRole('button', { name: 'Lägg till i kronologin' }).click();
      await page.getByRole('status').filter({ hasText: 'Händelsen är tillagd i kronologin.' }).waitFor();
      const noteRow = page
        .getByRole('table', { name: 'Händelser, nyast först' })
        .getByRole('row')
        .filter({ hasText: note });
      await noteRow.waitFor();
      expect(await noteRow.textContent()).toContain('Anteckning');
      expect(await noteRow.textContent()).toContain('Medel');
      expect(await noteRow.textContent()).toContain('Furuboskolan');

      // Att göra: overdue first, marked in words; mine is due in two days.
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Att göra' }).click();
      await page.getByRole('heading', { level: 1, name: 'Att göra' }).waitFor();
      expect(
        await page
          .getByRole('navigation', { name: 'Huvudmeny' })
          .getByRole('link', { name: 'Att göra' })
          .getAttribute('aria-current'),
      ).toBe('page');
      const todo = page.getByRole('table', { name: /^Att göra \(\d+\)$/ });
      await todo.waitFor();
      const statuses = (await todo.locator('tbody tr td:first-child').allTextContents()).map((s) => s.trim());
      expect(statuses.length).toBeGreaterThanOrEqual(4);
      const firstNotOverdue = statuses.findIndex((s) => !s.startsWith('Försenad'));
      expect(firstNotOverdue).toBeGreaterThanOrEqual(2); // the demo gives anna three overdue decisions
      expect(statuses.slice(firstNotOverdue).every((s) => !s.startsWith('Försenad'))).toBe(true);
      expect(statuses[0]).toMatch(/^Försenad \d+ dagar?$/);
      const mine = todo.getByRole('row').filter({ has: page.locator(`a[href="${concernUrl}"]`) });
      expect(await mine.textContent()).toContain('Om 2 dagar');
      expect(await mine.textContent()).toContain(childName);
      expect(await mine.textContent()).toContain('Du uppmärksammade oron');
      await expectAccessible(page, 'Att göra');

      // The decision.
      await mine.getByRole('link', { name: `Beslut om oro – ${childName}` }).click();
      await page.waitForURL((url) => url.pathname === concernUrl);
      const decision = page.getByRole('region', { name: 'Beslut' });
      await decision.waitFor();
      await decision.getByRole('button', { name: 'Spara beslut' }).click();
      await decision.getByRole('alert').filter({ hasText: 'Välj ett beslut.' }).waitFor();
      await decision.getByRole('radio', { name: 'Hanteras inom egen verksamhet (nivå 2)' }).check();
      await decision
        .getByRole('textbox', { name: 'Motivering' })
        .fill('Vi ger stöd i klassen och följer upp om fyra veckor.');
      await expectAccessible(page, 'the decision form');
      await decision.getByRole('button', { name: 'Spara beslut' }).click();
      const saved = page.getByRole('status').filter({ hasText: 'Beslutet är sparat.' });
      await saved.waitFor();
      expect(await saved.textContent()).toMatch(/Barnets stödnivå (är nu|är oförändrad): Nivå [23]/);
      await expect.poll(async () => (await focused(page)).text).toContain('Beslutet är sparat.');
      expect(await decision.textContent()).toContain('Hanteras inom egen verksamhet (nivå 2)');
      expect(await decision.textContent()).toContain('Anna Lindqvist');
      expect(await page.getByRole('main').textContent()).toContain('Beslutad');
      expect(await page.getByRole('button', { name: 'Ändra oron' }).count()).toBe(0);
      await expectAccessible(page, 'the decided concern');

      await page.getByRole('link', { name: 'Att göra' }).click();
      await page.getByRole('heading', { level: 1, name: 'Att göra' }).waitFor();
      await page.getByRole('table', { name: /^Att göra/ }).waitFor();
      expect(await page.locator(`a[href="${concernUrl}"]`).count()).toBe(0);
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('when someone else saved first, shows their version and re-applies my edit on top of it', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    const db = env.server.tdb.db;
    try {
      const { page, context } = u;
      const mine = ((await (await context.request.get('/api/children')).json()).children as { id: string }[]).map(
        (c) => c.id,
      );
      // A colleague on the same child's team, in the assignment they share it in, who may see anna's
      // concern: in the school's secrecy domain, or with a consent in force for the child.
      const colleague = (
        await db.query<{ child_id: string; username: string; assignment_id: string }>(
          `SELECT t.child_id, p.username, t.assignment_id FROM team_membership t JOIN person p ON p.id = t.person_id
             JOIN assignment a ON a.id = t.assignment_id JOIN unit u ON u.id = a.unit_id
            WHERE t.child_id = ANY($1::uuid[]) AND p.username <> 'anna.lindqvist' AND t.valid_to IS NULL AND t.valid_from <= $2::date
              AND (u.secrecy_domain = 'school' OR ${consentInForceSql('t.child_id', '$2::date')})
            ORDER BY t.child_id, p.username LIMIT 1`,
          [mine, today],
        )
      ).rows[0]!;
      const childId = colleague.child_id;
      const created = await context.request.post(`/api/children/${childId}/concerns`, {
        data: { observation: 'Ursprunglig beskrivning.', indicators: ['healthy'] },
      });
      expect(created.status()).toBe(201);
      const concern = await created.json();

      await page.goto(`/barn/${childId}/oro/${concern.id}`);
      await page.getByRole('button', { name: 'Ändra oron' }).click();
      const observation = page.getByRole('textbox', { name: 'Vad har du sett eller hört?' });
      await expect.poll(async () => (await focused(page)).tag).toBe('TEXTAREA');
      await observation.fill('Min beskrivning, skriven samtidigt.');

      // Meanwhile the colleague changes the description and the earlier concerns.
      const other = await env.browser.newContext({ baseURL: env.server.baseUrl });
      try {
        expect((await other.request.post('/api/dev/login', { data: { username: colleague.username } })).status()).toBe(
          200,
        );
        expect(
          (
            await other.request.put('/api/session/assignment', { data: { assignmentId: colleague.assignment_id } })
          ).status(),
        ).toBe(204);
        const theirs = await other.request.patch(`/api/children/${childId}/concerns/${concern.id}`, {
          headers: { 'if-match': '"v1"' },
          data: { observation: 'Kollegans beskrivning.', earlierConcerns: 'Kollegan minns oro förra året.' },
        });
        expect(theirs.status()).toBe(200);
      } finally {
        await other.close();
      }
      const colleagueName = (
        await db.query<{ name: string }>(
          "SELECT given_name || ' ' || family_name AS name FROM person WHERE username = $1",
          [colleague.username],
        )
      ).rows[0]!.name;

      await page.getByRole('button', { name: 'Spara ändringar' }).click();
      const conflict = page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat oron medan du arbetade' });
      await conflict.waitFor();
      await expect.poll(async () => (await focused(page)).text).toContain('Någon annan har ändrat oron');
      expect(await conflict.textContent()).toContain(colleagueName);
      expect(await conflict.textContent()).toContain('De ändrade: beskrivningen, tidigare oro.');
      expect(await conflict.textContent()).toContain('Ni har båda ändrat: beskrivningen.');
      const theirVersion = page.getByRole('region', { name: 'Deras version' });
      expect(await theirVersion.textContent()).toContain('Kollegans beskrivning.');
      expect(await theirVersion.textContent()).toContain('Kollegan minns oro förra året.');
      // My edit is still in the form.
      expect(await observation.inputValue()).toBe('Min beskrivning, skriven samtidigt.');
      await expectAccessible(page, 'the concern page after a conflict');

      await page.getByRole('button', { name: 'Spara mina ändringar ovanpå deras version' }).click();
      await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
      const main = page.getByRole('main');
      expect(await main.textContent()).toContain('Min beskrivning, skriven samtidigt.');
      // Their other change survived: only my changed field was sent again.
      expect(await main.textContent()).toContain('Kollegan minns oro förra året.');
      const now = await (await context.request.get(`/api/children/${childId}/concerns/${concern.id}`)).json();
      expect(now).toMatchObject({
        version: 3,
        observation: 'Min beskrivning, skriven samtidigt.',
        earlierConcerns: 'Kollegan minns oro förra året.',
      });
      u.expectNoProblems([STATUS_412]);
    } finally {
      await u.close();
    }
  });

  it('reflows at 320 px: the concern form, a concern and Att göra', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page, context } = u;
      const child = ((await (await context.request.get('/api/children')).json()).children as { id: string }[])[0]!;
      const concern = (
        (await (await context.request.get(`/api/children/${child.id}/concerns`)).json()).concerns as { id: string }[]
      )[0]!;
      await page.setViewportSize({ width: 320, height: 640 });
      for (const [url, ready] of [
        [`/barn/${child.id}/oro/ny`, () => page.getByRole('button', { name: 'Spara oro' }).waitFor()],
        [`/barn/${child.id}/oro/${concern.id}`, () => page.getByRole('region', { name: 'Beslut' }).waitFor()],
        ['/att-gora', () => page.getByRole('table', { name: /^Att göra/ }).waitFor()],
      ] as const) {
        await page.goto(url);
        await ready();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(320);
      }
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('raises a concern by keyboard alone', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page, context } = u;
      const child = (
        (await (await context.request.get('/api/children')).json()).children as {
          id: string;
          givenName: string;
          familyName: string;
        }[]
      )[1]!;
      await page.goto(`/barn/${child.id}`);
      await page.getByRole('region', { name: 'Oro och beslut' }).waitFor();
      await page.getByRole('heading', { level: 1 }).focus();

      await tabTo(page, (f) => f.tag === 'A' && f.text === 'Ny oro');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Ny oro' }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');

      const text = `Tangentbordsoro: eleven har varit borta tre måndagar i rad (${Date.now()}).`;
      await tabTo(page, (f) => f.id === 'new-concern-observation');
      await page.keyboard.type(text);
      await tabTo(page, (f) => f.id === 'new-concern-indicator-achieving');
      await page.keyboard.press('Space');
      await tabTo(page, (f) => f.id === 'new-concern-indicator-included');
      await page.keyboard.press('Space');
      await tabTo(page, (f) => f.id === 'new-concern-q-gettingInTheWay');
      await page.keyboard.type('Frånvaron gör att hen halkar efter.');
      await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Spara oro');
      await page.keyboard.press('Enter');

      await page.waitForURL(/\/oro\/[0-9a-f-]{36}$/);
      await page.getByRole('status').filter({ hasText: 'Oron är sparad.' }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      const main = page.getByRole('main');
      expect(await main.textContent()).toContain(text);
      expect(await main.locator('.tag').allTextContents()).toEqual(['Utvecklas', 'Delaktig']);
      await main.getByText('1 av 5 frågor besvarade').waitFor();

      // Back to the child page by keyboard (the link is above the heading): the concern is listed.
      await tabTo(page, (f) => f.tag === 'A' && f.text === 'Tillbaka till barnets översikt', 20, 'Shift+Tab');
      await page.keyboard.press('Enter');
      await page
        .getByRole('table', { name: 'Oro kring barnet, nyast först' })
        .getByRole('row')
        .filter({ hasText: 'Tangentbordsoro' })
        .waitFor();
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });
});
