import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A local stand-in for the Kolada API v3: a real HTTP server on a free port answering from the
 * reference files in test/fixtures/reference/kolada (a verbatim copy of ../shared/reference; never edited; reshaped in memory when a test needs
 * another shape). The client under test runs its real HTTP code path against it.
 */

export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../fixtures/reference/kolada');
export const FILES = {
  kpis: 'kolada_v3_kpi_selected.json',
  municipalities: 'kolada_v3_municipality_kronoberg.json',
  n17625: 'kolada_v3_data_kpi_N17625_municipality_kronoberg_year_2021-2023.json',
  n09890: 'kolada_v3_data_kpi_N09890_municipality_kronoberg_year_2020-2023_privacy.json',
  p1: 'kolada_v3_paged_p1.json',
  p2: 'kolada_v3_paged_p2.json',
} as const;

const NAN = '__stub_NaN__';
/** Reads a reference file; Kolada's bare NaN survives as a marker that `send` writes back as NaN. */
export function readReference(name: string): any {
  const text = readFileSync(path.join(REFERENCE_DIR, name), 'utf8');
  return JSON.parse(text.replace(/:\s*NaN\b/g, `: "${NAN}"`));
}
export function toKoladaJson(body: unknown): string {
  return JSON.stringify(body, null, 1).replaceAll(`"${NAN}"`, 'NaN');
}

export interface StubRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  path: string;
  query: Record<string, string>;
}

export type StubReply = {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string;
  delayMs?: number;
};
/** Returns a reply to take over the request, or undefined to fall through to the normal routes. */
export type StubHook = (req: StubRequest) => StubReply | undefined;

export interface KoladaStub {
  /** http://127.0.0.1:PORT/v3 */
  baseUrl: string;
  origin: string;
  requests: StubRequest[];
  /** Hooks run first, newest first. */
  hook(h: StubHook): void;
  /** The next n requests (matching `match` if given) get this reply. */
  failNext(n: number, reply: StubReply, match?: (req: StubRequest) => boolean): void;
  dataRequests(): StubRequest[];
  reset(): void;
  close(): Promise<void>;
}

interface ValueRow {
  kpi: string;
  municipality: string;
  period: number;
  values: unknown[];
}

/** The data rows of every reference data file, for answering arbitrary data queries. */
function allReferenceRows(): ValueRow[] {
  return [FILES.n17625, FILES.n09890, FILES.p1, FILES.p2].flatMap((f) => readReference(f).values as ValueRow[]);
}

const PAGED_PATH = '/v3/data/kpi/N15428,N11051/municipality/0760,0761,0763,0764,0765,0767,0780,0781/year/2023';

export async function startKoladaStub(): Promise<KoladaStub> {
  const requests: StubRequest[] = [];
  let hooks: StubHook[] = [];
  const kpiFile = readReference(FILES.kpis);
  const muniFile = readReference(FILES.municipalities);
  const rows = allReferenceRows();

  function route(req: StubRequest): StubReply {
    const p = req.path.split('/').filter(Boolean);
    if (p[0] !== 'v3') return { status: 404, body: { error: 'not found' } };
    if (p[1] === 'kpi' && p.length === 2) {
      const ids = req.query.id ? new Set(req.query.id.split(',')) : null;
      const values = (kpiFile.values as { id: string }[]).filter((k) => !ids || ids.has(k.id));
      return { status: 200, body: { values, count: values.length, next_url: null, previous_url: null } };
    }
    if (p[1] === 'municipality' && p.length === 2) {
      const ids = req.query.id ? new Set(req.query.id.split(',')) : null;
      const values = (muniFile.values as { id: string }[]).filter((k) => !ids || ids.has(k.id));
      return { status: 200, body: { values, count: values.length, next_url: null, previous_url: null } };
    }
    if (
      p[1] === 'data' &&
      p[2] === 'kpi' &&
      p[4] === 'municipality' &&
      (p.length === 6 || (p.length === 8 && p[6] === 'year'))
    ) {
      // The real paged responses, by their own path.
      if (req.path === PAGED_PATH)
        return { status: 200, body: readReference(req.query.page === '2' ? FILES.p2 : FILES.p1) };
      const kpis = new Set(p[3]!.split(','));
      const munis = new Set(p[5]!.split(','));
      const years = p[7] ? new Set(p[7].split(',').map(Number)) : null;
      const values = rows.filter(
        (r) => kpis.has(r.kpi) && munis.has(r.municipality) && (!years || years.has(r.period)),
      );
      return { status: 200, body: { values, count: values.length, next_url: null, previous_url: null } };
    }
    return { status: 404, body: { error: 'not found' } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url ?? '/', 'http://stub');
    const r: StubRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: decodeURIComponent(u.pathname),
      query: Object.fromEntries(u.searchParams),
    };
    requests.push(r);
    let reply: StubReply | undefined;
    for (const h of hooks) {
      reply = h(r);
      if (reply) break;
    }
    reply ??= route(r);
    if (reply.delayMs) await new Promise((ok) => setTimeout(ok, reply.delayMs));
    const text = reply.raw ?? (reply.body === undefined ? '' : toKoladaJson(reply.body));
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}/v3`,
    origin,
    requests,
    hook(h) {
      hooks = [h, ...hooks];
    },
    failNext(n, reply, match) {
      let left = n;
      hooks = [
        (req) => {
          if (left <= 0 || (match && !match(req))) return undefined;
          left--;
          return reply;
        },
        ...hooks,
      ];
    },
    dataRequests: () => requests.filter((r) => r.path.startsWith('/v3/data/')),
    reset() {
      hooks = [];
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}
