import { z } from 'zod';

export const InstrumentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
  .describe('Survey instrument id');
export const IndicatorKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/)
  .max(64);
export const MunicipalityCode = z
  .string()
  .regex(/^[0-9]{4}$/)
  .describe('Municipality code (four digits)');
