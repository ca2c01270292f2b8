import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';

describe.each(testDbKinds())('bad input gets a clear 4xx and writes nothing (%s)', (kind) => {
  let t: TestApp;
  let cookie: string;
  let erikCookie: string;

  async function counts() {
    const r = await t.tdb.db.query<{ a: string; s: string }>(
      'SELECT (SELECT count(*) FROM audit_event)::text AS a, (SELECT count(*) FROM user_session WHERE assignment_id IS NOT NULL)::text AS s',
    );
    return r.rows[0];
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login('anna.lindqvist');
    erikCookie = await t.login('erik.johansson');
  });
  afterAll(async () => {
    await t?.close();
  });

  const json = { 'content-type': 'application/json' };

  it('malformed JSON → 400 with a message', async () => {
    const before = await counts();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/children/search',
      headers: { cookie, ...json },
      payload: '{"personnummer": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', message: 'The request body is not valid JSON.' });
    expect(await counts()).toEqual(before);
  });

  it('wrong types and unknown fields → 400 naming the field', async () => {
    const before = await counts();
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/children/search',
      headers: { cookie },
      payload: { personnummer: 201212121212 },
    });
    expect(a.statusCode).toBe(400);
    expect(a.json().error).toBe('validation_failed');
    expect(a.json().issues[0].path).toBe('personnummer');
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/children/search',
      headers: { cookie },
      payload: { personnummer: '201212121212', extra: 1 },
    });
    expect(b.statusCode).toBe(400);
    const c = await t.app.inject({
      method: 'PUT',
      url: '/api/session/assignment',
      headers: { cookie: erikCookie },
      payload: { assignmentId: 'not-a-uuid' },
    });
    expect(c.statusCode).toBe(400);
    expect(c.json().issues[0].path).toBe('assignmentId');
    expect(await counts()).toEqual(before);
  });

  it('an assignment that is not mine → 400, nothing written', async () => {
    const before = await counts();
    const other = await t.tdb.db.query<{ id: string }>(
      "SELECT a.id FROM assignment a JOIN person p ON p.id = a.person_id WHERE p.username = 'anna.lindqvist'",
    );
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/session/assignment',
      headers: { cookie: erikCookie },
      payload: { assignmentId: other.rows[0]!.id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/not one you can act in/);
    expect(await counts()).toEqual(before);
  });

  it('invalid path ids → 400, not a database error', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/children/123', headers: { cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/syntax|SQL|stack|at .*\.ts/i);
  });

  it('oversized bodies → 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/children/search',
      headers: { cookie, ...json },
      payload: JSON.stringify({ personnummer: 'x'.repeat(300 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/too large/);
  });

  it('non-JSON bodies → 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/children/search',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'personnummer=201212121212',
    });
    expect(res.statusCode).toBe(415);
  });

  it('invalid personnummer → 400 with what is wrong, and the number is not echoed', async () => {
    for (const [input, re] of [
      ['20121212-1213', /check digit/],
      ['20121332-1212', /not a real date/],
      ['12345', /10 or 12 digits/],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/children/search',
        headers: { cookie },
        payload: { personnummer: input },
      });
      expect(res.statusCode, input).toBe(400);
      expect(res.json().message, input).toMatch(re);
      expect(res.body).not.toContain(input);
    }
  });

  it('cross-site requests are refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/children/search',
      headers: { cookie, origin: 'https://evil.example' },
      payload: { personnummer: '201212121212' },
    });
    expect(res.statusCode).toBe(403);
  });
});
