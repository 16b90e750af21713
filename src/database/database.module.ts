import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfigService } from 'src/config/app-config.service';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseOutageMonitor } from './database-outage.monitor';
import { keepQueriesInTransactionOnPglite } from './embedded/transaction-affinity';
import { runMigrationsLocked } from './migration-lock';
import { ReadReplica } from './read-replica';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({
        ...buildDataSourceOptions(config.databaseUrl),
        // Carried to dataSourceFactory below, which runs them itself under the advisory lock.
        migrationsRun: config.migrationsRun,
        // Start-up already checked the connection (src/bootstrap/preflight.ts); fail fast, no silent retries.
        retryAttempts: 0,
      }),
      // Migrating inside the factory means no provider can touch the schema before it is current.
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('missing data source options');
        const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
        if (options.migrationsRun) await runMigrationsLocked(dataSource);
        await keepQueriesInTransactionOnPglite(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [ReadReplica, DatabaseOutageMonitor],
  exports: [ReadReplica],
})
@Global()
export class DatabaseModule {}
