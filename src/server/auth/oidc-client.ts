import * as client from 'openid-client';
import type { GlobalConfig } from '../config.js';

/** The identity provider could not be reached or its metadata is unusable. */
export class IdpUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdpUnavailableError';
  }
}

/**
 * The relying party's view of the identity provider: discovered lazily on first use (so the app
 * starts even when the provider is down, and the demo provider in this same process is listening
 * by then) and cached. A failed discovery is not cached: the next login tries again.
 */
export class OidcClient {
  private pending: Promise<client.Configuration> | null = null;

  constructor(private readonly oidc: GlobalConfig['oidc']) {}

  get configured(): boolean {
    return Boolean(this.oidc.issuer && this.oidc.clientId);
  }

  get(): Promise<client.Configuration> {
    if (!this.pending) {
      const p = this.discover();
      this.pending = p;
      p.catch(() => {
        if (this.pending === p) this.pending = null;
      });
    }
    return this.pending;
  }

  private async discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, allowInsecure } = this.oidc;
    if (!issuer || !clientId) throw new IdpUnavailableError('OIDC is not configured (OIDC_ISSUER and OIDC_CLIENT_ID)');
    let config: client.Configuration;
    try {
      config = await client.discovery(
        new URL(issuer),
        clientId,
        clientSecret ? { client_secret: clientSecret } : undefined,
        clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
        { execute: allowInsecure ? [client.allowInsecureRequests] : [], timeout: 10 },
      );
    } catch (err) {
      throw new IdpUnavailableError('OIDC discovery failed', { cause: err });
    }
    // Verify the ID token's signature against the provider's keys too, not only its claims.
    client.enableNonRepudiationChecks(config);
    return config;
  }
}
