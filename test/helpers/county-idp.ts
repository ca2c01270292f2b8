import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createMemoryAdapterFactory } from '../../src/server/auth/oidc-memory-adapter.js';

/**
 * A county's identity provider for tests: a real oidc-provider on its own port that logs in
 * whichever subject the test names next (`loginAs`) — the subject a county's provider sends for a
 * person (an eduPersonPrincipalName, an HSA-id, an e-mail), not a demo username. Consent for
 * openid/profile is granted automatically.
 */
export interface CountyIdp {
  issuer: string;
  loginAs(subject: string): void;
  close(): Promise<void>;
}

export async function startCountyIdp(client: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}): Promise<CountyIdp> {
  const warn = console.warn;
  console.warn = () => {}; // oidc-provider's notice about the Node.js version
  const { Provider } = await import('oidc-provider').finally(() => {
    console.warn = warn;
  });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let next: string | undefined;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    adapter: createMemoryAdapterFactory(),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'county', alg: 'RS256', use: 'sig' }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: { devInteractions: { enabled: false } },
    claims: { openid: ['sub'] },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      return { accountId: sub, claims: () => ({ sub }) };
    },
  } as never);
  const handle = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return void handle(req, res);
    void interact(provider, req, res, () => next).catch((err: Error) => {
      res.statusCode = 500;
      res.end(err.message);
    });
  });
  return {
    issuer,
    loginAs(subject) {
      next = subject;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function interact(provider: any, req: IncomingMessage, res: ServerResponse, subject: () => string | undefined) {
  const details = await provider.interactionDetails(req, res);
  let result: Record<string, unknown>;
  if (details.prompt.name === 'login') {
    const accountId = subject();
    if (!accountId) throw new Error('the test named nobody to log in');
    result = { login: { accountId } };
  } else {
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope('openid');
    result = { consent: { grantId: await grant.save() } };
  }
  const to = await provider.interactionResult(req, res, result, { mergeWithLastSubmission: true });
  res.statusCode = 303;
  res.setHeader('location', to);
  res.end();
}
