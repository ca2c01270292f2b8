import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startBrowserEnv, type BrowserEnv } from './browser.js';

describe('API documentation page (browser)', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('renders the OpenAPI document under the page CSP, with the children routes', async () => {
    const u = await openPage(env);
    try {
      await u.page.goto('/api/docs/');
      await expect.poll(() => u.page.getByText('Barnkompass API').first().isVisible(), { timeout: 20_000 }).toBe(true);
      await expect.poll(() => u.page.getByText('/api/children/{childId}').first().isVisible()).toBe(true);
      u.expectNoProblems();
    } finally {
      await u.close();
    }
  });
});
