import { systemClock } from '../../../clock.js';
import type { z } from 'zod';
import {
  dataResponseSchema,
  kpiResponseSchema,
  parseKoladaJson,
  toKpiMeta,
  type DataRowRecord,
  type KpiMeta,
} from '../../../../contract/kolada.js';

export const DEFAULT_KOLADA_BASE_URL = 'https://api.kolada.se/v3';
/** Kolada accepts at most 25 ids per path segment. */
export const MAX_IDS_PER_CALL = 25;

export interface KoladaClientOptions {
  /** Default https://api.kolada.se/v3. */
  baseUrl?: string;
  /** Per request, including reading the body. Default 30 s. */
  timeoutMs?: number;
  /** Attempts per request on 429, 5xx, resets and timeouts. Default 5. */
  maxAttempts?: number;
  /** First backoff step; doubles each attempt, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest wait between attempts, including a server's Retry-After. Default 60 s. */
  maxDelayMs?: number;
  /** Sent as per_page on data requests when set (Kolada's default page size otherwise). */
  perPage?: number;
  /** The clock that reads an HTTP-date Retry-After (the app's clock; the system clock by default). */
  now?: () => Date;
  /** Cancels everything (Ctrl-C). */
  signal?: AbortSignal;
  /** Told about every HTTP attempt (for progress and logs). */
  onRequest?: (e: { url: string; status: number | null; attempt: number; ms: number }) => void;
}

export type KoladaErrorKind = 'unreachable' | 'timeout' | 'http' | 'invalid_response' | 'aborted' | 'bad_request';

/**
 * A failed Kolada call. The message names the URL (without credentials) and what went wrong,
 * never the response body.
 */
export class KoladaError extends Error {
  override readonly name = 'KoladaError';
  constructor(
    message: string,
    readonly kind: KoladaErrorKind,
    readonly url: string,
    readonly status: number | null = null,
    readonly attempts = 1,
  ) {
    super(message);
  }
}

export interface DataQuery {
  kpis: readonly string[];
  municipalities: readonly string[];
  /** Omitted = every year Kolada has. */
  years?: readonly number[];
  /** YYYY-MM-DD: only values changed since then (deletions arrive with isdeleted). */
  fromDate?: string;
}

export interface DataPage {
  url: string;
  rows: DataRowRecord[];
  /** The envelope as sent, minus `values` (count, next/previous links and any unknown fields). */
  envelope: Record<string, unknown>;
}

const ID_RE = /^[A-Za-z0-9_-]{1,32}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The URL as it may appear in messages and logs: no user info, no fragment. */
export function displayUrl(url: string | URL): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.hash = '';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or null if absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const h = header.trim();
  if (/^\d+$/.test(h)) return Number(h) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

const UNREACHABLE_CODES: Record<string, string> = {
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  ECONNREFUSED: 'connection refused',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'response body stalled',
};
/** Worth another attempt: the connection dropped mid-way. Refused or unknown hosts fail at once. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function networkCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** A Kolada API v3 client: chunking, paging, retries, timeouts and validated responses. */
export class KoladaClient {
  readonly baseUrl: string;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  /** HTTP attempts made so far (retries included). */
  requests = 0;

