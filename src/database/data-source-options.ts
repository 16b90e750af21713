import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

// One set of options for the app, the CLI and the TypeORM migration CLI, so they cannot disagree.
// Globs resolve relative to this file: under ts-node that is src/, after `nest build` it is dist/src/.
export function buildDataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false, // failures surface as exceptions and are logged once, by the caller
    uuidExtension: 'pgcrypto', // gen_random_uuid() is built into PostgreSQL 13+; uuid-ossp needs a superuser
    installExtensions: false,
    extra: { max: 20, connectionTimeoutMillis: 5000 },
  };
}
