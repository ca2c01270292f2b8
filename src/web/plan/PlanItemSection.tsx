/**
 * One section of the plan page that holds items of one kind (services, needs, goals, actions, the
 * child's voice, disagreements), driven by that kind's descriptor: a heading with "add", the intro,
 * the status line, the add form, the items (a table or a list), and the form that changes one item.
 * Each item is versioned: a change sends only what the user changed, with If-Match; a 412 is shown
 * by ItemForm.
 */
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorField, type ApiError } from '../api.js';
import { useAnnouncer } from '../components/announce.js';
import { type Errors, ItemForm } from '../components/form/index.js';
import { useFormat } from '../i18n.js';
import type { PlanContext } from './context.js';
import {
  introKey,
  itemColumns,
  type ItemFormat,
  PLAN_ITEM_KINDS,
  type PlanItemKind,
} from '../../ui/plan/item-kinds.js';

export type Fields<V> = (v: V, set: (v: V) => void, e: Errors) => ReactNode;

/** What a section knows about one kind of item; the labels come from PLAN_ITEM_KINDS. */
export interface ItemKindUi<I extends { id: string; version?: number }, V, R> {
  kind: PlanItemKind;
  /** `${prefix}-new-…` and `${prefix}-edit-…` are the forms' field ids. */
  prefix: string;
  /** The section's heading id (the section is labelled by it). */
  headingId: string;
  className?: string;
  items: I[];
  initial: V;
  fields: (mode: 'new' | 'edit') => Fields<V>;
  validate: (v: V, item?: I) => Errors;
  /** A field-named 400 → our message for that field. */
  messages: Record<string, string>;
  create: (v: V) => Promise<R>;
  added: (r: R) => string;
  /** Shown as a table or a list; `edit` gives an item's change button (null when not editable). */
  list: (items: I[], edit: (item: I, context: string) => ReactNode) => ReactNode;
  /** Omitted for kinds that are only added (disagreements). */
  change?: {
    heading: (item: I) => string;
    valuesOf: (item: I) => V;
    save: (item: I, v: V, version: number) => Promise<unknown>;
    theirs: (current: unknown) => ReactNode;
  };
}

/** A field-named 400 → our message for that field (else the generic error is shown). */
export function byField(err: ApiError, messages: Record<string, string>): Errors | null {
  const f = errorField(err)?.split('.')[0];
  return f && messages[f] ? { [f]: messages[f] } : null;
}

export const required = (v: string) => v.trim() === '';

/** The page's formatter in the shape the item descriptors read. */
export function useItemFormat(): ItemFormat {
  const { t } = useTranslation();
  const f = useFormat();
  return { t, date: f.date };
}

export function EditButton({
  id,
  label,
  context,
  onClick,
}: {
  id: string;
  label: string;
  context: string;
  onClick: () => void;
}) {
  return (
    <button id={id} type="button" className="button-link no-print" onClick={onClick}>
      {label}
      <span className="visually-hidden"> – {context}</span>
    </button>
  );
}

