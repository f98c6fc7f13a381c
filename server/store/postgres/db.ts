import pg from 'pg';
import { StoreConflictError } from '../errors';
import { POSTGRES_MIGRATIONS } from './schema';

export type Row = Record<string, unknown>;

/** Something that runs a query: the pool, or one client inside a transaction. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

// BIGINT (int8) columns hold epoch milliseconds and sequence numbers, all far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

/**
 * A small layer over a `pg.Pool`: `?` placeholders (as in the SQLite store) become `$1, $2, …`,
 * UNIQUE/PRIMARY KEY violations become StoreConflictError, and `tx` runs a function in one
 * transaction on one connection.
 */
export class PgDb {
  constructor(readonly pool: pg.Pool) {}

  async all<R = Row>(sql: string, params: unknown[] = [], on: Queryable = this.pool as unknown as Queryable): Promise<R[]> {
    return (await run<R>(on, sql, params)).rows;
  }

  async one<R = Row>(sql: string, params: unknown[] = [], on: Queryable = this.pool as unknown as Queryable): Promise<R | undefined> {
    return (await run<R>(on, sql, params)).rows[0];
  }

  /** Runs a write; resolves with the number of rows it changed. */
  async run(sql: string, params: unknown[] = [], on: Queryable = this.pool as unknown as Queryable): Promise<number> {
    return (await run(on, sql, params)).rowCount;
  }

  /** Runs `fn` in one transaction (committed when it resolves, rolled back when it throws). */
  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(client as unknown as Queryable);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

/** `?` → `$n` (the SQL here never holds a literal question mark). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function run<R = Row>(on: Queryable, sql: string, params: unknown[]): Promise<{ rows: R[]; rowCount: number }> {
  try {
    const res = await on.query(numbered(sql), params);
    return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
  } catch (err) {
    throw translateConflict(err);
  }
}

/** UNIQUE or PRIMARY KEY violation (SQLSTATE 23505) → StoreConflictError naming `table.column`, as the SQLite store does. */
export function translateConflict(err: unknown): unknown {
  if (err instanceof pg.DatabaseError && err.code === '23505') {
    // The detail reads "Key (join_code)=(ABC) already exists."
    const column = /^Key \(([^)]+)\)/.exec(err.detail ?? '')?.[1];
    const constraint = column && err.table ? `${err.table}.${column.split(', ').join(`, ${err.table}.`)}` : err.constraint;
    return new StoreConflictError(err.message, constraint);
  }
  return err;
}

/**
 * Applies pending migrations, each in its own transaction, recorded in `schema_migrations`.
 * An advisory lock keeps two processes starting at once from applying the same one twice.
 */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(582134)');
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
      const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      const applied = rows[0]?.v ?? 0;
      for (let i = applied; i < POSTGRES_MIGRATIONS.length; i++) {
        await client.query('BEGIN');
        try {
          await client.query(POSTGRES_MIGRATIONS[i]!);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [i + 1, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(`PostgreSQL migration ${i + 1} failed: ${(err as Error).message}`, { cause: err });
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(582134)');
    }
  } finally {
    client.release();
  }
}
