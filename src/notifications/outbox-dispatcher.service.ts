import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock } from 'src/common/clock/clock';
import { withTimeout } from 'src/common/with-timeout';
import { DomainEvents } from 'src/common/events/domain-events';
import { addOrRevive } from 'src/queue/add-or-revive';
import { JobName, NotifyUnitsJobData, QueueName } from 'src/queue/queue.constants';
import {
  OUTBOX_BATCH_SIZE,
  OUTBOX_ENQUEUE_TIMEOUT_MS,
  OUTBOX_LOST_AFTER_MS,
  OUTBOX_LOST_WINDOW_MS,
  OUTBOX_MAX_BATCHES,
} from './notifications.constants';
import { OutboxDispatchRepository } from './outbox-dispatch.repository';

// BullMQ custom job ids may not contain ':'.
export const notifyUnitsJobId = (outboxId: string): string => `outbox-${outboxId}`;

// Moves committed outbox rows into the queue. Runs after each engine commit (kick) and on a
// schedule in the worker (the sweep), so a row whose enqueue was lost still goes out.
@Injectable()
export class OutboxDispatcher implements OnModuleInit {
  private readonly logger = new Logger(OutboxDispatcher.name);
  // Kicks are coalesced: one dispatch at a time per process, plus one more run if kicked meanwhile
  // (its rows may have been committed after the running SELECT). Bounds connections during an outage.
  private kickRunning = false;
  private kickAgain = false;

  constructor(
    private readonly outbox: OutboxDispatchRepository,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
    private readonly events: DomainEvents,
  ) {}

  // Writers announce committed outbox rows ('outbox.written'); they know nothing of the queue.
  onModuleInit(): void {
    this.events.on('outbox.written', () => this.kick());
  }

  // Runs after each commit that wrote outbox rows. Never throws and never blocks the caller: whatever it
  // cannot send now, the sweep sends later.
  kick(): void {
    if (this.kickRunning) {
      this.kickAgain = true;
      return;
    }
    this.kickRunning = true;
    void this.runKicks();
  }

  private async runKicks(): Promise<void> {
    try {
      do {
        this.kickAgain = false;
        await this.dispatchPending();
      } while (this.kickAgain);
    } catch (error) {
      this.logger.warn(`outbox dispatch failed, the sweep will retry: ${String(error)}`);
    } finally {
      this.kickRunning = false;
    }
  }

  // Returns how many rows were queued. Stops after OUTBOX_MAX_BATCHES; the next run takes the rest.
  async dispatchPending(limit = OUTBOX_BATCH_SIZE): Promise<number> {
    let dispatched = 0;
    let batches = 0;
    let last = 0;
    do {
      last = await this.dispatchBatch(limit);
      dispatched += last;
      batches += 1;
    } while (last === limit && batches < OUTBOX_MAX_BATCHES);
    const rest = last === limit ? ' (cap reached, more left for the next sweep)' : '';
    if (dispatched > 0)
      this.logger.log(`dispatched ${dispatched} outbox event(s) in ${batches} batch(es)${rest}`);
    return dispatched;
  }

  // Re-queues dispatched rows whose job Redis lost, and revives those whose job ran out of attempts
  // (e.g. during a database outage); returns how many. Safe to repeat: a job still waiting, active or
  // kept is left alone; NotifyUnits itself is idempotent.
  async redispatchLost(limit = OUTBOX_BATCH_SIZE): Promise<number> {
    const now = this.clock.now().getTime();
    const ids = await this.outbox.findLost(
      new Date(now - OUTBOX_LOST_WINDOW_MS),
      new Date(now - OUTBOX_LOST_AFTER_MS),
      limit,
    );
    if (ids.length === 0) return 0;
    const jobs = ids.map((outboxId) => {
      const data: NotifyUnitsJobData = { outboxId };
      return { name: JobName.NotifyUnits, data, opts: { jobId: notifyUnitsJobId(outboxId) } };
    });
    const { added, revived } = await withTimeout(
      addOrRevive(this.queue, jobs),
      OUTBOX_ENQUEUE_TIMEOUT_MS,
      're-enqueueing lost outbox events',
    );
    // Rows whose job still waits in the queue (a backlog) are neither re-queued nor reported.
    if (added + revived === 0) return 0;
    this.logger.warn(
      `re-queued ${added} outbox event(s) whose job was lost, revived ${revived} from failed (no notifications yet)`,
    );
    return added + revived;
  }

  // Read, enqueue, mark. No transaction spans the enqueue: with the queues in the same PostgreSQL
  // (no REDIS_URL) the enqueue needs a connection of its own, which an embedded database would only
  // serve after that transaction. If the queue refuses or is too slow, the rows stay undispatched and
  // the next run enqueues them again; a kick and a sweep racing for the same rows both enqueue, and
  // the job id keeps each single (NotifyUnits is idempotent besides).
  private async dispatchBatch(limit: number): Promise<number> {
    const ids = await this.outbox.findUndispatched(limit);
    if (ids.length === 0) return 0;
    const jobs = ids.map((outboxId) => {
      const data: NotifyUnitsJobData = { outboxId };
      return { name: JobName.NotifyUnits, data, opts: { jobId: notifyUnitsJobId(outboxId) } };
    });
    await withTimeout(this.queue.addBulk(jobs), OUTBOX_ENQUEUE_TIMEOUT_MS, 'enqueueing outbox events');
    await this.outbox.markDispatched(ids, this.clock.now());
    return ids.length;
  }
}
