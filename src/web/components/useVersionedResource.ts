/**
 * One hook for a page that shows and changes a versioned resource (a concern, a consultation case,
 * an attendance alert, a plan item, …): it loads it, keeps the newest version the page knows (what
 * the user saved, or someone else's after a 412), announces what happened in a status line that takes
 * focus (starting with the previous page's flash message, if any), and holds someone else's version
 * after a 412 until the user re-applies or drops their change.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { theirVersion } from '../api.js';
import { type Load, useLoad } from '../hooks.js';
import { useAnnouncer } from './announce.js';
import { clearFlash, type FlashKey, peekFlash } from './flash.js';

export interface VersionedResource<T> {
  loaded: Load<T> & { reload(): void };
  /** The newest version the page knows: the last saved or theirs, else what was loaded. */
  current: T | null;
  /** After a save (or when the user takes their version): the page shows this one. */
  replace: (next: T) => void;
  /** 404 (or the id is not theirs to see): the page shows "not found". */
  notFound: boolean;
  /** The status line (null when there is nothing to say). */
  status: ReactNode;
  announce: (message: ReactNode) => void;
  clearStatus: () => void;
}

export function useVersionedResource<T>(
  key: string,
  load: () => Promise<T>,
  opts: {
    /** How the previous page's flash message reads here; no flash is taken when omitted. */
    flash?: (key: FlashKey) => ReactNode;
    /** The status line's look (default: a success box). */
    className?: string;
    /** A box that may hold several paragraphs, or one paragraph. */
    box?: boolean;
  } = {},
): VersionedResource<T> {
  const loaded = useLoad(key, load);
  const [saved, setSaved] = useState<T | null>(null);
  const announcer = useAnnouncer({
    box: opts.box ?? true,
    className: opts.className ?? 'notice notice-success',
    initial: () => {
      const flash = opts.flash ? peekFlash() : null;
      return flash && opts.flash ? opts.flash(flash) : null;
    },
  });
  const [status, announce] = announcer;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the flash is shown once, on arrival
  useEffect(() => {
    if (opts.flash) clearFlash();
  }, []);
  return {
    loaded,
    current: saved ?? (loaded.status === 'ok' ? loaded.data : null),
    replace: setSaved,
    notFound: loaded.status === 'error' && loaded.error.isNotFound,
    status,
    announce,
    clearStatus: announcer.clear,
  };
}

/** Someone else's version after a 412, held until the user re-applies or drops their change. */
export function useConflict<T>() {
  const [theirs, setTheirs] = useState<T | null>(null);
  return {
    theirs,
    setTheirs,
    /** True (and theirs is set) when `err` is a 412 that carries the current version. */
    caught(err: unknown): boolean {
      const current = theirVersion<T>(err);
      if (current) setTheirs(current);
      return current !== null;
    },
    clear: () => setTheirs(null),
  };
}
