import path from 'node:path';

// TypeScript's "Bundler" resolution as this repository uses it: relative specifiers written with `.js`
// name the `.ts`/`.tsx` source, a folder means its index, and Vite's `?raw`/`?url` suffixes are noise.
const CANDIDATE_SUFFIXES = ['', '.ts', '.tsx', '.d.ts', '.js', '.mjs', '/index.ts', '/index.tsx', '/index.js'];
const SOURCE_FOR_OUTPUT: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/**
 * The repository path a relative specifier in `from` points at, or undefined for a package import.
 * A target the file map does not hold (CSS, JSON, a file not written yet) keeps its literal path, with
 * `.js` read as `.ts` as this repository writes them, so a rule about folders still sees where it points.
 */
export function resolveImport(from: string, specifier: string, exists: (file: string) => boolean): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..')
    return undefined;
  const bare = specifier.replace(/[?#].*$/, '');
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), bare));
  const ext = path.posix.extname(joined);
  for (const source of SOURCE_FOR_OUTPUT[ext] ?? []) {
    const candidate = joined.slice(0, -ext.length) + source;
    if (exists(candidate)) return candidate;
  }
  for (const suffix of CANDIDATE_SUFFIXES) if (exists(joined + suffix)) return joined + suffix;
  const source = SOURCE_FOR_OUTPUT[ext]?.[0];
  return source === undefined ? joined : joined.slice(0, -ext.length) + source;
}
