import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError, type ChildOverview } from '../../api.js';
import { asApiError } from '../../components/form/index.js';
import { useSession } from '../../session.js';
import { planApi, type PlanView } from '../plan-api.js';

/** A child's or a plan's id in the path: anything else is a page that does not exist. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads the child and the plan view; a refresh keeps showing the old view until the new one is there. */
export function usePlanData(childId: string) {
  const [child, setChild] = useState<ChildOverview | null>(null);
  const [view, setView] = useState<PlanView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const refresh = useCallback(async () => {
    try {
      setView(await planApi.view(childId));
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    }
  }, [childId]);
  const load = useCallback(() => {
    setError(null);
    api.child(childId).then(setChild, (err: unknown) => setError(asApiError(err)));
    void refresh();
  }, [childId, refresh]);
  useEffect(load, [load]);
  return { child, view, error, refresh, reload: load };
}

/** The signed-in user's assignment and person ids ('' before the session is ready). */
export function useMyIds() {
  const { state } = useSession();
  const session = state.status === 'ready' ? state.session : null;
  return { myAssignmentId: session?.assignment?.id ?? '', myPersonId: session?.person?.id ?? '' };
}

/** Focuses the element with this id once React has drawn it. */
export const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);
