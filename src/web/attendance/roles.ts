/** Who administers a school's attendance in the UI (the server decides; this only shows the way). */
export const ATTENDANCE_ROLES: ReadonlySet<string> = new Set(['principal', 'unit_admin']);
