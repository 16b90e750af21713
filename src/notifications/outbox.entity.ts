import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OutboxEventType, StepOutboxPayload } from './outbox-event';

// Rows written in the same transaction as the change they announce; dispatchedAt is set once the
// row's job is in the queue. The partial index keeps the "what is left to send" sweep cheap.
@Entity('outbox_events')
@Check(
  'CHK_outbox_events_type',
  `"type" IN ('step_ready', 'step_returned', 'step_reassigned', 'step_reminder', 'step_overdue', 'step_escalated', 'step_urged', 'overdue_digest')`,
)
@Index('IDX_outbox_events_undispatched', ['createdAt'], { where: '"dispatchedAt" IS NULL' })
@Index('IDX_outbox_events_dispatched', ['dispatchedAt'], { where: '"dispatchedAt" IS NOT NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: OutboxEventType;

  @Column({ type: 'jsonb' })
  payload!: StepOutboxPayload;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;
}
