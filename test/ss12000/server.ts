// A local SS 12000 v2 server for tests and benches: generated county data (county.ts), paging with an
// opaque pageToken, meta.modified.after, deletedEntities, GET /{resource}/{id}, a bearer token, and
// fault injection.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type County, type CountyOptions, generateCounty, type Ss12000Object } from './county.js';

export type { County, CountyOptions, Ss12000Object } from './county.js';

export const RESOURCES = ['organisations', 'persons', 'duties', 'groups'] as const;
export type Resource = (typeof RESOURCES)[number];

export interface Ss12000ServerOptions extends CountyOptions {
  /** The bearer token the server accepts; null accepts any request. */
  token?: string | null;
  /** `limit` when the client asks for none. */
  defaultLimit?: number;
  /** Name the organisations list `organisations` instead of `data`, as Skolverket's reference does. */
  referenceOrganisationsKey?: boolean;
}

export interface RecordedRequest {
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

export class Ss12000ServerState {
  readonly requests: RecordedRequest[] = [];
  readonly deleted: { type: Resource; id: string; at: string }[] = [];
  private failures: { count: number; status: number } = { count: 0, status: 503 };
  private delays: number[] = [];
  private clock: number;

  constructor(
    readonly county: County,
    generatedAt: string,
  ) {
    // The server's own clock starts an hour after the data was generated and ticks a second per change.
    this.clock = Date.parse(generatedAt) + 3_600_000;
  }

  /** The server's current time (RFC 3339); a later change is modified strictly after it. */
  now(): string {
    return new Date(this.clock).toISOString();
  }

  /** Answers the next n requests with `status` (503 unless told). */
  failNext(n: number, status = 503): void {
    this.failures = { count: n, status };
  }

  /** Holds the next request `ms` milliseconds before answering. */
  delayNext(ms: number): void {
    this.delays.push(ms);
  }

  /** Merges `patch` into the person (anything goes, also malformed values) and bumps meta.modified. */
  modifyPerson(id: string, patch: Record<string, unknown>): Ss12000Object {
    return this.modify('persons', id, patch);
  }

  modify(resource: Resource, id: string, patch: Record<string, unknown>): Ss12000Object {
    const record = this.find(resource, id);
    if (!record) throw new Error(`no ${resource} ${id}`);
    Object.assign(record, patch);
    record.meta = { ...record.meta, modified: this.tick() };
    return record;
  }

  /** Removes the person and records the deletion for /deletedEntities. */
  deletePerson(id: string): void {
    this.delete('persons', id);
  }

  delete(resource: Resource, id: string): void {
    const list = this.county[resource];
    const index = list.findIndex((r) => r.id === id);
    if (index < 0) throw new Error(`no ${resource} ${id}`);
    list.splice(index, 1);
    this.deleted.push({ type: resource, id, at: this.tick() });
  }

  find(resource: Resource, id: string): Ss12000Object | undefined {
    return this.county[resource].find((r) => r.id === id);
  }

  /** @internal */
  takeFailure(): number | undefined {
    if (this.failures.count <= 0) return undefined;
    this.failures.count--;
    return this.failures.status;
  }

  /** @internal */
  takeDelay(): number {
    return this.delays.shift() ?? 0;
  }

  private tick(): string {
    this.clock += 1000;
    return this.now();
  }
}

export interface Ss12000Server {
  url: string;
  close: () => Promise<void>;
  state: Ss12000ServerState;
}

export async function startSs12000Server(options: Ss12000ServerOptions = {}): Promise<Ss12000Server> {
  const generatedAt = options.generatedAt ?? '2026-08-01T06:00:00Z';
  const state = new Ss12000ServerState(generateCounty({ ...options, generatedAt }), generatedAt);
  const token = options.token === undefined ? 'test-token' : options.token;
  const server = createServer((req, res) => {
    handle(state, { ...options, token }, req, res).catch((error: unknown) => {
      send(res, 500, { code: 'internal', message: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const encodeToken = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

function decodeToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return match ? Number(match[1]) : undefined;
}

async function handle(
  state: Ss12000ServerState,
  options: Ss12000ServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query = Object.fromEntries(url.searchParams);
  state.requests.push({ path: url.pathname, query, authorization: req.headers.authorization });
  const delay = state.takeDelay();
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  if (options.token !== null && req.headers.authorization !== `Bearer ${options.token}`) {
    return send(res, 401, { code: 'unauthorized', message: 'Bearer token missing or wrong' });
  }
  const failure = state.takeFailure();
  if (failure !== undefined) return send(res, failure, { code: 'unavailable', message: 'Injected failure' });
  if (req.method !== 'GET') return send(res, 405, { code: 'method', message: 'Only GET' });

  const [, resource, id, ...rest] = url.pathname.split('/');
  if (resource === 'deletedEntities' && id === undefined) return listDeleted(state, url, res);
  if (!RESOURCES.includes(resource as Resource) || rest.length > 0) {
    return send(res, 404, { code: 'not_found', message: 'No such resource' });
  }
  if (id !== undefined) {
    const record = state.find(resource as Resource, decodeURIComponent(id));
    return record ? send(res, 200, record) : send(res, 404, { code: 'not_found', message: 'No such id' });
  }
  const after = url.searchParams.get('meta.modified.after');
  const since = after === null ? undefined : Date.parse(after);
  if (Number.isNaN(since)) return send(res, 400, { code: 'bad_request', message: 'meta.modified.after' });
  const all = state.county[resource as Resource].filter(
    (r) => since === undefined || Date.parse(r.meta.modified) >= since,
  );
  const page = paginate(all, url, options.defaultLimit ?? 100);
  if (!page) return send(res, 400, { code: 'bad_request', message: 'limit or pageToken' });
  const key = resource === 'organisations' && options.referenceOrganisationsKey ? 'organisations' : 'data';
  send(res, 200, { [key]: page.items, pageToken: page.pageToken });
}

function paginate<T>(all: T[], url: URL, defaultLimit: number): { items: T[]; pageToken: string | null } | undefined {
  const limit = Number(url.searchParams.get('limit') ?? defaultLimit);
  const token = url.searchParams.get('pageToken');
  const offset = token === null ? 0 : decodeToken(token);
  if (!Number.isInteger(limit) || limit < 1 || offset === undefined) return undefined;
  const items = all.slice(offset, offset + limit);
  return { items, pageToken: offset + limit < all.length ? encodeToken(offset + limit) : null };
}

function listDeleted(state: Ss12000ServerState, url: URL, res: ServerResponse): void {
  const after = Date.parse(url.searchParams.get('after') ?? '');
  if (Number.isNaN(after)) {
    send(res, 400, { code: 'bad_request', message: 'after is required' });
    return;
  }
  const entries = state.deleted.filter((d) => Date.parse(d.at) >= after);
  const page = paginate(entries, url, 100);
  if (!page) {
    send(res, 400, { code: 'bad_request', message: 'limit or pageToken' });
    return;
  }
  const data: Record<string, string[]> = { organisations: [], persons: [], duties: [], groups: [] };
  for (const entry of page.items) data[entry.type]!.push(entry.id);
  send(res, 200, { data, pageToken: page.pageToken });
}
