/**
 * The family's Barnkompass talks to `/api/portal/` only, with the family's own cookie. A 401 here
 * means the family session is gone: the family pages show their own login, never the staff's.
 */
import type { z } from 'zod';
import type { DemoUser } from '../../contract/dev.js';
import type { LogExtract } from '../../contract/logreview.js';
import type {
  PortalChildPage as PortalChildPageSchema,
  PortalChildren as PortalChildrenSchema,
  PortalConsents as PortalConsentsSchema,
  PortalMe as PortalMeSchema,
} from '../../contract/portal.js';
import { ApiError, type ErrorBody } from '../api.js';

export type PortalMe = z.infer<typeof PortalMeSchema>;
export type PortalChildren = z.infer<typeof PortalChildrenSchema>;
export type PortalChildPage = z.infer<typeof PortalChildPageSchema>;
export type PortalHelper = PortalChildPage['helpers'][number];
export type PortalConsents = z.infer<typeof PortalConsentsSchema>;
export type PortalConsent = PortalConsents['consents'][number];

async function call<T>(method: 'GET' | 'POST', path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, (json as ErrorBody | null) ?? null);
  return json as T;
}

export const familyPaths = {
  start: '/familj',
  child: (id: string) => `/familj/barn/${encodeURIComponent(id)}`,
  log: (id: string) => `/familj/barn/${encodeURIComponent(id)}/logg`,
  /** The meeting as an .ics file for the family's own calendar (an API address: a download). */
  calendar: (id: string, meetingId: string) =>
    `/api/portal/children/${encodeURIComponent(id)}/meetings/${encodeURIComponent(meetingId)}/calendar`,
};

export const familyApi = {
  me: () => call<PortalMe>('GET', '/api/portal/me'),
  children: () => call<PortalChildren>('GET', '/api/portal/children'),
  child: (id: string) => call<PortalChildPage>('GET', `/api/portal/children/${encodeURIComponent(id)}`),
  logout: () => call<{ redirectTo: string }>('POST', '/api/portal/logout'),
  consents: (id: string) => call<PortalConsents>('GET', `/api/portal/children/${encodeURIComponent(id)}/consents`),
  withdrawConsent: (id: string, consentId: string) =>
    call<PortalConsents>(
      'POST',
      `/api/portal/children/${encodeURIComponent(id)}/consents/${encodeURIComponent(consentId)}/withdraw`,
    ),
  accessLog: (id: string, period: { from?: string; to?: string }) => {
    const q = new URLSearchParams(Object.entries(period).filter((e): e is [string, string] => Boolean(e[1])));
    const qs = q.toString();
    return call<LogExtract>('GET', `/api/portal/children/${encodeURIComponent(id)}/access-log${qs ? `?${qs}` : ''}`);
  },
  /** Demo mode only: the demo guardians and children (kind guardian/child). */
  demoFamily: async () =>
    (await call<{ users: DemoUser[] }>('GET', '/api/dev/users')).users.filter((u) => u.kind !== 'staff'),
};

/** The family login: the broker (BankID or Freja); in the demo, a named demo family member. */
export function familyLoginUrl(user?: Pick<DemoUser, 'kind' | 'id'>): string {
  if (!user) return '/auth/familj/login';
  return `/auth/familj/login?hint=${user.kind === 'guardian' ? 'g' : 'c'}-${encodeURIComponent(user.id)}`;
}
