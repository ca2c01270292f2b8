/**
 * Who gets "Uppföljning" in the main menu. Published aggregates are anonymous and any assignment
 * may read them (the API allows it); the menu shows them to those whose work is population
 * follow-up — analysts and managers (who land there after login) — and to leaders of services
 * (principals, social-services managers) who follow their own school or municipality.
 */
export const FOLLOWUP_NAV_ROLES: ReadonlySet<string> = new Set([
  'analyst',
  'manager',
  'principal',
  'social_services_manager',
]);
