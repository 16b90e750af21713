import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

// PGlite is one PostgreSQL session: while a transaction is open, the embedded socket serves no other
// connection. Code inside a transaction that reads through the pool (a cache checking its freshness,
// a repository called without the transaction's manager) would wait for the transaction, which
// waits for it. On an embedded database such queries run on the transaction's own connection —
// which is what the single session does anyway. Real PostgreSQL servers are left as they are.
export async function keepQueriesInTransactionOnPglite(dataSource: DataSource): Promise<boolean> {
  const [{ version }] = await dataSource.query<{ version: string }[]>('SELECT version() AS version');
  if (!version.includes('PGlite')) return false;
  const active = new AsyncLocalStorage<QueryRunner>();
  const current = (): QueryRunner | undefined => {
    const runner = active.getStore();
    return runner && !runner.isReleased && runner.isTransactionActive ? runner : undefined;
  };

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(manager, {
    // (isolation?, work): DataSource.transaction passes both, the second possibly undefined.
    transaction: (first: unknown, second?: unknown): Promise<unknown> => {
      const isolation = typeof first === 'function' ? undefined : first;
      const work = (typeof first === 'function' ? first : second) as (m: EntityManager) => Promise<unknown>;
      const bound = (inTransaction: EntityManager): Promise<unknown> =>
        inTransaction.queryRunner
          ? active.run(inTransaction.queryRunner, () => work(inTransaction))
          : work(inTransaction);
      return isolation === undefined ? transaction(bound) : transaction(isolation, bound);
    },
  });

  const query = dataSource.query.bind(dataSource);
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  Object.assign(dataSource, {
    query: (sql: string, parameters?: unknown[], runner?: QueryRunner): Promise<unknown> =>
      query(sql, parameters, runner ?? current()),
    createQueryRunner: (mode?: 'master' | 'slave'): QueryRunner => {
      const runner = current();
      return runner ? borrowed(runner) : createQueryRunner(mode);
    },
  });
  return true;
}

// The transaction's runner for a caller that releases what it obtained: its release is a no-op
// (the transaction's owner releases it).
function borrowed(runner: QueryRunner): QueryRunner {
  return new Proxy(runner, {
    get: (target, property, receiver) =>
      property === 'release' ? () => Promise.resolve() : (Reflect.get(target, property, receiver) as unknown),
  });
}
