import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdf } from '../../src/server/pdf/inspect.js';
import { expectAccessible, openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

/**
 * The paper plan: printing the plan page from the browser gives only the plan (no navigation,
 * buttons or forms; black on white), and the page's PDF link downloads the tagged PDF.
 */
describe("the child's plan on paper (print stylesheet and PDF link)", () => {
  let env: BrowserEnv;
  let who: { username: string; assignmentId: string; childId: string; name: string };

  beforeAll(async () => {
    // The PDF rate limit on (tests turn it off), two a minute: the refusal is seen in the page.
    env = await startBrowserEnv({ RATE_LIMIT: 'on', RATE_LIMIT_PDF_PER_MINUTE: '2' });
    who = (
      await env.server.tdb.db.query<{ username: string; assignmentId: string; childId: string; name: string }>(
        `SELECT p.username, t.assignment_id AS "assignmentId", t.child_id AS "childId", c.given_name || ' ' || c.family_name AS name
           FROM team_membership t JOIN person p ON p.id = t.person_id JOIN child c ON c.id = t.child_id
           JOIN plan pl ON pl.child_id = t.child_id AND pl.status = 'active'
          WHERE t.team_role = 'coordinator' AND t.valid_to IS NULL
            AND EXISTS (SELECT 1 FROM plan_action a WHERE a.plan_id = pl.id)
          ORDER BY (p.username = 'anna.lindqvist') DESC, p.username, t.child_id LIMIT 1`,
      )
    ).rows[0]!;
    expect(who).toBeDefined();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('prints only the plan: navigation, buttons, forms and the PDF link are hidden, text is black on white', async () => {
    const u = await openPage(env, who.username);
    try {
      const { page, context } = u;
      expect(
        (await context.request.put('/api/session/assignment', { data: { assignmentId: who.assignmentId } })).status(),
      ).toBe(204);
      await page.goto(`/barn/${who.childId}/plan`);
      const pdfLink = page.getByRole('link', { name: 'Ladda ner PDF' });
      await pdfLink.waitFor();
      // On screen: the navigation, the print button, the PDF link and the note about the paper plan.
      await expect.poll(() => page.locator('.main-nav').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Skriv ut planen' }).isVisible()).toBe(true);
      expect(await page.locator('#plan-print-note').textContent()).toContain(
        'Familjer som inte vill använda den digitala vägen får planen på papper',
      );
      await expectAccessible(page, 'the plan page with its print and PDF controls');

      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.site-header', '.main-nav', '.breadcrumb', '#plan-pdf', '#plan-print-note']) {
        expect(await page.locator(hidden).first().isVisible(), `${hidden} hidden in print`).toBe(false);
      }
      const visibleButtons = await page.locator('button:visible, .button:visible, form:visible').count();
      expect(visibleButtons, 'no buttons or forms on paper').toBe(0);
      // The plan itself is there: heading, actions table, the child's name (print-only fact).
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      expect(await page.getByRole('region', { name: 'Åtgärder', exact: true }).isVisible()).toBe(true);
      expect(await page.locator('.plan-page').textContent()).toContain(who.name);
      const colours = await page.locator('.plan-page').evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.color, background: s.backgroundColor };
      });
      expect(colours).toEqual({ color: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)' });
      // Rows of the plan's tables are not split across pages.
      expect(
        await page
          .locator('.plan-page table tr')
          .first()
          .evaluate((el) => getComputedStyle(el).breakInside),
      ).toBe('avoid');
      await page.emulateMedia({ media: 'screen' });
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('the PDF link downloads the tagged PDF of the plan, named without the child’s name', async () => {
    const u = await openPage(env, who.username);
    try {
      const { page, context } = u;
      expect(
        (await context.request.put('/api/session/assignment', { data: { assignmentId: who.assignmentId } })).status(),
      ).toBe(204);
      await page.goto(`/barn/${who.childId}/plan`);
      const link = page.getByRole('link', { name: 'Ladda ner PDF' });
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`/api/children/${who.childId}/plan/pdf`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('barnets-plan.pdf');
      const path = await download.path();
      const { readFile } = await import('node:fs/promises');
      const pdf = await readFile(path);
      const info = inspectPdf(pdf);
      expect(info).toMatchObject({ tagged: true, hasStructTree: true, lang: 'sv', title: 'Barnets plan' });
      expect(info.text.normalize('NFKC').replace(/\s+/g, ' ')).toContain(`Barnets plan – ${who.name}`);
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });

  it('a refused PDF (too many in a minute) is said on the page, not saved as a file', async () => {
    const u = await openPage(env, who.username);
    try {
      const { page, context } = u;
      expect(
        (await context.request.put('/api/session/assignment', { data: { assignmentId: who.assignmentId } })).status(),
      ).toBe(204);
      // Use up the person's PDFs for this minute (the earlier test may have used one).
      let refused = false;
      for (let i = 0; i < 3 && !refused; i++)
        refused = (await context.request.get(`/api/children/${who.childId}/plan/pdf`)).status() === 429;
      expect(refused).toBe(true);
      await page.goto(`/barn/${who.childId}/plan`);
      const link = page.getByRole('link', { name: 'Ladda ner PDF' });
      await link.waitFor();
      let downloads = 0;
      page.on('download', () => downloads++);
      await link.click();
      const alert = page.getByRole('alert').filter({ hasText: 'Du har hämtat många filer på kort tid' });
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/Vänta \d+ sekunder? och försök igen\./);
      expect(downloads).toBe(0);
      await expectAccessible(page, 'the plan page saying the PDF was refused');
      // The browser logs the refused request itself; the page has no other problem.
      u.expectNoProblems([/status of 429/]);
    } finally {
      await u.close();
    }
  });
});
