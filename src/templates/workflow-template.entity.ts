import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { DutyEntity } from 'src/duties/duty.entity';
import { TemplateStepEntity } from './template-step.entity';
import type { DocumentUpdate, TemplateOrigin } from './template-provenance';

// One version of a cooperative duty's workflow. Versions are immutable: a changed document or an edit
// adds version N+1, and running cases stay on the version they were opened with.
@Entity('workflow_templates')
@Unique('UQ_workflow_templates_duty_version', ['dutyId', 'version'])
@Check('CHK_workflow_templates_origin', `"origin" IN ('document', 'person')`)
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

  // Hash of what the version holds (document versions: the row's text and the inference revision).
  @Column({ type: 'varchar', length: 64 })
  contentHash!: string;

  // Hash of the document row the version rests on. A person's version keeps the one it was edited from,
  // so a re-import can tell "the document changed under an edit" from "nothing changed".
  @Column({ type: 'varchar', length: 64, nullable: true })
  sourceHash!: string | null;

  // document: derived by the importer; person: saved by a supervisor or admin.
  @Column({ type: 'varchar', length: 20, default: 'document' })
  origin!: TemplateOrigin;

  // 待复核: the text gave no clear handoff between lanes holding real work, so they stay parallel.
  @Column({ type: 'boolean', default: false })
  needsReview!: boolean;

  // 文件已更新，待复核: the document changed after a person edited this duty; what it would now derive.
  @Column({ type: 'jsonb', nullable: true })
  documentUpdate!: DocumentUpdate | null;

  // The document version the template was imported from; null for versions saved by an edit.
  @Column({ type: 'uuid', nullable: true })
  documentId!: string | null;

  @OneToMany(() => TemplateStepEntity, (step) => step.template)
  steps?: TemplateStepEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
