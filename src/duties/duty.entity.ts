import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { DutyListKind, ParseWarning } from 'src/domain/vocabulary';
import { TownshipEntity } from 'src/organizations/township.entity';
import { DutyDepartmentEntity } from './duty-department.entity';

// One row of one of a township's three lists. Natural key: (township, list, 序号).
@Entity('duties')
@Unique('UQ_duties_township_list_no', ['townshipId', 'list', 'no'])
@Check('CHK_duties_list', `"list" IN ('basic', 'cooperative', 'withdrawn')`)
@Index('IDX_duties_needs_review', ['townshipId'], { where: '"needsReview"' })
// pg_trgm GIN index on name, created by a hand-written migration (TypeORM cannot express gin_trgm_ops).
@Index('IDX_duties_name_trgm', { synchronize: false })
export class DutyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  townshipId!: string;

  @ManyToOne(() => TownshipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'townshipId' })
  township?: TownshipEntity;

  @Column({ type: 'varchar', length: 20 })
  list!: DutyListKind;

  @Column({ type: 'int' })
  no!: number;

  @Column({ type: 'varchar', length: 100 })
  category!: string;

  @Column({ type: 'text' })
  name!: string;

  // 工作方式 of a withdrawn duty; null for the other lists.
  @Column({ type: 'text', nullable: true })
  method!: string | null;

  // Hash of everything parsed for the row; an unchanged hash means a re-import leaves the row alone.
  @Column({ type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: ParseWarning[];

  @Column({ type: 'boolean', default: false })
  needsReview!: boolean;

  @Column({ type: 'int' })
  sourceLine!: number;

  // False once a newer document of the township no longer has this row.
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @OneToMany(() => DutyDepartmentEntity, (link) => link.duty)
  departments?: DutyDepartmentEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
