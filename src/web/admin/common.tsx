import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type SessionInfo } from '../api.js';
import { useFormat } from '../i18n.js';
import { Link, PageHeading } from '../router.js';
import type { DirectorySource } from '../../contract/admin.js';
import type { AdminAssignment } from './api.js';
import { ADMIN_NAV_ROLES, adminPaths } from './paths.js';
import './admin.css';

/** The administration pages say plainly who they are for, instead of a page of 403s. */
export function AdminOnly({ session, children }: { session: SessionInfo; children: ReactNode }) {
  const { t } = useTranslation();
  if (ADMIN_NAV_ROLES.has(session.assignment?.role ?? '')) return <>{children}</>;
  return (
    <>
      <PageHeading>{t('admin.notForYouTitle')}</PageHeading>
      <p className="notice notice-warning">{t('admin.notForYou')}</p>
    </>
  );
}

/** Between the administration pages; the current one is marked for screen readers too. */
export function AdminNav({ current }: { current: 'units' | 'people' | null }) {
  const { t } = useTranslation();
  const items = [
    { key: 'units', to: adminPaths.units, label: t('admin.nav.units') },
    { key: 'people', to: adminPaths.people, label: t('admin.nav.people') },
  ] as const;
  return (
    <nav aria-label={t('admin.nav.label')} className="admin-subnav">
      <ul>
        {items.map((i) => (
          <li key={i.key}>
            <Link to={i.to} aria-current={current === i.key ? 'page' : undefined}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Where a row came from; an imported one may be changed back by the next import of its source. */
export function SourceNote({ source }: { source: DirectorySource }) {
  const { t } = useTranslation();
  if (!source) return <span>{t('admin.source.manual')}</span>;
  return (
    <span>
      {t(`admin.source.${source}`)} <span className="small muted">({t('admin.source.mayRevert')})</span>
    </span>
  );
}

/** "1 januari 2027 – 31 maj 2027", "från 1 januari 2027". */
export function Period({ from, to }: { from: string | null; to: string | null }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  if (from && to) return <>{t('common.dateRange', { from: date(from), to: date(to) })}</>;
  if (from) return <>{t('common.dateFrom', { from: date(from) })}</>;
  if (to) return <>{t('admin.until', { to: date(to) })}</>;
  return <>{t('admin.open')}</>;
}

/**
 * Field → message from a 400 or 409 answer: zod issues (the last part of the path, so
 * "assignment.validFrom" is the validFrom field) or the error's details.field.
 */
export function serverFieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || (err.status !== 400 && err.status !== 409) || !err.body) return {};
  const out: Record<string, string> = {};
  for (const i of err.body.issues ?? []) {
    const field = i.path.split('.').pop() ?? '';
    if (field && field !== '(root)' && !out[field]) out[field] = i.message;
  }
  const f = err.body.details?.field;
  if (typeof f === 'string' && !out[f]) out[f] = err.body.message;
  return out;
}

/** Whether an assignment still holds on `today` (or starts later). */
export const isOpen = (a: { validTo: string | null }, today: string) => a.validTo === null || a.validTo >= today;

/** A ref whose element takes focus each time `open` turns true (not on every render). */
export function useFocusWhenOpen<T extends HTMLElement>(open: boolean): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (open) ref.current?.focus();
  }, [open]);
  return ref;
}

/**
 * Ending something, with a confirmation: the first button opens a small form with the last day and
 * a confirm button; nothing is ended until the user confirms. Focus moves into the form and back.
 */
export function EndControl(p: {
  id: string;
  label: string;
  /** The button's full name for screen readers (it starts with the visible label). */
  ariaLabel?: string;
  confirmLabel: string;
  warning: ReactNode;
  defaultDay: string;
  onConfirm: (day: string) => Promise<void>;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState(p.defaultDay);
  const [busy, setBusy] = useState(false);
  const warningRef = useFocusWhenOpen<HTMLParagraphElement>(open);
  // Back on the button after cancelling, so keyboard users stay where they were.
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) buttonRef.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open)
    return (
      <button
        ref={buttonRef}
        type="button"
        className="button button-secondary"
        aria-label={p.ariaLabel}
        onClick={() => setOpen(true)}
      >
        {p.label}
      </button>
    );
  return (
    <form
      className="admin-end"
      aria-labelledby={`${p.id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void p.onConfirm(day).finally(() => setBusy(false));
      }}
    >
      <p id={`${p.id}-title`} className="notice notice-warning" tabIndex={-1} ref={warningRef}>
        {p.warning}
      </p>
      <div className="field">
        <label htmlFor={`${p.id}-day`}>{t('admin.lastDay')}</label>
        <input
          id={`${p.id}-day`}
          type="date"
          className="input-date"
          required
          value={day}
          onChange={(e) => setDay(e.target.value)}
        />
      </div>
      {p.extra}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {p.confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}

export type { AdminAssignment };
