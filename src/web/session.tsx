import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, type ApiError, setAuthHandlers, type SessionInfo, asApiError } from './api.js';
import { navigate, paths, rememberReturnTo } from './router.js';

type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; session: SessionInfo };

interface SessionContextValue {
  state: SessionState;
  /** Asks the server again who the user is (after login, assignment change, 401/403). */
  refresh(): Promise<SessionInfo | null>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await api.session();
      setState({ status: 'ready', session });
      return session;
    } catch (err) {
      setState({ status: 'error', error: asApiError(err) });
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh();
    setAuthHandlers({
      onUnauthenticated: () => {
        rememberReturnTo(window.location.pathname);
        void refresh().then(() => navigate(paths.login, { replace: true }));
      },
      onAssignmentRequired: () => {
        void refresh().then(() => navigate(paths.chooseAssignment, { replace: true }));
      },
    });
  }, [refresh]);

  const value = useMemo(() => ({ state, refresh }), [state, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The session of a logged-in user (only used inside the guarded part of the app). */
export function useAuthenticatedSession(): SessionInfo {
  const { state } = useSession();
  if (state.status !== 'ready' || !state.session.authenticated) throw new Error('not authenticated');
  return state.session;
}
