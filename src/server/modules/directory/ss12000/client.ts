import type { z } from 'zod';
import {
  DELETED_ENTITY_TYPES,
  listEnvelopeSchema,
  type Ss12000DeletedEntityType,
  Ss12000DeletedEntitiesPageSchema,
  type Ss12000Duty,
  Ss12000DutySchema,
  type Ss12000Group,
  Ss12000GroupSchema,
  type Ss12000Organisation,
  Ss12000OrganisationSchema,
  type Ss12000Person,
  Ss12000PersonSchema,
} from './schema.js';

export type Ss12000ErrorKind = 'unauthorized' | 'bad_response' | 'unavailable' | 'http';

/** Messages name the URL path and status, never the token or personal data. */
export class Ss12000Error extends Error {
  constructor(
    public readonly kind: Ss12000ErrorKind,
    message: string,
    public readonly status?: number,
  ) {
    super(message);
    this.name = 'Ss12000Error';
  }
}

/** One record of a list: either read, or rejected with a reason (and the record's id if it had one). */
export type Ss12000Record<T> = { ok: true; value: T } | { ok: false; id: string | undefined; reason: string };

export interface Ss12000DeletedEntity {
  type: Ss12000DeletedEntityType;
  id: string;
}

export interface Ss12000ListOptions {
  /** RFC 3339: only what was modified on or after this instant. */
  modifiedAfter?: string;
}

/**
 * Where a sync reads SS 12000 records from: the server's API (`Ss12000Client`), or records already
 * at hand (`Ss12000FixtureSource`, e.g. the demo county's) — checked by the same schemas.
 */
export interface Ss12000Source {
  organisations(opts?: Ss12000ListOptions): AsyncGenerator<Ss12000Record<Ss12000Organisation>>;
  persons(opts?: Ss12000ListOptions): AsyncGenerator<Ss12000Record<Ss12000Person>>;
  duties(opts?: Ss12000ListOptions): AsyncGenerator<Ss12000Record<Ss12000Duty>>;
  groups(opts?: Ss12000ListOptions): AsyncGenerator<Ss12000Record<Ss12000Group>>;
  deletedEntities(after: string): AsyncGenerator<Ss12000DeletedEntity>;
}

export interface Ss12000ClientOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  /** `limit` asked for on every page. */
  pageSize?: number;
  /** Further attempts after a 5xx, a time-out or a network error. */
  retries?: number;
  timeoutMs?: number;
  /** Waits between attempts (injectable so tests need not wait). */
  sleep?: (ms: number) => Promise<void>;
  /** First back-off; doubles on each further attempt. */
  backoffMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads an SS 12000 v2 server: paged lists, incremental reads and deletions. */
export class Ss12000Client implements Ss12000Source {
  private readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly fetchFn: typeof fetch;
  private readonly pageSize: number;
  private readonly retries: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly backoffMs: number;

  constructor(options: Ss12000ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.fetchFn = options.fetch ?? fetch;
    this.pageSize = options.pageSize ?? 100;
    this.retries = options.retries ?? 4;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.sleep = options.sleep ?? defaultSleep;
    this.backoffMs = options.backoffMs ?? 500;
  }

  organisations(opts: Ss12000ListOptions = {}): AsyncGenerator<Ss12000Record<Ss12000Organisation>> {
    return this.list('organisations', Ss12000OrganisationSchema, opts);
  }

  persons(opts: Ss12000ListOptions = {}): AsyncGenerator<Ss12000Record<Ss12000Person>> {
    return this.list('persons', Ss12000PersonSchema, opts);
  }

  duties(opts: Ss12000ListOptions = {}): AsyncGenerator<Ss12000Record<Ss12000Duty>> {
    return this.list('duties', Ss12000DutySchema, opts);
  }

  groups(opts: Ss12000ListOptions = {}): AsyncGenerator<Ss12000Record<Ss12000Group>> {
    return this.list('groups', Ss12000GroupSchema, opts);
  }

