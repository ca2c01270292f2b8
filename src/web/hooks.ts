import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.js';

/** "Mina barn – Barnkompass". Never put a child's name here: titles end up in browser history. */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.pageTitle', { page });
  }, [page, t]);
}

export type Load<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; data: T };

/** Loads once per key; `reload` asks again. Results of a request that is no longer wanted are dropped. */
export function useLoad<T>(key: string, fetcher: () => Promise<T>): Load<T> & { reload(): void } {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key says when to load again; the fetcher is a new closure on every render
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    fetcher().then(
      (data) => live && setState({ status: 'ok', data }),
      (err: unknown) =>
        live && setState({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, null) }),
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
