import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Anything that can run one parametrised statement: the pool, or one transaction. */
export interface Queryable {
  /**
   * `name` makes it a prepared statement on PostgreSQL (parsed and planned once per connection):
   * use it for hot, fixed SQL. PGlite ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<QueryResult<T>>;
  /** Runs several statements without parameters (migrations, scripts). */
  exec(sql: string): Promise<void>;
}

/** The application role: every request runs as it. It cannot UPDATE/DELETE/TRUNCATE audit rows. */
export const APP_ROLE = 'barnkompass_app';

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** One business operation = one transaction, as the application role. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Schema owner work (migrations, seed, verification): a transaction as the connecting role. */
  ownerTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Called once the schema (and so the role) exists: from then on plain queries run as APP_ROLE. */
  useAppRole(): Promise<void>;
  close(): Promise<void>;
}

type PgliteTx = { query: PGlite['query']; exec: PGlite['exec'] };

class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  private appRole = false;
  constructor(readonly pglite: PGlite) {}

  async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    const r = await this.pglite.query<T>(sql, params as never[]);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  }

  async exec(sql: string): Promise<void> {
    await this.pglite.exec(sql);
  }

  private wrap(tx: PgliteTx): Queryable {
    return {
      async exec(sql: string) {
        await tx.exec(sql);
      },
      async query<T>(sql: string, params?: unknown[]) {
        const r = await tx.query<T>(sql, params as never[]);
        return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
      },
    };
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction(async (tx) => {
      // PGlite runs as a superuser, and superusers bypass every grant: switch down explicitly.
      if (this.appRole) await tx.query(`SET LOCAL ROLE ${APP_ROLE}`);
      return fn(this.wrap(tx));
    });
  }

  ownerTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction(async (tx) => {
      await tx.query('SET LOCAL ROLE NONE');
      return fn(this.wrap(tx));
    });
  }

  async useAppRole(): Promise<void> {
    await this.pglite.query(`SET ROLE ${APP_ROLE}`);
    this.appRole = true;
  }

  async close(): Promise<void> {
    await this.pglite.close();
  }
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  private appRole = false;
  constructor(readonly pool: pg.Pool) {
    // An idle client that errors (server restart) must not crash the process.
    pool.on('error', () => undefined);
  }

  /**
   * Runs on every new connection before the pool hands it out (pg-pool's onConnect): from the
   * moment the schema exists, a connection is the application role or it is not used at all.
   */
  async onConnect(client: pg.PoolClient): Promise<void> {
    if (this.appRole) await client.query(`SET ROLE ${APP_ROLE}`);
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async query<T>(sql: string, params?: unknown[], name?: string): Promise<QueryResult<T>> {
    const r = name
      ? await this.pool.query({ name, text: sql, values: params as unknown[] })
      : await this.pool.query(sql, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
  }

  private async run<T>(prelude: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(prelude);
      // A transaction is one connection: statements a service starts together (Promise.all) run
      // one after another, in the order they were started. pg would queue them too, but calling
      // client.query while one is running is deprecated there; this queue makes the order explicit.
      let tail: Promise<unknown> = Promise.resolve();
      const serial = <R>(run: () => Promise<R>): Promise<R> => {
        const p = tail.then(run);
        tail = p.catch(() => undefined);
        return p;
      };
      const tx: Queryable = {
        async exec(sql: string) {
          await serial(() => client.query(sql));
        },
        async query<R>(sql: string, params?: unknown[], name?: string) {
          const r = await serial(() =>
            name
              ? client.query({ name, text: sql, values: params as unknown[] })
              : client.query(sql, params as unknown[]),
          );
          return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
        },
      };
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.run('BEGIN', fn);
  }

  ownerTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.run('BEGIN; SET LOCAL ROLE NONE', fn);
  }

  async useAppRole(): Promise<void> {
    this.appRole = true;
    // Clients already in the pool (used by migrations) switch too.
    const idle: pg.PoolClient[] = [];
    const n = this.pool.idleCount;
    for (let i = 0; i < n; i++) idle.push(await this.pool.connect());
    for (const c of idle) {
      await c.query(`SET ROLE ${APP_ROLE}`);
      c.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export interface DbConfig {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** For tests: start PGlite from a dumped, already migrated data directory. */
  loadDataDir?: Blob;
}

export async function openDb(cfg: DbConfig): Promise<Db> {
  if (cfg.databaseUrl) {
    let db: PostgresDb | null = null;
    const pool = new pg.Pool({
      connectionString: cfg.databaseUrl,
      max: cfg.poolSize ?? 20,
      onConnect: (client: pg.PoolClient) => db?.onConnect(client),
    } as pg.PoolConfig);
    db = new PostgresDb(pool);
    return db;
  }
  const pglite = cfg.loadDataDir
    ? await PGlite.create({ loadDataDir: cfg.loadDataDir })
    : await PGlite.create(cfg.dataDir ? { dataDir: cfg.dataDir } : {});
  return new PgliteDb(pglite);
}

export function isPglite(db: Db): db is Db & { pglite: PGlite } {
  return db.kind === 'pglite';
}
