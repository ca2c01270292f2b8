import { describe, expect, it } from 'vitest';
import { checkArchitecture, RULE_IDS, type RuleId } from '../../scripts/architecture/check.js';

// Each house rule on a tiny tree kept in memory: one that breaks the rule, one that keeps it.

const tree = (files: Record<string, string>) => new Map(Object.entries(files));

function found(files: Record<string, string>, rule: RuleId) {
  return checkArchitecture(tree(files), [rule]).map((v) => ({ rule: v.rule, file: v.file, target: v.target }));
}

/** A function whose body spans exactly `lines` lines, from its `{` to its `}`. */
function functionOf(name: string, lines: number): string {
  return `export function ${name}() {\n${'  work();\n'.repeat(lines - 2)}}\n`;
}

describe('core-contract-pure', () => {
  const rule = 'core-contract-pure';
  it('fails when core or contract import server, web, cli or ui, or ui imports server, web or cli', () => {
    const files = {
      'src/core/wheel.ts': "import { db } from '../server/db/client.js';",
      'src/contract/plan.ts': "import type { Props } from '../web/plan/PlanPage.js';",
      'src/core/stats/cube.ts': "export { run } from '../../cli/main.js';",
      'src/contract/wheel.ts': "import { chartTheme } from '../ui/theme.js';",
      'src/ui/wheel/RadarChart.tsx': "import { labels } from '../../web/labels.js';",
      'src/server/db/client.ts': '',
      'src/web/plan/PlanPage.tsx': '',
      'src/cli/main.ts': '',
      'src/ui/theme.ts': '',
      'src/web/labels.ts': '',
    };
    expect(found(files, rule)).toEqual([
      { rule, file: 'src/contract/plan.ts', target: 'src/web/plan/PlanPage.tsx' },
      { rule, file: 'src/contract/wheel.ts', target: 'src/ui/theme.ts' },
      { rule, file: 'src/core/stats/cube.ts', target: 'src/cli/main.ts' },
      { rule, file: 'src/core/wheel.ts', target: 'src/server/db/client.ts' },
      { rule, file: 'src/ui/wheel/RadarChart.tsx', target: 'src/web/labels.ts' },
    ]);
  });

  it('passes when they import each other and packages only', () => {
    const files = {
      'src/core/wheel.ts': "import { z } from 'zod';\nimport { Id } from '../contract/ids.js';",
      'src/contract/ids.ts': "import { wheelOrder } from '../core/wheel.js';",
      'src/ui/wheel/RadarChart.tsx':
        "import { wheelOrder } from '../../core/wheel.js';\nimport { Id } from '../../contract/ids.js';",
    };
    expect(checkArchitecture(tree(files))).toEqual([]);
  });
});

describe('server-not-web', () => {
  const rule = 'server-not-web';
  it('fails when server or CLI code imports the SPA', () => {
    const files = {
      'src/server/pdf/document.tsx': "import { RadarChart } from '../../web/wheel/RadarChart.js';",
      'src/cli/main.ts': "const labels = await import('../web/labels.js');",
      'src/web/wheel/RadarChart.tsx': '',
      'src/web/labels.ts': '',
    };
    expect(found(files, rule)).toEqual([
      { rule, file: 'src/cli/main.ts', target: 'src/web/labels.ts' },
      { rule, file: 'src/server/pdf/document.tsx', target: 'src/web/wheel/RadarChart.tsx' },
    ]);
  });

  it('passes when they use the neutral ui folder', () => {
    const files = {
      'src/server/modules/plan/print/document.tsx': "import { RadarChart } from '../../../../ui/wheel/RadarChart.js';",
      'src/ui/wheel/RadarChart.tsx': '',
    };
    expect(checkArchitecture(tree(files))).toEqual([]);
  });
});

describe('web-not-server', () => {
  const rule = 'web-not-server';
  it('fails when the SPA imports server or CLI code, even types only', () => {
    const files = {
      'src/web/plan/plan-api.ts': "import type { Plan } from '../../server/modules/plan/schemas.js';",
      'src/web/App.tsx': "type Cli = typeof import('../cli/main.js');",
      'src/server/modules/plan/schemas.ts': '',
      'src/cli/main.ts': '',
    };
    expect(found(files, rule)).toEqual([
      { rule, file: 'src/web/App.tsx', target: 'src/cli/main.ts' },
      { rule, file: 'src/web/plan/plan-api.ts', target: 'src/server/modules/plan/schemas.ts' },
    ]);
  });

  it('passes when the SPA imports the contract', () => {
    const files = {
      'src/web/plan/plan-api.ts': "import type { Plan } from '../../contract/plan.js';",
      'src/contract/plan.ts': '',
    };
    expect(checkArchitecture(tree(files))).toEqual([]);
  });
});

