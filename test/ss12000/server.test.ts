import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidTwelveDigitIdentityNumber } from '../../src/core/personnummer.js';
import { RESOURCES, type Resource, type Ss12000Object, type Ss12000Server, startSs12000Server } from './server.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

const SCHEMA_DIR = path.resolve(import.meta.dirname, '../fixtures/reference/ss12000/schema');
const SCHEMA_ID: Record<Resource, string> = {
  organisations: '/schemas/organisation',
  persons: '/schemas/person',
  duties: '/schemas/duty',
  groups: '/schemas/group',
};

function referenceValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const file of readdirSync(SCHEMA_DIR)) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')));
  }
  // The reference requires schoolUnitCode on every organisation, but a Huvudman has none: it is
  // checked against a copy of the organisation schema without that requirement.
  const organisation = JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'organisation.schema.json'), 'utf8'));
  ajv.addSchema({ ...organisation, $id: '/schemas/organisation-without-school-unit', required: ['id'] });
  return ajv;
}

async function getJson(server: Ss12000Server, pathAndQuery: string) {
  const response = await fetch(`${server.url}${pathAndQuery}`, { headers: { authorization: 'Bearer test-token' } });
  return { status: response.status, body: (await response.json()) as any };
}

async function listAll(server: Ss12000Server, resource: string, limit: number): Promise<Ss12000Object[]> {
  const all: Ss12000Object[] = [];
  let pageToken: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(limit), ...(pageToken ? { pageToken } : {}) });
    const { status, body } = await getJson(server, `/${resource}?${query}`);
    expect(status).toBe(200);
    expect(body.data.length).toBeLessThanOrEqual(limit);
    all.push(...body.data);
    pageToken = body.pageToken;
  } while (pageToken !== null);
  return all;
}

describe('the local SS 12000 server', () => {
  let server: Ss12000Server;
  beforeAll(async () => {
    server = await startSs12000Server({ schools: 2, pupilsPerSchool: 60, guardiansPerPupil: 2, staffPerSchool: 9 });
  });
  afterAll(() => server.close());

  it('serves every object in a shape the reference JSON schemas accept', async () => {
    // The reference schemas allow extra properties, so v2 fields they leave out (responsibles,
    // assignmentRole, meta, dates) are served as they are and not stripped before validation.
    const ajv = referenceValidator();
    expect(ajv.getSchema(SCHEMA_ID.persons)!({ id: 'not-a-uuid', givenName: 'A', familyName: 'B' })).toBe(false);
    for (const resource of RESOURCES) {
      const objects = await listAll(server, resource, 17);
      expect(objects.length).toBe(server.state.county[resource].length);
      for (const object of objects) {
        const schemaId =
          resource === 'organisations' && object.organisationType === 'Huvudman'
            ? '/schemas/organisation-without-school-unit'
            : SCHEMA_ID[resource];
        const validate = ajv.getSchema(schemaId)!;
        expect(validate(object), `${resource} ${object.id}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
  });

  it('generates a small county: valid personnummer, protected pupils, guardians, every staff role', () => {
    const { county } = server.state;
    const civicNos = county.persons.map((p) => (p.civicNo as { value: string }).value);
    expect(civicNos.every(isValidTwelveDigitIdentityNumber)).toBe(true);
    expect(new Set(civicNos).size).toBe(civicNos.length);
    const markings = county.persons.map((p) => p.securityMarking);
    expect(markings).toContain('Skyddad folkbokföring');
    expect(markings).toContain('Sekretessmarkering');
    expect(county.pupilIds).toHaveLength(120);
    expect(county.guardianIds).toHaveLength(240);
    const roles = new Set(county.duties.map((d) => d.dutyRole));
    for (const role of ['Rektor', 'Lärare', 'Kurator', 'Skolsköterska', 'Skolpsykolog']) expect(roles).toContain(role);
    const mentor = county.duties.find((d) => d.dutyRole === 'Lärare') as any;
    expect(mentor.assignmentRole[0].assignmentRoleType).toBe('Mentor');
    expect(county.groups.map((g) => g.id)).toContain(mentor.assignmentRole[0].group.id);
    const types = county.organisations.map((o) => o.organisationType);
    expect(types).toEqual(['Huvudman', 'Skolenhet', 'Skolenhet', 'Förskoleenhet']);
    for (const school of county.organisations.filter((o) => o.organisationType === 'Skolenhet')) {
      expect(school.schoolUnitCode).toMatch(/^\d{8}$/);
      expect(school.municipalityCode).toMatch(/^\d{4}$/);
    }
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const again = await startSs12000Server({
      schools: 2,
      pupilsPerSchool: 60,
      guardiansPerPupil: 2,
      staffPerSchool: 9,
    });
    const other = await startSs12000Server({ schools: 2, pupilsPerSchool: 60, seed: 7 });
    try {
      expect(again.state.county).toEqual(server.state.county);
      expect(other.state.county.persons[0]!.id).not.toBe(server.state.county.persons[0]!.id);
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('answers one object by id, 404 for an unknown id, 401 without the token', async () => {
    const id = server.state.county.pupilIds[0]!;
    const one = await getJson(server, `/persons/${id}`);
    expect(one.body.id).toBe(id);
    expect((await getJson(server, '/persons/nope')).status).toBe(404);
    expect((await fetch(`${server.url}/persons`)).status).toBe(401);
    expect((await fetch(`${server.url}/persons`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('filters on meta.modified.after and records deletions', async () => {
    const since = server.state.now();
    const [first, second] = server.state.county.pupilIds;
    server.state.modifyPerson(first!, { givenName: 'Ändrad' });
    server.state.deletePerson(second!);
    const changed = await getJson(server, `/persons?meta.modified.after=${encodeURIComponent(since)}`);
    expect(changed.body.data.map((p: Ss12000Object) => p.id)).toEqual([first]);
    const deleted = await getJson(server, `/deletedEntities?after=${encodeURIComponent(since)}`);
    expect(deleted.body).toEqual({
      data: { organisations: [], persons: [second], duties: [], groups: [] },
      pageToken: null,
    });
  });

  it('injects failures and leaves responsibles out when told', async () => {
    server.state.failNext(2);
    expect((await getJson(server, '/groups')).status).toBe(503);
    expect((await getJson(server, '/groups')).status).toBe(503);
    expect((await getJson(server, '/groups')).status).toBe(200);
    const bare = await startSs12000Server({ schools: 1, pupilsPerSchool: 3, responsibles: false });
    try {
      expect(bare.state.county.persons.some((p) => 'responsibles' in p)).toBe(false);
    } finally {
      await bare.close();
    }
  });
});
