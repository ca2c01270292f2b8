// Protection of a two-way grid published beside both of its margins (the equity view: gender ×
// family-ladder group within an area, next to the area's gender cells and its ladder cells).
//
// The cube suppresses each table against its own parent: a gender row is safe against the gender
// cell. But the ladder cells of the area are published by another breakdown, so each column of the
// grid has a published total too, and a hidden cell could be recovered across tables (column
// total − the other genders). Before the server shows such a grid it solves the row and column
// equations by iterated subtraction (the "derivable by subtraction" attacker of
// src/core/statistics' audit): rows and columns whose total is published, shown cells known, every
// hidden cell and every cell of a row that is not shown (e.g. gender 'not stated') unknown. If any
// cell the cube hid becomes derivable, the grid's cells are all hidden and only its margins remain.
// The same shape appears across areas: schools × ladder groups, with each school's cell and the
// county's ladder cells as margins. `rowsToHide` picks whole rows (tables) to hide until nothing
// hidden is derivable — complementary suppression across the tables of a breakdown.
// Known limits: the bounds part of the audit (a value pinned by non-negativity) is not run here, and
// each grid is checked on its own two margins (not three-way combinations of them).

import type { PublishedCell } from './comparisons.js';

export interface GridRow {
  readonly key: string;
  /** The row's total as published (the area's cell for this gender), or null. */
  readonly total: PublishedCell | null;
  /** Cells by column; a missing column = no respondents (a structural zero). */
  readonly cells: ReadonlyMap<string, PublishedCell>;
  /** False for a row that exists in the data but is never shown (all its cells are unknowns). */
  readonly shown: boolean;
}

export interface GridInput {
  readonly columns: readonly string[];
  readonly rows: readonly GridRow[];
  /** Column totals as published elsewhere (hidden or absent = not a known margin). */
  readonly columnTotals: ReadonlyMap<string, PublishedCell | null>;
}

const known = (c: PublishedCell | null | undefined): c is PublishedCell & { x: number } =>
  !!c && c.status === 'ok' && c.x !== null;

/** The shown cells the cube hid that a reader could still work out (empty = safe to show). */
export function derivableHiddenCells(g: GridInput): string[] {
  const id = (r: string, c: string) => `${r}|${c}`;
  const unknown = new Set<string>();
  const protectedCells: string[] = [];
  for (const r of g.rows) {
    for (const c of g.columns) {
      const cell = r.cells.get(c);
      if (cell === undefined) continue;
      if (!r.shown || !known(cell)) unknown.add(id(r.key, c));
      // Every cell the cube hid is protected, also in a row that is never shown.
      if (!known(cell)) protectedCells.push(id(r.key, c));
    }
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of g.rows) {
      if (!known(r.total)) continue;
      const open = g.columns.filter((c) => unknown.has(id(r.key, c)));
      if (open.length === 1) {
        unknown.delete(id(r.key, open[0]!));
        changed = true;
      }
    }
    for (const c of g.columns) {
      if (!known(g.columnTotals.get(c))) continue;
      const open = g.rows.filter((r) => unknown.has(id(r.key, c)));
      if (open.length === 1) {
        unknown.delete(id(open[0]!.key, c));
        changed = true;
      }
    }
  }
  return protectedCells.filter((k) => !unknown.has(k));
}

/**
 * Whole rows to hide so that no hidden cell of the grid is derivable: for a derivable cell, hide the
 * shown row with the smallest published cell in the same column (a complementary suppression),
 * else the cell's own row; repeat. Hiding only removes knowledge, so this ends; if it runs out of
 * rows it hides them all.
 */
export function rowsToHide(g: GridInput): Set<string> {
  const hidden = new Set<string>();
  for (let round = 0; round <= g.rows.length; round++) {
    const rows = g.rows.map((r) => (hidden.has(r.key) ? { ...r, shown: false } : r));
    const bad = derivableHiddenCells({ ...g, rows });
    if (bad.length === 0) return hidden;
    const [rowKey, column] = bad[0]!.split('|') as [string, string];
    const candidates = rows
      .filter((r) => r.shown && r.key !== rowKey && known(r.cells.get(column)))
      .sort((a, b) => (a.cells.get(column)!.n ?? 0) - (b.cells.get(column)!.n ?? 0));
    const own = rows.find((r) => r.key === rowKey && r.shown);
    const pick = candidates[0] ?? own;
    if (!pick) break;
    hidden.add(pick.key);
  }
  return new Set(g.rows.filter((r) => r.shown).map((r) => r.key));
}
