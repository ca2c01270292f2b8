/** Kolada API v3 base URL for imports started over HTTP by an analyst (KOLADA_BASE_URL). */
export function loadKoladaBaseUrl(env: NodeJS.ProcessEnv): string {
  return env.KOLADA_BASE_URL || 'https://api.kolada.se/v3';
}
