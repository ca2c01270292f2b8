/** The eight wellbeing indicators (SHANARRI), the common language of the whole system. */
export const WHEEL_INDICATORS = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'] as const;
export type WheelIndicator = (typeof WHEEL_INDICATORS)[number];
