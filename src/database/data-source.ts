import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from 'src/config/load-env';
import { buildDataSourceOptions } from './data-source-options';

// Used only by the TypeORM CLI (migration:generate / run / revert / check).
export const dataSource = new DataSource(buildDataSourceOptions(loadEnvironment().DATABASE_URL));
