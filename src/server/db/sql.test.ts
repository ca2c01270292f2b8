import { describe, expect, it } from 'vitest';
import { fragment, sql, textOf } from './sql.js';

describe('sql with named parameters', () => {
  it('numbers the names in order of first use, the same name always the same $n', () => {
    const s = sql('SELECT * FROM plan WHERE child_id = :child AND due <= :today AND start <= :today', {
      today: '2026-12-07',
      child: 'c1',
    });
    expect(s.text).toBe('SELECT * FROM plan WHERE child_id = $1 AND due <= $2 AND start <= $2');
    expect(s.values).toEqual(['c1', '2026-12-07']);
  });

  it('leaves casts, quoted text, quoted identifiers and comments alone', () => {
    const s = sql(
      `SELECT :day::date, ':not_a_name', "col:umn", 'it''s :fine' -- :comment
       /* :also_comment */ FROM t WHERE x = :x`,
      { day: '2026-01-01', x: 1 },
    );
    expect(s.text).toBe(`SELECT $1::date, ':not_a_name', "col:umn", 'it''s :fine' -- :comment
       /* :also_comment */ FROM t WHERE x = $2`);
    expect(s.values).toEqual(['2026-01-01', 1]);
  });

  it('puts a fragment with its own parameters into a statement', () => {
    const gate = fragment('SELECT child_id FROM team_membership WHERE person_id = :gate_person', { gate_person: 'p1' });
    const s = sql(`SELECT id FROM child WHERE id IN (${gate.text}) AND id = :child`, gate.params, { child: 'c1' });
    expect(s.text).toBe(
      'SELECT id FROM child WHERE id IN (SELECT child_id FROM team_membership WHERE person_id = $1) AND id = $2',
    );
    expect(s.values).toEqual(['p1', 'c1']);
  });

  it('refuses a name without a value, a value without a name, and one name with two values', () => {
    expect(() => sql('SELECT :a, :b', { a: 1 })).toThrow(/no value for :b/);
    expect(() => sql('SELECT :a', { a: 1, typo: 2 })).toThrow(/:typo/);
    expect(() => sql('SELECT :a', { a: 1 }, { a: 2 })).toThrow(/two different values/);
    expect(sql('SELECT :a', { a: 1 }, { a: 1 }).values).toEqual([1]);
  });

  it('refuses positional parameters mixed into named SQL', () => {
    expect(() => sql('SELECT $1, :a', { a: 1 })).toThrow(/positional/);
  });

  it('gives the same compiled text on every call (prepared statements reuse it)', () => {
    const a = sql('SELECT :x::int', { x: 1 });
    const b = sql('SELECT :x::int', { x: 2 });
    expect(a.text).toBe(b.text);
    expect(b.values).toEqual([2]);
  });

  it('builds a composed text once per distinct parts and hands back the same string', () => {
    let built = 0;
    const text = textOf((gate: string, order: string) => {
      built++;
      return `SELECT id FROM child WHERE id IN (${gate}) ORDER BY ${order}`;
    });
    const a = text('SELECT 1', 'id');
    expect(text('SELECT 1', 'id')).toBe(a);
    expect(text('SELECT 2', 'id')).toBe('SELECT id FROM child WHERE id IN (SELECT 2) ORDER BY id');
    expect(built).toBe(2);
  });
});
