/**
 * Shared set-up for the browser tests: one real server (demo data on PGlite) and one Chromium per
 * test file, a fresh browser context (cookie jar) per user, axe checks and console watching.
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { startTestServer, type RunningServer } from '../helpers/server.js';

export interface BrowserEnv {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

/** `env` adds to the server's settings (e.g. rate limits on, which tests otherwise turn off). */
export async function startBrowserEnv(env: Record<string, string> = {}): Promise<BrowserEnv> {
  const executablePath = inject('chromium');
  if (!executablePath)
    throw new Error('Chromium is not installed (apt-get install -y chromium); the browser tests need it.');
  const server = await startTestServer('pglite', env);
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems: string[];
  /** Asserts that nothing went wrong in the page, except messages matching `allow`. */
  expectNoProblems(allow?: RegExp[]): void;
  close(): Promise<void>;
}

/** A fresh browser context; logged in as `username` through the demo login API when given. */
export async function openPage(env: BrowserEnv, username?: string): Promise<UserPage> {
  const context = await env.browser.newContext({ baseURL: env.server.baseUrl, locale: 'sv-SE' });
  if (username) {
    const res = await context.request.post(`${env.server.baseUrl}/api/dev/login`, { data: { username } });
    expect(res.status(), `dev login as ${username}`).toBe(200);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return {
    context,
    page,
    problems,
    expectNoProblems(allow = []) {
      expect(problems.filter((p) => !allow.some((a) => a.test(p)))).toEqual([]);
    },
    close: () => context.close(),
  };
}

/** WCAG 2.1 A/AA by axe-core: no serious or critical violations (printed in full when there are). */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    const report = bad
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`,
      )
      .join('\n');
    console.error(`axe violations on ${where}:\n${report}`);
  }
  expect(
    bad.map((v) => `${v.id} (${v.nodes.length})`),
    `axe on ${where}`,
  ).toEqual([]);
}

/** The element that has focus, described for assertions. */
export async function focused(page: Page): Promise<{ tag: string; text: string; href: string | null; id: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName ?? '',
      text: (el?.textContent ?? '').trim(),
      href: el?.getAttribute('href') ?? null,
      id: el?.id ?? '',
    };
  });
}

/** The display name of a demo user, as the login page shows it. */
export async function demoUserName(env: BrowserEnv, username: string): Promise<string> {
  const res = await fetch(`${env.server.baseUrl}/api/dev/users`);
  const body = (await res.json()) as { users: { username: string; name: string }[] };
  const user = body.users.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.name;
}