  constructor(private readonly opts: KoladaClientOptions = {}) {
    const raw = (opts.baseUrl ?? DEFAULT_KOLADA_BASE_URL).replace(/\/+$/, '');
    let base: URL;
    try {
      base = new URL(raw);
    } catch {
      throw new KoladaError(
        `not a valid Kolada base URL: ${JSON.stringify(raw.slice(0, 200))}`,
        'bad_request',
        '(invalid URL)',
      );
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:')
      throw new KoladaError('the Kolada base URL must be http(s)', 'bad_request', displayUrl(base));
    // fetch refuses URLs with credentials, and Kolada is public: say so instead of failing later.
    if (base.username || base.password)
      throw new KoladaError(
        'the Kolada base URL must not contain a user name or password',
        'bad_request',
        displayUrl(base),
      );
    base.search = '';
    base.hash = '';
    this.base = base;
    this.baseUrl = displayUrl(base).replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
    this.baseDelayMs = opts.baseDelayMs ?? 500;
    this.maxDelayMs = opts.maxDelayMs ?? 60_000;
  }

  /** Metadata for the given KPI ids (≤ 25 per call). Ids Kolada does not know are simply absent. */
  async kpis(ids: readonly string[]): Promise<KpiMeta[]> {
    checkIds(ids, 'KPI');
    const out: KpiMeta[] = [];
    for (const part of chunk(ids, MAX_IDS_PER_CALL)) {
      const url = this.url('kpi', { id: part.join(',') });
      for await (const page of this.pages(url, kpiResponseSchema)) out.push(...page.values.map(toKpiMeta));
    }
    return out;
  }

  /**
   * Data pages for KPIs × municipalities × years, ≤ 25 ids of each per call, following next_url
   * (or v2's next_page) to the end.
   */
  async *data(q: DataQuery): AsyncGenerator<DataPage> {
    checkIds(q.kpis, 'KPI');
    checkIds(q.municipalities, 'municipality');
    if (q.years)
      for (const y of q.years)
        if (!Number.isInteger(y) || y < 1900 || y > 2200)
          throw new KoladaError(`not a year: ${String(y)}`, 'bad_request', this.baseUrl);
    if (q.fromDate !== undefined && !DATE_RE.test(q.fromDate))
      throw new KoladaError('from_date must be YYYY-MM-DD', 'bad_request', this.baseUrl);
    const yearChunks = q.years ? (q.years.length === 0 ? [] : chunk(q.years, MAX_IDS_PER_CALL)) : [null];
    for (const kpis of chunk(q.kpis, MAX_IDS_PER_CALL)) {
      for (const munis of chunk(q.municipalities, MAX_IDS_PER_CALL)) {
        for (const years of yearChunks) {
          const segments = ['data', 'kpi', kpis.join(','), 'municipality', munis.join(',')];
          if (years) segments.push('year', years.join(','));
          const params: Record<string, string> = {};
          if (q.fromDate) params.from_date = q.fromDate;
          if (this.opts.perPage) params.per_page = String(this.opts.perPage);
          for await (const page of this.pages(this.url(segments.join('/'), params), dataResponseSchema)) {
            const { values, ...envelope } = page;
            yield { url: page.url, rows: values, envelope };
          }
        }
      }
    }
  }

  private url(pathname: string, params: Record<string, string>): URL {
    const u = new URL(this.base.toString());
    u.pathname = `${u.pathname.replace(/\/+$/, '')}/${pathname}`;
    // Commas unescaped, as Kolada documents its id lists (URLSearchParams would send %2C).
    u.search = Object.entries(params)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replaceAll('%2C', ',')}`)
      .join('&');
    return u;
  }

  /**
   * A next/previous link, kept on the configured origin and API path: a mirror or proxy may answer
   * with the upstream's absolute links, and a response must never send us to another host.
   */
  resolveLink(link: string): URL {
    const target = new URL(link, `${this.base.toString().replace(/\/+$/, '')}/`);
    if (target.origin === this.base.origin) return target;
    const basePath = this.base.pathname.replace(/\/+$/, '');
    // The same API version segment on the other host ("/v3/..."): keep what follows it.
    const version = /\/v\d+(?=\/|$)/.exec(basePath)?.[0];
    let rest = target.pathname;
    const at = version ? rest.indexOf(`${version}/`) : -1;
    if (at >= 0) rest = rest.slice(at + version!.length);
    const u = new URL(this.base.toString());
    u.pathname = `${basePath}${rest.startsWith('/') ? '' : '/'}${rest}`;
    u.search = target.search;
    return u;
  }

  private async *pages<S extends z.ZodType<{ values: unknown[]; next_url?: string | null; next_page?: string | null }>>(
    first: URL,
    schema: S,
  ): AsyncGenerator<z.output<S> & { url: string }> {
    let url: URL | null = first;
    const seen = new Set<string>();
    while (url) {
      const key = url.toString();
      if (seen.has(key))
        throw new KoladaError(`Kolada paging loops back to ${displayUrl(url)}`, 'invalid_response', displayUrl(url));
      seen.add(key);
      const body = await this.getJson(url);
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
          .join('; ');
        throw new KoladaError(
          `unexpected response from ${displayUrl(url)}: ${issues}`,
          'invalid_response',
          displayUrl(url),
        );
      }
      const page = parsed.data as z.output<S>;
      yield Object.assign(page, { url: displayUrl(url) });
      const next = page.next_url ?? page.next_page ?? null;
      url = next ? this.resolveLink(next) : null;
    }
  }

  /** One GET with timeout and retries; the parsed JSON body. */
  async getJson(url: URL): Promise<unknown> {
    const shown = displayUrl(url);
    for (let attempt = 1; ; attempt++) {
      if (this.opts.signal?.aborted) throw new KoladaError(`cancelled before ${shown}`, 'aborted', shown);
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const signal = this.opts.signal ? AbortSignal.any([this.opts.signal, timeout]) : timeout;
      const started = performance.now();
      this.requests++;
      let status: number | null = null;
      let retryAfter: number | null = null;
      let failure: KoladaError;
      try {
        const res = await fetch(url, { signal, headers: { accept: 'application/json' }, redirect: 'error' });
        status = res.status;
        if (res.ok) {
          const text = await res.text();
          this.opts.onRequest?.({ url: shown, status, attempt, ms: Math.round(performance.now() - started) });
          try {
            return parseKoladaJson(text);
          } catch {
            throw new KoladaError(
              `unexpected response from ${shown}: not JSON`,
              'invalid_response',
              shown,
              status,
              attempt,
            );
          }
        }
        // Drain the body (keeps the connection reusable); its content is never reported.
        await res.arrayBuffer().catch(() => undefined);
        this.opts.onRequest?.({ url: shown, status, attempt, ms: Math.round(performance.now() - started) });
        if (status !== 429 && status < 500)
          throw new KoladaError(`Kolada answered HTTP ${status} for ${shown}`, 'http', shown, status, attempt);
        retryAfter = parseRetryAfter(res.headers.get('retry-after'), (this.opts.now ?? systemClock)().getTime());
        failure = new KoladaError(`Kolada answered HTTP ${status} for ${shown}`, 'http', shown, status, attempt);
      } catch (err) {
        if (err instanceof KoladaError) throw err;
        if (status === null)
          this.opts.onRequest?.({ url: shown, status: null, attempt, ms: Math.round(performance.now() - started) });
        if (this.opts.signal?.aborted)
          throw new KoladaError(`cancelled during ${shown}`, 'aborted', shown, status, attempt);
        if (timeout.aborted) {
          failure = new KoladaError(
            `Kolada did not answer within ${this.timeoutMs} ms: ${shown}`,
            'timeout',
            shown,
            status,
            attempt,
          );
        } else {
          const code = networkCode(err);
          const reason = (code && UNREACHABLE_CODES[code]) ?? 'network error';
          failure = new KoladaError(
            `Kolada API unreachable at ${shown} (${reason})`,
            'unreachable',
            shown,
            status,
            attempt,
          );
          if (!code || !TRANSIENT_CODES.has(code)) throw failure;
        }
      }
      if (attempt >= this.maxAttempts) {
        throw new KoladaError(
          `${failure.message}; gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}`,
          failure.kind,
          shown,
          failure.status,
          attempt,
        );
      }
      const wait =
        retryAfter !== null
          ? Math.min(retryAfter, this.maxDelayMs)
          : backoffMs(attempt, this.baseDelayMs, this.maxDelayMs);
      try {
        await sleep(wait, this.opts.signal);
      } catch {
        throw new KoladaError(`cancelled while waiting to retry ${shown}`, 'aborted', shown, status, attempt);
      }
    }
  }
}

function checkIds(ids: readonly string[], what: string): void {
  for (const id of ids) {
    if (!ID_RE.test(id))
      throw new KoladaError(
        `not a valid ${what} id: ${JSON.stringify(String(id).slice(0, 40))}`,
        'bad_request',
        '(not sent)',
      );
  }
}
