import { createServer } from 'node:net';
import { createTestApp, type TestApp } from './app.js';
import type { TestDbKind } from './db.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer extends TestApp {
  baseUrl: string;
}

/**
 * A real listening server (for the browser and OIDC tests): PUBLIC_URL is known before the app is
 * built, so the demo identity provider's issuer and the redirect URIs match the port.
 */
export async function startTestServer(
  kind: TestDbKind = 'pglite',
  env: Record<string, string> = {},
): Promise<RunningServer> {
  // A test that must know the address first (an identity provider's redirect URI) passes PORT.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await createTestApp(kind, { PORT: String(port), PUBLIC_URL: baseUrl, ...env }, { clock: 'real' });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { ...t, baseUrl };
}
