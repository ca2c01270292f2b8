// The house rules as data. Paths are repository-relative with forward slashes; an import's target is
// the file it resolves to (or, for a file the map does not hold, the path it would have).

export const RULE_IDS = [
  'core-contract-pure',
  'server-not-web',
  'web-not-server',
  'audit-through-access',
  'no-foreign-repo',
  'pdf-generic',
  'demo-contained',
  'one-clock',
  'file-size',
  'function-size',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const FILE_LINE_LIMIT = 500;
export const FUNCTION_LINE_LIMIT = 120;
export const CLOCK_MODULE = 'src/server/clock.ts';

const under = (file: string, ...folders: string[]) => folders.some((f) => file.startsWith(`${f}/`));

/** Tests and the helpers only tests load: `*.test.ts`, `*.spec.ts`, `*.testutil.ts`, and everything under test/. */
export function isTestFile(file: string): boolean {
  return under(file, 'test') || /\.(test|spec|testutil)\.[cm]?[jt]sx?$/.test(file);
}

/** The module folder a file lives in (`src/server/modules/<name>/…`), if any. */
export function moduleOf(file: string): string | undefined {
  return /^src\/server\/modules\/([^/]+)\//.exec(file)?.[1];
}

/** A repository: `repo.ts`, `*-repo.ts`, or anything under a `repo/` folder. */
export function isRepository(file: string): boolean {
  return /(^|\/)repo\//.test(file) || /(^|\/|-)repo\.[cm]?[jt]sx?$/.test(file);
}

export interface ImportRule {
  id: RuleId;
  /** Why the import is forbidden and what to do instead, or undefined when it is allowed. */
  forbids(file: string, target: string): string | undefined;
}

const PURE_LAYERS = ['src/core', 'src/contract'];

export const IMPORT_RULES: ImportRule[] = [
  {
    id: 'core-contract-pure',
    forbids(file, target) {
      if (under(file, ...PURE_LAYERS) && under(target, 'src/server', 'src/web', 'src/cli', 'src/ui'))
        return 'src/core and src/contract are pure and shared by server and SPA, so they import nothing from src/server, src/web, src/cli or src/ui; move what both sides need into src/core or src/contract';
      if (under(file, 'src/ui') && under(target, 'src/server', 'src/web', 'src/cli'))
        return 'src/ui holds neutral React pieces shared by the SPA and print, so it imports nothing from src/server, src/web or src/cli; move the piece into src/ui or pass it in as a prop';
      return undefined;
    },
  },
  {
    id: 'server-not-web',
    forbids(file, target) {
      if (!under(file, 'src/server', 'src/cli') || !under(target, 'src/web')) return undefined;
      return 'the server and the CLI import nothing from the SPA in src/web; React pieces both use belong in src/ui, schemas and types in src/contract';
    },
  },
  {
    id: 'web-not-server',
    forbids(file, target) {
      if (!under(file, 'src/web') || !under(target, 'src/server', 'src/cli')) return undefined;
      return 'the SPA talks to the server only over HTTP; import request/response schemas and types from src/contract (pure logic from src/core), not from src/server or src/cli';
    },
  },
  {
    id: 'audit-through-access',
    forbids(file, target) {
      if (!under(file, 'src/server/modules') || !under(target, 'src/server/audit')) return undefined;
      return 'modules reach the audit log only through src/server/access (the child-data choke point and the audit door), never src/server/audit directly';
    },
  },
  {
    id: 'no-foreign-repo',
    forbids(file, target) {
      const own = moduleOf(file);
      const other = moduleOf(target);
      if (!own || !other || own === other || !isRepository(target)) return undefined;
      return `module '${own}' may use module '${other}' only through its service or the contract (src/contract), never its repository`;
    },
  },
  {
    id: 'pdf-generic',
    forbids(file, target) {
      if (!under(file, 'src/server/pdf') || !under(target, 'src/server/modules')) return undefined;
      return 'src/server/pdf is generic (render, inspect, print CSS) and imports no module; a print document and its data live with their module, which calls pdf/';
    },
  },
  {
    id: 'demo-contained',
    forbids(file, target) {
      if (!under(target, 'src/server/demo')) return undefined;
      const allowed =
        under(file, 'src/server/demo', 'src/cli', 'src/server/modules/dev', 'bench') ||
        file === 'src/server/start.ts' ||
        isTestFile(file);
      if (allowed) return undefined;
      return 'production code never imports demo code; only src/server/demo, src/server/start.ts, src/cli, src/server/modules/dev, tests and bench may';
    },
  },
];

export const CLOCK_ADVICE =
  'take now/today from the one injectable clock (src/server/clock.ts, or the request scope built from it) so tests can fix the time';

/** Files whose clock reads are checked: non-test server and core code, except the clock itself. */
export function checksClock(file: string): boolean {
  return under(file, 'src/server', 'src/core') && !isTestFile(file) && file !== CLOCK_MODULE;
}

/** Files whose size is limited: non-test source under src/, except migrations and the demo seed. */
export function checksFileSize(file: string): boolean {
  return under(file, 'src') && !isTestFile(file) && !under(file, 'src/server/db/migrations', 'src/server/demo');
}

/** Files whose functions are limited: non-test source under src/ (route tables are exempt in parse.ts). */
export function checksFunctionSize(file: string): boolean {
  return under(file, 'src') && !isTestFile(file);
}
