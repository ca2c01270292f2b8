/** Addresses of "Ny oro" from a serving unit (ids only, never personal data). */
export const servingPaths = {
  find: '/ny-oro',
  raise: (childId: string) => `/ny-oro/barn/${encodeURIComponent(childId)}`,
  receipt: (concernId: string) => `/ny-oro/kvitto/${encodeURIComponent(concernId)}`,
};

export type ServingRoute =
  | { name: 'servingFind' }
  | { name: 'servingRaise'; childId: string }
  | { name: 'servingReceipt'; concernId: string };

/** The routes of this area, or null. */
export function matchServingRoute(p: string): ServingRoute | null {
  if (p === servingPaths.find) return { name: 'servingFind' };
  const m = /^\/ny-oro\/(barn|kvitto)\/([^/]+)$/.exec(p);
  if (!m) return null;
  const id = decodeURIComponent(m[2]!);
  return m[1] === 'barn' ? { name: 'servingRaise', childId: id } : { name: 'servingReceipt', concernId: id };
}
