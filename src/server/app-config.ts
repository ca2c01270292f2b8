import { type GlobalConfig, loadGlobalConfig } from './config.js';
import { type AttendanceConfig, loadAttendanceConfig } from './modules/attendance/config.js';
import { loadConcernDecisionDays } from './modules/concerns/config.js';
import { loadKoladaBaseUrl } from './modules/followup/config.js';
import {
  type LogReviewConfig,
  loadLogReviewConfig,
  loadRetentionConfig,
  type RetentionConfig,
} from './modules/logreview/config.js';
import { loadPrivacyConfig, type PrivacyConfig } from './modules/privacy/config.js';

/**
 * The whole configuration: the global settings (config.ts) and one slot per module that has
 * settings of its own, each parsed by its module's config loader from the same environment. This is
 * the one place that knows which modules have settings; config.ts knows none of them.
 */
export interface AppConfig extends GlobalConfig {
  /** Days from a concern being raised to its decision deadline, unless the author sets one (CONCERN_DECISION_DAYS). */
  concernDecisionDays: number;
  /** Absence thresholds and alert review days (ATTENDANCE_*; see modules/attendance/config.ts). */
  attendance: AttendanceConfig;
  /** Log review rules (LOG_REVIEW_*) and retention per record type (RETENTION_*; audit ≥ 5 years). */
  logReview: LogReviewConfig;
  retention: RetentionConfig;
  /** Kolada API v3 base URL for imports started over HTTP by an analyst (KOLADA_BASE_URL). */
  koladaBaseUrl: string;
  /** Break-glass time box and re-authentication window (BREAK_GLASS_*; see modules/privacy/config.ts). */
  privacy: PrivacyConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  // In the order the settings were always checked, so that a start with several mistakes names the same one first.
  const concernDecisionDays = loadConcernDecisionDays(env);
  const attendance = loadAttendanceConfig(env);
  return {
    ...loadGlobalConfig(env, cwd),
    concernDecisionDays,
    attendance,
    logReview: loadLogReviewConfig(env),
    retention: loadRetentionConfig(env),
    koladaBaseUrl: loadKoladaBaseUrl(env),
    privacy: loadPrivacyConfig(env),
  };
}
