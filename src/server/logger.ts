import pino from 'pino';
import type { GlobalConfig } from './config.js';

/**
 * Logs never carry personal data: request logs hold method, route and status only (URLs carry
 * opaque ids by design), cookies and tokens are redacted, and anything that looks like a
 * personnummer is masked as a last line of defence.
 */
const PNR = /\b(\d{2})?\d{6}[-+]?\d{4}\b/g;

export function createLogger(config: GlobalConfig, destination?: NodeJS.WritableStream) {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.personnummer',
        '*.givenName',
        '*.familyName',
        '*.name',
        '*.email',
        '*.phone',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.replace(PNR, '[pnr]').split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? a.replace(PNR, '[pnr]') : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
