import { describe, expect, it } from 'vitest';
import { CATALOG_PARTS, resources } from './index.js';

const sv = resources.sv.translation;
const en = resources.en.translation;

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('text catalogs', () => {
  it('keep each top-level key in exactly one part, so no part silently overrides another', () => {
    for (const lang of ['sv', 'en'] as const) {
      const seen = new Map<string, string>();
      for (const part of CATALOG_PARTS) {
        for (const key of Object.keys(part[lang])) {
          expect({ lang, key, alsoIn: seen.get(key) ?? null }).toEqual({ lang, key, alsoIn: null });
          seen.set(key, part.name);
        }
      }
    }
  });

  const svKeys = leaves(sv as Tree);
  const enKeys = leaves(en as Tree);

  it('have the same keys in Swedish and English, so no screen falls back to the other language', () => {
    expect([...enKeys.keys()].sort()).toEqual([...svKeys.keys()].sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of svKeys)
      expect({ key, vars: placeholders(enKeys.get(key) ?? '') }).toEqual({ key, vars: placeholders(text) });
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...svKeys, ...enKeys])
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });
});
