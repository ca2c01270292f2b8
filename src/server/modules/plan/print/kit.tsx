/** The printed plan's shared parts: its own i18n instance, date formats, and section scaffolding. */
import { createInstance, type TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { INTL_LOCALE, type Language, resources } from '../../../../i18n/index.js';

/** An i18next instance of its own per language (the server never shares the UI's global one). */
const instances = new Map<Language, ReturnType<typeof createInstance>>();
export function printI18n(lang: Language) {
  let i = instances.get(lang);
  if (!i) {
    i = createInstance();
    void i.init({
      resources,
      lng: lang,
      fallbackLng: 'sv',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(lang, i);
  }
  return i;
}

export interface Fmt {
  t: TFunction;
  date(iso: string): string;
}

export function formatter(lang: Language, t: TFunction): Fmt {
  const dateFmt = new Intl.DateTimeFormat(INTL_LOCALE[lang], {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  return {
    t,
    date(iso) {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
      return m ? dateFmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))) : iso;
    },
  };
}

/** A calendar day (Europe/Stockholm) from a timestamp. */
export function swedishDay(ts: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ts));
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="prose">
            {p}
          </p>
        ))}
    </>
  );
}

/** A row of a paper table: its heading cell, then one cell per further column. */
export interface PaperRow {
  key: string;
  head: ReactNode;
  headClassName?: string;
  cells: { className?: string; content: ReactNode }[];
}

/** A table on paper: caption, column headings, and rows whose first cell heads the row. */
export function PaperTable({
  caption,
  className,
  columns,
  rows,
}: {
  caption: string;
  className?: string;
  columns: string[];
  rows: PaperRow[];
}) {
  return (
    <table className={className}>
      <caption>{caption}</caption>
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
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className={r.headClassName}>
              {r.head}
            </th>
            {r.cells.map((c, i) => (
              <td key={i} className={c.className}>
                {c.content}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
