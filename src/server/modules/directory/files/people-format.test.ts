import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPeopleFile } from './people-format.js';
import { FileFormatError } from './source-file.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../test/fixtures/directory');
const TODAY = new Date(Date.UTC(2026, 11, 7, 9));
const csv = (text: string) => readPeopleFile({ format: 'csv', text }, TODAY);
const json = (value: unknown) => readPeopleFile({ format: 'json', text: JSON.stringify(value) }, TODAY);
const HEADER =
  'org_number;org_name;org_kind;org_municipality_code;unit_id;unit_name;unit_kind;unit_municipality_code;person_id;personnummer;given_name;family_name;email;phone;login_id;assignment_id;role;title;valid_from;valid_to';
const ROW =
  '990000-0002;Testbo kommun;municipality;9901;TB-SOC;Soc;social_services;9901;P1;;Maja;Lind;;;;A1;social_worker;;2024-01-01;';

describe('the people file', () => {
  it('reads the flat CSV and the JSON sections into the same records', () => {
    const fromCsv = csv(readFileSync(path.join(FIXTURES, 'people.csv'), 'utf8'));
    const fromJson = readPeopleFile(
      { format: 'json', text: readFileSync(path.join(FIXTURES, 'people.json'), 'utf8') },
      TODAY,
    );
    expect(fromCsv.rejected).toEqual([]);
    expect(fromCsv.organisations).toHaveLength(3);
    expect(fromCsv.units).toHaveLength(5);
    expect(fromCsv.persons).toHaveLength(5);
    expect(fromCsv.assignments).toHaveLength(6);
    // The unit's own municipality code and everything else as the JSON gives it.
    for (const key of ['organisations', 'units', 'persons', 'assignments'] as const)
      expect(new Map(fromJson[key] as [string, unknown][]), key).toEqual(new Map(fromCsv[key] as [string, unknown][]));
  });

  it('takes a person repeated on several rows once, and rejects one whose rows disagree', () => {
    const same = csv(
      [HEADER, ROW, ROW.replace(';A1;', ';A2;').replace('2024-01-01', '2020-01-01;2023-12-31').replace(';;', ';')].join(
        '\n',
      ),
    );
    expect(same.persons).toHaveLength(1);
    const differ = csv([HEADER, ROW, ROW.replace('Maja', 'Maria').replace(';A1;', ';A2;')].join('\n'));
    expect(differ.persons).toEqual([]);
    expect(differ.rejected).toContainEqual({ entity: 'persons', id: 'P1', reason: 'duplicate' });
  });

  it('rejects with reasons: role, unit kind, organisation, dates, personnummer, overlapping assignments', () => {
    const rows = [
      ROW.replace(';A1;social_worker;', ';A1;system_admin;'),
      ROW.replace('TB-SOC;Soc;social_services', 'TB-X;X;spaceport').replace(';A1;', ';A3;'),
      ROW.replace('990000-0002;Testbo kommun;municipality', '990000-0009;Okänd;county')
        .replace('TB-SOC;', 'TB-Y;')
        .replace(';A1;', ';A2;'),
      ROW.replace('P1;;Maja', 'P2;198001011234;Ada').replace(';A1;', ';A4;'),
      ROW.replace('P1;;Maja', 'P3;;Bo').replace(';A1;', ';A5;').replace('2024-01-01;', '2024-05-01;2024-04-01'),
      ROW.replace('P1;;Maja', 'P4;;Cai').replace(';A1;', ';A6;'),
      ROW.replace('P1;;Maja', 'P4;;Cai').replace(';A1;', ';A7;').replace('2024-01-01', '2025-01-01'),
    ];
    const f = csv([HEADER, ...rows].join('\n'));
    expect(f.rejected).toEqual(
      expect.arrayContaining([
        { entity: 'assignments', id: 'A1', reason: 'unsupported_role' },
        { entity: 'units', id: 'TB-X', reason: 'unsupported_unit_kind' },
        { entity: 'organisations', id: '990000-0009', reason: 'unsupported_org_kind' },
        { entity: 'persons', id: 'P2', reason: 'invalid_personnummer' },
        { entity: 'assignments', id: 'A5', reason: 'invalid_date' },
        { entity: 'assignments', id: 'A7', reason: 'duplicate' },
      ]),
    );
    // What is named is not ended, rejected or not; references (unit, person) are the importer's to resolve.
    expect(f.named.assignments).toEqual(new Set(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7']));
    expect(f.assignments.map(([k]) => k).sort()).toEqual(['A2', 'A3', 'A4', 'A6']);
  });

  it('names a missing field, and defaults the assignment id from person, unit, role and start', () => {
    const f = json({
      persons: [{ id: 'P1', family_name: 'Lind' }],
      assignments: [
        { person_id: 'P1', unit_id: 'U1', role: 'social_worker', valid_from: '2024-01-01' },
        { person_id: 'P1' },
      ],
    });
    expect(f.rejected).toEqual([
      { entity: 'persons', id: 'P1', reason: 'missing_field:given_name' },
      { entity: 'assignments', id: 'assignments[1]', reason: 'missing_field:unit_id' },
    ]);
    expect(f.assignments.map(([k]) => k)).toEqual(['P1/U1/social_worker/2024-01-01']);
  });

  it('refuses a file that is not of the format at all', () => {
    expect(() => csv('a;b\n1;2\n')).toThrow(FileFormatError);
    expect(() => json([1, 2])).toThrow(FileFormatError);
    expect(() => json({ children: [] })).toThrow(FileFormatError);
    expect(() => json({ units: {} })).toThrow(/must be an array/);
    expect(() => readPeopleFile({ format: 'json', text: '{' }, TODAY)).toThrow(/not valid JSON/);
  });
});
