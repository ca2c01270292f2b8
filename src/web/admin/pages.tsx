import type { ReactNode } from 'react';
import type { SessionInfo } from '../api.js';
import type { Route } from '../router.js';
import { AdminOnly } from './common.js';
import { PeoplePage } from './PeoplePage.js';
import { PersonPage } from './PersonPage.js';
import { UnitPage } from './UnitPage.js';
import { UnitsPage } from './UnitsPage.js';

/** The administration pages, for administrators only (others are told who the pages are for). */
export function adminPage(route: Route, session: SessionInfo): ReactNode | undefined {
  const key = session.assignment?.id ?? '';
  switch (route.name) {
    case 'adminUnits':
      return (
        <AdminOnly session={session}>
          <UnitsPage key={key} />
        </AdminOnly>
      );
    case 'adminUnit':
      return (
        <AdminOnly session={session}>
          <UnitPage key={`${key}:${route.unitId}`} unitId={route.unitId} />
        </AdminOnly>
      );
    case 'adminPeople':
      return (
        <AdminOnly session={session}>
          <PeoplePage key={key} />
        </AdminOnly>
      );
    case 'adminPerson':
      return (
        <AdminOnly session={session}>
          <PersonPage key={`${key}:${route.personId}`} personId={route.personId} />
        </AdminOnly>
      );
    default:
      return undefined;
  }
}
