import { z } from 'zod';

/*
 * Value schemas every area speaks. None of them is a named OpenAPI component (no meta id), so
 * importing this file never changes the order of the document's components.
 */

/** A calendar date (YYYY-MM-DD, a Swedish calendar day). */
export const CalendarDate = z.iso.date().describe('A calendar date, YYYY-MM-DD');

export const ChildId = z.uuid().describe('The child id (opaque; personnummer never appears in URLs)');

/** A moment, as the API writes it: ISO 8601 in UTC (see isoTimestamp in core/time). */
export const Timestamp = z.string().describe('ISO 8601 timestamp');
