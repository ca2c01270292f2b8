/** Who sees the analyst pages and the KPI page in the UI (the server decides; this only shows the way). */
export const ANALYST_ROLES: ReadonlySet<string> = new Set(['analyst']);
export const KPI_ROLES: ReadonlySet<string> = new Set(['analyst', 'manager']);