describe('audit-through-access', () => {
  const rule = 'audit-through-access';
  it('fails when a module imports the audit folder', () => {
    const files = {
      'src/server/modules/plan/service.ts': "import { appendToChain } from '../../audit/chain.js';",
      'src/server/modules/followup/admin/service.ts': "import { AuditEvent } from '../../../audit';",
      'src/server/audit/chain.ts': '',
      'src/server/audit/index.ts': '',
    };
    expect(found(files, rule)).toEqual([
      { rule, file: 'src/server/modules/followup/admin/service.ts', target: 'src/server/audit/index.ts' },
      { rule, file: 'src/server/modules/plan/service.ts', target: 'src/server/audit/chain.ts' },
    ]);
  });

  it('passes when modules go through access, which may use audit', () => {
    const files = {
      'src/server/modules/plan/service.ts': "import { writeChildData } from '../../access/child-data.js';",
      'src/server/access/child-data.ts': "import { appendToChain } from '../audit/chain.js';",
      'src/server/audit/chain.ts': '',
    };
    expect(checkArchitecture(tree(files))).toEqual([]);
  });
});

describe('no-foreign-repo', () => {
  const rule = 'no-foreign-repo';
  it("fails when a module imports another module's repository", () => {
    const files = {
      'src/server/modules/plan/service.ts': [
        "import { addEntry } from '../chronology/repo.js';",
        "import { loadAssessment } from '../wheel/assessment-repo.js';",
        "import { series } from '../followup/repo/series.js';",
      ].join('\n'),
      'src/server/modules/chronology/repo.ts': '',
      'src/server/modules/wheel/assessment-repo.ts': '',
      'src/server/modules/followup/repo/series.ts': '',
    };
    expect(found(files, rule)).toEqual([
      { rule, file: 'src/server/modules/plan/service.ts', target: 'src/server/modules/chronology/repo.ts' },
      { rule, file: 'src/server/modules/plan/service.ts', target: 'src/server/modules/wheel/assessment-repo.ts' },
      { rule, file: 'src/server/modules/plan/service.ts', target: 'src/server/modules/followup/repo/series.ts' },
    ]);
  });

  it("passes for another module's service and schemas, and for the module's own repositories", () => {
    const files = {
      'src/server/modules/plan/service.ts': [
        "import { ChronologyService } from '../chronology/service.js';",
        "import { Assessment } from '../wheel/schemas.js';",
        "import { loadPlan } from './repo.js';",
        "import { loadPrint } from './print/print-repo.js';",
      ].join('\n'),
      'src/server/modules/followup/admin/service.ts': "import { series } from '../repo.js';",
    };
    expect(checkArchitecture(tree(files))).toEqual([]);
  });
});

describe('pdf-generic', () => {
  const rule = 'pdf-generic';
  it('fails when pdf/ imports a module', () => {
    const files = {
      'src/server/pdf/plan-print-data.ts': "import { PlanService } from '../modules/plan/service.js';",
      'src/server/modules/plan/service.ts': '',
    };
    expect(found(files, rule)).toEqual([
      { rule, file: 'src/server/pdf/plan-print-data.ts', target: 'src/server/modules/plan/service.ts' },
    ]);
  });

  it('passes when a module imports pdf/ and pdf/ imports generic code', () => {
    const files = {
      'src/server/pdf/render.ts': "import { loadConfig } from '../config.js';",
      'src/server/modules/plan/pdf-routes.ts': "import { renderPdf } from '../../pdf/render.js';",
    };
    expect(checkArchitecture(tree(files))).toEqual([]);
  });
});

describe('demo-contained', () => {
  const rule = 'demo-contained';
  it('fails when production code imports demo code', () => {
    const files = {
      'src/server/modules/followup/repo.ts': "import { random } from '../../demo/random.js';",
      'src/server/app.ts': "export { seedDemo } from './demo/seed.js';",
      'src/web/App.tsx': "import { names } from '../server/demo/data.js';",
    };
    expect(found(files, rule)).toEqual([
      { rule, file: 'src/server/app.ts', target: 'src/server/demo/seed.ts' },
      { rule, file: 'src/server/modules/followup/repo.ts', target: 'src/server/demo/random.ts' },
      { rule, file: 'src/web/App.tsx', target: 'src/server/demo/data.ts' },
    ]);
  });

  it('passes for demo, start-up, CLI, the dev module, tests and benchmarks', () => {
    const demo = "import { seedDemo } from '%/demo/seed.js';";
    const files = {
      'src/server/demo/seed-plan.ts': "import { random } from './random.js';",
      'src/server/start.ts': demo.replace('%', '.'),
      'src/cli/main.ts': demo.replace('%', '../server'),
      'src/server/modules/dev/routes.ts': demo.replace('%', '../..'),
      'src/server/modules/plan/plan.test.ts': demo.replace('%', '../..'),
      'test/helpers/scenario.ts': demo.replace('%', '../../src/server'),
      'bench/plan-read.ts': demo.replace('%', '../src/server'),
    };
    expect(checkArchitecture(tree(files), [rule])).toEqual([]);
  });
});

