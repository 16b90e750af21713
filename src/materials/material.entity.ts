import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseEntity } from 'src/workflow/case.entity';
import { CaseStepEntity } from 'src/workflow/case-step.entity';
import { UserEntity } from 'src/users/user.entity';

// A file attached to a case (or to one of its steps, e.g. the corrected form of a 补正). The bytes
// live behind MaterialStorage (see material-storage.ts), by default in material_contents.
@Entity('materials')
@Index('IDX_materials_case', ['caseId', 'createdAt'])
@Check('CHK_materials_kind', `"kind" IN ('pdf', 'jpeg', 'png', 'docx', 'xlsx', 'ofd')`)
@Check('CHK_materials_size', `"size" > 0`)
export class MaterialEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'caseId' })
  case?: CaseEntity;

  @Column({ type: 'uuid', nullable: true })
  stepId!: string | null;

  @ManyToOne(() => CaseStepEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stepId' })
  step?: CaseStepEntity;

  @Column({ type: 'varchar', length: 200 })
  fileName!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: string;

  @Column({ type: 'varchar', length: 100 })
  mediaType!: string;

  @Column({ type: 'int' })
  size!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  // Where MaterialStorage keeps the bytes (for the PostgreSQL storage: the material_contents id).
  @Column({ type: 'varchar', length: 200 })
  storageKey!: string;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploadedBy' })
  uploader?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

// The bytes, apart from the metadata so listing materials never reads them. In the database, a
// database backup is a backup of every material too.
@Entity('material_contents')
export class MaterialContentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
