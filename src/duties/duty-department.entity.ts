import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DepartmentEntity } from 'src/organizations/department.entity';
import { DutyEntity } from './duty.entity';

// The departments named in a duty's 对应上级部门 / 承接部门 cell, in document order (position 1 = lead).
@Entity('duty_departments')
export class DutyDepartmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  dutyId!: string;

  @PrimaryColumn({ type: 'uuid' })
  departmentId!: string;

  @Column({ type: 'int' })
  position!: number;

  @ManyToOne(() => DutyEntity, (duty) => duty.departments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dutyId' })
  duty?: DutyEntity;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departmentId' })
  department?: DepartmentEntity;
}
