import type { RowError } from './rejection.js';

/** The refused lines of a CSV: one row per line number with what is wrong on it. */
export function RowErrorTable({
  rows,
  caption,
  captionId,
  lineHeader,
  problemHeader,
  problemText,
}: {
  rows: RowError[];
  caption: string;
  captionId?: string;
  lineHeader: string;
  problemHeader: string;
  problemText: (row: RowError) => string;
}) {
  return (
    <table className="data-table">
      <caption id={captionId}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{lineHeader}</th>
          <th scope="col">{problemHeader}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.line}>
            <th scope="row">{e.line}</th>
            <td>{problemText(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
