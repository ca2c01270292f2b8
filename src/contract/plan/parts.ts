import { z } from 'zod';
import { WHEEL_INDICATORS } from '../../core/wheel.js';

/* Building blocks of the plan's shapes; not exported from the plan contract's index. */

export const Indicator = z.enum(WHEEL_INDICATORS).describe('A wellbeing-wheel indicator (SHANARRI)');
export const Who = z.object({ personId: z.uuid(), name: z.string() }).describe('Who saved this version');
export const Version = z.number().int().describe('Send it back as If-Match: "v<version>" when changing this item');
