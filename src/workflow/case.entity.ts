import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TownshipEntity } from 'src/organizations/township.entity';
import { WorkflowTemplateEntity } from 'src/templates/workflow-template.entity';
import { UserEntity } from 'src/users/user.entity';
import { CaseStatus } from './case-status';

// One run of a template (e.g. one person's disability-card application), pinned to the template
// version it was opened with.
@Entity('cases')
@Check('CHK_cases_status', `"status" IN ('open', 'completed', 'cancelled')`)
@Check('CHK_cases_completed_at', `("status" = 'completed') = ("completedAt" IS NOT NULL)`)
@Check('CHK_cases_cancelled_at', `("status" = 'cancelled') = ("cancelledAt" IS NOT NULL)`)
@Index('IDX_cases_township_status', ['townshipId', 'status', 'createdAt'])
@Index('IDX_cases_template', ['templateId'])
@Index('IDX_cases_applicant_id_number', ['applicantIdNumber'], { where: '"applicantIdNumber" IS NOT NULL' })
@Index('IDX_cases_created_by', ['createdBy', 'createdAt'])
// The 督办看板's open cases at the month start: cases opened since (still open) and closed since.
@Index('IDX_cases_open_created', ['createdAt'], { where: `"status" = 'open'` })
@Index('IDX_cases_completed_at', ['completedAt'], { where: '"completedAt" IS NOT NULL' })
@Index('IDX_cases_cancelled_at', ['cancelledAt'], { where: '"cancelledAt" IS NOT NULL' })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  templateId!: string;

  @ManyToOne(() => WorkflowTemplateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'templateId' })
  template?: WorkflowTemplateEntity;

  @Column({ type: 'uuid' })
  townshipId!: string;

  @ManyToOne(() => TownshipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'townshipId' })
  township?: TownshipEntity;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  // Who or what the case is about: the applicant's (办理对象) name.
  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  // The rest of the applicant: 公民身份号码 and phone normalised (search compares the stored form).
  @Column({ type: 'varchar', length: 18, nullable: true })
  applicantIdNumber!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  applicantPhone!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  applicantVillage!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  applicantAddress!: string | null;

  @Column({ type: 'text', nullable: true })
  applicantRemarks!: string | null;

  // Values of the extra fields the template declares (caseFields), keyed by field key.
  @Column({ type: 'jsonb', nullable: true })
  extraFields!: Record<string, string | number | boolean> | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  // The sub-processes (一、… sections) this case runs; null = all of them.
  @Column({ type: 'text', array: true, nullable: true })
  sections!: string[] | null;

  @Column({ type: 'varchar', length: 20 })
  status!: CaseStatus;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'createdBy' })
  creator?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason!: string | null;
}