export function PlanItemSection<I extends { id: string; version?: number }, V, R>({
  ctx,
  kind: k,
}: {
  ctx: PlanContext;
  kind: ItemKindUi<I, V, R>;
}) {
  const { t } = useTranslation();
  const labels = PLAN_ITEM_KINDS[k.kind];
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [status, announce] = useAnnouncer();
  const addRef = useRef<HTMLButtonElement>(null);
  const focusLater = (f: () => void) => window.setTimeout(f, 0);
  const intro = introKey(k.kind, ctx.plan.level);
  const editing = k.change ? k.items.find((x) => x.id === editingId) : undefined;

  async function saved(message: string) {
    await ctx.refresh();
    setAdding(false);
    setEditingId(null);
    announce(message);
  }
  async function cancelEdit(id: string) {
    setEditingId(null);
    await ctx.refresh();
    focusLater(() => document.getElementById(`edit-${id}`)?.focus());
  }
  const edit = (item: I, context: string) =>
    ctx.editable && k.change ? (
      <EditButton
        id={`edit-${item.id}`}
        label={t('plan.form.change')}
        context={context}
        onClick={() => {
          setAdding(false);
          setEditingId(item.id);
        }}
      />
    ) : null;

  return (
    <section aria-labelledby={k.headingId} className={['panel plan-section', k.className].filter(Boolean).join(' ')}>
      <div className="section-head">
        <h2 id={k.headingId}>{t(labels.heading)}</h2>
        {ctx.editable && !adding ? (
          <button
            ref={addRef}
            type="button"
            className="button button-secondary no-print"
            onClick={() => {
              setEditingId(null);
              setAdding(true);
            }}
          >
            {t(labels.add)}
          </button>
        ) : null}
      </div>
      {intro ? <p className="muted">{t(intro)}</p> : null}
      {status}
      {adding ? (
        <AddItemForm
          kind={k}
          onSaved={(r) => void saved(k.added(r))}
          onCancel={() => {
            setAdding(false);
            focusLater(() => addRef.current?.focus());
          }}
        />
      ) : null}
      {k.items.length === 0 ? <p>{t(labels.none)}</p> : k.list(k.items, edit)}
      {editing && k.change ? (
        <ChangeItemForm
          key={editing.id}
          kind={k}
          change={k.change}
          item={editing}
          onSaved={() => void saved(t('plan.form.saved'))}
          onCancel={() => void cancelEdit(editing.id)}
        />
      ) : null}
    </section>
  );
}

/** The form that adds an item of a kind. */
function AddItemForm<I extends { id: string; version?: number }, V, R>({
  kind: k,
  onSaved,
  onCancel,
}: {
  kind: ItemKindUi<I, V, R>;
  onSaved: (r: R) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const labels = PLAN_ITEM_KINDS[k.kind];
  return (
    <ItemForm<V, R>
      prefix={`${k.prefix}-new`}
      heading={t(labels.addHeading)}
      initial={k.initial}
      validate={(v) => k.validate(v)}
      fields={k.fields('new')}
      submitLabel={t(labels.save)}
      save={(v) => k.create(v)}
      serverErrors={(err) => byField(err, k.messages)}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

/** The form that changes one item of a kind that can be changed. */
function ChangeItemForm<I extends { id: string; version?: number }, V, R>({
  kind: k,
  change,
  item,
  onSaved,
  onCancel,
}: {
  kind: ItemKindUi<I, V, R>;
  change: NonNullable<ItemKindUi<I, V, R>['change']>;
  item: I;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ItemForm<V, unknown>
      prefix={`${k.prefix}-edit`}
      heading={change.heading(item)}
      initial={change.valuesOf(item)}
      {...(item.version !== undefined ? { version: item.version } : {})}
      validate={(v) => k.validate(v, item)}
      fields={k.fields('edit')}
      submitLabel={t('plan.form.saveChanges')}
      save={(v, version) => change.save(item, v, version ?? item.version ?? 0)}
      serverErrors={(err) => byField(err, k.messages)}
      describeTheirs={change.theirs}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

/** A kind's items as a table: its caption and column headings from the descriptor, one row per item. */
export function ItemTable<I extends { id: string }>({
  kind,
  id,
  className,
  caption,
  items,
  editable,
  row,
}: {
  kind: 'services' | 'actions';
  /** The caption's id (the scrolling region is labelled by it). */
  id: string;
  className: string;
  caption: string;
  items: I[];
  editable: boolean;
  /** The row's class and its cells: the first is the row's heading, then one per column, then the change button. */
  row: (item: I) => {
    className?: string | undefined;
    head: ReactNode;
    headClassName?: string;
    cells: { className?: string; content: ReactNode }[];
    edit: ReactNode;
  };
}) {
  const { t } = useTranslation();
  const columns = itemColumns(kind);
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className={className}>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {t(c.label)}
              </th>
            ))}
            {editable ? (
              <th scope="col" className="no-print">
                <span className="visually-hidden">{t('plan.form.change')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const r = row(item);
            return (
              <tr key={item.id} className={r.className}>
                <th scope="row" className={r.headClassName}>
                  {r.head}
                </th>
                {r.cells.map((cell, i) => (
                  <td key={columns[i + 1]?.key ?? i} className={cell.className}>
                    {cell.content}
                  </td>
                ))}
                {editable ? <td className="no-print">{r.edit}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