describe('one-clock', () => {
  const rule = 'one-clock';
  it('fails on new Date() without arguments and Date.now, called or handed on', () => {
    const files = {
      'src/server/modules/todo/repo.ts': [
        'export function due() {',
        '  const today = new Date();',
        '  const later = new Date;',
        '  return { today, later, at: Date.now(), now: Date.now };',
        '}',
      ].join('\n'),
      'src/core/personnummer.ts': 'export const age = () => new Date().getFullYear();',
    };
    expect(found(files, rule)).toEqual([
      { rule, file: 'src/core/personnummer.ts', target: 'new Date()' },
      { rule, file: 'src/server/modules/todo/repo.ts', target: 'new Date()' },
      { rule, file: 'src/server/modules/todo/repo.ts', target: 'new Date()' },
      { rule, file: 'src/server/modules/todo/repo.ts', target: 'Date.now()' },
      { rule, file: 'src/server/modules/todo/repo.ts', target: 'Date.now()' },
    ]);
    expect(checkArchitecture(tree(files), [rule])[0]!.message).toContain('in age');
  });

  it('passes for dates built from a value, the clock module, tests, the SPA and text that only mentions them', () => {
    const files = {
      'src/server/modules/todo/repo.ts': [
        '// never new Date() here, nor Date.now()',
        "export const parse = (iso: string) => [new Date(iso), new Date(0), 'Date.now()'];",
      ].join('\n'),
      'src/server/clock.ts': 'export const systemClock = { now: () => new Date(), ms: () => Date.now() };',
      'src/server/modules/todo/todo.test.ts': 'const now = new Date();',
      'src/core/followup/fixtures.testutil.ts': 'const now = Date.now();',
      'src/web/App.tsx': 'const year = new Date().getFullYear();',
    };
    expect(checkArchitecture(tree(files), [rule])).toEqual([]);
  });
});

describe('file-size', () => {
  const rule = 'file-size';
  const lines = (n: number) => 'export const x = 1;\n'.repeat(n);
  it('fails on a source file under src/ over 500 lines', () => {
    const files = { 'src/server/modules/plan/service.ts': lines(501), 'src/web/plan/PlanPage.tsx': lines(800) };
    expect(found(files, rule)).toEqual([
      { rule, file: 'src/server/modules/plan/service.ts', target: undefined },
      { rule, file: 'src/web/plan/PlanPage.tsx', target: undefined },
    ]);
    expect(checkArchitecture(tree(files), [rule])[0]!.message).toContain('has 501 lines');
  });

  it('passes at 500 lines, and for tests, the demo seed, migrations and code outside src/', () => {
    const files = {
      'src/server/modules/plan/service.ts': lines(500),
      'src/server/modules/plan/plan.test.ts': lines(900),
      'src/server/demo/seed-plan.ts': lines(900),
      'src/server/db/migrations/0009_backfill.ts': lines(900),
      'test/integration/plan.test.ts': lines(900),
      'bench/followup.ts': lines(900),
    };
    expect(checkArchitecture(tree(files), [rule])).toEqual([]);
  });
});

