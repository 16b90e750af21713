import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { StepLane } from 'src/domain/vocabulary';
import type { DependencyEvidence } from 'src/domain/dependency-evidence';
import { WorkflowTemplateEntity } from './workflow-template.entity';

@Entity('template_steps')
@Unique('UQ_template_steps_template_position', ['templateId', 'position'])
@Check('CHK_template_steps_lane', `"lane" IN ('department', 'township')`)
@Check('CHK_template_steps_due', `"dueWorkingDays" >= 0`)
export class TemplateStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  templateId!: string;

  @ManyToOne(() => WorkflowTemplateEntity, (template) => template.steps, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'templateId' })
  template?: WorkflowTemplateEntity;

  // 1-based place in the whole template; dependsOn refers to these positions.
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 20 })
  lane!: StepLane;

  @Column({ type: 'text', nullable: true })
  section!: string | null;

  // 1-based order within (lane, section), as numbered in the document.
  @Column({ type: 'int' })
  order!: number;

  @Column({ type: 'text' })
  text!: string;

  // Department lane: the responsible departments. Township lane: empty (the duty's township does it).
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  assigneeDepartmentIds!: string[];

  @Column({ type: 'int', array: true, default: () => "'{}'" })
  dependsOn!: number[];

  @Column({ type: 'int', default: 5 })
  dueWorkingDays!: number;

  @Column({ type: 'boolean', default: false })
  optional!: boolean;

  // 常态化职责: a standing responsibility, not an act of one case. It waits for nothing, gates nothing, and
  // does not hold the case open (closed as 不适用 when everything else is done).
  @Column({ type: 'boolean', default: false })
  standing!: boolean;

  // Why each dependsOn entry is there: rule id and the words that triggered it (one entry per dependency).
  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence!: DependencyEvidence[];
}
