import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { swedishToday } from '../../src/server/clock.js';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv, type UserPage } from './browser.js';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Presses Tab until the focused element matches (keyboard only), at most `max` times. */
async function tabTo(
  page: Page,
  matches: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  max = 150,
): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error('the control was not reachable with Tab');
}

/**
 * Types a date into a focused <input type="date"> with the keyboard. The segments' order follows
 * the browser's own locale (not the page's), so try the usual orders, clearing between attempts.
 */
async function typeDate(page: Page, id: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-') as [string, string, string];
  for (const order of [
    [m, d, y],
    [y, m, d],
    [d, m, y],
  ]) {
    await page.keyboard.type(order.join(''));
    if ((await page.locator(`#${id}`).inputValue()) === iso) return;
    for (const k of [
      'Shift+Tab',
      'Shift+Tab',
      'Backspace',
      'Tab',
      'Backspace',
      'Tab',
      'Backspace',
      'Shift+Tab',
      'Shift+Tab',
    ])
      await page.keyboard.press(k);
  }
  throw new Error(`could not type ${iso} into #${id}`);
}

interface Coordinator {
  username: string;
  assignmentId: string;
  childId: string;
}

describe("the child's plan in the browser (as a coordinator)", () => {
  let env: BrowserEnv;
  let today: string;
  let who: Coordinator;
  let other: Coordinator;

  /** Logged in as the coordinator, acting in the assignment they coordinate the child in. */
  async function asCoordinator(c: Coordinator): Promise<UserPage> {
    const u = await openPage(env, c.username);
    const res = await u.context.request.put('/api/session/assignment', { data: { assignmentId: c.assignmentId } });
    expect(res.status()).toBe(204);
    return u;
  }

  beforeAll(async () => {
    env = await startBrowserEnv();
    today = swedishToday();
    // Coordinators from the demo data with an active plan on a child whose team has a unit that
    // does not take part yet (a service to add) — anna.lindqvist first when she coordinates one.
    const rows = (
      await env.server.tdb.db.query<Coordinator>(
        `SELECT p.username, t.assignment_id AS "assignmentId", t.child_id AS "childId"
           FROM team_membership t JOIN person p ON p.id = t.person_id
           JOIN plan pl ON pl.child_id = t.child_id AND pl.status = 'active'
          WHERE t.team_role = 'coordinator' AND t.valid_to IS NULL
            AND EXISTS (SELECT 1 FROM team_membership t2 JOIN assignment a2 ON a2.id = t2.assignment_id
                         WHERE t2.child_id = t.child_id AND t2.valid_to IS NULL
                           AND NOT EXISTS (SELECT 1 FROM plan_service s WHERE s.plan_id = pl.id AND s.unit_id = a2.unit_id AND s.ended_on IS NULL))
          ORDER BY (p.username = 'anna.lindqvist') DESC, p.username, t.child_id`,
      )
    ).rows;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    who = rows[0]!;
    other = rows.find((r) => r.childId !== who.childId)!;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('opens the plan from the child page, adds a service with a contact person, a need and an action, records the child’s voice and changes the level with a reason', async () => {
    const u = await asCoordinator(who);
    try {
      const { page } = u;
      await page.goto(`/barn/${who.childId}`);
      const summary = page.getByRole('region', { name: 'Barnets plan' });
      await summary.waitFor();
      await summary.getByRole('link', { name: 'Öppna barnets plan' }).waitFor();
      await expectAccessible(page, 'the child overview with the plan summary');
      await summary.getByRole('link', { name: 'Öppna barnets plan' }).click();
      await page.waitForURL(`**/barn/${who.childId}/plan`);
      await page.getByRole('heading', { level: 1, name: /^Barnets plan – / }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      expect(await page.title()).toBe('Barnets plan – Barnkompass');
      for (const name of [
        'Översikt',
        'Det här tycker jag',
        'Vårdnadshavarnas syn',
        'Verksamheter som deltar',
        'Behov',
        'Mål',
        'Åtgärder',
        'Oenighet',
        'Nivå',
        'Samordnare och barnets bästa-ansvarig',
      ]) {
        await page.getByRole('region', { name, exact: true }).waitFor();
      }
      await expectAccessible(page, 'the plan page');

      // A service taking part, with its contact person (someone on the team in that unit).
      const services = page.getByRole('region', { name: 'Verksamheter som deltar' });
      await services.getByRole('button', { name: 'Lägg till verksamhet' }).click();
      await expect.poll(async () => (await focused(page)).id).toBe('plan-service-new-unitId');
      await services.getByRole('button', { name: 'Lägg till verksamheten' }).click();
      await services.getByRole('alert').filter({ hasText: 'Välj en verksamhet.' }).waitFor();
      await expectAccessible(page, 'the service form with an error');
      const unit = services.getByLabel('Verksamhet', { exact: true });
      const unitName = (await unit.locator('option').nth(1).textContent())!.split(',')[0]!;
      await unit.selectOption({ index: 1 });
      const contact = services.getByLabel('Kontaktperson', { exact: true });
      expect(await contact.inputValue()).not.toBe('');
      await services.getByLabel('Vad verksamheten gör i planen').fill('Stödsamtal varannan vecka');
      await services.getByRole('button', { name: 'Lägg till verksamheten' }).click();
      await services
        .getByRole('status')
        .filter({ hasText: `${unitName} deltar nu i planen.` })
        .waitFor();
      await expect.poll(async () => (await focused(page)).text).toContain('deltar nu i planen');
      const serviceRow = services
        .getByRole('table', { name: 'Verksamheter och kontaktpersoner' })
        .getByRole('row')
        .filter({ hasText: 'Stödsamtal varannan vecka' });
      expect(await serviceRow.textContent()).toContain(unitName);

      // A need on an indicator of the wheel.
      const needs = page.getByRole('region', { name: 'Behov', exact: true });
      await needs.getByRole('button', { name: 'Lägg till behov' }).click();
      await needs.getByLabel('Del av välbefinnandehjulet').selectOption({ label: 'Delaktig' });
      const need = `Behöver någon att vara med på rasterna (${Date.now()}).`;
      await needs.getByLabel('Vad behöver barnet?').fill(need);
      await expectAccessible(page, 'the need form');
      await needs.getByRole('button', { name: 'Lägg till behovet' }).click();
      await needs.getByRole('status').filter({ hasText: 'Behovet är tillagt under Delaktig.' }).waitFor();
      expect(await needs.textContent()).toContain(need);

      // An action: at level 3 a responsible person and a due date are required.
      const actions = page.getByRole('region', { name: 'Åtgärder', exact: true });
      await actions.getByRole('button', { name: 'Lägg till åtgärd' }).click();
      const what = `Rastvärd möter upp vid lunchrasten (${Date.now()})`;
      await actions.getByLabel('Vad ska göras?').fill(what);
      const level = await (await u.context.request.get(`/api/children/${who.childId}/plan`)).json();
      if (level.plan.level === 3) {
        await actions.getByRole('button', { name: 'Lägg till åtgärden' }).click();
        const errors = actions.getByRole('alert').filter({ hasText: 'Rätta det här innan du sparar' });
        await errors.waitFor();
        expect(await errors.textContent()).toContain('På nivå 3 behöver åtgärden en ansvarig.');
        expect(await errors.textContent()).toContain('På nivå 3 behöver åtgärden ett slutdatum.');
        await expectAccessible(page, 'the action form with level-3 errors');
      }
      await actions.getByLabel('Ansvarig').selectOption({ index: 1 });
      await actions.getByLabel('Senast').fill(addDays(today, 14));
      await actions.getByRole('button', { name: 'Lägg till åtgärden' }).click();
      await actions
        .getByRole('status')
        .filter({ hasText: `Åtgärden ”${what}” är tillagd.` })
        .waitFor();
      const row = actions.getByRole('row').filter({ hasText: what });
      expect(await row.textContent()).toContain('Planerad');
      // Overdue actions are marked in words.
      const overdue = await actions.getByRole('row').filter({ hasText: 'Försenad' }).count();
      expect(overdue).toBe(level.plan.actions.filter((a: { overdue: boolean }) => a.overdue).length);

      // The child's voice, in the child's own words.
      const voice = page.getByRole('region', { name: 'Det här tycker jag' });
      await voice.getByRole('button', { name: 'Skriv vad barnet tycker' }).click();
      const words = `Jag vill ha någon att vara med. Jag gillar när vi spelar fotboll (${Date.now()}).`;
      await voice.getByLabel('Vad tycker barnet?').fill(words);
      await voice.getByLabel('Barnet skrev själv').check();
      await expectAccessible(page, "the child's voice form");
      await voice.getByRole('button', { name: 'Spara' }).click();
      await voice.getByRole('status').filter({ hasText: 'Det barnet tycker är sparat.' }).waitFor();
      expect(await voice.locator('blockquote').filter({ hasText: words }).count()).toBe(1);
      expect(await voice.textContent()).toContain('Skrivet av barnet');

      // The level, with a reason: the history grows, and the child's support level follows.
      const levelSection = page.getByRole('region', { name: 'Nivå', exact: true });
      await levelSection.getByRole('button', { name: 'Ändra nivå' }).click();
      await levelSection.getByRole('button', { name: 'Ändra nivån' }).click();
      const levelErrors = levelSection.getByRole('alert').filter({ hasText: 'Rätta det här innan du sparar' });
      await levelErrors.waitFor();
      expect(await levelErrors.textContent()).toContain('Skriv skälet.');
      await levelSection.getByRole('radio', { name: 'Nivå 2 – tidigt stöd i egen verksamhet' }).check();
      const reason = `Skolan och hemmet klarar stödet tillsammans nu (${Date.now()}).`;
      await levelSection.getByRole('textbox', { name: 'Skäl' }).fill(reason);
      await expectAccessible(page, 'the level form');
      await levelSection.getByRole('button', { name: 'Ändra nivån' }).click();
      await levelSection
        .getByRole('status')
        .filter({ hasText: 'Nivån är ändrad till Nivå 2 – tidigt stöd i egen verksamhet.' })
        .waitFor();
      const history = levelSection.getByRole('table', { name: 'Nivåhistorik' });
      expect(await history.getByRole('row').filter({ hasText: reason }).textContent()).toContain(
        'Från nivå 3 till nivå 2',
      );
      await page.getByRole('link', { name: 'Tillbaka till barnets översikt' }).click();
      await page.getByRole('region', { name: 'Barnets plan' }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain('Nivå 2 – tidigt stöd i egen verksamhet');
      expect(
        await page
          .getByRole('table', { name: 'Händelser, nyast först' })
          .getByRole('row')
          .filter({ hasText: reason })
          .textContent(),
      ).toContain('Planens nivå ändrad');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('adds an action with the keyboard alone', async () => {
    const u = await asCoordinator(other);
    try {
      const { page } = u;
      await page.goto(`/barn/${other.childId}/plan`);
      await page.getByRole('region', { name: 'Åtgärder', exact: true }).waitFor();
      await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Lägg till åtgärd');
      await page.keyboard.press('Enter');
      // The form opens with focus in its first field.
      await expect.poll(async () => (await focused(page)).id).toBe('plan-action-new-what');
      const what = `Kontakt med hemmet varje fredag (${Date.now()})`;
      await page.keyboard.type(what);
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('plan-action-new-responsible');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('plan-action-new-serviceId');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('plan-action-new-dueDate');
      const due = addDays(today, 21);
      await typeDate(page, 'plan-action-new-dueDate', due);
      await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Lägg till åtgärden', 20);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toBe(`Åtgärden ”${what}” är tillagd.`);
      const row = page
        .getByRole('table', { name: /^\d+ åtgärder?$/ })
        .getByRole('row')
        .filter({ hasText: what });
      await row.waitFor();
      const saved = (
        await (await u.context.request.get(`/api/children/${other.childId}/plan`)).json()
      ).plan.actions.find((a: { what: string }) => a.what === what);
      expect(saved).toMatchObject({
        dueDate: due,
        status: 'planned',
        responsible: expect.objectContaining({ kind: 'professional' }),
      });
      expect(saved.serviceId).not.toBeNull();
      // Change it by keyboard too: its "Ändra" button names the action for screen readers.
      await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === `Ändra – ${what}`, 200);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).id).toBe('plan-action-edit-what');
      await tabTo(page, (f) => f.id === 'plan-action-edit-status', 10);
      await page.keyboard.press('ArrowDown');
      await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Spara ändringarna', 10);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toBe('Ändringen är sparad.');
      expect(await row.textContent()).toContain('Pågår');
      await expectAccessible(page, 'the plan page after keyboard editing');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('tells the user when someone else changed an action first, and re-applies their edit on top', async () => {
    const u = await asCoordinator(other);
    try {
      const { page, context } = u;
      await page.goto(`/barn/${other.childId}/plan`);
      const actions = page.getByRole('region', { name: 'Åtgärder', exact: true });
      await actions.waitFor();
      const plan = (await (await context.request.get(`/api/children/${other.childId}/plan`)).json()).plan;
      const action = plan.actions[0] as { id: string; what: string; version: number };
      await actions
        .getByRole('button', { name: `Ändra – ${action.what}` })
        .first()
        .click();
      await actions.getByLabel('Vad ska göras?').fill(`${action.what} (min ändring)`);
      // Meanwhile a colleague changes its status.
      const res = await context.request.patch(`/api/children/${other.childId}/plan/actions/${action.id}`, {
        data: { status: 'done' },
        headers: { 'if-match': `"v${action.version}"` },
      });
      expect(res.status()).toBe(200);
      await actions.getByRole('button', { name: 'Spara ändringarna' }).click();
      const conflict = actions.getByRole('alert').filter({ hasText: 'Någon annan har ändrat det här' });
      await conflict.waitFor();
      await expect.poll(async () => (await focused(page)).text).toContain('Någon annan har ändrat det här');
      await expectAccessible(page, 'the action form after a conflict');
      await actions.getByRole('button', { name: 'Spara min ändring ovanpå deras' }).click();
      await actions.getByRole('status').filter({ hasText: 'Ändringen är sparad.' }).waitFor();
      const after = (await (await context.request.get(`/api/children/${other.childId}/plan`)).json()).plan.actions.find(
        (a: { id: string }) => a.id === action.id,
      );
      expect(after).toMatchObject({
        what: `${action.what} (min ändring)`,
        status: 'done',
        version: action.version + 2,
      });
      u.expectNoProblems([/status of 412/]);
    } finally {
      await u.close();
    }
  });

  it('a pending offer is answered on Att göra: accepting makes anna the coordinator', async () => {
    const offer = (
      await env.server.tdb.db.query<{ id: string; child_id: string }>(
        `SELECT h.id, h.child_id FROM role_handover h JOIN person p ON p.id = h.to_person_id WHERE p.username = 'anna.lindqvist' AND h.status = 'pending' LIMIT 1`,
      )
    ).rows[0];
    expect(offer, 'the demo has an offer to anna.lindqvist').toBeDefined();
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      await page.goto('/att-gora');
      const inbox = page.getByRole('region', { name: 'Erbjudanden till dig' });
      await inbox.waitFor();
      await page.getByRole('table', { name: /^Att göra/ }).waitFor();
      expect(await page.getByRole('table', { name: /^Att göra/ }).textContent()).toContain('Åtgärd i barnets plan');
      await expectAccessible(page, 'Att göra with offers');
      await inbox.getByRole('button', { name: 'Tacka ja – Samordnare' }).click();
      const status = inbox.getByRole('status').filter({ hasText: 'Du är nu samordnare.' });
      await status.waitFor();
      await expect.poll(async () => (await focused(page)).text).toContain('Du är nu samordnare.');
      await status.getByRole('link', { name: /^Öppna barnets plan för / }).click();
      await page.waitForURL(`**/barn/${offer!.child_id}/plan`);
      const roles = page.getByRole('region', { name: 'Samordnare och barnets bästa-ansvarig' });
      await roles.waitFor();
      expect(await roles.textContent()).toContain('Anna Lindqvist');
      expect(await page.getByRole('region', { name: 'Översikt' }).textContent()).toContain('Anna Lindqvist');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('reflows at 320 px and prints the plan without navigation or forms', async () => {
    const u = await asCoordinator(who);
    try {
      const { page } = u;
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(`/barn/${who.childId}/plan`);
      await page.getByRole('region', { name: 'Åtgärder', exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page
        .getByRole('region', { name: 'Åtgärder', exact: true })
        .getByRole('button', { name: 'Lägg till åtgärd' })
        .click();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.setViewportSize({ width: 1024, height: 800 });
      await page.emulateMedia({ media: 'print' });
      const visible = async (selector: string) => page.locator(selector).first().isVisible();
      expect(await visible('.main-nav')).toBe(false);
      expect(await visible('.plan-form')).toBe(false);
      expect(await visible('.print-only')).toBe(true);
      expect(await page.getByRole('table', { name: /^\d+ åtgärder?$/ }).isVisible()).toBe(true);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.length).toBeGreaterThan(10_000);
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });
});
