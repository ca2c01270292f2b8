/**
 * A status line that takes focus when something was saved, so keyboard and screen-reader users hear
 * it and continue from there. The plan's sections show a one-line paragraph; pages show a box that
 * may hold more (e.g. the support level a decision set).
 */
import { useRef, useState, type ReactNode } from 'react';

export type Announcer = [ReactNode, (message: ReactNode) => void];

export function useAnnouncer(
  opts: { className?: string; box?: boolean; initial?: () => ReactNode } = {},
): Announcer & { clear: () => void } {
  const [message, setMessage] = useState<ReactNode>(() => opts.initial?.() ?? null);
  const pRef = useRef<HTMLParagraphElement>(null);
  const divRef = useRef<HTMLDivElement>(null);
  const className = opts.className ?? 'notice notice-success plan-status';
  const node = !message ? null : opts.box ? (
    <div ref={divRef} className={className} role="status" tabIndex={-1}>
      {message}
    </div>
  ) : (
    <p ref={pRef} className={className} role="status" tabIndex={-1}>
      {message}
    </p>
  );
  function announce(m: ReactNode) {
    setMessage(m);
    window.setTimeout(() => (opts.box ? divRef : pRef).current?.focus(), 0);
  }
  const result = [node, announce] as Announcer & { clear: () => void };
  result.clear = () => setMessage(null);
  return result;
}
