import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { OutboxEventType } from './outbox-event';
import { OutboxEventEntity } from './outbox.entity';
import { UNIT_ID_MAX_LENGTH, UnitKind, UNIT_KINDS_SQL } from './unit-kind';
import { WebhookStatus } from './webhook-status';

// Built from the enum so a new event type shows up as schema drift (migration:check) right away.
const OUTBOX_EVENT_TYPES_SQL = Object.values(OutboxEventType)
  .map((type) => `'${type}'`)
  .join(', ');

// One unit's copy of one outbox event: its in-app inbox entry and the state of its webhook delivery.
// UNIQUE (outbox, unit) is what makes a re-run NotifyUnits job write nothing.
@Entity('notifications')
@Unique('UQ_notifications_outbox_unit', ['outboxId', 'unitKind', 'unitId'])
@Index('IDX_notifications_unit_created', ['unitKind', 'unitId', 'createdAt'])
@Check('CHK_notifications_unit_kind', `"unitKind" IN (${UNIT_KINDS_SQL})`)
@Check('CHK_notifications_type', `"type" IN (${OUTBOX_EVENT_TYPES_SQL})`)
@Check(
  'CHK_notifications_webhook_status',
  `"webhookStatus" IS NULL OR "webhookStatus" IN ('pending', 'delivered', 'failed')`,
)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  outboxId!: string;

  @ManyToOne(() => OutboxEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outboxId' })
  outbox?: OutboxEventEntity;

  @Column({ type: 'varchar', length: 20 })
  unitKind!: UnitKind;

  // A department or township uuid, or a county's name (no FK: it points at one of several places).
  @Column({ type: 'varchar', length: UNIT_ID_MAX_LENGTH })
  unitId!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: OutboxEventType;

  // null for a notice about no single step (the daily overdue digest).
  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  stepId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  webhookStatus!: WebhookStatus | null;

  @Column({ type: 'int', default: 0 })
  webhookAttempts!: number;

  @Column({ type: 'text', nullable: true })
  webhookLastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  webhookDeliveredAt!: Date | null;
}
