import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, RepeatOptions } from 'bullmq';
import { DIGEST_CRON, DIGEST_TIMEZONE, SWEEP_EVERY_MS } from 'src/deadlines/deadlines.constants';
import {
  JOB_REVIVAL_EVERY_MS,
  RETENTION_CRON,
  RETENTION_TIMEZONE,
} from 'src/maintenance/maintenance.constants';
import { OUTBOX_SWEEP_EVERY_MS, OUTBOX_SWEEP_SCHEDULER_ID } from 'src/notifications/notifications.constants';
import {
  BOARD_HISTORY_CRON,
  BOARD_HISTORY_SCHEDULER_ID,
  BOARD_HISTORY_TIMEZONE,
} from 'src/supervision/supervision.constants';
import { JobName, QueueName } from './queue.constants';

export interface JobSchedulerDefinition {
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  job: { name: JobName; data: Record<string, never> };
}

// Every repeating job, per queue: the workers keep them registered, /health reports a missing one.
export const JOB_SCHEDULERS: Record<QueueName, JobSchedulerDefinition[]> = {
  [QueueName.Imports]: [],
  [QueueName.Notifications]: [
    {
      id: OUTBOX_SWEEP_SCHEDULER_ID,
      repeat: { every: OUTBOX_SWEEP_EVERY_MS },
      job: { name: JobName.DispatchOutbox, data: {} },
    },
  ],
  [QueueName.Workflow]: [],
  [QueueName.Deadlines]: [
    {
      id: 'ladder-sweep',
      repeat: { every: SWEEP_EVERY_MS },
      job: { name: JobName.LadderSweep, data: {} },
    },
    {
      id: 'daily-overdue-digest',
      repeat: { pattern: DIGEST_CRON, tz: DIGEST_TIMEZONE },
      job: { name: JobName.DailyDigest, data: {} },
    },
  ],
  [QueueName.Board]: [
    {
      id: BOARD_HISTORY_SCHEDULER_ID,
      repeat: { pattern: BOARD_HISTORY_CRON, tz: BOARD_HISTORY_TIMEZONE },
      job: { name: JobName.RecordBoardHistory, data: {} },
    },
  ],
  [QueueName.Maintenance]: [
    {
      id: 'revive-jobs',
      repeat: { every: JOB_REVIVAL_EVERY_MS },
      job: { name: JobName.ReviveJobs, data: {} },
    },
    {
      id: 'purge-expired',
      repeat: { pattern: RETENTION_CRON, tz: RETENTION_TIMEZONE },
      job: { name: JobName.PurgeExpired, data: {} },
    },
  ],
};

// How often a worker checks that its queue's schedulers still exist (Redis flushed, or restarted
// without persistence, loses them while the worker keeps running).
export const SCHEDULER_CHECK_EVERY_MS = 5_000;

export async function missingSchedulers(
  queue: Queue,
  definitions: JobSchedulerDefinition[],
): Promise<string[]> {
  const found = await Promise.all(definitions.map((definition) => queue.getJobScheduler(definition.id)));
  return definitions.filter((_, index) => !found[index]).map((definition) => definition.id);
}

// A worker's keeper of one queue's schedulers: registers them at start (upsert: several workers
// share one), then re-registers any that went missing, checked every SCHEDULER_CHECK_EVERY_MS (a
// reconnect after a Redis restart is noticed by the next check).
export abstract class JobSchedulerKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  protected constructor(
    private readonly queue: Queue,
    private readonly definitions: JobSchedulerDefinition[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const definition of this.definitions) await this.register(definition);
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.restoreMissing(), SCHEDULER_CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  // Returns the ids registered again. Errors (Redis still down) wait for the next check.
  async restoreMissing(): Promise<string[]> {
    if (this.checking) return [];
    this.checking = true;
    try {
      const missing = await missingSchedulers(this.queue, this.definitions);
      for (const id of missing) {
        const definition = this.definitions.find((candidate) => candidate.id === id);
        if (definition) await this.register(definition);
      }
      if (missing.length > 0)
        this.logger.warn(`job scheduler(s) ${missing.join(', ')} were missing from Redis; registered again`);
      return missing;
    } catch {
      return [];
    } finally {
      this.checking = false;
    }
  }

  private async register({ id, repeat, job }: JobSchedulerDefinition): Promise<void> {
    await this.queue.upsertJobScheduler(id, repeat, job);
  }
}