describe('function-size', () => {
  const rule = 'function-size';
  /** A route factory as the modules write them: it returns the Fastify plugin, a table of routes. */
  const routeFactory = (routes: string[]) =>
    [
      "import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';",
      'export function planRoutes(ctx: unknown): FastifyPluginAsyncZod {',
      '  const service = ctx;',
      '  return async (app) => {',
      ...routes,
      '  };',
      '}',
    ].join('\n');
  const shortRoutes = (n: number) => Array.from({ length: n }, () => "    app.get('/a', async () => service);");
  /** A function handed the Fastify instance that registers routes on it, as split route files do. */
  const registrar = (statements: string[]) =>
    [
      'export function registerIndicatorRoutes(app: App, parts: Parts): void {',
      ...statements,
      ...Array.from({ length: 200 }, () => "  app.get('/i', async () => parts);"),
      '}',
    ].join('\n');

  it('fails on a function, method, arrow or handler body over 120 lines', () => {
    const handler = `async () => {\n${'      work();\n'.repeat(119)}    }`;
    const files = {
      'src/server/modules/plan/service.ts': functionOf('longStep', 121),
      'src/web/plan/PlanPage.tsx': `export const Overview = () => {\n${'  work();\n'.repeat(125)}};\n`,
      'src/core/cube.ts': `export class Cube {\n  build() {\n${'    work();\n'.repeat(130)}  }\n}\n`,
      // A route table is exempt, the handlers in it are not.
      'src/server/modules/plan/routes.ts': routeFactory([...shortRoutes(9), `    app.post('/plans', ${handler});`]),
      // The same table outside a routes file is an ordinary function.
      'src/server/modules/plan/service-routes-helper.ts': routeFactory(shortRoutes(130)),
      // A registrar that does more than declare routes is measured.
      'src/server/modules/followup/admin/indicator-routes.ts': registrar(['  const cached = new Map();']),
      'src/server/modules/followup/admin/indicators.ts': registrar([]),
    };
    expect(found(files, rule)).toEqual([
      { rule, file: 'src/core/cube.ts', target: 'Cube.build' },
      { rule, file: 'src/server/modules/followup/admin/indicator-routes.ts', target: 'registerIndicatorRoutes' },
      { rule, file: 'src/server/modules/followup/admin/indicators.ts', target: 'registerIndicatorRoutes' },
      {
        rule,
        file: 'src/server/modules/plan/routes.ts',
        target: "planRoutes > route table > app.post('/plans') callback",
      },
      { rule, file: 'src/server/modules/plan/service-routes-helper.ts', target: 'planRoutes' },
      { rule, file: 'src/server/modules/plan/service-routes-helper.ts', target: 'planRoutes > returned function' },
      { rule, file: 'src/server/modules/plan/service.ts', target: 'longStep' },
      { rule, file: 'src/web/plan/PlanPage.tsx', target: 'Overview' },
    ]);
    expect(checkArchitecture(tree(files), [rule]).at(-1)!.message).toContain('127-line body');
  });

  it('passes at 120 lines, for route tables (plugins and registrars) in routes files, and for tests and code outside src/', () => {
    const files = {
      'src/server/modules/plan/service.ts': functionOf('step', 120),
      'src/server/modules/plan/routes.ts': routeFactory(shortRoutes(400)),
      'src/server/modules/plan/meetings-routes.ts': [
        "import type { FastifyPluginAsync } from 'fastify';",
        'export const meetingRoutes: FastifyPluginAsync = async (app) => {',
        ...Array.from({ length: 300 }, () => "  app.get('/m', async () => 1);"),
        '};',
      ].join('\n'),
      'src/server/modules/followup/admin/indicator-routes.ts': registrar(["  app.register(child, { prefix: '/x' });"]),
      'src/server/modules/plan/plan.test.ts': functionOf('scenario', 400),
      'test/integration/plan.test.ts': functionOf('scenario', 400),
      'scripts/architecture/long.ts': functionOf('long', 400),
    };
    expect(checkArchitecture(tree(files), [rule])).toEqual([]);
  });
});

describe('the checker', () => {
  it('knows every rule this file tests', () => {
    expect([...RULE_IDS].sort()).toEqual(
      [
        'audit-through-access',
        'core-contract-pure',
        'demo-contained',
        'file-size',
        'function-size',
        'no-foreign-repo',
        'one-clock',
        'pdf-generic',
        'server-not-web',
        'web-not-server',
      ].sort(),
    );
  });

  it('names the file, the line, the import and the rule in its message', () => {
    const files = {
      'src/web/api.ts': "import { z } from 'zod';\nimport { ChildId } from '../server/modules/children/schemas.js';",
      'src/server/modules/children/schemas.ts': '',
    };
    const [v] = checkArchitecture(tree(files));
    expect(v).toMatchObject({ rule: 'web-not-server', file: 'src/web/api.ts', line: 2 });
    expect(v!.message).toMatch(
      /^src\/web\/api\.ts:2 imports '\.\.\/server\/modules\/children\/schemas\.js' \(src\/server\/modules\/children\/schemas\.ts\) — web-not-server: .*src\/contract/,
    );
  });

  it('follows every form of import: re-exports, dynamic imports, type imports, require and folder indexes', () => {
    const files = {
      'src/web/a.ts': [
        "export * from '../server/a.js';",
        "const b = await import('../server/b');",
        "let c: import('../server/c.js').C;",
        "const d = require('../server/d.cjs');",
        "import '../server/e/index.js';",
        "import f from '../server/f?raw';",
      ].join('\n'),
      'src/server/a.ts': '',
      'src/server/b/index.tsx': '',
      'src/server/c.tsx': '',
    };
    expect(found(files, 'web-not-server').map((v) => v.target)).toEqual([
      'src/server/a.ts',
      'src/server/b/index.tsx',
      'src/server/c.tsx',
      'src/server/d.cts',
      'src/server/e/index.ts',
      'src/server/f',
    ]);
  });
});
