/** Addresses of administration (ids only, never personal data: a name search goes in the body). */
export const adminPaths = {
  units: '/administration',
  unit: (unitId: string) => `/administration/enheter/${encodeURIComponent(unitId)}`,
  people: '/administration/personer',
  person: (personId: string) => `/administration/personer/${encodeURIComponent(personId)}`,
};

export type AdminRoute =
  | { name: 'adminUnits' }
  | { name: 'adminUnit'; unitId: string }
  | { name: 'adminPeople' }
  | { name: 'adminPerson'; personId: string };

/** The routes of this area, or null. */
export function matchAdminRoute(p: string): AdminRoute | null {
  if (p === adminPaths.units || p === `${adminPaths.units}/enheter`) return { name: 'adminUnits' };
  if (p === adminPaths.people) return { name: 'adminPeople' };
  const m = /^\/administration\/(enheter|personer)\/([^/]+)$/.exec(p);
  if (!m) return null;
  const id = decodeURIComponent(m[2]!);
  return m[1] === 'enheter' ? { name: 'adminUnit', unitId: id } : { name: 'adminPerson', personId: id };
}

/** Roles that administer (the server decides what each reaches). */
export const ADMIN_NAV_ROLES: ReadonlySet<string> = new Set(['system_admin', 'unit_admin']);
