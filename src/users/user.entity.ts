import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { DepartmentEntity } from 'src/organizations/department.entity';
import { TownshipEntity } from 'src/organizations/township.entity';
import { UserRole } from './user-role';

// A person who signs in. Department staff belong to a department, township staff to a township,
// supervisors to a county; the CHECK keeps each role tied to exactly the unit it needs.
@Entity('users')
@Unique('UQ_users_username', ['username'])
@Check('CHK_users_leader', `NOT "isLeader" OR "role" IN ('department_staff', 'township_staff')`)
@Check('CHK_users_role', `"role" IN ('admin', 'supervisor', 'department_staff', 'township_staff')`)
@Check(
  'CHK_users_unit',
  `("role" = 'department_staff') = ("departmentId" IS NOT NULL) AND ("role" = 'township_staff') = ("townshipId" IS NOT NULL) AND ("role" <> 'supervisor' OR "county" IS NOT NULL)`,
)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ type: 'varchar', length: 100, select: false })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: UserRole;

  @Column({ type: 'uuid', nullable: true })
  departmentId!: string | null;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departmentId' })
  department?: DepartmentEntity;

  @Column({ type: 'uuid', nullable: true })
  townshipId!: string | null;

  @ManyToOne(() => TownshipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'townshipId' })
  township?: TownshipEntity;

  // The county a supervisor oversees (also filled for department and township staff, for scoping).
  @Column({ type: 'varchar', length: 100, nullable: true })
  county!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone!: string | null;

  // 负责人 of their department or township: receives the level-1 escalation, sees the unit's overdue work.
  @Column({ type: 'boolean', default: false })
  isLeader!: boolean;

  // Part of every token; bumped when the password changes, the user is disabled or moves unit, so
  // tokens issued before stop working at once.
  @Column({ type: 'int', default: 0 })
  tokenVersion!: number;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
