import type { FastifyInstance } from 'fastify';
import type { GlobalConfig } from '../config.js';

/**
 * Security headers on every response, and no caching of anything under /api: child data must not
 * linger in browser or proxy caches.
 */
export function installSecurityHeaders(app: FastifyInstance, config: GlobalConfig): void {
  const https = config.publicUrl.startsWith('https://');
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    // Behind a TLS-terminating proxy (trustProxy in production) the request itself says https.
    if (https || req.protocol === 'https')
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    const url = req.url;
    if (url.startsWith('/api/docs')) {
      // The developer page of the API (swagger-ui) needs inline styles and its own scripts.
      reply.header(
        'Content-Security-Policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'",
      );
    } else if (!reply.hasHeader('Content-Security-Policy')) {
      reply.header(
        'Content-Security-Policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self' " +
          (config.oidc.issuer ? new URL(config.oidc.issuer).origin : '') +
          "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
      );
    }
    if (url.startsWith('/api/') || url.startsWith('/auth/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}
