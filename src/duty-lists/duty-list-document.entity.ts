import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { TownshipEntity } from 'src/organizations/township.entity';
import { ParseWarning } from 'src/domain/vocabulary';

export interface DutyListCounts {
  basic: number;
  cooperative: number;
  withdrawn: number;
}

// One distinct version of a township's document (by SHA-256 of its bytes): importing the same bytes
// again finds this row and changes nothing.
@Entity('duty_list_documents')
@Unique('UQ_duty_list_documents_township_hash', ['townshipId', 'contentHash'])
export class DutyListDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  townshipId!: string;

  @ManyToOne(() => TownshipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'townshipId' })
  township?: TownshipEntity;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'jsonb' })
  counts!: DutyListCounts;

  // Document-level and row warnings from the parser: the review list for this document.
  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: ParseWarning[];

  @CreateDateColumn({ type: 'timestamptz' })
  importedAt!: Date;
}
