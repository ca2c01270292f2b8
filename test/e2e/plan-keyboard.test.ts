import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { expectAccessible, focused, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

type Focused = Awaited<ReturnType<typeof focused>>;

/** Presses Tab (only) until the focused element matches, at most `max` times. */
async function tabTo(page: Page, matches: (f: Focused) => boolean, max = 400): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (matches(f)) return f;
  }
  throw new Error('the control was not reachable with Tab');
}

/** The focused element shows a focus ring the user can see (the house style: a 3 px outline). */
async function expectFocusVisible(page: Page, what: string): Promise<void> {
  const r = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    return { visible: el.matches(':focus-visible'), style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
  });
  expect(r.visible, `${what}: :focus-visible`).toBe(true);
  expect(r.style, `${what}: outline`).not.toBe('none');
  expect(r.width, `${what}: outline width`).toBeGreaterThanOrEqual(2);
}

const isButton = (text: string) => (f: Focused) => f.tag === 'BUTTON' && f.text === text;

/**
 * Editing the child's plan with the keyboard alone — Tab, Enter and Space, no clicks: the child's
 * voice, an action, closing the plan with a reason and reopening it. Focus is visible on every
 * control reached, lands in the form that opens, and on the status line after saving.
 */
describe("the child's plan by keyboard alone (browser)", () => {
  let env: BrowserEnv;
  let childId: string;
  let action: { id: string; what: string };
  const annaA = demoAssignmentId('anna.lindqvist', 0);

  beforeAll(async () => {
    env = await startBrowserEnv();
    // An active plan on anna's team with an open action.
    const row = (
      await env.server.tdb.db.query<{ child_id: string; id: string; what: string }>(
        `SELECT p.child_id, a.id, a.what FROM plan p JOIN plan_action a ON a.plan_id = p.id AND a.status IN ('planned', 'in_progress')
          WHERE p.status = 'active'
            AND EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = p.child_id AND t.assignment_id = $1 AND t.valid_from <= current_date AND t.valid_to IS NULL)
          ORDER BY p.level, p.child_id, a.created_at, a.id LIMIT 1`,
        [annaA],
      )
    ).rows[0]!;
    childId = row.child_id;
    action = { id: row.id, what: row.what };
  });
  afterAll(async () => {
    await env?.close();
  });

  it('adds the child’s voice, changes an action, closes and reopens the plan — Tab, Enter and Space only, focus visible and where it should be', async () => {
    const u = await openPage(env, 'anna.lindqvist');
    try {
      const { page } = u;
      page.setDefaultTimeout(15_000);
      await page.goto(`/barn/${childId}/plan`);
      await page.getByRole('heading', { level: 1, name: /^Barnets plan – / }).waitFor();
      await page.getByRole('region', { name: 'Avsluta planen', exact: true }).waitFor();

      // 1. The child's voice: the add button opens the form with focus in its first field.
      await tabTo(page, isButton('Skriv vad barnet tycker'));
      await expectFocusVisible(page, 'the add button');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).id).toBe('plan-voice-new-text');
      await expectFocusVisible(page, 'the first field');
      const voice = `Jag vill vara med och bestämma (${Date.now()}).`;
      await page.keyboard.type(voice);
      // Space ticks the checkbox "the child wrote it".
      await tabTo(page, (f) => f.id === 'plan-voice-new-writtenByChild');
      await expectFocusVisible(page, 'the checkbox');
      await page.keyboard.press('Space');
      expect(await page.locator('#plan-voice-new-writtenByChild').isChecked()).toBe(true);
      await tabTo(page, isButton('Spara'));
      await expectFocusVisible(page, 'the save button');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toContain('Det barnet tycker är sparat.');
      await page.getByRole('region', { name: 'Det här tycker jag', exact: true }).getByText(voice).waitFor();

      // 2. An action: "Ändra" opens its form with focus in the first field; the change is saved with Enter.
      await tabTo(page, (f) => f.tag === 'BUTTON' && f.id === `edit-${action.id}`);
      await expectFocusVisible(page, 'the change button');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).tag).toBe('TEXTAREA');
      await expectFocusVisible(page, 'the action text');
      await page.keyboard.press('End');
      await page.keyboard.type(' (med tangentbord)');
      await tabTo(page, isButton('Spara ändringarna'));
      await expectFocusVisible(page, 'the save-changes button');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toContain('Ändringen är sparad.');
      await page
        .getByRole('region', { name: 'Åtgärder', exact: true })
        .getByRole('rowheader', { name: `${action.what} (med tangentbord)` })
        .waitFor();

      // 3. Close the plan: Space chooses the reason; an empty choice first gives the error summary.
      await tabTo(page, isButton('Avsluta planen'));
      await expectFocusVisible(page, 'the close button');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).id).toBe('plan-close-reason');
      await expectFocusVisible(page, 'the first reason');
      await tabTo(page, isButton('Avsluta planen'));
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toContain('Välj varför planen avslutas.');
      // The error summary's link takes the user to the field (Enter on the link).
      await tabTo(page, (f) => f.tag === 'A' && f.text === 'Välj varför planen avslutas.');
      await expectFocusVisible(page, 'the error link');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).id).toBe('plan-close-reason');
      await page.keyboard.press('Space');
      expect(await page.getByRole('radio', { name: 'Målen är uppnådda' }).isChecked()).toBe(true);
      await expectAccessible(page, 'the close form, by keyboard');
      await tabTo(page, isButton('Avsluta planen'));
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toContain('Planen är avslutad.');
      await page.getByRole('region', { name: 'Planen är avslutad', exact: true }).waitFor();
      expect(await page.getByRole('button', { name: 'Skriv vad barnet tycker' }).count()).toBe(0);

      // 4. Reopen it with a reason.
      await tabTo(page, isButton('Öppna planen igen'));
      await expectFocusVisible(page, 'the reopen button');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).id).toBe('plan-reopen-reason');
      await page.keyboard.type('Familjen vill fortsätta.');
      await tabTo(page, isButton('Öppna planen igen'));
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toContain('Planen är öppen igen.');
      await page.getByRole('button', { name: 'Skriv vad barnet tycker' }).waitFor();
      await expectAccessible(page, 'the reopened plan');
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  }, 240_000);
});
