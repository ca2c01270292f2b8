import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIdentityNumber } from '../../../../core/personnummer.js';
import { readPopulationFile } from './population-format.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../test/fixtures/directory');
const TODAY = new Date(Date.UTC(2026, 11, 7, 9));
const json = (value: unknown) => readPopulationFile({ format: 'json', text: JSON.stringify(value) }, TODAY);
const child = (extra: Record<string, unknown> = {}) => ({
  personnummer: '201501032393',
  given_name: 'Melvin',
  family_name: 'Ekholm',
  municipality_code: '9901',
  ...extra,
});

describe('the population file', () => {
  it('reads the flat CSV and the JSON sections into the same records', () => {
    const fromCsv = readPopulationFile(
      { format: 'csv', text: readFileSync(path.join(FIXTURES, 'population.csv'), 'utf8') },
      TODAY,
    );
    const fromJson = readPopulationFile(
      { format: 'json', text: readFileSync(path.join(FIXTURES, 'population.json'), 'utf8') },
      TODAY,
    );
    expect(fromCsv.rejected).toEqual([]);
    expect([fromCsv.children, fromCsv.guardians, fromCsv.guardianships, fromCsv.listings].map((x) => x.length)).toEqual(
      [3, 4, 5, 2],
    );
    for (const key of ['children', 'guardians', 'guardianships', 'listings'] as const)
      expect(new Map(fromJson[key] as [string, unknown][]), key).toEqual(new Map(fromCsv[key] as [string, unknown][]));
  });

  it('takes birth date and legal gender from the number, a samordningsnummer’s day less 60', () => {
    const f = json({ children: [child(), child({ personnummer: '201501632391' })] });
    const [a] = f.children.map(([, c]) => c);
    expect(a).toMatchObject({ birthDate: '2015-01-03', gender: 'male', marking: 'none' });
    expect(f.rejected).toEqual([{ entity: 'children', id: 'children[1]', reason: 'invalid_personnummer' }]);
    const number = buildIdentityNumber('2015-01-03', 238, 'samordningsnummer');
    expect(number.slice(6, 8)).toBe('63');
    const samordning = json({ children: [child({ personnummer: number })] });
    expect(samordning.children[0]![1]).toMatchObject({ birthDate: '2015-01-03', gender: 'female' });
  });

  it('rejects a protected person with an address, and reads the register’s own words for the marking', () => {
    const f = json({
      children: [child({ identity_marking: 'Skyddad folkbokföring', address_line: 'Gatan 1' })],
      guardians: [
        { personnummer: '198501139995', given_name: 'H', family_name: 'E', identity_marking: 'Sekretessmarkering' },
      ],
    });
    expect(f.rejected).toEqual([{ entity: 'children', id: 'children[0]', reason: 'protected_with_address' }]);
    expect(f.named.children.has('201501032393')).toBe(true);
    expect(f.guardians[0]![1]).toMatchObject({ marking: 'confidentiality_marking', addressLine: null });
  });

  it('rejects bad codes and dates and a second overlapping listing, naming records by place, never by number', () => {
    const f = json({
      children: [
        child({ identity_marking: 'hemlig' }),
        child({ personnummer: '201501092397', municipality_code: '99' }),
      ],
      custody: [
        { child_personnummer: '201501032393', guardian_personnummer: '198501139995', relation: 'aunt' },
        {
          child_personnummer: '201501032393',
          guardian_personnummer: '198502069993',
          valid_from: '2020-01-01',
          valid_to: '2019-01-01',
        },
        { child_personnummer: '201501032393', guardian_personnummer: '197904079295', has_custody: 'kanske' },
      ],
      listings: [
        { child_personnummer: '201501032393', unit_id: 'B1', valid_from: '2015-02-01' },
        { child_personnummer: '201501032393', unit_id: 'B2', valid_from: '2016-02-01' },
      ],
    });
    expect(f.rejected).toEqual(
      expect.arrayContaining([
        { entity: 'children', id: 'children[0]', reason: 'unsupported_identity_marking' },
        { entity: 'children', id: 'children[1]', reason: 'invalid_value:child_municipality_code' },
        { entity: 'guardianships', id: 'custody[0]', reason: 'unsupported_relation' },
        { entity: 'guardianships', id: 'custody[1]', reason: 'invalid_date' },
        { entity: 'guardianships', id: 'custody[2]', reason: 'invalid_value:has_custody' },
        { entity: 'listings', id: 'listings[1]', reason: 'duplicate' },
      ]),
    );
    expect(JSON.stringify(f.rejected)).not.toMatch(/\d{6}/);
  });
});