  /** Everything deleted on or after `after` (RFC 3339), one entity at a time. */
  async *deletedEntities(after: string): AsyncGenerator<Ss12000DeletedEntity> {
    const read = (body: unknown) => parsePage('deletedEntities', Ss12000DeletedEntitiesPageSchema, body);
    for await (const page of this.pages('deletedEntities', { after }, read)) {
      for (const type of DELETED_ENTITY_TYPES) {
        for (const id of page.data[type] ?? []) yield { type, id };
      }
    }
  }

  private async *list<T>(
    resource: string,
    schema: z.ZodType<T>,
    opts: Ss12000ListOptions,
  ): AsyncGenerator<Ss12000Record<T>> {
    const query: Record<string, string> = {};
    if (opts.modifiedAfter !== undefined) query['meta.modified.after'] = opts.modifiedAfter;
    const envelope = listEnvelopeSchema(resource);
    const read = (body: unknown) => parsePage(resource, envelope, body);
    for await (const page of this.pages(resource, query, read)) {
      for (const item of page.items) yield readRecord(schema, item);
    }
  }

  /** Follows `pageToken` until the server gives none, asking for `limit` on every page. */
  private async *pages<P extends { pageToken?: string | undefined }>(
    resource: string,
    query: Record<string, string>,
    read: (body: unknown) => P,
  ): AsyncGenerator<P> {
    let pageToken: string | undefined;
    const seen = new Set<string>();
    do {
      const params = new URLSearchParams(query);
      params.set('limit', String(this.pageSize));
      if (pageToken !== undefined) params.set('pageToken', pageToken);
      const page = read(await this.getJson(resource, params));
      yield page;
      pageToken = page.pageToken || undefined;
      if (pageToken !== undefined) {
        if (seen.has(pageToken)) throw badResponse(resource, 'the server repeated a pageToken');
        seen.add(pageToken);
      }
    } while (pageToken !== undefined);
  }

  private async getJson(resource: string, params: URLSearchParams): Promise<unknown> {
    const path = `/${resource}`;
    const url = `${this.baseUrl}${path}?${params}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    let lastProblem = '';
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await this.sleep(this.backoffMs * 2 ** (attempt - 1));
      let response: Response;
      let text: string;
      try {
        response = await this.fetchFn(url, { headers, signal: AbortSignal.timeout(this.timeoutMs) });
        text = await response.text();
      } catch (error) {
        lastProblem = isTimeout(error) ? `no answer within ${this.timeoutMs} ms` : 'network error';
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw new Ss12000Error(
          'unauthorized',
          `the SS 12000 server refused the token (${response.status}) on GET ${path}: check --token`,
          response.status,
        );
      }
      if (response.status >= 500 || response.status === 429) {
        lastProblem = `HTTP ${response.status}`;
        continue;
      }
      if (!response.ok) {
        throw new Ss12000Error('http', `SS 12000 GET ${path} answered HTTP ${response.status}`, response.status);
      }
      return parseJson(resource, text);
    }
    throw new Ss12000Error(
      'unavailable',
      `SS 12000 GET ${path} failed after ${this.retries + 1} attempts (last: ${lastProblem})`,
    );
  }
}

function parseJson(resource: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badResponse(resource, 'the body is not JSON');
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function parsePage<P>(resource: string, schema: z.ZodType<P>, body: unknown): P {
  const page = schema.safeParse(body);
  if (!page.success) throw badResponse(resource, describeIssues(page.error));
  return page.data;
}

function badResponse(resource: string, why: string): Ss12000Error {
  return new Ss12000Error('bad_response', `SS 12000 GET /${resource} gave an unreadable page: ${why}`);
}

/** Paths and zod's messages only: zod does not echo the input, so no personal data gets in. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(record)'}: ${issue.message}`)
    .join('; ');
}

export function readRecord<T>(schema: z.ZodType<T>, item: unknown): Ss12000Record<T> {
  const parsed = schema.safeParse(item);
  if (parsed.success) return { ok: true, value: parsed.data };
  const rawId = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  return { ok: false, id: typeof rawId === 'string' ? rawId : undefined, reason: describeIssues(parsed.error) };
}
