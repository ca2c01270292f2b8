/** Addresses of the consent, disclosure and break-glass pages (ids only, never personal data). */
export const privacyPaths = {
  child: (childId: string) => `/barn/${encodeURIComponent(childId)}/samtycke`,
  newConsent: (childId: string) => `/barn/${encodeURIComponent(childId)}/samtycke/nytt`,
  newDisclosure: (childId: string) => `/barn/${encodeURIComponent(childId)}/utlamnande/nytt`,
  breakGlass: '/nodatkomst',
};

export type PrivacyRoute =
  | { name: 'privacy'; childId: string }
  | { name: 'consentNew'; childId: string }
  | { name: 'disclosureNew'; childId: string }
  | { name: 'breakGlass' };

/** The routes of this area, or null. */
export function matchPrivacyRoute(p: string): PrivacyRoute | null {
  if (p === privacyPaths.breakGlass) return { name: 'breakGlass' };
  const m = /^\/barn\/([^/]+)\/(samtycke|samtycke\/nytt|utlamnande\/nytt)$/.exec(p);
  if (!m) return null;
  const childId = decodeURIComponent(m[1]!);
  if (m[2] === 'samtycke') return { name: 'privacy', childId };
  if (m[2] === 'samtycke/nytt') return { name: 'consentNew', childId };
  return { name: 'disclosureNew', childId };
}
