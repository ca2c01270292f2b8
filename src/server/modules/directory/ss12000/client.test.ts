import { afterEach, describe, expect, it } from 'vitest';
import {
  type Ss12000Server,
  type Ss12000ServerOptions,
  startSs12000Server,
} from '../../../../../test/ss12000/server.js';
import { Ss12000Client, type Ss12000ClientOptions, Ss12000Error, type Ss12000Record } from './client.js';

const servers: Ss12000Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(options: Ss12000ServerOptions = {}, client: Partial<Ss12000ClientOptions> = {}) {
  const server = await startSs12000Server({ schools: 2, pupilsPerSchool: 30, ...options });
  servers.push(server);
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  return {
    server,
    sleeps,
    client: new Ss12000Client({ baseUrl: server.url, token: 'test-token', pageSize: 7, sleep, ...client }),
  };
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterator) all.push(item);
  return all;
}

const values = <T>(records: Ss12000Record<T>[]) => records.map((r) => (r.ok ? r.value : expect.fail(r.reason)));

async function rejection(promise: Promise<unknown>): Promise<Ss12000Error> {
  const error = await promise.then(
    () => expect.fail('expected an Ss12000Error'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Ss12000Error);
  return error as Ss12000Error;
}

describe('Ss12000Client', () => {
  it('pages through every list with limit on each page and the bearer token', async () => {
    const { server, client } = await setup();
    const { county } = server.state;
    expect(values(await collect(client.persons()))).toHaveLength(county.persons.length);
    expect(values(await collect(client.organisations()))).toHaveLength(county.organisations.length);
    expect(values(await collect(client.duties()))).toHaveLength(county.duties.length);
    const groups = values(await collect(client.groups()));
    expect(groups.map((g) => g.id)).toEqual(county.groups.map((g) => g.id));
    expect(groups[0]!.groupMemberships).toHaveLength(25);

    const personPages = server.state.requests.filter((r) => r.path === '/persons');
    expect(personPages).toHaveLength(Math.ceil(county.persons.length / 7));
    expect(personPages.every((r) => r.query.limit === '7' && r.authorization === 'Bearer test-token')).toBe(true);
    expect(personPages.slice(1).every((r) => typeof r.query.pageToken === 'string')).toBe(true);
  });

  it('accepts the reference list key and reads duties with their mentor assignment', async () => {
    const { server, client } = await setup({ referenceOrganisationsKey: true });
    expect(values(await collect(client.organisations()))).toHaveLength(server.state.county.organisations.length);
    const duties = values(await collect(client.duties()));
    const mentor = duties.find((d) => d.dutyRole === 'Lärare')!;
    expect(mentor.assignmentRole?.[0]?.assignmentRoleType).toBe('Mentor');
  });

  it('reads only what changed since a time, and what was deleted', async () => {
    const { server, client } = await setup();
    const since = server.state.now();
    const [changed, gone] = server.state.county.pupilIds;
    server.state.modifyPerson(changed!, { familyName: 'Nyberg' });
    server.state.deletePerson(gone!);
    const persons = values(await collect(client.persons({ modifiedAfter: since })));
    expect(persons.map((p) => [p.id, p.familyName])).toEqual([[changed, 'Nyberg']]);
    expect(server.state.requests.at(-1)!.query['meta.modified.after']).toBe(since);
    expect(await collect(client.deletedEntities(since))).toEqual([{ type: 'persons', id: gone }]);
  });

  it('stops on a refused token without retrying, naming the fix and not the token', async () => {
    const { server, client, sleeps } = await setup({}, { token: 'secret-wrong-token' });
    const error = await rejection(collect(client.persons()));
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('the SS 12000 server refused the token (401)');
    expect(error.message).toContain('check --token');
    expect(error.message).not.toContain('secret-wrong-token');
    expect(server.state.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a 503 with back-off and goes on', async () => {
    const { server, client, sleeps } = await setup();
    server.state.failNext(2);
    expect(values(await collect(client.groups()))).toHaveLength(server.state.county.groups.length);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('gives up after the retries with a message naming the path', async () => {
    const { server, client, sleeps } = await setup({}, { retries: 2 });
    server.state.failNext(5);
    const error = await rejection(collect(client.duties()));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe('SS 12000 GET /duties failed after 3 attempts (last: HTTP 503)');
    expect(sleeps).toHaveLength(2);
  });

  it('retries a request that times out', async () => {
    const { server, client } = await setup({}, { timeoutMs: 100 });
    server.state.delayNext(400);
    expect(values(await collect(client.organisations()))).toHaveLength(server.state.county.organisations.length);
    const timedOut = await setup({}, { timeoutMs: 50, retries: 1 });
    timedOut.server.state.delayNext(300);
    timedOut.server.state.delayNext(300);
    const error = await rejection(collect(timedOut.client.organisations()));
    expect(error.message).toContain('no answer within 50 ms');
  });

  it('rejects a malformed record with a reason, without personal data, and reads the rest', async () => {
    const { server, client } = await setup();
    const [bad, alsoBad] = server.state.county.pupilIds;
    server.state.modifyPerson(bad!, { securityMarking: 'Hemlig', givenName: 'Kalle' });
    server.state.modifyPerson(alsoBad!, { civicNo: { value: 200101011234 } });
    const records = await collect(client.persons());
    const rejected = records.filter((r) => !r.ok);
    expect(rejected.map((r) => (r.ok ? '' : r.id))).toEqual([bad, alsoBad]);
    const reasons = rejected.map((r) => (r.ok ? '' : r.reason));
    expect(reasons[0]).toMatch(/^securityMarking: /);
    expect(reasons[1]).toMatch(/^civicNo\.value: /);
    expect(reasons.join(' ')).not.toMatch(/Kalle|200101011234/);
    expect(records.filter((r) => r.ok)).toHaveLength(server.state.county.persons.length - 2);
  });

  it('throws bad_response on a body that is not JSON or not a list', async () => {
    const notJson = async () => new Response('<html>', { status: 200 });
    const client = new Ss12000Client({ baseUrl: 'http://ss12000.invalid', fetch: notJson });
    expect((await rejection(collect(client.persons()))).kind).toBe('bad_response');
    const notList = async () => Response.json({ items: [] });
    const other = new Ss12000Client({ baseUrl: 'http://ss12000.invalid', fetch: notList });
    const error = await rejection(collect(other.groups()));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toContain('GET /groups');
  });

  it('reads persons with and without responsibles', async () => {
    const withGuardians = await setup({ guardiansPerPupil: 2 });
    const pupil = values(await collect(withGuardians.client.persons())).find(
      (p) => p.id === withGuardians.server.state.county.pupilIds[0],
    )!;
    expect(pupil.responsibles).toHaveLength(2);
    expect(pupil.responsibles![0]!.relationType).toBe('Vårdnadshavare');
    expect(pupil.civicNo?.value).toMatch(/^\d{12}$/);
    expect(pupil.enrolments![0]!.schoolType).toBe('GR');

    const without = await setup({ responsibles: false });
    const persons = values(await collect(without.client.persons()));
    expect(persons).toHaveLength(without.server.state.county.persons.length);
    expect(persons.every((p) => p.responsibles === undefined)).toBe(true);
  });
});
