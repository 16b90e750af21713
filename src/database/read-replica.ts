import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfigService } from 'src/config/app-config.service';
import { buildDataSourceOptions } from './data-source-options';

// Where read-only supervision queries go: a streaming replica when DATABASE_READ_URL is set (its own
// small pool), otherwise the primary. Replica lag (normally well under a second) is acceptable for
// dashboards and statistics; nothing that decides a write reads from here.
@Injectable()
export class ReadReplica implements OnModuleInit, OnApplicationShutdown {
  readonly dataSource: DataSource;
  private readonly own: boolean;

  constructor(config: AppConfigService, @InjectDataSource() primary: DataSource) {
    const url = config.databaseReadUrl;
    this.own = url !== undefined;
    this.dataSource = url
      ? new DataSource({ ...buildDataSourceOptions(url), extra: { max: 10, connectionTimeoutMillis: 5000 } })
      : primary;
  }

  async onModuleInit(): Promise<void> {
    if (this.own) await this.dataSource.initialize();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.own && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
