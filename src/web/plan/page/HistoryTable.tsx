import type { ReactNode } from 'react';
import { useTimestamp } from '../../components/time.js';
import { useFormat } from '../../i18n.js';

/** A change in a plan's history: when, by whom. */
interface Change {
  id: string;
  changedAt: string;
  changedBy: { name: string };
}

/** A history of the plan (its level, or its closing and reopening): date, change, reason and by whom. */
export function HistoryTable<C extends Change>({
  captionId,
  caption,
  columns,
  changes,
  change,
  reason,
}: {
  captionId: string;
  caption: string;
  /** The headings of the date, change, reason and by-whom columns. */
  columns: readonly [string, string, string, string];
  changes: C[];
  change: (c: C) => ReactNode;
  reason: (c: C) => ReactNode;
}) {
  const f = useFormat();
  const time = useTimestamp();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table plan-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="nowrap-md">
                {f.date(time.day(c.changedAt))}
              </th>
              <td>{change(c)}</td>
              <td className="prewrap">{reason(c)}</td>
              <td>{c.changedBy.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
