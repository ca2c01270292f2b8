/**
 * "Someone else changed this first" — the one notice every versioned form shows after a 412
 * (concerns, wellbeing-wheel assessments, the plan's items): a warning box whose explanation is an
 * alert that takes focus (keyboard and screen-reader users land on it), optionally their version,
 * and two buttons: save my change again on top of theirs, or drop mine.
 *
 * The form keeps its own state (what "mine" and "theirs" are differs per resource); this component
 * owns the markup, the announcement and the focus, so all three behave and read the same.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export interface ConflictButton {
  label: string;
  onClick: () => void;
  disabled?: boolean;
}

export interface ConflictNoticeProps {
  /** Extra class on the box (each form's own styles hang on it). */
  className?: string;
  heading: string;
  /** The id of the heading, when the alert is labelled by it. */
  headingId?: string;
  /** The explanation under the heading (who changed it, when, which fields). */
  children?: ReactNode;
  /** Their version, shown after the explanation and read when the user gets there. */
  theirVersion?: ReactNode;
  /** null: re-applying is not possible (e.g. the resource was closed meanwhile). */
  reapply: ConflictButton | null;
  discard: ConflictButton;
  /**
   * What the alert announces: 'message' (heading and explanation only; their version and the
   * buttons are read when the user gets there) or 'all' (the whole box, buttons included).
   */
  announce?: 'message' | 'all';
  /** Focus moves to the alert when it appears and whenever this changes (e.g. their version). */
  focusKey?: unknown;
}

export function ConflictNotice({
  className,
  heading,
  headingId,
  children,
  theirVersion,
  reapply,
  discard,
  announce = 'message',
  focusKey,
}: ConflictNoticeProps) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the notice each time a new conflict (focusKey) is shown
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  const box = ['notice', 'notice-warning', className].filter(Boolean).join(' ');
  const message = (
    <>
      <p id={headingId} className="notice-heading">
        {heading}
      </p>
      {children}
    </>
  );
  const buttons = (
    <div className="button-row conflict-actions">
      {reapply ? (
        <button type="button" className="button button-primary" disabled={reapply.disabled} onClick={reapply.onClick}>
          {reapply.label}
        </button>
      ) : null}
      <button type="button" className="button button-secondary" disabled={discard.disabled} onClick={discard.onClick}>
        {discard.label}
      </button>
    </div>
  );
  if (announce === 'all') {
    return (
      <div ref={ref} tabIndex={-1} role="alert" className={`${box} conflict-box`} aria-labelledby={headingId}>
        {message}
        {theirVersion}
        {buttons}
      </div>
    );
  }
  return (
    <div className={box}>
      <div ref={ref} role="alert" tabIndex={-1} className="conflict-message" aria-labelledby={headingId}>
        {message}
      </div>
      {theirVersion}
      {buttons}
    </div>
  );
}
