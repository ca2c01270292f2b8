import path from 'node:path';
import ts from 'typescript';

/** One module reference in a file: a static import, a re-export, a dynamic import() or a type-level import(). */
export interface ImportRef {
  specifier: string;
  line: number;
}

/** A direct read of the wall clock: `new Date()` without arguments or `Date.now`. */
export interface ClockRead {
  call: 'new Date()' | 'Date.now()';
  line: number;
  within: string;
}

export interface FunctionSize {
  name: string;
  line: number;
  lines: number;
}

/** What the rules need to know about one file; each file is parsed once. */
export interface FileFacts {
  lineCount: number;
  imports: ImportRef[];
  clockReads: ClockRead[];
  functions: FunctionSize[];
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export const SOURCE_EXTENSIONS = Object.keys(SCRIPT_KINDS);

/** Lines as `wc -l` would count them, plus a last line without a newline. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

/**
 * A declarative route table, in a `routes.ts` or `*-routes.ts` file only: either the Fastify plugin
 * itself (the function returned by a factory declared to return `FastifyPlugin…`, or the initializer of a
 * variable declared as `FastifyPlugin…`), or a function handed the Fastify instance whose body is
 * nothing but calls on it (`app.get(…); app.post(…);`). Such a body is a list of route declarations,
 * long by nature and not logic; the handlers inside it are still measured, and its lines do not count
 * towards the factory that returns it.
 */
export function isRouteTable(file: string, fn: ts.FunctionLikeDeclaration): boolean {
  const base = path.posix.basename(file);
  if (base !== 'routes.ts' && !base.endsWith('-routes.ts')) return false;
  return isPlugin(fn) || onlyDeclaresRoutes(fn);
}

function isPlugin(fn: ts.FunctionLikeDeclaration): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent)) return isPluginType(parent.type);
  if (!ts.isReturnStatement(parent)) return false;
  let outer: ts.Node | undefined = parent.parent;
  while (outer && !ts.isFunctionLike(outer)) outer = outer.parent;
  return outer !== undefined && isPluginType((outer as ts.SignatureDeclaration).type);
}

function onlyDeclaresRoutes(fn: ts.FunctionLikeDeclaration): boolean {
  const app = fn.parameters[0]?.name;
  if (!app || !ts.isIdentifier(app) || !fn.body || !ts.isBlock(fn.body) || fn.body.statements.length === 0)
    return false;
  return fn.body.statements.every((statement) => {
    if (!ts.isExpressionStatement(statement)) return false;
    const call = ts.isAwaitExpression(statement.expression) ? statement.expression.expression : statement.expression;
    return (
      ts.isCallExpression(call) &&
      ts.isPropertyAccessExpression(call.expression) &&
      ts.isIdentifier(call.expression.expression) &&
      call.expression.expression.text === app.text
    );
  });
}

function isPluginType(type: ts.TypeNode | undefined): boolean {
  return type !== undefined && ts.isTypeReferenceNode(type) && type.typeName.getText().startsWith('FastifyPlugin');
}

function stringArgument(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

// Expressions a function may sit inside before reaching what names it, e.g. `now ?? (() => new Date())`.
const WRAPPERS = new Set([
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.SatisfiesExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.AwaitExpression,
  ts.SyntaxKind.VoidExpression,
]);

/** A name a developer can find the function by, stable across edits that move it up or down. */
function ownName(fn: ts.FunctionLikeDeclaration, file: string): string {
  if (fn.name) {
    const own = fn.name.getText();
    const owner = fn.parent;
    if ((ts.isClassDeclaration(owner) || ts.isClassExpression(owner)) && owner.name) return `${owner.name.text}.${own}`;
    return own;
  }
  if (ts.isConstructorDeclaration(fn)) {
    const owner = fn.parent;
    return `${ts.isClassDeclaration(owner) && owner.name ? owner.name.text : 'class'}.constructor`;
  }
  if (ts.isFunctionDeclaration(fn)) return 'default';
  let parent = fn.parent;
  let child: ts.Node = fn;
  while (WRAPPERS.has(parent.kind)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isParameter(parent)) return `default of ${parent.name.getText()}`;
  if (ts.isCallExpression(parent) && parent.expression === child) return 'immediately invoked function';
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText();
  if (ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent)) return parent.parent.name.getText();
  if (ts.isReturnStatement(parent)) return isRouteTable(file, fn) ? 'route table' : 'returned function';
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression.getText().replace(/\s+/g, '');
    const label = stringArgument(parent.arguments[0]);
    return `${callee.length > 40 ? `${callee.slice(0, 40)}…` : callee}(${label === undefined ? '' : `'${label}'`}) callback`;
  }
  return 'anonymous function';
}

function lineOf(source: ts.SourceFile, pos: number): number {
  return source.getLineAndCharacterOfPosition(pos).line + 1;
}

interface OpenFunction {
  name: string;
  line: number;
  lines: number;
  exempt: boolean;
}

/** Parses one file and collects its imports, wall-clock reads and function sizes in a single walk. */
export function parseFile(file: string, text: string): FileFacts {
  const kind = SCRIPT_KINDS[path.posix.extname(file)] ?? ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const facts: FileFacts = { lineCount: countLines(text), imports: [], clockReads: [], functions: [] };
  const stack: OpenFunction[] = [];

  const addImport = (literal: ts.Node | undefined) => {
    const specifier = stringArgument(literal);
    if (specifier !== undefined) facts.imports.push({ specifier, line: lineOf(source, literal!.getStart(source)) });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) addImport(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      addImport(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) addImport(node.argument.literal);
    else if (ts.isCallExpression(node) && isModuleCall(node)) addImport(node.arguments[0]);

    const clock = clockRead(node);
    if (clock) {
      const within = stack.length > 0 ? stack.map((f) => f.name).join(' > ') : 'module scope';
      facts.clockReads.push({ call: clock, line: lineOf(source, node.getStart(source)), within });
    }

    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const body = fn.body!;
      const first = lineOf(source, body.getStart(source));
      const span = lineOf(source, body.getEnd()) - first + 1;
      const exempt = isRouteTable(file, fn);
      const name = [...stack.map((f) => f.name), ownName(fn, file)].join(' > ');
      // The route table's lines belong to it, not to the factory that returns it.
      if (exempt) for (let i = stack.length - 1; i >= 0 && !stack[i]!.exempt; i--) stack[i]!.lines -= span;
      const open: OpenFunction = {
        name: ownName(fn, file),
        line: lineOf(source, fn.getStart(source)),
        lines: span,
        exempt,
      };
      stack.push(open);
      ts.forEachChild(node, visit);
      stack.pop();
      if (!exempt) facts.functions.push({ name, line: open.line, lines: open.lines });
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  return facts;
}

function isModuleCall(node: ts.CallExpression): boolean {
  if (node.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
  return ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1;
}

function clockRead(node: ts.Node): ClockRead['call'] | undefined {
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date') {
    return node.arguments === undefined || node.arguments.length === 0 ? 'new Date()' : undefined;
  }
  // `Date.now` counts whether it is called or handed on (e.g. `{ now: Date.now }`).
  if (
    ts.isPropertyAccessExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'Date' &&
    node.name.text === 'now'
  )
    return 'Date.now()';
  return undefined;
}
