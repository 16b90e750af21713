import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutageLog, processOutageLog } from 'src/common/logging/outage-log';
import { withTimeout } from 'src/common/with-timeout';
import { AppConfigService } from 'src/config/app-config.service';

// How often the database is asked whether it is there; cheap (SELECT 1 on a pooled connection).
const PROBE_EVERY_MS = 5_000;
const PROBE_TIMEOUT_MS = 3_000;

// Logs a PostgreSQL outage once when it starts and once when it ends (a reminder in between), from
// a probe of its own: requests that fail meanwhile answer 503 without a stack trace each.
@Injectable()
export class DatabaseOutageMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly outage: OutageLog;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfigService,
  ) {
    this.outage = processOutageLog('PostgreSQL', new Logger('Database'), config.outageReminderMs);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.probe(), PROBE_EVERY_MS);
    this.timer.unref();
  }

  async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS, 'PostgreSQL SELECT 1');
      this.outage.recovered();
    } catch (error) {
      this.outage.failed(error);
    } finally {
      this.probing = false;
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
