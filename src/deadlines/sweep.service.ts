import { Injectable, Logger } from '@nestjs/common';
import { Clock } from 'src/common/clock/clock';
import { DomainEvents } from 'src/common/events/domain-events';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { OutboxRepository } from 'src/notifications/outbox.repository';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SWEEP_BATCH_SIZE, SWEEP_MAX_BATCHES } from './deadlines.constants';
import { DeadlineJobs } from './deadline-jobs.service';
import { LadderRepository } from './ladder.repository';
import { LadderService } from './ladder.service';

export interface SweepSummary {
  reminded: number;
  overdue: number;
  escalated: number;
  failed: number;
}

type Finder = (now: Date, after: string, limit: number) => Promise<{ id: string; dueAt: Date }[]>;

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

// The reconciling sweep: whatever happened to the delayed jobs (Redis flushed, a worker died), every
// rung that is due in the database is climbed here, in bounded keyset batches, each item on its own
// (one failure does not stop the rest), with one summary line; each swept step's timer is re-armed.
@Injectable()
export class SweepService {
  private readonly logger = new Logger(SweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ladder: LadderRepository,
    private readonly rungs: LadderService,
    private readonly outbox: OutboxRepository,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly jobs: DeadlineJobs,
  ) {}

  async sweep(batchSize = SWEEP_BATCH_SIZE, maxBatches = SWEEP_MAX_BATCHES): Promise<SweepSummary> {
    const now = this.clock.now();
    const summary: SweepSummary = { reminded: 0, overdue: 0, escalated: 0, failed: 0 };
    const swept = new Set<string>();
    // Overdue before escalation, so a step found overdue late climbs in the same sweep.
    summary.reminded = await this.run(
      (n, a, l) => this.ladder.dueReminders(n, a, l),
      (id, dueAt) => this.rungs.remind(id, dueAt),
      now,
      batchSize,
      maxBatches,
      summary,
      swept,
    );
    summary.overdue = await this.run(
      (n, a, l) => this.ladder.dueOverdue(n, a, l),
      (id, dueAt) => this.rungs.markOverdue(id, dueAt),
      now,
      batchSize,
      maxBatches,
      summary,
      swept,
    );
    summary.escalated = await this.run(
      (n, a, l) => this.ladder.dueEscalations(n, a, l),
      (id, dueAt) => this.rungs.escalate(id, dueAt),
      now,
      batchSize,
      maxBatches,
      summary,
      swept,
    );
    // Whatever became of their timers, the swept steps get the one for their next rung (armed after
    // all rungs due now are climbed, so no timer races the sweep).
    const ids = [...swept];
    for (let start = 0; start < ids.length; start += batchSize) {
      await this.jobs.schedule(ids.slice(start, start + batchSize));
    }
    if (summary.reminded + summary.overdue + summary.escalated + summary.failed > 0) {
      this.logger.log(
        `sweep: reminded ${summary.reminded}, overdue ${summary.overdue}, escalated ${summary.escalated}, failed ${summary.failed}`,
      );
    }
    return summary;
  }

  private async run(
    find: Finder,
    climb: (id: string, dueAt: Date) => Promise<boolean>,
    now: Date,
    batchSize: number,
    maxBatches: number,
    summary: SweepSummary,
    swept: Set<string>,
  ): Promise<number> {
    let after = FIRST_ID;
    let climbed = 0;
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const rows = await find(now, after, batchSize);
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      const results = await Promise.allSettled(rows.map((row) => climb(row.id, row.dueAt)));
      climbed += results.filter((r) => r.status === 'fulfilled' && r.value).length;
      summary.failed += results.filter((r) => r.status === 'rejected').length;
      rows.forEach((row) => swept.add(row.id));
      if (rows.length < batchSize) break;
    }
    return climbed;
  }

  // One notification per county with supervisors' overdue counts by holder (only counties with any).
  async dailyDigest(): Promise<number> {
    const counts = await this.ladder.overdueCounts(this.clock.now());
    const byCounty = new Map<string, { holder: string; overdue: number }[]>();
    counts.forEach((row) => byCounty.set(row.county, [...(byCounty.get(row.county) ?? []), row]));
    await this.dataSource.transaction(async (manager) => {
      const events = [...byCounty.entries()].map(([county, rows]) => ({
        type: OutboxEventType.OverdueDigest,
        payload: {
          caseId: null,
          stepId: null,
          caseTitle: `${county}逾期环节日报`,
          stepText: rows.map((row) => `${row.holder} ${row.overdue} 件`).join('；'),
          units: [{ kind: 'county' as const, id: county }],
          dueDate: null,
          daysOverdue: rows.reduce((sum, row) => sum + row.overdue, 0),
        },
      }));
      await this.outbox.add(manager, events);
    });
    await this.events.publish('outbox.written', {});
    return byCounty.size;
  }
}
