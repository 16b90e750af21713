import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from 'src/config/load-env';
import { buildDataSourceOptions } from './data-source-options';

// Used only by the TypeORM CLI (migration:generate / run / revert / check), always on a real server.
const databaseUrl = loadEnvironment().DATABASE_URL;
if (!databaseUrl) throw new Error('The TypeORM CLI needs DATABASE_URL (a PostgreSQL server)');
export const dataSource = new DataSource(buildDataSourceOptions(databaseUrl));
