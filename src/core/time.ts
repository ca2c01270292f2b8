/** Timestamps come back as Date (node-postgres, PGlite) or text; the API speaks ISO 8601 UTC. */
export function isoTimestamp(v: unknown): string {
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}
