import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CSV_EXAMPLE, evaluateAbsence, parseAttendanceCsv, sumByPupil } from './attendance.js';

const PERIOD = { start: '2025-09-01', end: '2025-09-30' };
const TODAY = new Date('2025-10-05T10:00:00Z');
const A = '201501092397';
const B = '201402162398';

describe('parseAttendanceCsv', () => {
  it('reads the documented example', () => {
    const r = parseAttendanceCsv(ATTENDANCE_CSV_EXAMPLE, PERIOD, TODAY);
    expect(r.fileProblems).toEqual([]);
    expect(r.rowErrors).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 2,
        personnummer: A,
        from: '2025-09-01',
        to: '2025-09-30',
        scheduled: 6300,
        validAbsence: 420,
        invalidAbsence: 120,
      },
      {
        line: 3,
        personnummer: B,
        from: '2025-09-01',
        to: '2025-09-30',
        scheduled: 6300,
        validAbsence: 0,
        invalidAbsence: 0,
      },
    ]);
  });

  it('accepts commas, a BOM, Swedish letters and English names in the header, a datum column and 10-digit numbers', () => {
    const csv =
      '\uFEFFPersonnummer,Datum,Schemalagd tid,Giltig frånvaro,Ogiltig frånvaro\r\n150109-2397,2025-09-02,5,1,0\r\n\r\n1402162398,2025-09-02,5,0,0\r\n';
    const r = parseAttendanceCsv(csv, PERIOD, TODAY);
    expect(r.rowErrors).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.personnummer, x.from, x.to])).toEqual([
      [2, A, '2025-09-02', '2025-09-02'],
      [4, B, '2025-09-02', '2025-09-02'],
    ]);
    const en = parseAttendanceCsv(
      'personal_identity_number;from;to;scheduled;valid_absence;invalid_absence\n' +
        `${A};2025-09-01;2025-09-05;100;0;10`,
      PERIOD,
      TODAY,
    );
    expect(en.rows).toHaveLength(1);
  });

  it('names missing columns (never file content), and refuses an empty file', () => {
    expect(parseAttendanceCsv('personnummer;schemalagt\n', PERIOD, TODAY)).toMatchObject({
      fileProblems: ['missing_columns'],
      missingColumns: ['fran', 'till', 'giltig_franvaro', 'ogiltig_franvaro'],
    });
    expect(parseAttendanceCsv('', PERIOD, TODAY).fileProblems).toEqual(['empty']);
    expect(
      parseAttendanceCsv('personnummer;datum;schemalagt;giltig_franvaro;ogiltig_franvaro\n\n', PERIOD, TODAY)
        .fileProblems,
    ).toEqual(['empty']);
  });

  it('reports each bad line by number and code, and keeps the good ones', () => {
    const csv = [
      'personnummer;fran;till;schemalagt;giltig_franvaro;ogiltig_franvaro',
      `${A};2025-09-01;2025-09-07;300;10;0`, // 2 ok
      '201501092398;2025-09-01;2025-09-07;300;10;0', // 3 check digit
      `${B};2025-09-31;2025-09-07;300;10;0`, // 4 not a date
      `${B};2025-09-10;2025-09-07;300;10;0`, // 5 order
      `${B};2025-08-25;2025-09-07;300;10;0`, // 6 outside
      `${B};2025-09-08;2025-09-14;3,5;10;0`, // 7 number (and column count: the comma is not the separator here, so it stays one field)
      `${B};2025-09-15;2025-09-21;100;60;50`, // 8 too much absence
      `${B};2025-09-22;2025-09-28;100;0`, // 9 column count + number
      `${A};2025-09-05;2025-09-10;300;0;0`, // 10 overlaps line 2
    ].join('\n');
    const r = parseAttendanceCsv(csv, PERIOD, TODAY);
    expect(r.fileProblems).toEqual([]);
    expect(r.dataRows).toBe(9);
    expect(r.rows).toEqual([]);
    expect(r.rowErrors).toEqual([
      { line: 2, problems: ['overlapping_dates'] },
      { line: 3, problems: ['personnummer_invalid'] },
      { line: 4, problems: ['date_invalid'] },
      { line: 5, problems: ['date_order'] },
      { line: 6, problems: ['date_outside_period'] },
      { line: 7, problems: ['number_invalid'] },
      { line: 8, problems: ['absence_exceeds_scheduled'] },
      { line: 9, problems: ['column_count', 'number_invalid'] },
      { line: 10, problems: ['overlapping_dates'] },
    ]);
    expect(JSON.stringify(r.rowErrors)).not.toMatch(/\d{10}/);
  });

  it('refuses quoted fields that span lines (line numbers would lie)', () => {
    expect(
      parseAttendanceCsv(
        'personnummer;datum;schemalagt;giltig_franvaro;ogiltig_franvaro\n"2015\n01092397";2025-09-01;1;0;0',
        PERIOD,
        TODAY,
      ).fileProblems,
    ).toEqual(['line_break_in_field']);
  });
});

describe('sums and thresholds', () => {
  it('sums a pupil over several lines', () => {
    const rows = parseAttendanceCsv(
      [
        'personnummer;datum;schemalagt;giltig_franvaro;ogiltig_franvaro',
        `${A};2025-09-01;300;0;60`,
        `${A};2025-09-02;300;30;0`,
        `${B};2025-09-01;300;0;0`,
      ].join('\n'),
      PERIOD,
      TODAY,
    ).rows;
    expect(sumByPupil(rows)).toEqual([
      { personnummer: A, lines: [2, 3], scheduled: 600, validAbsence: 30, invalidAbsence: 60 },
      { personnummer: B, lines: [4], scheduled: 300, validAbsence: 0, invalidAbsence: 0 },
    ]);
  });

  it('raises at the threshold exactly, per kind, and never without scheduled time', () => {
    const t = { totalAbsencePct: 15, invalidAbsencePct: 5 };
    expect(evaluateAbsence({ scheduled: 6300, validAbsence: 630, invalidAbsence: 315 }, t)).toEqual({
      totalAbsencePct: 15,
      invalidAbsencePct: 5,
      triggered: ['total', 'invalid'],
    });
    expect(evaluateAbsence({ scheduled: 6300, validAbsence: 629, invalidAbsence: 315 }, t).triggered).toEqual([
      'invalid',
    ]);
    expect(evaluateAbsence({ scheduled: 6300, validAbsence: 900, invalidAbsence: 0 }, t)).toEqual({
      totalAbsencePct: 14.29,
      invalidAbsencePct: 0,
      triggered: [],
    });
    expect(evaluateAbsence({ scheduled: 0, validAbsence: 0, invalidAbsence: 0 }, t)).toEqual({
      totalAbsencePct: null,
      invalidAbsencePct: null,
      triggered: [],
    });
  });
});
