import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum CaseEventType {
  CaseOpened = 'case_opened',
  CaseCompleted = 'case_completed',
  CaseCancelled = 'case_cancelled',
  StepStatusChanged = 'step_status_changed',
  StepReturned = 'step_returned',
  StepReassigned = 'step_reassigned',
  StepComment = 'step_comment',
  StepReminded = 'step_reminded',
  StepOverdue = 'step_overdue',
  StepEscalated = 'step_escalated',
  StepUrged = 'step_urged',
  StepRetimed = 'step_retimed',
}

// Append-only audit trail (a trigger in the migration refuses UPDATE and DELETE): who, what, when,
// from → to, note. Comments are events too, so the history reads as one timeline.
@Entity('case_events')
@Index('IDX_case_events_case', ['caseId', 'id'])
@Index('IDX_case_events_step', ['stepId'], { where: '"stepId" IS NOT NULL' })
export class CaseEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid', nullable: true })
  stepId!: string | null;

  // null for the system (e.g. a step becoming ready because its predecessors are done).
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 40 })
  type!: CaseEventType;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  toStatus!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
