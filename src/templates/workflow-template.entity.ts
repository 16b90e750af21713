import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CaseFieldDefinition } from 'src/applicants/case-fields';
import { DutyEntity } from 'src/duties/duty.entity';
import { TemplateStepEntity } from './template-step.entity';

// One version of a cooperative duty's workflow. Versions are immutable: a changed document or an edit
// adds version N+1, and running cases stay on the version they were opened with.
@Entity('workflow_templates')
@Unique('UQ_workflow_templates_duty_version', ['dutyId', 'version'])
export class WorkflowTemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  dutyId!: string;

  @ManyToOne(() => DutyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dutyId' })
  duty?: DutyEntity;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  name!: string;

  // Hash of the steps as imported; equal hash on re-import means no new version.
  @Column({ type: 'varchar', length: 64 })
  contentHash!: string;

  // The document version the template was imported from; null for versions saved by an edit.
  @Column({ type: 'uuid', nullable: true })
  documentId!: string | null;

  // Extra fields cases of this version must fill (label, type, required); see src/applicants/case-fields.ts.
  @Column({ type: 'jsonb', default: () => "'[]'" })
  caseFields!: CaseFieldDefinition[];

  @OneToMany(() => TemplateStepEntity, (step) => step.template)
  steps?: TemplateStepEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
