/**
 * Break-glass settings: how long an emergency access lasts unless the person asks for less
 * (BREAK_GLASS_MINUTES, default 60, at most 240), and how recent their login must be to start one
 * (BREAK_GLASS_REAUTH_MINUTES, default 5): an older session is sent through login again.
 */
export interface PrivacyConfig {
  breakGlassMinutes: number;
  breakGlassMaxMinutes: number;
  breakGlassReauthMinutes: number;
}

function minutes(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`${name} must be a whole number of minutes between 1 and ${max}, got "${raw}"`);
  return n;
}

export function loadPrivacyConfig(env: NodeJS.ProcessEnv): PrivacyConfig {
  const breakGlassMaxMinutes = 240;
  return {
    breakGlassMinutes: minutes('BREAK_GLASS_MINUTES', env.BREAK_GLASS_MINUTES, 60, breakGlassMaxMinutes),
    breakGlassMaxMinutes,
    breakGlassReauthMinutes: minutes('BREAK_GLASS_REAUTH_MINUTES', env.BREAK_GLASS_REAUTH_MINUTES, 5, 60),
  };
}
