import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CaseEntity } from 'src/workflow/case.entity';
import { StepLane } from 'src/domain/vocabulary';
import { StepStatus } from 'src/domain/step-status';

// A step of one case, copied from its template step when the case opens (so a later template version
// never changes a running case). Department lane: held by assigneeDepartmentIds; township lane: by the
// case's township.
@Entity('case_steps')
@Unique('UQ_case_steps_case_position', ['caseId', 'position'])
@Check(
  'CHK_case_steps_status',
  `"status" IN ('pending', 'ready', 'in_progress', 'completed', 'skipped', 'cancelled', 'not_applicable')`,
)
@Check('CHK_case_steps_lane', `"lane" IN ('department', 'township')`)
@Check('CHK_case_steps_completed_at', `("status" = 'completed') = ("completedAt" IS NOT NULL)`)
@Check('CHK_case_steps_claim', `"status" = 'in_progress' OR "claimedBy" IS NULL`)
@Check('CHK_case_steps_due', `"status" NOT IN ('ready', 'in_progress') OR "dueAt" IS NOT NULL`)
@Index('IDX_case_steps_open_due', ['dueAt'], { where: `"status" IN ('ready', 'in_progress')` })
@Index('IDX_case_steps_open_remind', ['remindAt'], {
  where: `"status" IN ('ready', 'in_progress') AND "remindedAt" IS NULL`,
})
@Check('CHK_case_steps_escalation', `"escalationLevel" BETWEEN 0 AND 2`)
@Index('IDX_case_steps_open_overdue', ['dueAt'], {
  where: `"status" IN ('ready', 'in_progress') AND "overdueAt" IS NULL`,
})
// Steps completed since the supervision roll-up was built (see migration SupervisionBoardHistory).
@Index('IDX_case_steps_completed_at', ['completedAt'], { where: `"status" = 'completed'` })
@Index('IDX_case_steps_open_escalation', ['nextEscalationAt'], {
  where: `"status" IN ('ready', 'in_progress')`,
})
// GIN on the assignee array (inbox: "steps of my department"), created by a hand-written migration.
@Index('IDX_case_steps_assignees', { synchronize: false })
// The statistics' 退回补正 columns read only the steps ever sent back (a few percent).
@Index('IDX_case_steps_returned', ['returnCount'], { where: '"returnCount" > 0' })
export class CaseStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'caseId' })
  case?: CaseEntity;

  @Column({ type: 'uuid', nullable: true })
  templateStepId!: string | null;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 20 })
  lane!: StepLane;

  @Column({ type: 'text', nullable: true })
  section!: string | null;

  @Column({ type: 'int' })
  order!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  assigneeDepartmentIds!: string[];

  @Column({ type: 'int', array: true, default: () => "'{}'" })
  dependsOn!: number[];

  @Column({ type: 'int' })
  dueWorkingDays!: number;

  @Column({ type: 'boolean', default: false })
  optional!: boolean;

  // Copied from the template: a standing duty (常态化职责) does not hold the case open.
  @Column({ type: 'boolean', default: false })
  standing!: boolean;

  @Column({ type: 'varchar', length: 20 })
  status!: StepStatus;

  @Column({ type: 'uuid', nullable: true })
  claimedBy!: string | null;

  // When the step last became ready (its clock started); reset by a send-back.
  @Column({ type: 'timestamptz', nullable: true })
  readyAt!: Date | null;

  // China date and instant (end of that day, UTC+8) by which the step is due, in working days.
  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  // The supervision ladder of the current deadline, computed when the clock (re)starts; each rung's
  // stamp is set exactly once (conditional UPDATE … WHERE stamp IS NULL AND "dueAt" = the job's dueAt).
  @Column({ type: 'timestamptz', nullable: true })
  remindAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;

  // 0 = none; 1 = escalated to the holder's leadership; 2 = escalated to the county supervisors.
  @Column({ type: 'int', default: 0 })
  escalationLevel!: number;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  // When the next escalation rung is due (set when the step is marked overdue and at each rung).
  @Column({ type: 'timestamptz', nullable: true })
  nextEscalationAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  // How often this step's work was sent back to it for correction (退回补正), for supervision.
  @Column({ type: 'int', default: 0 })
  returnCount!: number;

  // This step sent the case back and waits for the correction: when it becomes ready again its unit
  // is told the work came back.
  @Column({ type: 'boolean', default: false })
  awaitingCorrection!: boolean;

  // Bumped on every change: lets clients and tests see that a refused request changed nothing.
  @Column({ type: 'int', default: 0 })
  revision!: number;
}
