import { Injectable, Logger } from '@nestjs/common';
import { Clock } from 'src/common/clock/clock';
import { AppConfigService } from 'src/config/app-config.service';
import { RETENTION_BATCH_SIZE, RETENTION_MAX_BATCHES } from './maintenance.constants';
import { RetainedTable, RetentionRepository } from './retention.repository';

const HOUR_MS = 3_600_000;

export type PurgeSummary = Record<RetainedTable, number>;

// Keeps the tables that grow with every request bounded: ages come from configuration
// (RETENTION_*), deletion goes in batches of RETENTION_BATCH_SIZE, each its own short statement.
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly repository: RetentionRepository,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  async purgeExpired(
    batchSize = RETENTION_BATCH_SIZE,
    maxBatches = RETENTION_MAX_BATCHES,
  ): Promise<PurgeSummary> {
    const { idempotencyHours, outboxDays, notificationDays } = this.config.retention;
    const now = this.clock.now().getTime();
    const ages: [RetainedTable, number][] = [
      ['idempotency_keys', idempotencyHours * HOUR_MS],
      // notifications before outbox: an event whose last notification goes becomes deletable too
      ['notifications', notificationDays * 24 * HOUR_MS],
      ['outbox_events', outboxDays * 24 * HOUR_MS],
      // The longest login window (per-address minute, per-account lock) has passed: the row is dead.
      ['login_throttles', Math.max(this.config.auth.lockSeconds, 60) * 1000],
      ['sessions', this.config.session.idleMinutes * 60_000],
    ];
    const summary: PurgeSummary = {
      idempotency_keys: 0,
      outbox_events: 0,
      notifications: 0,
      login_throttles: 0,
      sessions: 0,
    };
    for (const [table, age] of ages) {
      const cutoff = new Date(now - age);
      for (let batch = 0; batch < maxBatches; batch += 1) {
        const deleted = await this.repository.purgeBatch(table, cutoff, batchSize);
        summary[table] += deleted;
        if (deleted < batchSize) break;
      }
    }
    this.logger.log(`retention: deleted ${JSON.stringify(summary)}`);
    return summary;
  }
}
