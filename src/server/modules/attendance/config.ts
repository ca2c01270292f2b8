import { percent, positiveDays } from '../../config.js';

/**
 * Attendance (närvaro): the default absence thresholds in percent of scheduled time, used by an
 * organisation until it sets its own (ATTENDANCE_TOTAL_ABSENCE_PCT 15, ATTENDANCE_INVALID_ABSENCE_PCT 5),
 * and the days a raised attendance alert has until its review is due (ATTENDANCE_REVIEW_DAYS 7).
 */
export interface AttendanceConfig {
  totalAbsencePct: number;
  invalidAbsencePct: number;
  reviewDays: number;
}

export function loadAttendanceConfig(env: NodeJS.ProcessEnv): AttendanceConfig {
  return {
    totalAbsencePct: percent('ATTENDANCE_TOTAL_ABSENCE_PCT', env.ATTENDANCE_TOTAL_ABSENCE_PCT, 15),
    invalidAbsencePct: percent('ATTENDANCE_INVALID_ABSENCE_PCT', env.ATTENDANCE_INVALID_ABSENCE_PCT, 5),
    reviewDays: positiveDays(env.ATTENDANCE_REVIEW_DAYS, 7, 'ATTENDANCE_REVIEW_DAYS'),
  };
}
